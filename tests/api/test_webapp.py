"""The web app's serving: GET / sends browsers to /app/ (everyone else keeps the
health JSON), files from WEB_ROOT with types, cache and security headers,
strong ETags and If-None-Match, the index.html fallback for client routes, no
way out of the root, bounded sizes, and GET /auth/config with and without an
OIDC provider."""

import hashlib
import http.client
import os
import shutil
import tempfile

import pytest

from checks import error
from server import Server

pytestmark = pytest.mark.backends("sqlite")

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
INDEX = b"<!doctype html><title>Audition</title><script type=module src=/app/assets/app-1a2b3c.js></script>"
SECRET = "top-secret-outside-the-root"


@pytest.fixture(scope="module")
def web_root():
    base = tempfile.mkdtemp(prefix="audition-webroot-")
    root = os.path.join(base, "dist")
    os.makedirs(os.path.join(root, "assets"))
    with open(os.path.join(root, "index.html"), "wb") as f:
        f.write(INDEX)
    for name, data in [("assets/app-1a2b3c.js", b"console.log('hi')\n"), ("assets/app-1a2b3c.css", b"body{}"),
                       ("favicon.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), (".hidden", b"hidden"),
                       ("assets/font-9z.woff2", b"wOF2"), ("notes", b"no extension")]:
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
    with open(os.path.join(base, "secret.txt"), "w") as f:
        f.write(SECRET)
    os.symlink(os.path.join(base, "secret.txt"), os.path.join(root, "link.txt"))
    os.symlink(base, os.path.join(root, "up"))
    with open(os.path.join(root, "big.bin"), "wb") as f:
        f.truncate(9 * 1024 * 1024)
    yield root
    shutil.rmtree(base, ignore_errors=True)


def started(make_server, backend, **env):
    srv = make_server(backend, "web")
    srv.env = lambda **extra: Server.env(srv, **{**env, **extra})
    srv.start()
    return srv


@pytest.fixture(scope="module")
def web(make_server, web_root):
    srv = started(make_server, "sqlite", WEB_ROOT=web_root)
    yield srv
    srv.shutdown_and_check()


def raw_get(srv, path, headers=None, method="GET", all_headers=False):
    """GET with the path sent exactly as written (no client-side normalisation).
    all_headers: the headers as the list of (name, value) pairs they came in."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.getheaders() if all_headers else dict(r.getheaders()), r.read()
    finally:
        conn.close()


def test_browser_opening_root_is_sent_to_the_app(web, backend):
    status, headers, _ = raw_get(web, "/", {"Accept": BROWSER_ACCEPT})
    assert status == 302 and headers["Location"] == "/app/"
    assert "Accept" in headers.get("Vary", "")


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "text/html;q=0.5, application/json",
                                    "text/html, application/json", "application/*, text/html;q=0.9",
                                    "text/html;q=0, */*", "text/html;q=x"])
def test_other_clients_keep_the_health_json(web, backend, accept):
    status, headers, body = raw_get(web, "/", {"Accept": accept} if accept else {})
    assert status == 200 and body == b'{"success":true}'
    assert headers["Content-Type"] == "application/json"


def test_app_without_slash_redirects(web, backend):
    status, headers, _ = raw_get(web, "/app")
    assert status == 302 and headers["Location"] == "/app/"


def test_index_with_security_headers_and_no_cache(web, backend):
    status, h, body = raw_get(web, "/app/")
    assert status == 200 and body == INDEX
    assert h["Content-Type"] == "text/html; charset=utf-8"
    assert h["Cache-Control"] == "no-cache"
    assert h["X-Content-Type-Options"] == "nosniff"
    csp = {d.strip().split(" ")[0]: d.strip() for d in h["Content-Security-Policy"].split(";")}
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["script-src"] == "script-src 'self'"
    assert "connect-src 'self'" == csp["connect-src"]


@pytest.mark.parametrize("path,ctype", [
    ("/app/assets/app-1a2b3c.js", "text/javascript; charset=utf-8"),
    ("/app/assets/app-1a2b3c.css", "text/css; charset=utf-8"),
    ("/app/assets/font-9z.woff2", "font/woff2"),
])
def test_hashed_assets_are_immutable(web, backend, path, ctype):
    status, h, _ = raw_get(web, path)
    assert status == 200 and h["Content-Type"] == ctype
    assert h["Cache-Control"] == "public, max-age=31536000, immutable"
    assert h["X-Content-Type-Options"] == "nosniff"


def test_other_files_are_revalidated(web, backend):
    status, h, body = raw_get(web, "/app/favicon.svg")
    assert status == 200 and h["Content-Type"] == "image/svg+xml" and h["Cache-Control"] == "no-cache"
    status, h, body = raw_get(web, "/app/notes")
    assert status == 200 and body == b"no extension" and h["Content-Type"] == "application/octet-stream"


def quoted_sha256(data):
    return '"' + hashlib.sha256(data).hexdigest() + '"'


@pytest.mark.parametrize("path,data", [
    ("/app/", INDEX), ("/app/index.html", INDEX), ("/app/movies/12", INDEX),
    ("/app/assets/app-1a2b3c.js", b"console.log('hi')\n"), ("/app/favicon.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
])
def test_files_carry_a_strong_etag_of_their_bytes(web, backend, path, data):
    first = raw_get(web, path)
    again = raw_get(web, path)
    assert first[0] == again[0] == 200 and first[2] == again[2] == data
    assert first[1]["ETag"] == again[1]["ETag"] == quoted_sha256(data)


def test_different_files_have_different_etags(web, backend):
    tags = {raw_get(web, p)[1]["ETag"] for p in ("/app/", "/app/assets/app-1a2b3c.js", "/app/assets/app-1a2b3c.css",
                                                 "/app/favicon.svg", "/app/notes")}
    assert len(tags) == 5


@pytest.mark.parametrize("path,cache", [
    ("/app/", "no-cache"), ("/app/movies/12/edit", "no-cache"), ("/app/favicon.svg", "no-cache"),
    ("/app/assets/app-1a2b3c.js", "public, max-age=31536000, immutable"),
])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_if_none_match_with_the_etag_is_304(web, backend, path, cache, method):
    _, full, _ = raw_get(web, path, all_headers=True)
    etag = dict(full)["ETag"]
    # A browser merges a 304's headers into its copy: they must be the 200's
    # (one CSP, the web app's; no API CSP), less the body's own.
    policy = sorted((k, v) for k, v in full if k.lower() not in ("content-type", "content-length", "date", "x-request-id"))
    for inm in (etag, "W/" + etag, '"nope", ' + etag, "*"):
        status, got, body = raw_get(web, path, {"If-None-Match": inm}, method, all_headers=True)
        assert status == 304 and body == b"", (inm, status)
        h = dict(got)
        assert h["ETag"] == etag and h["Cache-Control"] == cache and "Content-Type" not in h
        assert sorted((k, v) for k, v in got if k.lower() not in ("content-length", "date", "x-request-id")) == policy
        assert [v for k, v in got if k == "Content-Security-Policy"] == [h["Content-Security-Policy"]]
        assert "default-src 'none'" not in h["Content-Security-Policy"] and "X-Frame-Options" not in h


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_if_none_match_with_another_etag_is_200(web, backend, method):
    css_etag = raw_get(web, "/app/assets/app-1a2b3c.css")[1]["ETag"]
    for inm in ('"garbage"', "garbage", css_etag, '"' + "0" * 64 + '"', ""):
        status, h, body = raw_get(web, "/app/assets/app-1a2b3c.js", {"If-None-Match": inm}, method)
        assert status == 200, (inm, status)
        assert h["ETag"] == quoted_sha256(b"console.log('hi')\n")
        assert body == (b"console.log('hi')\n" if method == "GET" else b"")


def test_head_has_the_get_headers(web, backend):
    _, got, _ = raw_get(web, "/app/")
    status, h, body = raw_get(web, "/app/", method="HEAD")
    assert status == 200 and body == b""
    assert h["ETag"] == got["ETag"] and h["Cache-Control"] == "no-cache"


def test_a_changed_file_gets_a_new_etag(web, web_root, backend):
    path = os.path.join(web_root, "changing.txt")
    with open(path, "wb") as f:
        f.write(b"first version")
    status, h, body = raw_get(web, "/app/changing.txt")
    old = h["ETag"]
    assert status == 200 and body == b"first version" and old == quoted_sha256(b"first version")
    assert raw_get(web, "/app/changing.txt", {"If-None-Match": old})[0] == 304
    with open(path, "wb") as f:
        f.write(b"second version!")
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    status, h, body = raw_get(web, "/app/changing.txt", {"If-None-Match": old})
    assert status == 200 and body == b"second version!" and h["ETag"] == quoted_sha256(b"second version!")
    assert raw_get(web, "/app/changing.txt", {"If-None-Match": h["ETag"]})[0] == 304


def test_errors_carry_no_etag(web, backend):
    status, h, _ = raw_get(web, "/app/assets/missing.js", {"If-None-Match": "*"})
    assert status == 404 and "ETag" not in h


@pytest.mark.parametrize("path", ["/app/movies", "/app/movies/12/edit", "/app/casts/new", "/app/no/such/route"])
def test_client_routes_get_the_index(web, backend, path):
    status, h, body = raw_get(web, path)
    assert status == 200 and body == INDEX and h["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/app/assets/missing.js", "/app/missing.png", "/app/big.bin"])
def test_missing_or_oversized_files_are_404(web, backend, path):
    status, h, body = raw_get(web, path)
    assert status == 404 and h["Content-Type"] == "application/json"
    assert b'"error":"Not Found"' in body


@pytest.mark.parametrize("path", [
    "/app/../secret.txt", "/app/%2e%2e/secret.txt", "/app/assets/../../secret.txt", "/app/..%2fsecret.txt",
    "/app/link.txt", "/app/up/secret.txt", "/app/.hidden", "/app//etc/passwd", "/app/assets/%2e%2e/%2e%2e/secret.txt",
    "/app/a\\..\\secret.txt", "/app/" + "a/" * 300 + "x.js",
])
def test_nothing_outside_the_root_is_served(web, backend, path):
    status, _, body = raw_get(web, path)
    assert SECRET.encode() not in body
    assert status in (400, 404) or body == INDEX, (status, body[:100])


def test_app_is_read_only(web, backend):
    error(web.req("POST", "/app/x", role=None, data="x"), 405)


def test_auth_config_without_oidc(web, backend):
    status, h, body = raw_get(web, "/auth/config")
    assert status == 200
    # The test servers use an external issuer: no built-in login.
    assert body == b'{"builtinLogin":false,"oidc":null,"success":true}'


def test_auth_config_with_oidc_and_csp(make_server, web_root, backend):
    srv = started(make_server, backend, WEB_ROOT=web_root,
                  OIDC_AUTHORIZE_URL="https://id.example.org/authorize", OIDC_TOKEN_URL="https://id.example.org:8443/oauth/token",
                  OIDC_CLIENT_ID="audition-spa", OIDC_AUDIENCE="audition-api", OIDC_PROVIDER_NAME="Example ID")
    try:
        r = srv.req("GET", "/auth/config", role=None)
        assert r.status_code == 200
        assert r.json() == {"builtinLogin": False, "success": True, "oidc": {
            "audience": "audition-api", "authorizeUrl": "https://id.example.org/authorize",
            "clientId": "audition-spa", "name": "Example ID", "scopes": "openid profile",
            "tokenUrl": "https://id.example.org:8443/oauth/token"}}
        _, h, _ = raw_get(srv, "/app/")
        assert "connect-src 'self' https://id.example.org:8443;" in h["Content-Security-Policy"]
    finally:
        srv.shutdown_and_check()


@pytest.mark.parametrize("env,needle", [
    ({"OIDC_AUTHORIZE_URL": "https://id.example/authorize"}, "OIDC_AUTHORIZE_URL, OIDC_TOKEN_URL and OIDC_CLIENT_ID"),
    ({"OIDC_AUTHORIZE_URL": "http://id.example/a", "OIDC_TOKEN_URL": "https://id.example/t", "OIDC_CLIENT_ID": "c"},
     "OIDC_AUTHORIZE_URL must be an https:// URL"),
    ({"OIDC_AUTHORIZE_URL": "https://id.example/a", "OIDC_TOKEN_URL": "https://id.example/t x", "OIDC_CLIENT_ID": "c"},
     "OIDC_TOKEN_URL contains characters"),
])
def test_bad_oidc_settings_are_refused_by_name(make_server, backend, env, needle):
    srv = make_server(backend, "web-config")
    srv.env = lambda **extra: Server.env(srv, **{**env, **extra})
    try:
        p = srv.cli("migrate")
        assert p.returncode != 0 and needle in p.stderr, p.stderr
    finally:
        shutil.rmtree(srv.tmp, ignore_errors=True)


def test_missing_web_root_says_how_to_build(make_server, backend):
    srv = started(make_server, backend, WEB_ROOT="/nonexistent/audition-dist")
    try:
        status, _, body = raw_get(srv, "/app/")
        assert status == 404 and b"make" in body
    finally:
        srv.shutdown_and_check()
