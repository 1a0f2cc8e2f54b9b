"""Bearer tokens: what is a 401, what is accepted (RS256/ES256/EdDSA, skew, claims).

Every case is GET /movies (read:movies) with one Authorization header, built
from the session's test keys (tokens.KeySet).
"""

import base64
import json
import time

import pytest

from checks import error, ok
from tokens import AUDIENCE, DROP, ROLE_PERMISSIONS, b64u, b64u_json, encode

READ = ROLE_PERMISSIONS["assistant"]


def _hs256(keys):
    from cryptography.hazmat.primitives import hashes, hmac
    secret = keys.rsa.public_pem()

    def sign(data):
        h = hmac.HMAC(secret, hashes.SHA256())
        h.update(data)
        return h.finalize()
    return encode({"alg": "HS256", "typ": "JWT", "kid": keys.rsa.kid}, keys.claims(READ), sign)


def _none(keys, kid=True):
    hdr = {"alg": "none", "typ": "JWT"}
    if kid:
        hdr["kid"] = keys.rsa.kid
    return b64u_json(hdr) + "." + b64u_json(keys.claims(READ)) + "."


def _tampered(keys):
    h, _, s = keys.token(READ).split(".")
    p = b64u_json(keys.claims(ROLE_PERMISSIONS["producer"]))
    return f"{h}.{p}.{s}"


def _none_keeping_signature(keys):
    _, p, s = keys.token(READ).split(".")
    return b64u_json({"alg": "none", "typ": "JWT", "kid": keys.rsa.kid}) + f".{p}.{s}"


def _big(keys, size):
    t = keys.token(READ, pad="")
    return keys.token(READ, pad="x" * int((size - len(t)) * 3 / 4))


now = lambda: int(time.time())  # noqa: E731

# (name, Authorization header built from keys; None = no header) → 401
REJECTED = [
    ("no header", lambda k: None),
    ("basic", lambda k: "Basic dXNlcjpwYXNz"),
    ("bearer alone", lambda k: "Bearer"),
    ("bearer space", lambda k: "Bearer "),
    ("garbage", lambda k: "Bearer garbage"),
    ("three garbage parts", lambda k: "Bearer a.b.c"),
    ("two parts", lambda k: "Bearer " + ".".join(k.token(READ).split(".")[:2])),
    ("four parts", lambda k: "Bearer " + k.token(READ) + ".x"),
    ("not base64", lambda k: "Bearer " + "!!!." + k.token(READ).split(".", 1)[1]),
    ("header not json", lambda k: "Bearer " + b64u(b"{nope") + "." + k.token(READ).split(".", 1)[1]),
    ("other scheme", lambda k: "Token " + k.token(READ)),
    ("token without scheme", lambda k: k.token(READ)),
    ("bad signature", lambda k: "Bearer " + k.token(READ, signer=k.impostor)),
    ("tampered payload", lambda k: "Bearer " + _tampered(k)),
    ("signature cut", lambda k: "Bearer " + k.token(READ)[:-4]),
    ("alg none", lambda k: "Bearer " + _none(k)),
    ("alg none no kid", lambda k: "Bearer " + _none(k, kid=False)),
    ("alg none with signature", lambda k: "Bearer " + _none_keeping_signature(k)),
    ("hs256 with public key", lambda k: "Bearer " + _hs256(k)),
    ("unknown kid", lambda k: "Bearer " + k.token(READ, header={"kid": "no-such-kid"})),
    ("ec key under rsa kid", lambda k: "Bearer " + k.token(READ, alg="ES256",
                                                           header={"kid": k.rsa.kid})),
    ("rs256 header on ec kid", lambda k: "Bearer " + k.token(READ, header={"kid": k.ec.kid})),
    ("expired 2 min ago", lambda k: "Bearer " + k.token(READ, exp=now() - 120, iat=now() - 3720)),
    ("nbf 2 min ahead", lambda k: "Bearer " + k.token(READ, nbf=now() + 120)),
    ("wrong issuer", lambda k: "Bearer " + k.token(READ, iss="https://evil.example/")),
    ("issuer without slash", lambda k: "Bearer " + k.token(READ, iss="https://test-issuer.audition.local")),
    ("no issuer", lambda k: "Bearer " + k.token(READ, iss=DROP)),
    ("wrong audience", lambda k: "Bearer " + k.token(READ, aud="other-api")),
    ("audience list without ours", lambda k: "Bearer " + k.token(READ, aud=["a", "b"])),
    ("no audience", lambda k: "Bearer " + k.token(READ, aud=DROP)),
    ("over 8 KiB", lambda k: "Bearer " + _big(k, 9000)),
]


