"""Roles of a movie (casting.md "Roles"): GET/POST /movies/{id}/roles,
GET/PATCH/DELETE /roles/{id}, every validation rule, ETag and If-Match, and
every endpoint x role. Each test makes its own movie on the shared server."""

import pytest

from checks import error, etag, etag_of, ok, tag

ABSENT = 987654321


def new_movie(server, t=None):
    return ok(server.post("/movies", {"title": f"{t or tag()} movie", "genre": "DRAMA"}), 201)["id"]


def new_role(server, movie, **fields):
    body = {"name": "Ellie Arroway", **fields}
    return ok(server.post(f"/movies/{movie}/roles", body, role="director"), 201)["id"]


def role_of(server, rid):
    return ok(server.get(f"/roles/{rid}", role="assistant"))["role"]


def roles_of(server, movie, page=1):
    return ok(server.get(f"/movies/{movie}/roles?page={page}", role="assistant"))


@pytest.fixture
def movie(server):
    return new_movie(server)


def test_role_round_trip(server, movie):
    body = {"name": "  Ellie Arroway ", "description": "An astronomer.", "gender": "FEMALE",
            "ageMin": 30, "ageMax": 45, "billing": 1}
    r = server.post(f"/movies/{movie}/roles", body, role="director")
    rid = ok(r, 201)["id"]
    assert ok(r, 201) == {"id": rid, "success": True}
    expected = {"ageMax": 45, "ageMin": 30, "billing": 1, "candidateCount": 0,
                "description": "An astronomer.", "gender": "FEMALE", "id": rid, "movieId": movie,
                "name": "Ellie Arroway", "status": "OPEN"}
    g = server.get(f"/roles/{rid}", role="assistant")
    assert ok(g) == {"role": expected, "success": True}
    assert etag(g) == etag_of(expected)
    assert roles_of(server, movie) == {"offset": 0, "roles": [expected], "success": True, "totalRoles": 1}
    # the movie's own representation does not change (api.md stays byte-identical)
    assert "roles" not in ok(server.get(f"/movies/{movie}"))["movie"]


def test_minimal_role_has_nulls_and_open(server, movie):
    rid = new_role(server, movie)
    assert role_of(server, rid) == {"ageMax": None, "ageMin": None, "billing": None, "candidateCount": 0,
                                    "description": None, "gender": None, "id": rid, "movieId": movie,
                                    "name": "Ellie Arroway", "status": "OPEN"}


def test_list_order_billing_nulls_last_then_name(server, movie):
    ids = {}
    for name, billing in [("Zed", None), ("Bob", 2), ("Amy", None), ("Cid", 1), ("Abe", 3)]:
        ids[name] = new_role(server, movie, name=name, billing=billing)
    names = [r["name"] for r in roles_of(server, movie)["roles"]]
    assert names == ["Cid", "Bob", "Abe", "Amy", "Zed"]


def test_list_pages_of_ten(server, movie):
    for i in range(11):
        new_role(server, movie, name=f"role {i:02d}", billing=i + 1)
    first, second = roles_of(server, movie), roles_of(server, movie, 2)
    assert first["totalRoles"] == second["totalRoles"] == 11
    assert len(first["roles"]) == 10 and first["offset"] == 0
    assert [r["name"] for r in second["roles"]] == ["role 10"] and second["offset"] == 10
    assert roles_of(server, movie, 3)["roles"] == []
    assert roles_of(server, movie, "x")["offset"] == 0


def test_roles_of_an_absent_movie_are_404(server):
    error(server.get(f"/movies/{ABSENT}/roles"), 404)
    error(server.post(f"/movies/{ABSENT}/roles", {"name": "X"}), 404)
    for method in ("GET", "DELETE"):
        error(server.req(method, f"/roles/{ABSENT}"), 404)
    error(server.patch(f"/roles/{ABSENT}", [{"op": "add", "path": "/name", "value": "X"}]), 404)
    error(server.get("/roles/boom"), 404)
    error(server.get("/movies/boom/roles"), 404)


