"""Candidates of a role (casting.md "Candidates"): adding, listing (?stage=),
the representation with otherRoles, JSON Patch of stage/rating/notes/tags,
the stage rules, booking and releasing (the api.md cast link and the role's
status, in one transaction), double booking, removal."""

import re

import pytest

from checks import error, ok, tag

ABSENT = 987654321
STAGES = ["SUGGESTED", "SHORTLISTED", "AUDITION", "CALLBACK", "ON_HOLD", "BOOKED", "RELEASED"]
WHEN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class World:
    """A movie with two roles and three actors of this test's own."""

    def __init__(self, server):
        self.s = server
        self.t = tag()
        self.movie = ok(server.post("/movies", {"title": f"{self.t} movie", "genre": "DRAMA"}), 201)["id"]
        self.role = self.new_role("Lead", billing=1)
        self.role2 = self.new_role("Sidekick", billing=2)
        self.actors = [ok(server.post("/actors", {"name": f"{self.t} {n}", "age": age, "gender": g}), 201)["id"]
                       for n, age, g in (("Ann", 30, "FEMALE"), ("Bea", 41, "FEMALE"), ("Cal", 52, "MALE"))]

    def new_role(self, name, **kw):
        return ok(self.s.post(f"/movies/{self.movie}/roles", {"name": name, **kw}), 201)["id"]

    def add(self, actor, role=None, who="director"):
        return self.s.post(f"/roles/{role or self.role}/candidates", {"actorId": actor}, role=who)

    def stage(self, actor, stage, role=None, query="", who="director"):
        return self.s.patch(f"/roles/{role or self.role}/candidates/{actor}{query}",
                            [{"op": "add", "path": "/stage", "value": stage}], role=who)

    def candidates(self, role=None, query=""):
        return ok(self.s.get(f"/roles/{role or self.role}/candidates{query}", role="assistant"))

    def candidate(self, actor, role=None):
        found = [c for c in self.candidates(role)["candidates"] if c["actor"]["id"] == actor]
        assert len(found) == 1
        return found[0]

    def cast(self):
        return [a["id"] for a in ok(self.s.get(f"/movies/{self.movie}"))["movie"]["actors"]]

    def role_status(self, role=None):
        return ok(self.s.get(f"/roles/{role or self.role}"))["role"]["status"]


@pytest.fixture
def w(server):
    return World(server)


def test_add_and_list(w):
    a, b, _ = w.actors
    assert ok(w.add(b), 201) == {"id": b, "success": True}
    ok(w.add(a), 201)
    page = w.candidates()
    assert page["totalCandidates"] == 2 and page["offset"] == 0
    first = page["candidates"][0]
    assert list(first) == ["actor", "notes", "otherRoles", "rating", "stage", "tags", "updatedAt"]
    assert first["actor"] == {"age": 30, "gender": "FEMALE", "id": a, "name": f"{w.t} Ann", "photoUrl": None}
    assert (first["notes"], first["otherRoles"], first["rating"], first["stage"], first["tags"]) == (
        None, [], None, "SUGGESTED", [])
    assert WHEN.match(first["updatedAt"])
    assert [c["actor"]["id"] for c in page["candidates"]] == [a, b]   # by name
    assert ok(w.s.get(f"/roles/{w.role}"))["role"]["candidateCount"] == 2


