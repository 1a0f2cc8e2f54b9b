"""Operations endpoints and logs: /healthz, /readyz, /metrics (Prometheus text,
loopback or METRICS_TOKEN), X-Request-Id (honoured when sane, else generated,
echoed, logged), LOG_FORMAT=json access logs."""

import json
import re
import socket
import sqlite3
import time

import pytest

from checks import error, metrics, ok
from pgharness import PgCluster

HEX32 = re.compile(r"^[0-9a-f]{32}$")
def wait_for_log(srv, needle, timeout=5.0):
    """The server's stderr once it contains needle (the log is written after the response)."""
    deadline = time.monotonic() + timeout
    while True:
        text = srv.stderr_text()
        if needle in text or time.monotonic() > deadline:
            return text
        time.sleep(0.05)


# -- health and readiness ------------------------------------------------------
def test_healthz_needs_no_token(demo):
    assert ok(demo.get("/healthz", role=None)) == {"status": "alive", "success": True}


def test_readyz_when_database_is_up(demo):
    b = ok(demo.get("/readyz", role=None))
    assert b == {"database": "ok", "migrations": "current", "status": "ready", "success": True}


@pytest.mark.backends("sqlite")
def test_readyz_503_when_migrations_are_not_current(backend, fresh):
    ok(fresh.get("/readyz", role=None))
    path = fresh.db_url[len("sqlite:///"):]
    db = sqlite3.connect(path, timeout=10)
    try:
        newest = db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
        db.execute("DELETE FROM schema_migrations WHERE version = ?", (newest,))
        db.commit()
        error(fresh.get("/readyz", role=None), 503)
        ok(fresh.get("/healthz", role=None))
        db.execute("INSERT INTO schema_migrations (version) VALUES (?)", (newest,))
        db.commit()
    finally:
        db.close()
    ok(fresh.get("/readyz", role=None))


@pytest.mark.backends("postgres")
def test_readyz_503_while_database_is_down_healthz_stays_200(backend, make_server):
    cluster = PgCluster("audition-pg-ready")
    srv = None
    try:
        cluster.start()
        srv = make_server(backend, "ready", cluster=cluster)
        srv.seed()
        srv.start()
        ok(srv.get("/readyz", role=None))
        cluster.stop()
        error(srv.get("/readyz", role=None), 503)
        ok(srv.get("/healthz", role=None))
        cluster.start()
        deadline = time.monotonic() + 10
        while srv.get("/readyz", role=None).status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        ok(srv.get("/readyz", role=None))
    finally:
        if srv is not None and srv.proc is not None:
            srv.shutdown_and_check()
        cluster.destroy()


# -- request ids ---------------------------------------------------------------
def test_sane_request_id_is_echoed_and_logged(server):
    rid = "lb-" + str(time.time_ns()) + ":a.b_c@d+e/f="
    r = server.get("/movies", headers={"X-Request-Id": rid})
    ok(r)
    assert r.headers["X-Request-Id"] == rid
    assert f"id={rid}" in wait_for_log(server, rid)


@pytest.mark.parametrize("bad", ["x" * 129, "has space", "semi;colon", "quote\"", "<script>", "é"])
def test_insane_request_id_is_replaced(server, bad):
    r = server.get("/movies", headers={"X-Request-Id": bad.encode("utf-8")})
    ok(r)
    assert HEX32.match(r.headers["X-Request-Id"]), r.headers["X-Request-Id"]


def test_request_id_generated_when_absent_on_every_answer(server):
    ids = set()
    for r in (server.get("/movies"), server.get("/nope"), server.get("/movies", role=None),
              server.req("PUT", "/movies"), server.get("/healthz", role=None)):
        rid = r.headers.get("X-Request-Id", "")
        assert HEX32.match(rid), (r.status_code, rid)
        ids.add(rid)
    assert len(ids) == 5
    assert len(server.get("/movies").headers["X-Request-Id"]) == 32


def test_request_id_of_128_characters_is_kept(server):
    rid = "r" * 128
    assert server.get("/healthz", role=None, headers={"X-Request-Id": rid}).headers["X-Request-Id"] == rid


# -- JSON access log -----------------------------------------------------------
def test_json_access_log(backend, make_server):
    srv = make_server(backend, "jsonlog")
    srv.extra_env = {"LOG_FORMAT": "json"}
    try:
        srv.seed()
        srv.start()
        rid = f"json-{time.time_ns()}"
        ok(srv.get("/movies/1", headers={"X-Request-Id": rid}))
        error(srv.get("/nope?x=1", headers={"X-Request-Id": rid + "-404"}), 404)
        text = wait_for_log(srv, rid + "-404")
        entries = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
        by_id = {e["request_id"]: e for e in entries}
        e = by_id[rid]
        assert e["method"] == "GET" and e["path"] == "/movies/1" and e["route"] == "/movies/{id}"
        assert e["status"] == 200 and e["bytes"] > 0 and e["complete"] is True
        assert isinstance(e["duration_us"], int) and e["duration_us"] >= 0
        assert e["level"] == "info" and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", e["ts"])
        miss = by_id[rid + "-404"]
        assert miss["status"] == 404 and miss["route"] is None and miss["path"] == "/nope"
        # the text form is not written as well
        assert f"id={rid}" not in text
    finally:
        if srv.proc is not None:
            srv.shutdown_and_check()