INVALID = [
    {},
    {"name": ""},
    {"name": "   "},
    {"name": None},
    {"name": 7},
    {"name": "x" * 201},
    {"name": "X", "ageMin": -1},
    {"name": "X", "ageMin": 121},
    {"name": "X", "ageMax": 121},
    {"name": "X", "ageMin": 30.5},
    {"name": "X", "ageMin": "30"},
    {"name": "X", "ageMin": True},
    {"name": "X", "ageMin": 40, "ageMax": 39},
    {"name": "X", "billing": 0},
    {"name": "X", "billing": -2},
    {"name": "X", "billing": "1"},
    {"name": "X", "gender": "OTHER"},
    {"name": "X", "gender": "female"},
    {"name": "X", "status": "CLOSED"},
    {"name": "X", "status": None},
    {"name": "X", "description": "d" * 2001},
    {"name": "X", "description": 5},
    {"name": "X", "colour": "blue"},          # unknown field
    {"name": "X", "id": 5},                   # read-only
    {"name": "X", "movieId": 5},
    {"name": "X", "candidateCount": 2},
]


@pytest.mark.parametrize("body", INVALID, ids=[str(i) for i in range(len(INVALID))])
def test_create_invalid_is_400_and_changes_nothing(server, movie, body):
    b = error(server.post(f"/movies/{movie}/roles", body, role="director"), 400)
    assert b.get("message")
    assert roles_of(server, movie)["totalRoles"] == 0


@pytest.mark.parametrize("key,words", [("colour", "not a field"), ("movieId", "read-only"),
                                       ("candidateCount", "read-only"), ("ÿ" * 50, "a key")])
def test_unknown_and_read_only_keys_are_named(server, movie, key, words):
    msg = error(server.post(f"/movies/{movie}/roles", {"name": "X", key: 1}), 400)["message"]
    assert words in msg and (key in msg or words == "a key")


def test_limits_are_inclusive_and_count_characters(server, movie):
    rid = new_role(server, movie, name="é" * 200, description="ü" * 2000, ageMin=0, ageMax=120)
    r = role_of(server, rid)
    assert (r["name"], r["ageMin"], r["ageMax"]) == ("é" * 200, 0, 120)
    new_role(server, movie, name="Same age", ageMin=40, ageMax=40, status="CUT")


@pytest.mark.parametrize("raw,ctype,status", [
    ("[]", "application/json", 400), ('{"name": "x"', "application/json", 400),
    ('{"name": "x"}', "text/plain", 415), ('{"name": "x"}', None, 415),
])
def test_create_raw_bodies(server, movie, raw, ctype, status):
    error(server.req("POST", f"/movies/{movie}/roles", data=raw, content_type=ctype), status)
    assert roles_of(server, movie)["totalRoles"] == 0


def test_billing_is_unique_within_a_movie(server, movie):
    first = new_role(server, movie, name="A", billing=1)
    b = error(server.post(f"/movies/{movie}/roles", {"name": "B", "billing": 1}), 400)
    assert "billing" in b["message"]
    assert roles_of(server, movie)["totalRoles"] == 1
    new_role(server, new_movie(server), name="B", billing=1)   # another movie may
    second = new_role(server, movie, name="B", billing=2)
    b = error(server.patch(f"/roles/{second}", [{"op": "add", "path": "/billing", "value": 1}]), 400)
    assert "billing" in b["message"]
    assert role_of(server, second)["billing"] == 2 and role_of(server, first)["billing"] == 1
    # freeing a billing lets another role take it
    ok(server.patch(f"/roles/{first}", [{"op": "remove", "path": "/billing"}]))
    ok(server.patch(f"/roles/{second}", [{"op": "add", "path": "/billing", "value": 1}]))


