"""Test identity provider: key pairs made at session start, a JWKS file, JWTs.

This module owns the keys the black-box tests sign with (RSA, P-256, Ed25519,
generated per run and never written anywhere but the temp JWKS file, which
holds only public keys) and mints tokens by hand (base64url header.payload.
signature) so a test can build any broken token it likes. It knows nothing
about HTTP or the server process.
"""

import base64
import json
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

ISSUER = "https://test-issuer.audition.local/"
AUDIENCE = "audition-api"

# api.md, "Authorization": exactly the permissions of each role.
READ = ["read:actors", "read:movies"]
DIRECTOR_EXTRA = ["create:actors", "modify:actors", "delete:actors",
                  "modify:movies", "create:casts", "delete:casts"]
PRODUCER_EXTRA = ["create:movies", "delete:movies"]
ROLE_PERMISSIONS = {
    "assistant": list(READ),
    "director": READ + DIRECTOR_EXTRA,
    "producer": READ + DIRECTOR_EXTRA + PRODUCER_EXTRA,
}
ALL_PERMISSIONS = sorted(ROLE_PERMISSIONS["producer"])


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_json(obj) -> str:
    return b64u(json.dumps(obj, separators=(",", ":")).encode("utf-8"))


def _uint(n: int, length: int = 0) -> str:
    length = length or (n.bit_length() + 7) // 8
    return b64u(n.to_bytes(length, "big"))


class RsaSigner:
    alg = "RS256"

    def __init__(self, kid):
        self.kid = kid
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    def jwk(self):
        pub = self.key.public_key().public_numbers()
        return {"kty": "RSA", "kid": self.kid, "use": "sig", "alg": self.alg,
                "n": _uint(pub.n), "e": _uint(pub.e)}

    def public_pem(self) -> bytes:
        return self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


class EcSigner:
    alg = "ES256"

    def __init__(self, kid):
        self.kid = kid
        self.key = ec.generate_private_key(ec.SECP256R1())

    def sign(self, data: bytes) -> bytes:
        r, s = decode_dss_signature(self.key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")  # JWS: raw R || S

    def jwk(self):
        pub = self.key.public_key().public_numbers()
        return {"kty": "EC", "crv": "P-256", "kid": self.kid, "use": "sig", "alg": self.alg,
                "x": _uint(pub.x, 32), "y": _uint(pub.y, 32)}


class EdSigner:
    alg = "EdDSA"

    def __init__(self, kid):
        self.kid = kid
        self.key = ed25519.Ed25519PrivateKey.generate()

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data)

    def jwk(self):
        raw = self.key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "kid": self.kid, "use": "sig",
                "alg": self.alg, "x": b64u(raw)}


def encode(header: dict, payload: dict, sign) -> str:
    """header.payload.signature; `sign` maps the signing input to bytes."""
    signing_input = (b64u_json(header) + "." + b64u_json(payload)).encode("ascii")
    return signing_input.decode("ascii") + "." + b64u(sign(signing_input))


class KeySet:
    """The test provider: three published keys and one impostor key."""

    def __init__(self):
        self.rsa = RsaSigner("test-rsa-1")
        self.ec = EcSigner("test-ec-1")
        self.ed = EdSigner("test-ed-1")
        # Same kid as the published RSA key, different key: a bad signature.
        self.impostor = RsaSigner("test-rsa-1")
        self.by_alg = {"RS256": self.rsa, "ES256": self.ec, "EdDSA": self.ed}

    def jwks(self):
        return {"keys": [self.rsa.jwk(), self.ec.jwk(), self.ed.jwk()]}

    def write_jwks(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.jwks(), f)

    @staticmethod
    def claims(permissions=None, **overrides):
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "auth0|audition-tester",
                   "iat": now, "exp": now + 3600}
        if permissions is not None:
            payload["permissions"] = permissions
        payload.update(overrides)
        return {k: v for k, v in payload.items() if v is not DROP}

    def token(self, permissions=None, alg="RS256", signer=None, header=None, **claims):
        """A well-formed token; any claim can be overridden, or removed with DROP."""
        signer = signer or self.by_alg[alg]
        hdr = {"alg": signer.alg, "typ": "JWT", "kid": signer.kid}
        hdr.update(header or {})
        return encode(hdr, self.claims(permissions, **claims), signer.sign)

    def role_token(self, role):
        return self.token(ROLE_PERMISSIONS[role])


DROP = object()  # claim value meaning "leave this claim out"
