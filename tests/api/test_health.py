"""Health, unknown paths (404), wrong methods (405 + Allow), ids in paths."""

import pytest

from checks import error, ok


def test_health_without_token(demo):
    r = demo.get("/", role=None)
    assert ok(r) == {"success": True}


def test_health_with_token(demo):
    assert ok(demo.get("/", role="assistant")) == {"success": True}


UNKNOWN_PATHS = [
    "/nope", "/movie", "/MOVIES", "/movies/1/extra", "/actors/1/movies", "/casts/movies/1",
    "/casts/movies/1/actors", "/casts/movies/1/actors/1/x", "/casts/actors/1/movies/1",
    "/movies/1/actors/1",
]


@pytest.mark.parametrize("role", [None, "producer"])
@pytest.mark.parametrize("path", UNKNOWN_PATHS)
def test_unknown_path_is_404(demo, path, role):
    error(demo.get(path, role=role), 404)


# (method, path, methods the Allow header must contain)
WRONG_METHODS = [
    ("PATCH", "/movies", {"GET", "POST"}),
    ("DELETE", "/movies", {"GET", "POST"}),
    ("PUT", "/movies", {"GET", "POST"}),
    ("PUT", "/movies/1", {"GET", "PATCH", "DELETE"}),
    ("POST", "/movies/1", {"GET", "PATCH", "DELETE"}),
    ("PATCH", "/actors", {"GET", "POST"}),
    ("DELETE", "/actors", {"GET", "POST"}),
    ("PUT", "/actors/1", {"GET", "PATCH", "DELETE"}),
    ("POST", "/actors/1", {"GET", "PATCH", "DELETE"}),
    ("GET", "/casts", {"POST"}),
    ("DELETE", "/casts", {"POST"}),
    ("GET", "/casts/movies/1/actors/1", {"DELETE"}),
    ("POST", "/casts/movies/1/actors/1", {"DELETE"}),
    ("POST", "/", {"GET"}),
    ("DELETE", "/", {"GET"}),
]


@pytest.mark.parametrize("role", [None, "producer"])
@pytest.mark.parametrize("method,path,allow", WRONG_METHODS)
def test_wrong_method_is_405_with_allow(server, method, path, allow, role):
    r = server.req(method, path, role=role)
    error(r, 405)
    got = {m.strip().upper() for m in r.headers.get("Allow", "").split(",") if m.strip()}
    assert allow <= got, f"Allow: {r.headers.get('Allow')!r} should contain {sorted(allow)}"
    assert "PUT" not in got


BAD_IDS = ["boom", "0", "-1", "1.5", "1e3", "12abc", "0x1", "99999999999999999999", "%20"]


@pytest.mark.parametrize("kind", ["movies", "actors"])
@pytest.mark.parametrize("bad", BAD_IDS)
def test_non_numeric_or_zero_id_is_404(server, kind, bad):
    error(server.get(f"/{kind}/{bad}"), 404)
    error(server.patch(f"/{kind}/{bad}", []), 404)
    error(server.delete(f"/{kind}/{bad}"), 404)


@pytest.mark.parametrize("kind", ["movies", "actors"])
def test_absent_id_is_404(server, kind):
    error(server.get(f"/{kind}/987654"), 404)
    error(server.patch(f"/{kind}/987654", [{"op": "remove", "path": "/posterUrl"
                                            if kind == "movies" else "/photoUrl"}]), 404)
    error(server.delete(f"/{kind}/987654"), 404)