def test_patch_etag_if_match_and_204(server, movie):
    rid = new_role(server, movie, ageMin=30, ageMax=45)
    before = etag(server.get(f"/roles/{rid}"))
    r = server.patch(f"/roles/{rid}", [{"op": "add", "path": "/name", "value": " Jodie "},
                                       {"op": "add", "path": "/gender", "value": "FEMALE"},
                                       {"op": "remove", "path": "/ageMax"},
                                       {"op": "add", "path": "/status", "value": "CUT"}],
                     role="director", headers={"If-Match": before})
    assert ok(r) == {"id": rid, "success": True}
    after = role_of(server, rid)
    assert (after["name"], after["gender"], after["ageMax"], after["status"]) == ("Jodie", "FEMALE", None, "CUT")
    assert etag(r) == etag(server.get(f"/roles/{rid}")) == etag_of(after) != before
    # the same again: nothing changes, 204 with the unchanged ETag
    r = server.patch(f"/roles/{rid}", [{"op": "add", "path": "/name", "value": "Jodie"}])
    assert r.status_code == 204 and r.text == "" and etag(r) == etag_of(after)
    # a stale If-Match: 412, nothing changes
    error(server.patch(f"/roles/{rid}", [{"op": "add", "path": "/name", "value": "X"}],
                       headers={"If-Match": before}), 412)
    assert role_of(server, rid) == after
    # If-None-Match on GET
    g = server.get(f"/roles/{rid}", headers={"If-None-Match": etag_of(after)})
    assert g.status_code == 304 and g.text == ""


PATCH_INVALID = [
    [{"op": "replace", "path": "/name", "value": "X"}],
    [{"op": "remove", "path": "/name"}],
    [{"op": "remove", "path": "/status"}],
    [{"op": "add", "path": "/name", "value": ""}],
    [{"op": "add", "path": "/description", "value": ""}],
    [{"op": "add", "path": "/ageMin", "value": 50}],          # above ageMax 45
    [{"op": "add", "path": "/ageMax", "value": 20}],          # below ageMin 30
    [{"op": "add", "path": "/ageMax", "value": 121}],
    [{"op": "add", "path": "/billing", "value": 0}],
    [{"op": "add", "path": "/status", "value": "DONE"}],
    [{"op": "add", "path": "/id", "value": 9}],
    [{"op": "add", "path": "/movieId", "value": 1}],
    [{"op": "add", "path": "/candidateCount", "value": 1}],
    [{"op": "add", "path": "/colour", "value": "blue"}],
    [{"op": "remove", "path": "/ageMin", "value": None}],
    [{"op": "add", "path": "/name", "value": "ok"}, {"op": "add", "path": "/gender", "value": "X"}],
    {"op": "add", "path": "/name", "value": "X"},
]


@pytest.mark.parametrize("ops", PATCH_INVALID, ids=[str(i) for i in range(len(PATCH_INVALID))])
def test_patch_invalid_is_400_and_changes_nothing(server, movie, ops):
    rid = new_role(server, movie, ageMin=30, ageMax=45, billing=1, description="d")
    before = role_of(server, rid)
    error(server.patch(f"/roles/{rid}", ops, role="director"), 400)
    assert role_of(server, rid) == before


def test_patch_needs_json_patch_media_type(server, movie):
    rid = new_role(server, movie)
    error(server.patch(f"/roles/{rid}", [], content_type="application/json"), 415)


def test_delete_role(server, movie):
    rid = new_role(server, movie)
    other = new_role(server, movie, name="Other")
    stale = etag(server.get(f"/roles/{rid}"))
    ok(server.patch(f"/roles/{rid}", [{"op": "add", "path": "/billing", "value": 5}]))
    error(server.delete(f"/roles/{rid}", headers={"If-Match": stale}), 412)
    fresh_tag = etag(server.get(f"/roles/{rid}"))
    assert ok(server.delete(f"/roles/{rid}", role="director", headers={"If-Match": fresh_tag})) == {
        "id": rid, "success": True}
    error(server.get(f"/roles/{rid}"), 404)
    error(server.delete(f"/roles/{rid}"), 404)
    assert [r["id"] for r in roles_of(server, movie)["roles"]] == [other]
    ok(server.delete(f"/roles/{other}"))


def test_deleting_the_movie_deletes_its_roles(server, movie):
    rid = new_role(server, movie)
    ok(server.delete(f"/movies/{movie}"))
    error(server.get(f"/roles/{rid}"), 404)