def test_duplicate_and_unknown_actor_are_400(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    assert "already" in error(w.add(a), 400)["message"]
    assert "actor" in error(w.add(ABSENT), 400)["message"]
    assert w.candidates()["totalCandidates"] == 1


def test_absent_role_is_404(w):
    error(w.add(w.actors[0], role=ABSENT), 404)
    error(w.s.get(f"/roles/{ABSENT}/candidates"), 404)
    error(w.stage(w.actors[0], "SHORTLISTED", role=ABSENT), 404)
    error(w.s.delete(f"/roles/{ABSENT}/candidates/{w.actors[0]}"), 404)
    # an actor who is not a candidate of an existing role
    error(w.stage(w.actors[0], "SHORTLISTED"), 404)
    error(w.s.delete(f"/roles/{w.role}/candidates/{w.actors[0]}"), 404)


@pytest.mark.parametrize("body", [
    {}, {"actorId": None}, {"actorId": "5"}, {"actorId": 1.5}, {"actorId": 0}, {"actorId": -3},
    {"actorId": True}, {"actorId": [1]}, {"actorId": 99999999999999999999}, {"actorId": 1, "stage": "BOOKED"},
    [1], "x",
])
def test_add_invalid_body_is_400(w, body):
    error(w.s.post(f"/roles/{w.role}/candidates", body), 400)
    assert w.candidates()["totalCandidates"] == 0


def test_stage_filter(w):
    a, b, c = w.actors
    for x in (a, b, c):
        ok(w.add(x), 201)
    ok(w.stage(b, "SHORTLISTED"))
    ok(w.stage(c, "SHORTLISTED"))
    page = w.candidates(query="?stage=SHORTLISTED")
    assert page["totalCandidates"] == 2 and [x["actor"]["id"] for x in page["candidates"]] == [b, c]
    assert w.candidates(query="?stage=BOOKED") == {"candidates": [], "offset": 0, "success": True,
                                                  "totalCandidates": 0}
    for bad in ("shortlisted", "NOPE", "", "BOOKED%00"):
        error(w.s.get(f"/roles/{w.role}/candidates?stage={bad}"), 400)


def test_candidates_page_of_ten(w, server):
    for i in range(11):
        aid = ok(server.post("/actors", {"name": f"{w.t} p{i:02d}", "age": 20}), 201)["id"]
        ok(w.add(aid), 201)
    first, second = w.candidates(), w.candidates(query="?page=2")
    assert len(first["candidates"]) == 10 and len(second["candidates"]) == 1
    assert first["totalCandidates"] == second["totalCandidates"] == 11 and second["offset"] == 10


def test_patch_rating_notes_tags(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    ops = [{"op": "add", "path": "/rating", "value": 4}, {"op": "add", "path": "/notes", "value": " Great read "},
           {"op": "add", "path": "/tags", "value": ["callback-1", "comedy"]}]
    assert ok(w.s.patch(f"/roles/{w.role}/candidates/{a}", ops, role="director")) == {"id": a, "success": True}
    c = w.candidate(a)
    assert (c["rating"], c["notes"], c["tags"]) == (4, "Great read", ["callback-1", "comedy"])
    r = w.s.patch(f"/roles/{w.role}/candidates/{a}", ops)
    assert r.status_code == 204 and r.text == ""
    ops = [{"op": "remove", "path": "/rating"}, {"op": "remove", "path": "/notes"},
           {"op": "remove", "path": "/tags"}]
    ok(w.s.patch(f"/roles/{w.role}/candidates/{a}", ops))
    c = w.candidate(a)
    assert (c["rating"], c["notes"], c["tags"]) == (None, None, [])
    ok(w.s.patch(f"/roles/{w.role}/candidates/{a}", [{"op": "add", "path": "/notes", "value": "n" * 4000},
                                                     {"op": "add", "path": "/tags", "value": ["t" * 40] * 20}]))


PATCH_INVALID = [
    [{"op": "add", "path": "/rating", "value": 0}],
    [{"op": "add", "path": "/rating", "value": 6}],
    [{"op": "add", "path": "/rating", "value": "5"}],
    [{"op": "add", "path": "/rating", "value": 4.5}],
    [{"op": "add", "path": "/notes", "value": ""}],
    [{"op": "add", "path": "/notes", "value": "n" * 4001}],
    [{"op": "add", "path": "/notes", "value": 3}],
    [{"op": "add", "path": "/tags", "value": "a"}],
    [{"op": "add", "path": "/tags", "value": [""]}],
    [{"op": "add", "path": "/tags", "value": ["t" * 41]}],
    [{"op": "add", "path": "/tags", "value": ["t"] * 21}],
    [{"op": "add", "path": "/tags", "value": [1]}],
    [{"op": "add", "path": "/tags", "value": None}],
    [{"op": "add", "path": "/stage", "value": "HIRED"}],
    [{"op": "add", "path": "/stage", "value": None}],
    [{"op": "remove", "path": "/stage"}],
    [{"op": "add", "path": "/actor", "value": 1}],
    [{"op": "add", "path": "/updatedAt", "value": "2020-01-01T00:00:00Z"}],
    [{"op": "replace", "path": "/rating", "value": 3}],
    [{"op": "remove", "path": "/rating", "value": None}],
    [{"op": "add", "path": "/rating", "value": 3}, {"op": "add", "path": "/stage", "value": "X"}],
    {"op": "add", "path": "/rating", "value": 3},
    [7],
]


@pytest.mark.parametrize("ops", PATCH_INVALID, ids=[str(i) for i in range(len(PATCH_INVALID))])
def test_patch_invalid_is_400_and_changes_nothing(w, ops):
    a = w.actors[0]
    ok(w.add(a), 201)
    before = w.candidate(a)
    error(w.s.patch(f"/roles/{w.role}/candidates/{a}", ops), 400)
    assert w.candidate(a) == before


def test_patch_media_type_and_confirm_value(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    error(w.s.patch(f"/roles/{w.role}/candidates/{a}", [], content_type="application/json"), 415)
    error(w.stage(a, "SHORTLISTED", query="?confirm=yes"), 400)
    assert w.candidate(a)["stage"] == "SUGGESTED"


def test_stages_move_forward_and_back(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    for stage in ("CALLBACK", "SHORTLISTED", "ON_HOLD", "SUGGESTED", "AUDITION", "RELEASED", "SHORTLISTED"):
        ok(w.stage(a, stage))
        assert w.candidate(a)["stage"] == stage


def test_booking_makes_the_cast_link_and_casts_the_role(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    assert w.cast() == [] and w.role_status() == "OPEN"
    assert ok(w.stage(a, "BOOKED")) == {"id": a, "success": True}
    # read after write: the movie, the actor and the role show it at once
    assert w.cast() == [a]
    assert [m["id"] for m in ok(w.s.get(f"/actors/{a}"))["actor"]["movies"]] == [w.movie]
    assert w.role_status() == "CAST"
    assert w.candidate(a)["stage"] == "BOOKED"
    # out of BOOKED only by release
    for stage in ("ON_HOLD", "SUGGESTED"):
        assert "release" in error(w.stage(a, stage), 409)["message"]
    assert w.candidate(a)["stage"] == "BOOKED"
    assert w.stage(a, "BOOKED").status_code == 204
    error(w.s.delete(f"/roles/{w.role}/candidates/{a}"), 409)
    # releasing removes the link and opens the role again
    ok(w.stage(a, "RELEASED"))
    assert w.cast() == [] and ok(w.s.get(f"/actors/{a}"))["actor"]["movies"] == []
    assert w.role_status() == "OPEN"
    ok(w.s.delete(f"/roles/{w.role}/candidates/{a}", role="director"))
    assert w.candidates()["totalCandidates"] == 0


def test_booking_keeps_an_existing_link(w):
    """A link made by hand before the booking is not the booking's: releasing
    leaves it (and booking again, releasing again, still does)."""
    a = w.actors[0]
    ok(w.s.post("/casts", {"movieId": w.movie, "actorId": a}), 201)
    ok(w.add(a), 201)
    ok(w.stage(a, "BOOKED"))
    assert w.cast() == [a]
    ok(w.stage(a, "RELEASED"))
    assert w.cast() == [a] and w.role_status() == "OPEN"
    ok(w.stage(a, "BOOKED"))
    ok(w.stage(a, "RELEASED"))
    assert w.cast() == [a]


def test_a_booked_link_unlinked_by_hand(w):
    """DELETE /casts while booked: the link is gone and stays gone on release;
    linked by hand again afterwards, it is the hand's and survives a release."""
    a = w.actors[0]
    ok(w.add(a), 201)
    ok(w.stage(a, "BOOKED"))
    ok(w.s.delete(f"/casts/movies/{w.movie}/actors/{a}"))
    assert w.cast() == []
    ok(w.s.post("/casts", {"movieId": w.movie, "actorId": a}), 201)
    ok(w.stage(a, "RELEASED"))
    assert w.cast() == [a]


def test_second_booking_in_a_role_is_409(w):
    a, b, _ = w.actors
    ok(w.add(a), 201)
    ok(w.add(b), 201)
    ok(w.stage(a, "BOOKED"))
    msg = error(w.stage(b, "BOOKED"), 409)["message"]
    assert str(a) in msg
    assert w.candidate(b)["stage"] == "SUGGESTED" and w.cast() == [a]
    ok(w.stage(a, "RELEASED"))
    ok(w.stage(b, "BOOKED"))
    assert w.cast() == [b]


def test_double_booking_in_a_movie_needs_confirm(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    ok(w.add(a, role=w.role2), 201)
    # otherRoles: the other active candidacy, both ways
    assert w.candidate(a)["otherRoles"] == [{"movieId": w.movie, "roleId": w.role2, "roleName": "Sidekick",
                                             "stage": "SUGGESTED"}]
    ok(w.stage(a, "BOOKED"))
    msg = error(w.stage(a, "BOOKED", role=w.role2), 409)["message"]
    assert "Lead" in msg and "confirm" in msg
    assert w.candidate(a, role=w.role2)["stage"] == "SUGGESTED" and w.role_status(w.role2) == "OPEN"
    error(w.stage(a, "BOOKED", role=w.role2, query="?confirm=false"), 409)
    ok(w.stage(a, "BOOKED", role=w.role2, query="?confirm=true"))
    assert w.role_status(w.role2) == "CAST" and w.cast() == [a]
    # releasing one keeps the link: the other booked role needs it
    ok(w.stage(a, "RELEASED"))
    assert w.cast() == [a] and w.role_status() == "OPEN"
    assert w.candidate(a, role=w.role2)["otherRoles"] == []   # RELEASED is not active
    ok(w.stage(a, "RELEASED", role=w.role2))
    assert w.cast() == []


def test_other_roles_span_movies(w, server):
    a = w.actors[0]
    other = World(server)
    ok(w.add(a), 201)
    ok(other.add(a), 201)
    ok(other.stage(a, "CALLBACK"))
    assert w.candidate(a)["otherRoles"] == [{"movieId": other.movie, "roleId": other.role, "roleName": "Lead",
                                             "stage": "CALLBACK"}]
    # booking in another movie needs no confirmation
    ok(other.stage(a, "BOOKED"))
    ok(w.stage(a, "BOOKED"))


def test_deleting_a_role_keeps_the_booked_link(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    ok(w.stage(a, "BOOKED"))
    ok(w.s.delete(f"/roles/{w.role}"))
    assert w.cast() == [a]
    error(w.s.get(f"/roles/{w.role}/candidates"), 404)


def test_deleting_the_actor_removes_the_candidacy(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    ok(w.s.delete(f"/actors/{a}"))
    assert w.candidates()["totalCandidates"] == 0


def test_updated_at_moves_with_a_change(w):
    a = w.actors[0]
    ok(w.add(a), 201)
    first = w.candidate(a)["updatedAt"]
    ok(w.s.patch(f"/roles/{w.role}/candidates/{a}", [{"op": "add", "path": "/rating", "value": 2}]))
    assert w.candidate(a)["updatedAt"] >= first
