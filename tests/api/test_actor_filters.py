"""Finding actors (casting.md): the gender/ageMin/ageMax filters of GET /actors
(combined with search and paging, totals respecting them, api.md's list
unchanged without them) and GET /roles/{id}/matches."""

import pytest

from checks import DEMO, demo_actor, error, ok, tag

PEOPLE = [("Ann", 20, "FEMALE"), ("Bob", 30, "MALE"), ("Cat", 40, "FEMALE"), ("Dan", 50, None),
          ("Eve", 35, "FEMALE"), ("Fay", 45, "FEMALE")]


@pytest.fixture
def people(server):
    t = tag()
    ids = {n: ok(server.post("/actors", {"name": f"{t} {n}", "age": age, "gender": g}), 201)["id"]
           for n, age, g in PEOPLE}
    return t, ids


def names(body, t):
    return [a["name"].removeprefix(t + " ") for a in body["actors"]]


@pytest.mark.parametrize("query,expected", [
    ("gender=FEMALE", ["Ann", "Cat", "Eve", "Fay"]),
    ("gender=MALE", ["Bob"]),
    ("ageMin=40", ["Cat", "Dan", "Fay"]),
    ("ageMax=30", ["Ann", "Bob"]),
    ("ageMin=35&ageMax=45", ["Cat", "Eve", "Fay"]),
    ("ageMin=40&ageMax=40", ["Cat"]),
    ("gender=FEMALE&ageMin=36", ["Cat", "Fay"]),
    ("gender=MALE&ageMin=31", []),
    ("ageMin=0&ageMax=120", ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay"]),
    ("gender=&ageMin=&ageMax=", ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay"]),   # empty: no filter
])
def test_filters_with_search(server, people, query, expected):
    t, _ = people
    body = ok(server.get(f"/actors?search={t}&{query}", role="assistant"))
    assert names(body, t) == expected
    assert body["totalActors"] == len(expected) and body["offset"] == 0


def test_filtered_items_are_the_actor_representation(server, people):
    t, ids = people
    plain = server.get(f"/actors?search={t}")
    wide = server.get(f"/actors?search={t}&ageMin=0&ageMax=120")
    assert wide.content == plain.content   # the same bytes through the filtered query
    one = ok(server.get(f"/actors?search={t}&ageMin=50"))["actors"]
    assert one == [ok(server.get(f"/actors/{ids['Dan']}"))["actor"]]


def test_no_filter_is_api_md_byte_for_byte(demo):
    for q in ("", "?page=2", "?search=an", "?search=tom&page=1"):
        sep = "&" if q else "?"
        assert demo.get(f"/actors{q}{sep}gender=&ageMin=").content == demo.get(f"/actors{q}").content


def test_filters_on_the_demo_catalogue(demo):
    females = sorted((a for a in DEMO["actors"] if a.get("gender") == "FEMALE"), key=lambda a: (a["name"], a["id"]))
    body = ok(demo.get("/actors?gender=FEMALE", role="assistant"))
    assert body["totalActors"] == len(females)
    assert body["actors"] == [demo_actor(a["id"]) for a in females[:10]]
    old = [a for a in DEMO["actors"] if a["age"] >= 60]
    assert ok(demo.get("/actors?ageMin=60"))["totalActors"] == len(old)


def test_filters_page_by_ten(server):
    t = tag()
    for i in range(12):
        ok(server.post("/actors", {"name": f"{t} {i:02d}", "age": 33, "gender": "MALE"}), 201)
    ok(server.post("/actors", {"name": f"{t} zz", "age": 34, "gender": "FEMALE"}), 201)
    first = ok(server.get(f"/actors?search={t}&gender=MALE"))
    second = ok(server.get(f"/actors?search={t}&gender=MALE&page=2"))
    assert first["totalActors"] == second["totalActors"] == 12
    assert len(first["actors"]) == 10 and len(second["actors"]) == 2 and second["offset"] == 10
    assert ok(server.get(f"/actors?search={t}&gender=MALE&page=3"))["actors"] == []


@pytest.mark.parametrize("query", [
    "gender=OTHER", "gender=female", "gender=MALE,FEMALE", "ageMin=-1", "ageMin=121", "ageMax=121",
    "ageMin=abc", "ageMin=1.5", "ageMin=0030", "ageMin=+3", "ageMin=50&ageMax=40", "ageMax=1e2",
    "gender=FEMALE&search=" + "x" * 201,
])
def test_invalid_filters_are_400(server, query):
    assert error(server.get(f"/actors?{query}", role="assistant"), 400)["message"]


def test_filters_follow_writes(server, people):
    """A filtered list is never served stale (it is not cached)."""
    t, ids = people
    assert names(ok(server.get(f"/actors?search={t}&gender=MALE")), t) == ["Bob"]
    ok(server.patch(f"/actors/{ids['Dan']}", [{"op": "add", "path": "/gender", "value": "MALE"}]))
    assert names(ok(server.get(f"/actors?search={t}&gender=MALE")), t) == ["Bob", "Dan"]


# -- GET /roles/{id}/matches --------------------------------------------------
def new_role(server, **fields):
    movie = ok(server.post("/movies", {"title": f"{tag()} m", "genre": "DRAMA"}), 201)["id"]
    return ok(server.post(f"/movies/{movie}/roles", {"name": "Lead", **fields}), 201)["id"]


def test_matches_fit_the_role_and_leave_candidates_out(server, people):
    t, ids = people
    role = new_role(server, gender="FEMALE", ageMin=35, ageMax=45)
    body = ok(server.get(f"/roles/{role}/matches?search={t}", role="assistant"))
    assert names(body, t) == ["Cat", "Eve", "Fay"] and body["totalActors"] == 3
    assert body["actors"][0] == ok(server.get(f"/actors/{ids['Cat']}"))["actor"]
    ok(server.post(f"/roles/{role}/candidates", {"actorId": ids["Eve"]}), 201)
    body = ok(server.get(f"/roles/{role}/matches?search={t}"))
    assert names(body, t) == ["Cat", "Fay"] and body["totalActors"] == 2
    # a released candidate is still a candidate
    ok(server.patch(f"/roles/{role}/candidates/{ids['Eve']}", [{"op": "add", "path": "/stage",
                                                                 "value": "RELEASED"}]))
    assert names(ok(server.get(f"/roles/{role}/matches?search={t}")), t) == ["Cat", "Fay"]
    # the role's breakdown changes what fits
    ok(server.patch(f"/roles/{role}", [{"op": "remove", "path": "/gender"}, {"op": "remove", "path": "/ageMax"}]))
    assert names(ok(server.get(f"/roles/{role}/matches?search={t}")), t) == ["Cat", "Dan", "Fay"]


def test_matches_without_constraints_and_paging(server):
    t = tag()
    for i in range(11):
        ok(server.post("/actors", {"name": f"{t} {i:02d}", "age": 20 + i}), 201)
    role = new_role(server)
    first = ok(server.get(f"/roles/{role}/matches?search={t}"))
    second = ok(server.get(f"/roles/{role}/matches?search={t}&page=2"))
    assert first["totalActors"] == second["totalActors"] == 11
    assert len(first["actors"]) == 10 and len(second["actors"]) == 1 and second["offset"] == 10


def test_matches_of_an_absent_role_and_bad_search(server):
    error(server.get("/roles/987654321/matches"), 404)
    role = new_role(server)
    error(server.get(f"/roles/{role}/matches?search=" + "x" * 201), 400)
