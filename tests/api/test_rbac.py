"""Every endpoint × every role (and no token, and single permissions), as a table.

A role either gets the endpoint's success status or 403 (401 without a token),
and a refused request changes nothing. Targets are rows made for each case.
"""

import pytest

from checks import error, ok, tag
from tokens import ALL_PERMISSIONS, ROLE_PERMISSIONS

# (method, path, body, permission, success status); {m}/{a} are this case's own
# movie and actor, {cm}/{ca} a movie and actor already linked.
ENDPOINTS = [
    ("GET", "/movies", None, "read:movies", 200),
    ("GET", "/movies/{m}", None, "read:movies", 200),
    ("POST", "/movies", {"title": "{t} new", "genre": "DRAMA"}, "create:movies", 201),
    ("PATCH", "/movies/{m}", [{"op": "add", "path": "/title", "value": "{t} patched"}],
     "modify:movies", 200),
    ("DELETE", "/movies/{m}", None, "delete:movies", 200),
    ("GET", "/actors", None, "read:actors", 200),
    ("GET", "/actors/{a}", None, "read:actors", 200),
    ("POST", "/actors", {"name": "{t} new", "age": 20}, "create:actors", 201),
    ("PATCH", "/actors/{a}", [{"op": "add", "path": "/name", "value": "{t} patched"}],
     "modify:actors", 200),
    ("DELETE", "/actors/{a}", None, "delete:actors", 200),
    ("POST", "/casts", {"movieId": "{m}", "actorId": "{a}"}, "create:casts", 201),
    ("DELETE", "/casts/movies/{cm}/actors/{ca}", None, "delete:casts", 200),
]
ROLES = ["assistant", "director", "producer"]

# The table of api.md, written out once more by hand as the expected verdicts.
EXPECTED_ALLOWED = {
    "assistant": {"read:movies", "read:actors"},
    "director": {"read:movies", "read:actors", "create:actors", "modify:actors", "delete:actors",
                 "modify:movies", "create:casts", "delete:casts"},
    "producer": set(ALL_PERMISSIONS),
}


def test_role_permissions_match_api_md():
    assert {r: set(p) for r, p in ROLE_PERMISSIONS.items()} == EXPECTED_ALLOWED
    assert {e[3] for e in ENDPOINTS} == set(ALL_PERMISSIONS)


class Case:
    """This case's rows, the request, and a snapshot to prove nothing changed."""

    def __init__(self, server, method, path, body):
        self.server = server
        self.t = tag()
        p = lambda b: ok(server.post(*b), 201)["id"]  # noqa: E731
        self.m = p(("/movies", {"title": f"{self.t} m", "genre": "DRAMA"}))
        self.a = p(("/actors", {"name": f"{self.t} a", "age": 30}))
        self.cm = p(("/movies", {"title": f"{self.t} cm", "genre": "DRAMA"}))
        self.ca = p(("/actors", {"name": f"{self.t} ca", "age": 30}))
        ok(server.post("/casts", {"movieId": self.cm, "actorId": self.ca}), 201)
        self.method = method
        self.path = self.fill(path)
        self.body = self.fill(body)

    def fill(self, v):
        if isinstance(v, str):
            for k in ("cm", "ca", "m", "a", "t"):
                v = v.replace("{%s}" % k, str(getattr(self, k)))
            return int(v) if v.isdigit() else v
        if isinstance(v, dict):
            return {k: self.fill(x) for k, x in v.items()}
        if isinstance(v, list):
            return [self.fill(x) for x in v]
        return v

    def send(self, **auth):
        ctype = "application/json-patch+json" if self.method == "PATCH" else None
        return self.server.req(self.method, self.path, body=self.body, content_type=ctype, **auth)

    def snapshot(self):
        s = self.server
        return (
            [ok(s.get(f"/movies/{i}")) for i in (self.m, self.cm)],
            [ok(s.get(f"/actors/{i}")) for i in (self.a, self.ca)],
            ok(s.get(f"/movies?search={self.t}"))["totalMovies"],
            ok(s.get(f"/actors?search={self.t}"))["totalActors"],
        )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,body,perm,status", ENDPOINTS,
                         ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS])
def test_role_matrix(server, role, method, path, body, perm, status):
    case = Case(server, method, path, body)
    before = case.snapshot()
    r = case.send(role=role)
    if perm in EXPECTED_ALLOWED[role]:
        b = ok(r, status)
        if method != "GET":
            assert "id" in b
    else:
        error(r, 403)
        assert case.snapshot() == before


@pytest.mark.parametrize("method,path,body,perm,status", ENDPOINTS,
                         ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS])
def test_no_token_is_401(server, method, path, body, perm, status):
    case = Case(server, method, path, body)
    before = case.snapshot()
    r = case.send(role=None)
    error(r, 401)
    assert r.headers.get("WWW-Authenticate", "").startswith("Bearer")
    assert case.snapshot() == before


@pytest.mark.parametrize("method,path,body,perm,status", ENDPOINTS,
                         ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS])
def test_single_permission_decides(server, keys, method, path, body, perm, status):
    """Only the endpoint's permission → success; every other one but it → 403."""
    case = Case(server, method, path, body)
    before = case.snapshot()
    error(case.send(token=keys.token([p for p in ALL_PERMISSIONS if p != perm])), 403)
    assert case.snapshot() == before
    ok(case.send(token=keys.token([perm])), status)


# Authorization comes before the body is looked at (api.md): garbage bodies and
# wrong content types still get 403 for a role without the permission.
BEFORE_BODY = [
    ("assistant", "POST", "/movies", b"garbage{", "application/json"),
    ("assistant", "POST", "/movies", b"garbage{", "text/plain"),
    ("assistant", "POST", "/movies", b"", None),
    ("director", "POST", "/movies", b"[1,2", "application/json"),
    ("assistant", "POST", "/actors", b"{", "application/json"),
    ("assistant", "PATCH", "/movies/1", b"not a patch", "application/json-patch+json"),
    ("assistant", "PATCH", "/movies/1", b"[]", "text/plain"),
    ("assistant", "PATCH", "/actors/1", b"{}", "application/json"),
    ("assistant", "POST", "/casts", b"}", "text/plain"),
]


@pytest.mark.parametrize("role,method,path,data,ctype", BEFORE_BODY)
def test_forbidden_before_body(server, role, method, path, data, ctype):
    r = server.req(method, path, role=role, data=data, content_type=ctype)
    error(r, 403)


@pytest.mark.parametrize("method,path,data,ctype", [
    ("POST", "/movies", b"garbage{", "text/plain"),
    ("PATCH", "/movies/1", b"nope", "application/json"),
    ("POST", "/casts", b"", None),
])
def test_unauthenticated_before_body(server, method, path, data, ctype):
    error(server.req(method, path, role=None, data=data, content_type=ctype), 401)
