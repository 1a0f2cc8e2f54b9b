"""Security headers on every answer, no version banner, and nothing secret in
responses or in the server's log (no query strings, no tokens, no SQL)."""

import socket

import pytest

from checks import error, ok, tag

SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
}

# (method, path, role, body/data, content type) → one of each kind of answer
CASES = [
    ("GET", "/", None, None, None),
    ("GET", "/movies", "assistant", None, None),
    ("GET", "/movies/1", "assistant", None, None),
    ("GET", "/movies/999999", "assistant", None, None),
    ("GET", "/movies", None, None, None),
    ("DELETE", "/movies/1", "assistant", None, None),
    ("PUT", "/movies", "producer", None, None),
    ("GET", "/nope", None, None, None),
    ("POST", "/actors", "director", b"{", "application/json"),
    ("POST", "/actors", "director", b"{}", "text/plain"),
    ("OPTIONS", "/movies", None, None, None),
    ("GET", "/.well-known/jwks.json", None, None, None),
]


@pytest.mark.parametrize("method,path,role,data,ctype", CASES,
                         ids=[f"{c[0]} {c[1]} {c[2]}" for c in CASES])
def test_security_headers_on_every_answer(demo, method, path, role, data, ctype):
    hdrs = {"Origin": "http://allowed.example"} if method == "OPTIONS" else None
    r = demo.http.request(method, demo.url + path, data=data, allow_redirects=False, timeout=10,
                          headers={**({"Authorization": "Bearer " + demo.token(role)} if role else {}),
                                   **({"Content-Type": ctype} if ctype else {}), **(hdrs or {})})
    for name, value in SECURITY.items():
        assert r.headers.get(name) == value, (method, path, r.status_code, name, dict(r.headers))
    assert "Server" not in r.headers, r.headers
    assert "X-Powered-By" not in r.headers, r.headers
    assert "microhttpd" not in str(r.headers).lower()


def test_no_version_banner_in_raw_answer(demo):
    """The raw bytes of a 404 name neither the server software nor its version."""
    with socket.create_connection(("127.0.0.1", demo.port), timeout=5) as s:
        s.sendall(b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].lower()
    assert b"server:" not in head and b"microhttpd" not in data.lower() and b"audition/" not in head, data


def test_errors_leak_no_internals(server):
    """A database-level conflict and a malformed body answer in plain words."""
    t = tag()
    aid = ok(server.post("/actors", {"name": t, "age": 30}), 201)["id"]
    mid = ok(server.post("/movies", {"title": t, "genre": "DRAMA"}), 201)["id"]
    ok(server.post("/casts", {"movieId": mid, "actorId": aid}), 201)
    for r in (server.post("/casts", {"movieId": mid, "actorId": aid}),
              server.req("POST", "/actors", data=b'{"name": "x", "age": 1e999}', content_type="application/json"),
              server.req("POST", "/actors", data=b"\xff\xfe{", content_type="application/json")):
        b = error(r, 400)
        text = r.text.lower()
        for word in ("unique", "constraint", "sqlite", "postgres", "select", "insert", "traceback", "jansson"):
            assert word not in text, (word, r.text)


def test_log_has_no_query_string_token_or_sql(fresh):
    """The access log names method, path and status only: never the query
    string (searches are personal data), never the Authorization header."""
    secret_search = "zz-private-" + tag()
    tok = fresh.token("producer")
    ok(fresh.get("/actors?search=" + secret_search + "&page=1"))
    error(fresh.get("/movies?search=" + secret_search, role=None,
                    headers={"Authorization": "Bearer " + tok[:-10] + "AAAAAAAAAA"}), 401)
    error(fresh.req("POST", "/actors", data=b'{"name": "x\' OR 1=1 --", "age": "a"}',
                    content_type="application/json"), 400)
    ok(fresh.post("/actors", {"name": "O'Brien; DROP TABLE actors; --", "age": 40}), 201)
    assert fresh.stop() == 0  # the access log is buffered: stopping flushes it
    log = fresh.stderr_text()
    assert "GET /actors" in log, log[-2000:]
    assert secret_search not in log, log[-2000:]
    assert "search=" not in log, log[-2000:]
    for part in tok.split("."):
        assert part[:20] not in log, "a token part is in the log"
    assert "Bearer" not in log
    for word in ("SELECT ", "INSERT ", "DROP TABLE"):
        assert word not in log, (word, log[-2000:])