@pytest.mark.backends("sqlite")
@pytest.mark.parametrize("var,value", [("LOG_FORMAT", "xml"), ("METRICS_TOKEN", "short"),
                                       ("METRICS_TOKEN", "has a space in it somewhere"),
                                       ("DATABASE_READ_URL", "postgresql://a:b@127.0.0.1:1/x"),
                                       ("DATABASE_READ_URL", "sqlite:///tmp/x.db"),
                                       ("READ_AFTER_WRITE_SECONDS", "-1")])
def test_bad_observability_config_stops_start(backend, unstarted, var, value):
    unstarted.extra_env = {var: value}
    p = unstarted.cli("migrate")
    assert p.returncode == 2, p.stderr
    assert var in p.stderr


# -- metrics -------------------------------------------------------------------
def test_metrics_count_requests_by_route_and_status(server):
    before = metrics(server)
    key200 = ("audition_http_requests_total", '{method="GET",route="/actors/{id}",status="200"}')
    key404 = ("audition_http_requests_total", '{method="GET",route="/actors/{id}",status="404"}')
    keyun = ("audition_http_requests_total", '{method="",route="unmatched",status="404"}')
    hist = ("audition_http_request_duration_seconds_count", '{method="GET",route="/actors/{id}"}')
    inf = ("audition_http_request_duration_seconds_bucket", '{method="GET",route="/actors/{id}",le="+Inf"}')
    for _ in range(3):
        ok(server.get("/actors/1"))
    error(server.get("/actors/987654"), 404)
    error(server.get("/no/such/path"), 404)
    after = metrics(server)
    assert after[key200] - before.get(key200, 0) == 3
    assert after[key404] - before.get(key404, 0) == 1
    assert after[keyun] - before.get(keyun, 0) == 1
    assert after[hist] - before.get(hist, 0) == 4
    assert after[inf] == after[hist]
    assert after[("audition_http_requests_in_flight", "")] >= 1
    assert after[("audition_build_info", '{version="0.1.0"}')] == 1


def test_metrics_histogram_is_cumulative(server):
    ok(server.get("/movies"))
    m = metrics(server)
    buckets = [(k[1], v) for k, v in m.items()
               if k[0] == "audition_http_request_duration_seconds_bucket" and 'route="/movies"' in k[1]
               and 'method="GET"' in k[1]]
    assert len(buckets) == 13
    values = [v for _, v in buckets]
    assert values == sorted(values)


def test_metrics_pool_and_auth_counters(fresh):
    m0 = metrics(fresh)
    assert m0[("audition_db_pool_size", '{pool="primary"}')] >= 1
    assert 0 <= m0[("audition_db_pool_in_use", '{pool="primary"}')] <= m0[("audition_db_pool_open", '{pool="primary"}')]
    assert m0[("audition_db_pool_waits_total", '{pool="primary"}')] >= 0
    assert not [k for k in m0 if 'pool="replica"' in k[1]]   # no DATABASE_READ_URL here
    token = fresh.keys.role_token("assistant")
    ok(fresh.get("/movies", token=token))
    ok(fresh.get("/movies", token=token))
    m1 = metrics(fresh)
    hits = ("audition_auth_token_cache_hits_total", "")
    misses = ("audition_auth_token_cache_misses_total", "")
    assert m1[misses] - m0[misses] == 1
    assert m1[hits] - m0[hits] == 1
    assert m1[("audition_auth_jwks_fetches_total", "")] >= 1


def test_metrics_token_required_when_set(backend, make_server):
    srv = make_server(backend, "metricstoken")
    secret = "m-" + "x" * 30
    srv.extra_env = {"METRICS_TOKEN": secret}
    try:
        srv.seed()
        srv.start()
        r = srv.get("/metrics", role=None)
        error(r, 401)
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
        error(srv.get("/metrics", token="m-" + "y" * 30), 401)
        error(srv.get("/metrics", token=secret + "x"), 401)
        error(srv.get("/metrics", role="producer"), 401)
        r = srv.get("/metrics", token=secret)
        assert r.status_code == 200 and "audition_http_requests_total" in r.text
    finally:
        if srv.proc is not None:
            srv.shutdown_and_check()


def test_ops_endpoints_are_get_only(server):
    for path in ("/metrics", "/healthz", "/readyz"):
        r = server.req("POST", path, role=None)
        error(r, 405)
        assert r.headers["Allow"] == "GET"


def test_connection_closed_mid_body_counts_as_499(server):
    key = ("audition_http_requests_total", '{method="POST",route="/actors",status="499"}')
    before = metrics(server).get(key, 0)
    head = (f"POST /actors HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {server.token('producer')}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\"").encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(head)
    deadline = time.monotonic() + 10
    while metrics(server).get(key, 0) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert metrics(server).get(key, 0) == before + 1
