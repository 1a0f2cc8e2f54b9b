"""CORS: allowed origins (ORIGINS=http://allowed.example,http://second.example)."""

import pytest

from checks import error, ok

ALLOWED = ["http://allowed.example", "http://second.example"]
FOREIGN = ["http://evil.example", "http://allowed.example.evil", "https://allowed.example",
           "http://allowed.example:8080", "null", "http://sub.allowed.example"]
PATHS = ["/movies", "/movies/2", "/actors", "/actors/1", "/casts", "/casts/movies/1/actors/1"]
METHODS = {"GET", "POST", "PATCH", "DELETE", "OPTIONS"}
HEADERS = {"content-type", "authorization", "if-match", "if-none-match"}


def tokens(value):
    return {v.strip().lower() for v in (value or "").split(",") if v.strip()}


def no_wildcard_with_credentials(r):
    if r.headers.get("Access-Control-Allow-Origin") == "*":
        assert r.headers.get("Access-Control-Allow-Credentials", "").lower() != "true"


@pytest.mark.parametrize("origin", ALLOWED)
@pytest.mark.parametrize("path", ["/movies", "/actors/1", "/"])
def test_allowed_origin_is_echoed(demo, origin, path):
    r = demo.get(path, role="assistant", headers={"Origin": origin})
    ok(r)
    assert r.headers.get("Access-Control-Allow-Origin") == origin
    no_wildcard_with_credentials(r)


@pytest.mark.parametrize("origin", FOREIGN)
def test_foreign_origin_gets_no_allow_origin(demo, origin):
    r = demo.get("/movies", headers={"Origin": origin})
    ok(r)
    assert "Access-Control-Allow-Origin" not in r.headers
    no_wildcard_with_credentials(r)


def test_no_origin_no_cors_headers_needed(demo):
    r = demo.get("/movies")
    ok(r)
    assert r.headers.get("Access-Control-Allow-Origin") in (None, "*")
    no_wildcard_with_credentials(r)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("method", ["PATCH", "DELETE", "POST", "GET"])
def test_preflight(demo, path, method):
    r = demo.req("OPTIONS", path, role=None, headers={
        "Origin": "http://allowed.example", "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization, content-type, if-match"})
    assert r.status_code in (200, 204), (r.status_code, r.text)
    assert r.headers.get("Access-Control-Allow-Origin") == "http://allowed.example"
    assert {m.upper() for m in tokens(r.headers.get("Access-Control-Allow-Methods"))} >= METHODS
    assert tokens(r.headers.get("Access-Control-Allow-Headers")) >= HEADERS
    no_wildcard_with_credentials(r)


@pytest.mark.parametrize("origin", FOREIGN[:2])
def test_preflight_foreign_origin(demo, origin):
    r = demo.req("OPTIONS", "/movies", role=None, headers={
        "Origin": origin, "Access-Control-Request-Method": "PATCH"})
    assert "Access-Control-Allow-Origin" not in r.headers
    no_wildcard_with_credentials(r)


def test_error_responses_carry_cors_for_allowed_origin(demo):
    """A browser app must be able to read a 401 (to sign in again) and a 404."""
    r = demo.get("/movies", role=None, headers={"Origin": "http://allowed.example"})
    error(r, 401)
    assert r.headers.get("Access-Control-Allow-Origin") == "http://allowed.example"
    r = demo.get("/movies/987654", headers={"Origin": "http://allowed.example"})
    error(r, 404)
    assert r.headers.get("Access-Control-Allow-Origin") == "http://allowed.example"