# -- every endpoint x role ----------------------------------------------------
# (method, path, body, permission, success status); {m} a movie, {r} a role of
# it, {a} an actor who is a candidate of {r} in SUGGESTED, {b} one who is not.
ENDPOINTS = [
    ("GET", "/movies/{m}/roles", None, "read:movies", 200),
    ("POST", "/movies/{m}/roles", {"name": "New"}, "modify:movies", 201),
    ("GET", "/roles/{r}", None, "read:movies", 200),
    ("PATCH", "/roles/{r}", [{"op": "add", "path": "/name", "value": "Patched"}], "modify:movies", 200),
    ("DELETE", "/roles/{r}", None, "modify:movies", 200),
    ("GET", "/roles/{r}/candidates", None, "read:movies", 200),
    ("POST", "/roles/{r}/candidates", {"actorId": "{b}"}, "create:casts", 201),
    ("PATCH", "/roles/{r}/candidates/{a}", [{"op": "add", "path": "/stage", "value": "SHORTLISTED"}],
     "create:casts", 200),
    ("DELETE", "/roles/{r}/candidates/{a}", None, "delete:casts", 200),
    ("GET", "/roles/{r}/matches", None, "read:movies", 200),
    ("GET", "/actors?gender=FEMALE&ageMin=20", None, "read:actors", 200),
]
ALLOWED = {
    "assistant": {"read:movies", "read:actors"},
    "director": {"read:movies", "read:actors", "modify:movies", "create:casts", "delete:casts"},
    "producer": {"read:movies", "read:actors", "modify:movies", "create:casts", "delete:casts"},
}


class Case:
    def __init__(self, server, method, path, body):
        self.server = server
        t = tag()
        self.m = new_movie(server, t)
        self.r = new_role(server, self.m)
        self.a = ok(server.post("/actors", {"name": f"{t} a", "age": 30}), 201)["id"]
        self.b = ok(server.post("/actors", {"name": f"{t} b", "age": 30}), 201)["id"]
        ok(server.post(f"/roles/{self.r}/candidates", {"actorId": self.a}), 201)
        self.method, self.path, self.body = method, self.fill(path), self.fill(body)

    def fill(self, v):
        if isinstance(v, str):
            for k in ("m", "r", "a", "b"):
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
        return ok(s.get(f"/movies/{self.m}/roles")), ok(s.get(f"/roles/{self.r}/candidates"))


@pytest.mark.parametrize("role", ["assistant", "director", "producer"])
@pytest.mark.parametrize("method,path,body,perm,status", ENDPOINTS, ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS])
def test_role_matrix(server, role, method, path, body, perm, status):
    case = Case(server, method, path, body)
    before = case.snapshot()
    r = case.send(role=role)
    if perm in ALLOWED[role]:
        ok(r, status)
    else:
        error(r, 403)
        assert case.snapshot() == before


@pytest.mark.parametrize("method,path,body,perm,status", ENDPOINTS, ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS])
def test_no_token_is_401(server, method, path, body, perm, status):
    case = Case(server, method, path, body)
    before = case.snapshot()
    error(case.send(role=None), 401)
    assert case.snapshot() == before


@pytest.mark.parametrize("method,path,body,perm,status", ENDPOINTS, ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS])
def test_single_permission_decides(server, keys, method, path, body, perm, status):
    from tokens import ALL_PERMISSIONS
    case = Case(server, method, path, body)
    before = case.snapshot()
    error(case.send(token=keys.token([p for p in ALL_PERMISSIONS if p != perm])), 403)
    assert case.snapshot() == before
    ok(case.send(token=keys.token([perm])), status)


def test_forbidden_before_the_body_is_read(server, movie):
    error(server.req("POST", f"/movies/{movie}/roles", role="assistant", data=b"garbage{",
                     content_type="text/plain"), 403)
    rid = new_role(server, movie)
    error(server.req("PATCH", f"/roles/{rid}", role="assistant", data=b"nope",
                     content_type="application/json"), 403)
    error(server.req("POST", f"/roles/{rid}/candidates", role="assistant", data=b"}",
                     content_type="application/json"), 403)


def test_wrong_method_is_405(server, movie):
    r = server.req("PUT", f"/roles/{new_role(server, movie)}")
    error(r, 405)
    assert set(r.headers["Allow"].split(", ")) == {"GET", "PATCH", "DELETE"}
