"""Interoperability with a real OIDC provider: Debian's glewlwyd (tests/api/glewlwyd.py).

One glewlwyd per module, on 127.0.0.1 with a private port and SQLite file,
configured through its admin API; real RS256 access tokens from the
client_credentials, password and authorization code + PKCE grants are sent to `audition serve` trusting it:
  * as the only issuer (AUTH_ISSUER/AUTH_JWKS_URL), permissions from `scope`
    or from a user property glewlwyd copies in as a comma-joined `permissions`;
  * with AUTH_PERMISSIONS_CLAIM=scope and AUTH_ROLE_MAP (a provider role name);
  * as an extra issuer (AUTH_ISSUERS) next to the built-in issuer, and next
    to another external issuer with its own audience.
Runs on SQLite only: the provider, not the store, is under test.
"""

import base64
import json
import shutil

import pytest

from checks import error, ok
from glewlwyd import Glewlwyd
from server import Server
from tokens import ALL_PERMISSIONS, DROP, ROLE_PERMISSIONS

READ = ROLE_PERMISSIONS["assistant"]
DIRECTOR = ROLE_PERMISSIONS["director"]
SECRET = "s3cret-for-tests-only"
PASSWORD = "a-long-user-password"
RESOURCE = "https://audition.test/api"   # glewlwyd wants resources to be https:// URIs


@pytest.fixture(scope="module")
def idp():
    g = Glewlwyd().start()
    try:
        g.login_admin()
        g.add_scopes(ALL_PERMISSIONS + ["casting-director"])
        g.declare_user_property("permissions")
        g.add_oidc_plugin(ALL_PERMISSIONS + ["casting-director"], resources=[RESOURCE],
                          user_claims=["permissions"])
        g.add_client("reader", SECRET, READ, resources=[RESOURCE])
        g.add_client("producer-app", SECRET, ALL_PERMISSIONS, resources=[RESOURCE])
        g.add_client("casting", SECRET, ["casting-director"])
        g.add_client("login-app", SECRET, ALL_PERMISSIONS)
        g.add_user("dana", PASSWORD, DIRECTOR)
        # users whose tokens carry a `permissions` claim (glewlwyd: a comma-joined string)
        g.add_user("erin", PASSWORD, READ, permissions=["read:movies", "create:casts"])
        g.add_user("frank", PASSWORD, READ, permissions=["exec"])
        yield g
    finally:
        code = g.stop()
    assert code == 0, f"glewlwyd did not exit 0 on SIGTERM ({code})"


def token(resp):
    assert resp.status_code == 200, f"glewlwyd token endpoint: {resp.status_code} {resp.text[:300]}"
    body = resp.json()
    assert body["token_type"].lower() == "bearer", body
    return body["access_token"]


class IdpServer(Server):
    """`audition serve` with its identity settings replaced by `auth`."""

    def __init__(self, *args, auth=None, **kw):
        super().__init__(*args, **kw)
        self.auth = auth or {}

    def env(self, **extra):
        env = super().env(**extra)
        for k in ("AUTH_ISSUER", "AUTH_JWKS_URL", "AUTH_AUDIENCE"):
            env.pop(k, None)
        env.update(self.auth)
        return env


@pytest.fixture(scope="module")
def start_server(keys, jwks_path):
    made = []

    def start(auth):
        srv = IdpServer("sqlite", None, jwks_path, keys, name="oidc", auth=auth)
        srv.db_url = "sqlite:///" + srv.tmp + "/a.db"
        try:
            srv.seed()
            srv.start()
        except BaseException:
            srv.kill()
            shutil.rmtree(srv.tmp, ignore_errors=True)
            raise
        made.append(srv)
        return srv
    yield start
    for srv in made:
        srv.shutdown_and_check()


# -- glewlwyd as the one external issuer ------------------------------------------------

@pytest.fixture(scope="module")
def only(idp, start_server):
    return start_server({"AUTH_ISSUER": idp.issuer, "AUTH_JWKS_URL": idp.jwks_url})


def test_client_credentials_token_reads_but_cannot_create(only, idp):
    t = token(idp.client_credentials("reader", SECRET, READ))
    assert ok(only.get("/movies", token=t))["movies"]
    assert ok(only.get("/actors", token=t))["actors"]
    error(only.post("/movies", {"title": "Not allowed", "genre": "DRAMA"}, token=t), 403)
    error(only.post("/actors", {"name": "Not allowed", "age": 30}, token=t), 403)


def test_granted_scopes_are_cut_to_the_request(only, idp):
    t = token(idp.client_credentials("reader", SECRET, ["read:actors"]))
    ok(only.get("/actors", token=t))
    error(only.get("/movies", token=t), 403)


def test_client_credentials_with_every_scope_may_create_movies(only, idp):
    t = token(idp.client_credentials("producer-app", SECRET, ALL_PERMISSIONS, resource=RESOURCE))
    b = ok(only.post("/movies", {"title": "From glewlwyd", "genre": "DRAMA"}, token=t), 201)
    assert isinstance(b["id"], int)


def test_password_grant_gives_the_users_scopes_only(only, idp):
    t = token(idp.password_grant("login-app", SECRET, "dana", PASSWORD, DIRECTOR))
    b = ok(only.post("/actors", {"name": "Cast by Dana", "age": 41}, token=t), 201)
    ok(only.delete(f"/actors/{b['id']}", token=t))
    error(only.post("/movies", {"title": "Producers only", "genre": "DRAMA"}, token=t), 403)
    # a scope the user does not have is not granted
    r = idp.password_grant("login-app", SECRET, "dana", PASSWORD, ["create:movies"])
    assert r.status_code != 200 or "create:movies" not in r.json().get("scope", ""), r.text


