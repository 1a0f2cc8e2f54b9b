"""PostgreSQL going away and coming back: 503 while down, 200 again after."""

import time

import pytest
import requests

from checks import error, ok


@pytest.mark.backends("postgres")
def test_database_down_is_503_then_recovers(backend, make_server, own_cluster):
    srv = make_server(backend, "dbdown", cluster=own_cluster)
    try:
        srv.seed()
        srv.start()
        ok(srv.get("/movies"))
        own_cluster.stop()

        r = srv.get("/movies")
        error(r, 503)
        error(srv.get("/actors/1"), 503)
        error(srv.post("/movies", {"title": "While down", "genre": "DRAMA"}), 503)

        own_cluster.start()
        deadline = time.monotonic() + 10
        while True:
            try:
                r = srv.get("/movies")
                if r.status_code == 200 or time.monotonic() > deadline:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)
        assert ok(r)["totalMovies"] == 11
        ok(srv.post("/movies", {"title": "After", "genre": "DRAMA"}), 201)
    finally:
        if srv.proc is not None:
            srv.shutdown_and_check()
