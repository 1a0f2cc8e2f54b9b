"""POST /auth/login and GET /auth/me with the built-in issuer: every sign-in
path (success, wrong password, unknown user, disabled user and its token,
throttling, malformed body, wrong content type) on both backends."""

import time

import pytest

from checks import body, error, ok
from identity import PASSWORD, add_user, local, local_server, login, login_token  # noqa: F401 (fixture)
from tokens import ROLE_PERMISSIONS


def test_login_returns_a_bearer_token_and_the_user(local):
    add_user(local, "Alice", "director", display="Alice Adams")
    b = body(login(local, "alice"), 200)  # names ignore case
    assert list(b) == ["accessToken", "expiresIn", "tokenType", "user"]
    assert b["tokenType"] == "Bearer" and b["expiresIn"] == 3600
    user = b["user"]
    assert list(user) == ["displayName", "id", "permissions", "role", "username"]
    assert user["displayName"] == "Alice Adams" and user["username"] == "Alice" and user["role"] == "director"
    assert user["permissions"] == ROLE_PERMISSIONS["director"]
    token = b["accessToken"]
    assert ok(local.get("/movies", token=token))["totalMovies"] == 11
    ok(local.post("/actors", {"name": "Signed In", "age": 30}, token=token), 201)
    error(local.post("/movies", {"title": "Not mine", "genre": "DRAMA"}, token=token), 403)
    me = ok(local.get("/auth/me", token=token))
    assert me == {"success": True, "user": user}
    listing = local.cli("user", "list")
    assert listing.returncode == 0
    alice = [line for line in listing.stdout.splitlines() if line.startswith("Alice ")][0]
    assert alice.split()[4] != "-", "last login recorded: " + alice


def test_roles_map_to_the_permissions_of_api_md(local):
    for role in ("assistant", "producer"):
        add_user(local, "u-" + role, role)
        b = body(login(local, "u-" + role), 200)
        assert b["user"]["permissions"] == ROLE_PERMISSIONS[role]


def test_wrong_password_and_unknown_user_get_the_same_401(local):
    add_user(local, "bob")
    wrong = login(local, "bob", "not the password")
    unknown = login(local, "nobody-here", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.text == unknown.text
    error(wrong, 401)
    assert wrong.headers.get("WWW-Authenticate") == unknown.headers.get("WWW-Authenticate")


def test_disabled_user_cannot_sign_in_and_their_token_stops_working(local):
    add_user(local, "carol")
    token = login_token(local, "carol")
    ok(local.get("/movies", token=token))
    p = local.cli("user", "disable", "carol")
    assert p.returncode == 0, p.stderr
    assert login(local, "carol").text == login(local, "nobody-here").text  # the same 401
    error(login(local, "carol"), 401)
    # AUTH_REFRESH=1: the token is refused within about a second; allow a generous deadline
    deadline = time.monotonic() + 15
    while local.get("/movies", token=token).status_code == 200:
        assert time.monotonic() < deadline, "a disabled user's token kept working"
        time.sleep(0.2)
    error(local.get("/movies", token=token), 401)
    error(local.get("/auth/me", token=token), 401)
    assert local.cli("user", "enable", "carol").returncode == 0
    ok(local.get("/movies", token=login_token(local, "carol")))


def test_deleted_user_token_stops_working(local):
    add_user(local, "dave")
    token = login_token(local, "dave")
    assert local.cli("user", "delete", "dave").returncode == 0
    deadline = time.monotonic() + 15
    while local.get("/movies", token=token).status_code == 200:
        assert time.monotonic() < deadline, "a deleted user's token kept working"
        time.sleep(0.2)
    error(login(local, "dave"), 401)


@pytest.mark.parametrize("data,why", [
    ("{", "not JSON"),
    ("[]", "not an object"),
    ('{"username":"a"}', "no password"),
    ('{"password":"abcdefghijk"}', "no username"),
    ('{"username":1,"password":"abcdefghijk"}', "username not a string"),
    ('{"username":"a","password":null}', "password null"),
    ('{"username":"","password":"abcdefghijk"}', "empty username"),
    ('{"username":"a","password":"abcdefghijk","x":1}', "unknown member"),
    ('{"username":"a","username":"b","password":"abcdefghijk"}', "duplicate key"),
])
def test_malformed_bodies_are_400(local, data, why):
    error(local.req("POST", "/auth/login", role=None, data=data, content_type="application/json"), 400)


def test_wrong_content_type_is_415(local):
    add_user(local, "erin")
    r = local.req("POST", "/auth/login", role=None, data=f'{{"username":"erin","password":"{PASSWORD}"}}',
                  content_type="text/plain")
    error(r, 415)
    error(local.req("POST", "/auth/login", role=None, data="username=erin&password=x",
                    content_type="application/x-www-form-urlencoded"), 415)


def test_login_and_me_need_no_permission_but_me_needs_a_token(local):
    error(local.get("/auth/me", role=None), 401)
    error(local.get("/auth/me", token="abc.def.ghi"), 401)
    error(local.req("GET", "/auth/login", role=None), 405)


def test_me_with_a_cli_token_shows_subject_and_permissions(local):
    p = local.cli("token", "--role", "assistant", "--sub", "script-bot")
    assert p.returncode == 0, p.stderr
    me = ok(local.get("/auth/me", token=p.stdout.strip()))
    assert me == {"success": True, "user": {"permissions": ROLE_PERMISSIONS["assistant"], "subject": "script-bot"}}


def test_failures_per_username_are_throttled_with_retry_after(make_server, backend):
    srv = local_server(make_server, backend, "throttle", LOGIN_MAX_FAILURES="3")
    try:
        add_user(srv, "frank")
        for _ in range(3):
            error(login(srv, "frank", "wrong password!"), 401)
        r = login(srv, "FRANK", PASSWORD)  # even the right password waits; names ignore case
        error(r, 429)
        assert int(r.headers["Retry-After"]) >= 1
        add_user(srv, "grace")
        body(login(srv, "grace"), 200)  # other names are not affected
    finally:
        srv.shutdown_and_check()


def test_failures_per_address_are_throttled(make_server, backend):
    srv = local_server(make_server, backend, "throttle-addr", LOGIN_MAX_FAILURES_PER_ADDRESS="4")
    try:
        add_user(srv, "heidi")
        for i in range(4):
            error(login(srv, f"someone-{i}", "wrong password!"), 401)
        r = login(srv, "heidi")
        error(r, 429)
        assert int(r.headers["Retry-After"]) >= 1
    finally:
        srv.shutdown_and_check()


def test_external_issuer_has_no_login(server):
    error(server.req("POST", "/auth/login", role=None, body={"username": "a", "password": "abcdefghijk"}), 404)
    error(server.get("/.well-known/openid-configuration", role=None), 404)
    me = ok(server.get("/auth/me", role="assistant"))
    assert me["user"]["permissions"] == ROLE_PERMISSIONS["assistant"]