def test_authorization_code_with_pkce(only, idp):
    t = token(idp.authorization_code_pkce("login-app", SECRET, "dana", PASSWORD, DIRECTOR))
    b = ok(only.post("/actors", {"name": "Code flow", "age": 52}, token=t), 201)
    ok(only.delete(f"/actors/{b['id']}", token=t))
    error(only.delete("/movies/1", token=t), 403)


def test_comma_joined_permissions_claim_wins_over_scope(only, idp):
    t = token(idp.password_grant("login-app", SECRET, "erin", PASSWORD, READ))
    ok(only.get("/movies", token=t))
    error(only.get("/actors", token=t), 403)   # in scope, not in permissions


def test_wrong_client_secret_gets_no_token(idp):
    r = idp.client_credentials("reader", "not-the-secret", READ)
    assert r.status_code in (400, 401, 403), r.text
    assert "access_token" not in r.text


def test_tampered_glewlwyd_token_is_401(only, idp):
    t = token(idp.client_credentials("reader", SECRET, READ))
    head, payload, sig = t.split(".")
    forged = head + "." + payload + "." + sig[:-4] + ("AAAA" if sig[-4:] != "AAAA" else "BBBB")
    error(only.get("/movies", token=forged), 401)


def test_token_of_the_test_issuer_is_not_trusted(only, keys):
    error(only.get("/movies", token=keys.role_token("producer")), 401)


# -- a provider role name mapped with AUTH_ROLE_MAP --------------------------------------

@pytest.fixture(scope="module")
def mapped(idp, start_server):
    return start_server({"AUTH_ISSUER": idp.issuer, "AUTH_JWKS_URL": idp.jwks_url,
                         "AUTH_PERMISSIONS_CLAIM": "scope",
                         "AUTH_ROLE_MAP": "casting-director=director, exec=producer"})


def test_role_map_turns_a_provider_role_into_director(mapped, idp):
    t = token(idp.client_credentials("casting", SECRET, ["casting-director"]))
    ok(mapped.get("/movies", token=t))
    b = ok(mapped.post("/actors", {"name": "Mapped director", "age": 33}, token=t), 201)
    ok(mapped.delete(f"/actors/{b['id']}", token=t))
    error(mapped.post("/movies", {"title": "Producers only", "genre": "DRAMA"}, token=t), 403)


def test_role_map_keeps_plain_permission_names(mapped, idp):
    t = token(idp.client_credentials("reader", SECRET, READ))
    ok(mapped.get("/movies", token=t))
    error(mapped.post("/actors", {"name": "Nope", "age": 33}, token=t), 403)


# -- several trusted issuers ----------------------------------------------------------

@pytest.fixture(scope="module")
def with_builtin(idp, start_server):
    """The built-in issuer (no AUTH_ISSUER) plus glewlwyd."""
    return start_server({"AUTH_ISSUERS": f"{idp.issuer}|{idp.jwks_url}", "AUTH_ROLE_MAP": "exec=producer"})


def test_builtin_and_glewlwyd_tokens_both_work(with_builtin, idp):
    p = with_builtin.cli("token", "--role", "assistant")
    assert p.returncode == 0, p.stderr
    local = p.stdout.strip()
    ok(with_builtin.get("/movies", token=local))
    error(with_builtin.post("/movies", {"title": "x", "genre": "DRAMA"}, token=local), 403)
    t = token(idp.client_credentials("producer-app", SECRET, ALL_PERMISSIONS))
    ok(with_builtin.post("/movies", {"title": "Two issuers", "genre": "DRAMA"}, token=t), 201)


def test_role_map_reads_a_provider_permissions_string(with_builtin, idp):
    t = token(idp.password_grant("login-app", SECRET, "frank", PASSWORD, READ))
    b = ok(with_builtin.post("/movies", {"title": "Exec decision", "genre": "DRAMA"}, token=t), 201)
    ok(with_builtin.delete(f"/movies/{b['id']}", token=t))


def test_a_token_naming_glewlwyd_but_signed_by_another_key_is_401(with_builtin, idp, keys):
    # Same kid as glewlwyd's key, right iss, signed with the test key: never accepted.
    real = token(idp.client_credentials("reader", SECRET, READ))
    head = json.loads(base64.urlsafe_b64decode(real.split(".")[0] + "=="))
    forged = keys.token(READ, iss=idp.issuer, aud=DROP, header={"kid": head["kid"]})
    error(with_builtin.get("/movies", token=forged), 401)


@pytest.fixture(scope="module")
def two_external(idp, start_server, jwks_path):
    """The test issuer (AUTH_ISSUER, file JWKS) plus glewlwyd with its own audience."""
    return start_server({"AUTH_ISSUER": "https://test-issuer.audition.local/",
                         "AUTH_JWKS_URL": "file://" + jwks_path, "AUTH_AUDIENCE": "audition-api",
                         "AUTH_ISSUERS": f"{idp.issuer}|{idp.jwks_url}|{RESOURCE}"})


def test_two_external_issuers_each_with_its_audience(two_external, idp, keys):
    ok(two_external.get("/movies", token=keys.role_token("assistant")))
    with_aud = token(idp.client_credentials("reader", SECRET, READ, resource=RESOURCE))
    ok(two_external.get("/movies", token=with_aud))
    # without `resource`, glewlwyd's aud is the scope list: wrong audience
    without = token(idp.client_credentials("reader", SECRET, READ))
    error(two_external.get("/movies", token=without), 401)
    # the test issuer's keys never vouch for glewlwyd's iss
    forged = keys.token(READ, iss=idp.issuer, aud=RESOURCE)
    error(two_external.get("/movies", token=forged), 401)
