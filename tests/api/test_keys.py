"""The built-in issuer's keys: /.well-known/jwks.json and
openid-configuration, rotation (`audition keys rotate`) with tokens of the
old key still valid, the retired key leaving the JWKS, the master key file,
and two instances on one PostgreSQL sharing the keys."""

import json
import os
import stat
import time

import pytest

from checks import body, error, ok
from identity import ISSUER, add_user, local, local_server, login_token  # noqa: F401 (fixture)


def jwks(srv):
    r = srv.get("/.well-known/jwks.json", role=None)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/jwk-set+json"
    return json.loads(r.text)


def kid_of(token):
    import base64
    h = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(h + "=" * (-len(h) % 4)))["kid"]


def eventually_ok(srv, token, what):
    """An unknown kid makes the server re-read the keys, at most every 200 ms:
    a token of a key made a moment ago may need one more try."""
    deadline = time.monotonic() + 10
    while srv.get("/movies", token=token).status_code != 200:
        assert time.monotonic() < deadline, what
        time.sleep(0.25)
    ok(srv.get("/movies", token=token))


def cli_token(srv, role="director"):
    p = srv.cli("token", "--role", role)
    assert p.returncode == 0, p.stderr
    return p.stdout.strip()


def test_jwks_and_openid_configuration(local):
    keys = jwks(local)["keys"]
    assert len(keys) == 1
    assert set(keys[0]) == {"alg", "e", "kid", "kty", "n", "use"}
    assert keys[0]["kid"] == kid_of(cli_token(local))
    conf = body(local.get("/.well-known/openid-configuration", role=None), 200)
    assert conf["issuer"] == ISSUER
    assert conf["jwks_uri"] == ISSUER + "/.well-known/jwks.json"
    assert conf["login_endpoint"] == ISSUER + "/auth/login"
    assert conf["id_token_signing_alg_values_supported"] == ["RS256"]


def test_master_key_file_is_0600_and_the_database_holds_no_plain_key(local):
    path = os.path.join(local.tmp, "master.key")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not os.path.exists(os.path.join(local.tmp, "signing-key.pem"))
    if local.backend == "sqlite":
        with open(local.db_url[len("sqlite://"):], "rb") as f:
            assert b"PRIVATE KEY" not in f.read()


def test_rotation_keeps_old_tokens_valid_and_signs_with_the_new_key(local):
    add_user(local, "ivan")
    old_login = login_token(local, "ivan")
    old_cli = cli_token(local)
    old_kid = kid_of(old_cli)
    p = local.cli("keys", "rotate")
    assert p.returncode == 0, p.stderr
    new_cli = cli_token(local)
    assert kid_of(new_cli) != old_kid
    eventually_ok(local, new_cli, "a token of the new key was refused")
    ok(local.get("/movies", token=old_cli))
    ok(local.get("/movies", token=old_login))
    kids = {k["kid"] for k in jwks(local)["keys"]}
    assert kids == {old_kid, kid_of(new_cli)}
    # within AUTH_REFRESH (1 s) the server signs with the new key too
    deadline = time.monotonic() + 15
    while kid_of(login_token(local, "ivan")) == old_kid:
        assert time.monotonic() < deadline, "the server kept signing with the retired key"
        time.sleep(0.3)
    listing = local.cli("keys", "list")
    assert listing.returncode == 0 and "retired" in listing.stdout and "active" in listing.stdout


def test_a_retired_key_leaves_the_jwks_when_its_time_is_up(local):
    old = cli_token(local)
    old_kid = kid_of(old)
    ok(local.get("/movies", token=old))
    p = local.cli("keys", "rotate", "--keep", "2")
    assert p.returncode == 0, p.stderr
    ok(local.get("/movies", token=old))  # still within its 2 s
    deadline = time.monotonic() + 20
    while old_kid in {k["kid"] for k in jwks(local)["keys"]}:
        assert time.monotonic() < deadline, "the retired key stayed in the JWKS"
        time.sleep(0.3)
    while local.get("/movies", token=old).status_code == 200:
        assert time.monotonic() < deadline, "a token of the removed key kept working"
        time.sleep(0.3)
    error(local.get("/movies", token=old), 401)
    ok(local.get("/movies", token=cli_token(local)))


def test_keys_commands_refuse_bad_usage(local):
    assert local.cli("keys").returncode == 2
    assert local.cli("keys", "rotate", "--keep", "-1").returncode == 2
    assert local.cli("keys", "spin").returncode == 2


@pytest.mark.backends("postgres")
def test_two_instances_on_one_postgresql_share_keys(local, make_server, backend):
    other = make_server(backend, "second")
    other.db_url = local.db_url
    other.db_cleanup = None
    other.extra_env = dict(local.extra_env, AUTH_MASTER_KEY_FILE=os.path.join(local.tmp, "master.key"))
    other.start()
    try:
        assert jwks(other) == jwks(local)
        add_user(local, "judy")
        token = login_token(local, "judy")
        ok(other.get("/movies", token=token))
        assert local.cli("keys", "rotate").returncode == 0
        fresh = cli_token(local)
        eventually_ok(other, fresh, "the other instance did not learn the new key")
        ok(other.get("/movies", token=token))
        assert local.cli("user", "disable", "judy").returncode == 0
        deadline = time.monotonic() + 15
        while other.get("/movies", token=token).status_code == 200:
            assert time.monotonic() < deadline, "the other instance kept accepting a disabled user"
            time.sleep(0.2)
    finally:
        other.shutdown_and_check()
