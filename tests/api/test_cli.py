"""The command line: version, unknown commands, seed (and --force), serve's life cycle."""

import socket
import subprocess

from checks import demo_movie, error, ok
from server import binary


def test_version_exits_0():
    p = subprocess.run([binary(), "version"], capture_output=True, text=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip(), "version prints something"


def test_unknown_command_exits_2():
    p = subprocess.run([binary(), "bogus"], capture_output=True, text=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert p.stderr.strip()


def test_seed_twice_needs_force(unstarted):
    srv = unstarted
    srv.seed()
    p = srv.cli("seed")
    assert p.returncode in (1, 2), (p.returncode, p.stdout, p.stderr)
    assert p.stderr.strip(), "a second seed says why it refused"

    srv.start()
    assert ok(srv.get("/movies"))["totalMovies"] == 11
    assert ok(srv.get("/movies/2"))["movie"] == demo_movie(2)
    new = ok(srv.post("/movies", {"title": "Kept until --force", "genre": "DRAMA"}), 201)["id"]
    ok(srv.patch("/movies/2", [{"op": "add", "path": "/title", "value": "Changed"}]))
    assert srv.stop() == 0

    p = srv.cli("seed")
    assert p.returncode in (1, 2), (p.returncode, p.stdout, p.stderr)
    srv.start()
    assert ok(srv.get("/movies"))["totalMovies"] == 12  # still there: nothing was reloaded
    assert ok(srv.get("/movies/2"))["movie"]["title"] == "Changed"
    assert srv.stop() == 0

    p = srv.cli("seed", "--force")
    assert p.returncode == 0, (p.stdout, p.stderr)
    srv.start()
    assert ok(srv.get("/movies"))["totalMovies"] == 11
    assert ok(srv.get("/movies/2"))["movie"] == demo_movie(2)
    error(srv.get(f"/movies/{new}"), 404)


def test_serve_on_an_empty_database(unstarted):
    srv = unstarted
    srv.start()  # serve migrates an empty database by itself
    assert ok(srv.get("/movies")) == {"movies": [], "offset": 0, "success": True, "totalMovies": 0}
    assert ok(srv.get("/actors")) == {"actors": [], "offset": 0, "success": True, "totalActors": 0}
    assert ok(srv.post("/movies", {"title": "First", "genre": "DRAMA"}), 201) == {
        "id": 1, "success": True}
    assert srv.stop() == 0
    p = srv.cli("seed")  # not an empty database any more
    assert p.returncode in (1, 2), (p.returncode, p.stdout, p.stderr)
    srv.start()
    assert ok(srv.get("/movies"))["totalMovies"] == 1


def test_data_survives_a_restart(fresh):
    mid = ok(fresh.post("/movies", {"title": "Persistent", "genre": "NOIR"}), 201)["id"]
    ok(fresh.post("/casts", {"movieId": mid, "actorId": 3}), 201)
    before = ok(fresh.get(f"/movies/{mid}"))
    assert fresh.stop() == 0
    fresh.start()
    assert ok(fresh.get(f"/movies/{mid}")) == before


def test_sigterm_with_an_idle_connection_exits_0(fresh):
    ok(fresh.get("/movies"))
    idle = socket.create_connection(("127.0.0.1", fresh.port), timeout=5)
    half = socket.create_connection(("127.0.0.1", fresh.port), timeout=5)
    half.sendall(b"GET /movies HTTP/1.1\r\nHost: x\r\n")  # a request never finished
    try:
        assert fresh.stop() == 0
    finally:
        idle.close()
        half.close()


def test_seed_with_casting(unstarted):
    """`seed --casting` (what `make run` loads): the demo data plus roles,
    candidates at their stages and auditions in the coming days, all through
    the API's rules (an audition is a candidate's; no two clash)."""
    srv = unstarted
    p = srv.cli("seed", "--synthetic", "10", "--casting")
    assert p.returncode == 2 and "--casting" in p.stderr, (p.returncode, p.stderr)
    p = srv.cli("seed", "--casting")
    assert p.returncode == 0, (p.stdout, p.stderr)
    assert "casting" in p.stdout
    srv.start()
    assert ok(srv.get("/movies"))["totalMovies"] == 11
    roles = ok(srv.get("/movies/9/roles"))
    assert [r["name"] for r in roles["roles"]] == ["Nick Fury", "Maria Hill"]
    fury = roles["roles"][0]
    cands = ok(srv.get(f"/roles/{fury['id']}/candidates"))["candidates"]
    stages = {c["actor"]["id"]: c["stage"] for c in cands}
    assert stages == {2: "CALLBACK", 15: "SHORTLISTED", 12: "SUGGESTED"}
    auditions = ok(srv.get("/auditions?page=1"))
    assert auditions["totalAuditions"] == 3
    assert {a["status"] for a in auditions["auditions"]} == {"SCHEDULED"}
    assert {(a["roleId"], a["actorId"]) for a in auditions["auditions"]} >= {(fury["id"], 2)}
    assert srv.stop() == 0
    p = srv.cli("seed", "--casting")
    assert p.returncode in (1, 2), (p.returncode, p.stdout, p.stderr)   # not empty: needs --force