@pytest.mark.parametrize("name,header", REJECTED, ids=[c[0] for c in REJECTED])
def test_invalid_token_is_401(demo, keys, name, header):
    value = header(keys)
    if name == "over 8 KiB":
        assert len(value) > 8192 + 7
    r = demo.get("/movies", role=None, headers={"Authorization": value})
    error(r, 401)
    assert r.headers.get("WWW-Authenticate", "").startswith("Bearer"), r.headers


# (name, Authorization header) → 200
ACCEPTED = [
    ("rs256", lambda k: "Bearer " + k.token(READ)),
    ("es256", lambda k: "Bearer " + k.token(READ, alg="ES256")),
    ("eddsa", lambda k: "Bearer " + k.token(READ, alg="EdDSA")),
    ("expired 30 s ago (skew)", lambda k: "Bearer " + k.token(READ, exp=now() - 30, iat=now() - 600)),
    ("nbf 30 s ahead (skew)", lambda k: "Bearer " + k.token(READ, nbf=now() + 30)),
    ("permissions as comma string", lambda k: "Bearer " + k.token(",".join(READ))),
    ("scope claim", lambda k: "Bearer " + k.token(None, scope="openid profile " + " ".join(READ))),
    ("audience list with ours", lambda k: "Bearer " + k.token(READ, aud=["x", AUDIENCE])),
    ("lower-case scheme", lambda k: "bearer " + k.token(READ)),
    ("6 KB token", lambda k: "Bearer " + _big(k, 6000)),
]


@pytest.mark.parametrize("name,header", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_valid_token_is_accepted(demo, keys, name, header):
    ok(demo.get("/movies", role=None, headers={"Authorization": header(keys)}))


@pytest.mark.parametrize("alg", ["RS256", "ES256", "EdDSA"])
def test_each_algorithm_carries_permissions(server, keys, alg):
    """Writes work with every algorithm; the permissions decide, not the key."""
    director = keys.token(ROLE_PERMISSIONS["director"], alg=alg)
    assistant = keys.token(READ, alg=alg)
    r = server.post("/actors", {"name": f"alg {alg}", "age": 30}, token=director)
    aid = ok(r, 201)["id"]
    error(server.delete(f"/actors/{aid}", token=assistant), 403)
    ok(server.delete(f"/actors/{aid}", token=director))


@pytest.mark.parametrize("perms", [None, [], "", ["read:actors"], ["READ:MOVIES"], ["read:movie"],
                                   "read:moviesx"])
def test_valid_token_without_the_permission_is_403(demo, keys, perms):
    error(demo.get("/movies", token=keys.token(perms)), 403)


@pytest.mark.parametrize("claim", ["permissions string", "scope"])
def test_alternative_claims_grant_only_what_they_name(server, keys, claim):
    perms = ["read:movies", "create:actors"]
    tok = keys.token(",".join(perms)) if claim == "permissions string" else \
        keys.token(None, scope=" ".join(perms))
    ok(server.get("/movies", token=tok))
    error(server.get("/actors", token=tok), 403)
    aid = ok(server.post("/actors", {"name": "claims test", "age": 30}, token=tok), 201)["id"]
    error(server.delete(f"/actors/{aid}", token=tok), 403)


def test_expiry_is_checked_on_every_request(demo, keys):
    """A token accepted once (and perhaps cached) is refused once it is past exp + skew."""
    tok = keys.token(READ, exp=now() - 57, iat=now() - 600)
    ok(demo.get("/movies", token=tok))
    time.sleep(5)
    error(demo.get("/movies", token=tok), 401)


def test_token_claims_decode(keys):
    """The helper itself: a minted token is base64url JSON with our claims."""
    h, p, s = keys.token(READ).split(".")
    pad = lambda x: x + "=" * (-len(x) % 4)  # noqa: E731
    assert json.loads(base64.urlsafe_b64decode(pad(h)))["kid"] == keys.rsa.kid
    assert json.loads(base64.urlsafe_b64decode(pad(p)))["permissions"] == READ
    assert "=" not in h + p + s
