"""Servers with the built-in issuer (no external identity provider) for the
identity tests: users made with the CLI (password on stdin), sign-in with
POST /auth/login, and short refresh/throttle settings so the tests are fast.
"""

import pytest

from checks import body

ISSUER = "http://audition.test"
LOCAL_ENV = {
    "AUTH_JWKS_URL": "", "AUTH_ISSUER": "", "AUTH_AUDIENCE": "",  # empty = unset: the built-in issuer
    "PUBLIC_URL": ISSUER,
    "AUTH_REFRESH": "1",                       # disabled users and keys re-read every second
    "LOGIN_MAX_FAILURES": "1000",              # throttling has its own servers
    "LOGIN_MAX_FAILURES_PER_ADDRESS": "1000",
    "ACCESS_LOG": "off",
}
PASSWORD = "correct horse battery staple"


def local_server(make_server, backend, name="local", **env):
    """A seeded, started server with the built-in issuer; env overrides LOCAL_ENV."""
    srv = make_server(backend, name)
    srv.extra_env = {**LOCAL_ENV, **env}
    try:
        srv.seed()
        srv.start()
    except BaseException:
        srv.kill()
        raise
    return srv


def add_user(srv, name, role="director", password=PASSWORD, display=None):
    args = ["user", "add", name, "--role", role] + (["--display-name", display] if display else [])
    p = srv.cli(*args, input=password + "\n")
    assert p.returncode == 0, (p.returncode, p.stdout, p.stderr)
    return p


def login(srv, username, password=PASSWORD, **kw):
    return srv.req("POST", "/auth/login", role=None, body={"username": username, "password": password}, **kw)


def login_token(srv, username, password=PASSWORD):
    r = login(srv, username, password)
    b = body(r, 200)
    return b["accessToken"]


@pytest.fixture
def local(make_server, backend):
    srv = local_server(make_server, backend)
    yield srv
    srv.shutdown_and_check()
