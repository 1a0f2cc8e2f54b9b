"""Auditions (casting.md "Auditions"): POST /roles/{id}/auditions, GET /auditions,
GET/PATCH/DELETE /auditions/{id} and GET /auditions.ics, on both backends.

Every test makes its own movie, role, actors and candidates through the API
and a location of its own (a unique tag), so clash rules and list totals are
exact on the shared server. The calendar is parsed with Debian's
python3-icalendar and its raw bytes are checked against RFC 5545 (CRLF,
lines of at most 75 octets)."""

import threading

import icalendar
import pytest
import requests

import openapi
from checks import error, etag, ok, tag

ROLES = ("assistant", "director", "producer")
PATCH_CT = "application/json-patch+json"


def at(hhmm, day="2031-03-10"):
    """A UTC instant on a fixed day far from today (the feed window is explicit)."""
    return f"{day}T{hhmm}:00Z"


class Cast:
    """A movie with one role, three actors: a1 and a2 are candidates, a3 is not."""

    def __init__(self, server):
        self.s = server
        self.t = tag()
        self.movie = ok(server.post("/movies", {"title": f"{self.t} movie", "genre": "DRAMA"}), 201)["id"]
        self.role = self.new_role(f"{self.t} Ellie")
        self.a1 = self.new_actor("one")
        self.a2 = self.new_actor("two")
        self.a3 = self.new_actor("three")
        self.candidate(self.a1)
        self.candidate(self.a2)
        self.room = f"{self.t} Room A"
        self.room2 = f"{self.t} Room B"

    def new_role(self, name):
        return ok(self.s.post(f"/movies/{self.movie}/roles", {"name": name}), 201)["id"]

    def new_actor(self, name):
        return ok(self.s.post("/actors", {"name": f"{self.t} {name}", "age": 30}), 201)["id"]

    def candidate(self, actor, role=None):
        ok(self.s.post(f"/roles/{role or self.role}/candidates", {"actorId": actor}), 201)

    def schedule(self, actor, start, end, location=None, role=None, status=201, who="director"):
        r = self.s.post(f"/roles/{role or self.role}/auditions",
                        {"actorId": actor, "start": start, "end": end, "location": location or self.room},
                        role=who)
        if status == 201:
            return ok(r, 201)["id"]
        return error(r, status)

    def get(self, aid):
        return ok(self.s.get(f"/auditions/{aid}"))["audition"]

    def mine(self, **query):
        """GET /auditions for this test's actors (a1 by default), all pages."""
        query.setdefault("actorId", self.a1)
        qs = "&".join(f"{k}={v}" for k, v in query.items())
        return ok(self.s.get(f"/auditions?{qs}"))

    def stage(self, actor, role=None):
        cands = ok(self.s.get(f"/roles/{role or self.role}/candidates"))["candidates"]
        return next(c["stage"] for c in cands if c["actor"]["id"] == actor)

    def set_stage(self, actor, stage):
        ok(self.s.patch(f"/roles/{self.role}/candidates/{actor}", [{"op": "add", "path": "/stage", "value": stage}]))


@pytest.fixture
def cast(server):
    return Cast(server)


# -- scheduling ----------------------------------------------------------------
def test_schedule_and_read_back(server, cast):
    r = server.post(f"/roles/{cast.role}/auditions",
                    {"actorId": cast.a1, "start": "2031-03-10T11:00:00+01:00", "end": "2031-03-10T05:20:00-05:00",
                     "location": f"  {cast.room} ", "notes": "ignored"}, role="director")
    body = ok(r, 201)
    assert set(body) == {"id", "success"}
    aid = body["id"]
    got = server.get(f"/auditions/{aid}")
    assert ok(got) == {"audition": {"actorId": cast.a1, "end": "2031-03-10T10:20:00Z", "id": aid,
                                    "location": cast.room, "roleId": cast.role, "start": "2031-03-10T10:00:00Z",
                                    "status": "SCHEDULED"}, "success": True}
    tag_value = etag(got)
    assert server.get(f"/auditions/{aid}", headers={"If-None-Match": tag_value}).status_code == 304
    assert server.get(f"/auditions/{aid}", headers={"If-None-Match": tag_value.strip('"')}).status_code == 304
    assert ok(server.get(f"/auditions/{aid}", headers={"If-None-Match": '"0"'}))["audition"]["id"] == aid


def test_fractions_and_lower_case_are_accepted_and_normalised(cast):
    aid = cast.schedule(cast.a1, "2031-03-10t10:00:00.123z", "2031-03-10T10:30:00.000+00:00")
    got = cast.get(aid)
    assert (got["start"], got["end"]) == ("2031-03-10T10:00:00Z", "2031-03-10T10:30:00Z")


def test_exactly_eight_hours_is_allowed(cast):
    cast.schedule(cast.a1, at("09:00"), at("17:00"))


# Bodies with {a1}/{a3}/{room} placeholders; each must be a 400 naming the field.
INVALID = [
    ({}, "actorId"),
    ({"start": at("10:00"), "end": at("10:20"), "location": "{room}"}, "actorId"),
    ({"actorId": "{a1}s", "start": at("10:00"), "end": at("10:20"), "location": "{room}"}, "actorId"),
    ({"actorId": 0, "start": at("10:00"), "end": at("10:20"), "location": "{room}"}, "actorId"),
    ({"actorId": -4, "start": at("10:00"), "end": at("10:20"), "location": "{room}"}, "actorId"),
    ({"actorId": 1.5, "start": at("10:00"), "end": at("10:20"), "location": "{room}"}, "actorId"),
    ({"actorId": True, "start": at("10:00"), "end": at("10:20"), "location": "{room}"}, "actorId"),
    ({"actorId": "{a3}", "start": at("10:00"), "end": at("10:20"), "location": "{room}"}, "not a candidate"),
    ({"actorId": 987654321, "start": at("10:00"), "end": at("10:20"), "location": "{room}"}, "not a candidate"),
    ({"actorId": "{a1}", "end": at("10:20"), "location": "{room}"}, "start"),
    ({"actorId": "{a1}", "start": None, "end": at("10:20"), "location": "{room}"}, "start"),
    ({"actorId": "{a1}", "start": "2031-03-10T10:00:00", "end": at("10:20"), "location": "{room}"}, "start"),
    ({"actorId": "{a1}", "start": "2031-03-10 10:00:00Z", "end": at("10:20"), "location": "{room}"}, "start"),
    ({"actorId": "{a1}", "start": "2031-02-29T10:00:00Z", "end": at("10:20"), "location": "{room}"}, "start"),
    ({"actorId": "{a1}", "start": "2031-03-10T25:00:00Z", "end": at("10:20"), "location": "{room}"}, "start"),
    ({"actorId": "{a1}", "start": "2031-03-10T10:00:00+0100", "end": at("10:20"), "location": "{room}"}, "start"),
    ({"actorId": "{a1}", "start": 1930992000, "end": at("10:20"), "location": "{room}"}, "start"),
    ({"actorId": "{a1}", "start": at("10:00"), "location": "{room}"}, "end"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": "soon", "location": "{room}"}, "end"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": at("10:00"), "location": "{room}"}, "start must be before end"),
    ({"actorId": "{a1}", "start": at("10:20"), "end": at("10:00"), "location": "{room}"}, "start must be before end"),
    ({"actorId": "{a1}", "start": at("09:00"), "end": "2031-03-10T17:00:01Z", "location": "{room}"}, "8 hours"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": at("10:20")}, "location"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": at("10:20"), "location": None}, "location"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": at("10:20"), "location": "   "}, "location"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": at("10:20"), "location": "x" * 101}, "location"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": at("10:20"), "location": "é" * 101}, "location"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": at("10:20"), "location": "Room\nA"}, "location"),
    ({"actorId": "{a1}", "start": at("10:00"), "end": at("10:20"), "location": 12}, "location"),
]


def fill(body, cast):
    out = {}
    for k, v in body.items():
        if isinstance(v, str) and v.startswith("{"):
            v = {"{a1}": cast.a1, "{a3}": cast.a3, "{a1}s": str(cast.a1), "{room}": cast.room}[v]
        out[k] = v
    return out


@pytest.mark.parametrize("body,field", INVALID, ids=[f"{i}-{f}" for i, (_, f) in enumerate(INVALID)])
def test_invalid_bodies_are_400_and_change_nothing(server, cast, body, field):
    b = error(server.post(f"/roles/{cast.role}/auditions", fill(body, cast), role="director"), 400)
    assert field in b.get("message", ""), b
    assert cast.mine()["totalAuditions"] == 0
    assert cast.stage(cast.a1) == "SUGGESTED"


def test_a_hundred_characters_of_location_are_fine(cast):
    aid = cast.schedule(cast.a1, at("10:00"), at("10:20"), location="é" * 100)
    assert cast.get(aid)["location"] == "é" * 100


@pytest.mark.parametrize("raw,ctype,status", [
    ("[]", "application/json", 400),
    ("7", "application/json", 400),
    ('{"actorId": 1', "application/json", 400),
    ('{"actorId": 1, "actorId": 2}', "application/json", 400),
    ("{}", "text/plain", 415),
    ("{}", None, 415),
])
def test_raw_bodies(server, cast, raw, ctype, status):
    error(server.req("POST", f"/roles/{cast.role}/auditions", data=raw, content_type=ctype, role="director"),
          status)
    assert cast.mine()["totalAuditions"] == 0


@pytest.mark.parametrize("path", ["/roles/987654321/auditions", "/roles/abc/auditions", "/roles/0/auditions"])
def test_missing_role_is_404(server, cast, path):
    error(server.post(path, {"actorId": cast.a1, "start": at("10:00"), "end": at("10:20"),
                             "location": cast.room}), 404)


def test_released_candidate_cannot_be_scheduled(cast):
    cast.set_stage(cast.a1, "RELEASED")
    b = cast.schedule(cast.a1, at("10:00"), at("10:20"), status=400)
    assert "released" in b["message"]


# -- clashes -------------------------------------------------------------------
def test_same_actor_overlapping_elsewhere_is_409_naming_the_clash(server, cast):
    first = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    for start, end in [(at("10:10"), at("10:30")), (at("09:50"), at("10:01")), (at("10:05"), at("10:15")),
                       (at("09:00"), at("11:00")), (at("10:00"), at("10:20"))]:
        b = cast.schedule(cast.a1, start, end, location=cast.room2, status=409)
        msg = b["message"]
        assert f"audition {first}" in msg and f"actor {cast.a1}" in msg and cast.room in msg, msg
        assert "2031-03-10T10:00:00Z" in msg and "2031-03-10T10:20:00Z" in msg, msg
    assert cast.mine()["totalAuditions"] == 1


def test_same_location_overlapping_is_409_naming_the_clash(cast):
    first = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    b = cast.schedule(cast.a2, at("10:19"), at("10:40"), status=409)
    msg = b["message"]
    assert f"audition {first}" in msg and cast.room in msg and f"actor {cast.a1}" in msg, msg
    assert f"{cast.t} one" in msg, "the clash names who is there"
    assert cast.mine(actorId=cast.a2)["totalAuditions"] == 0


def test_touching_intervals_do_not_clash(cast):
    cast.schedule(cast.a1, at("10:00"), at("10:20"))
    cast.schedule(cast.a2, at("10:20"), at("10:40"))                       # same room, right after
    cast.schedule(cast.a2, at("09:40"), at("10:00"))                       # same room, right before
    cast.schedule(cast.a1, at("10:20"), at("10:30"), location=cast.room2)  # same actor, right after
    assert cast.mine()["totalAuditions"] == 2


def test_other_actor_other_room_same_time_is_fine(cast):
    cast.schedule(cast.a1, at("10:00"), at("10:20"))
    cast.schedule(cast.a2, at("10:00"), at("10:20"), location=cast.room2)


def test_clash_across_roles_of_the_same_actor(cast):
    other_role = cast.new_role(f"{cast.t} Other")
    cast.candidate(cast.a1, role=other_role)
    cast.schedule(cast.a1, at("10:00"), at("10:20"))
    cast.schedule(cast.a1, at("10:10"), at("10:30"), location=cast.room2, role=other_role, status=409)


@pytest.mark.parametrize("status", ["CANCELLED", "DONE", "NO_SHOW"])
def test_only_scheduled_auditions_clash(server, cast, status):
    first = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    if status == "CANCELLED":
        ok(server.delete(f"/auditions/{first}", role="director"))
    else:
        ok(server.patch(f"/auditions/{first}", [{"op": "add", "path": "/status", "value": status}]))
    assert cast.get(first)["status"] == status
    cast.schedule(cast.a1, at("10:00"), at("10:20"))
    cast.schedule(cast.a2, at("10:05"), at("10:10"), location=cast.room2)
    # back to SCHEDULED: now it clashes with the new one
    b = error(server.patch(f"/auditions/{first}", [{"op": "add", "path": "/status", "value": "SCHEDULED"}]), 409)
    assert "clashes with audition" in b["message"]
    assert cast.get(first)["status"] == status


# -- the candidate's stage -----------------------------------------------------
def test_scheduling_moves_early_stages_to_audition(cast):
    assert cast.stage(cast.a1) == "SUGGESTED"
    cast.schedule(cast.a1, at("10:00"), at("10:20"))
    assert cast.stage(cast.a1) == "AUDITION"
    cast.set_stage(cast.a2, "SHORTLISTED")
    cast.schedule(cast.a2, at("11:00"), at("11:20"))
    assert cast.stage(cast.a2) == "AUDITION"


@pytest.mark.parametrize("stage", ["CALLBACK", "ON_HOLD", "BOOKED"])
def test_scheduling_keeps_later_stages(cast, stage):
    cast.set_stage(cast.a1, stage)
    cast.schedule(cast.a1, at("10:00"), at("10:20"))
    assert cast.stage(cast.a1) == stage


def test_a_refused_booking_leaves_the_stage(cast):
    cast.schedule(cast.a1, at("10:00"), at("10:20"))
    cast.schedule(cast.a2, at("10:00"), at("10:20"), status=409)
    assert cast.stage(cast.a2) == "SUGGESTED"


# -- list ------------------------------------------------------------------------
def test_list_is_ordered_paged_and_counted(server, cast):
    ids = []
    for i in range(12):   # 12 slots of 10 minutes, created in reverse order of start
        m = 50 - 4 * i
        ids.append(cast.schedule(cast.a1, at(f"12:{m:02d}"), at(f"12:{m + 3:02d}")))
    twin = cast.schedule(cast.a2, at("12:06"), at("12:09"), location=cast.room2)   # same start as one of a1's
    expected = list(reversed(ids))
    page1 = cast.mine()
    assert page1["totalAuditions"] == 12 and page1["offset"] == 0
    assert [a["id"] for a in page1["auditions"]] == expected[:10]
    page2 = cast.mine(page=2)
    assert page2["offset"] == 10 and [a["id"] for a in page2["auditions"]] == expected[10:]
    assert cast.mine(page=3)["auditions"] == [] and cast.mine(page=3)["totalAuditions"] == 12
    assert cast.mine(page="x")["offset"] == 0
    starts = [a["start"] for a in page1["auditions"] + page2["auditions"]]
    assert starts == sorted(starts)
    # equal starts: by id
    same = [a["id"] for a in ok(server.get(f"/auditions?from={at('12:06')}&to={at('12:07')}"))["auditions"]
            if a["actorId"] in (cast.a1, cast.a2)]
    assert same == sorted([ids[11], twin]), same


def test_from_and_to_select_overlapping_auditions(cast):
    a = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    b = cast.schedule(cast.a1, at("10:20"), at("10:40"))
    c = cast.schedule(cast.a1, at("11:00"), at("11:30"))

    def ids(**q):
        return [x["id"] for x in cast.mine(**q)["auditions"]]
    assert ids(**{"from": at("10:20")}) == [b, c]            # a ends at 10:20: not after it
    assert ids(**{"from": at("10:19")}) == [a, b, c]
    assert ids(to=at("10:20")) == [a]                         # b starts at 10:20: not before it
    assert ids(to=at("10:21")) == [a, b]
    assert ids(**{"from": at("10:30"), "to": at("11:01")}) == [b, c]
    assert ids(**{"from": at("10:40"), "to": at("11:00")}) == []
    assert ids(**{"from": "2031-03-10T11:25:00%2B01:00"}) == [b, c]   # 10:25Z
    assert ids(**{"from": "2031-03-10T11:25:00+01:00"}) == [b, c]     # '+' arrives as a space
    assert ids(**{"from": "2031-03-10T05:25:00-05:00"}) == [b, c]


def test_location_actor_and_status_filters(server, cast):
    a = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    b = cast.schedule(cast.a2, at("10:00"), at("10:20"), location=cast.room2)
    c = cast.schedule(cast.a2, at("11:00"), at("11:20"))
    ok(server.delete(f"/auditions/{c}"))

    def ids(q):
        return [x["id"] for x in ok(server.get("/auditions?" + q))["auditions"]]
    room = requests.utils.quote(cast.room)
    assert ids(f"location={room}") == [a, c]
    assert ids(f"location=%20{room}%20") == [a, c]                  # trimmed like the stored value
    assert ids(f"location={requests.utils.quote(cast.room2)}") == [b]
    assert ids(f"actorId={cast.a2}") == [b, c]
    assert ids(f"actorId={cast.a2}&status=CANCELLED") == [c]
    assert ids(f"actorId={cast.a2}&status=SCHEDULED") == [b]
    assert ids(f"location={room}&actorId={cast.a2}") == [c]
    assert ok(server.get(f"/auditions?location={room}"))["totalAuditions"] == 2


@pytest.mark.parametrize("query,field", [
    ("from=yesterday", "from"), ("to=2031-03-10", "to"), ("from=2031-03-10T10:00:00", "from"),
    (f"from={at('11:00')}&to={at('10:00')}", "from must be before to"),
    (f"from={at('10:00')}&to={at('10:00')}", "from must be before to"),
    ("actorId=abc", "actorId"), ("actorId=0", "actorId"), ("actorId=-1", "actorId"),
    ("actorId=99999999999999999999", "actorId"),
    ("location=" + "x" * 101, "location"), ("location=%0A", "location"),
    ("status=scheduled", "status"), ("status=POSTPONED", "status"),
])
def test_bad_filters_are_400(server, query, field):
    b = error(server.get("/auditions?" + query, role="assistant"), 400)
    assert field in b["message"], b


# -- patch -----------------------------------------------------------------------
def test_patch_moves_relocates_and_keeps_etags_honest(server, cast):
    aid = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    before = etag(server.get(f"/auditions/{aid}"))
    r = server.patch(f"/auditions/{aid}", [{"op": "add", "path": "/start", "value": "2031-03-10T12:00:00+01:00"},
                                           {"op": "add", "path": "/end", "value": at("11:45")},
                                           {"op": "add", "path": "/location", "value": f" {cast.room2} "}],
                     role="director", headers={"If-Match": before})
    assert ok(r) == {"id": aid, "success": True}
    new_tag = etag(r)
    assert new_tag != before
    got = server.get(f"/auditions/{aid}")
    assert etag(got) == new_tag
    assert ok(got)["audition"] == {"actorId": cast.a1, "end": at("11:45"), "id": aid, "location": cast.room2,
                                   "roleId": cast.role, "start": at("11:00"), "status": "SCHEDULED"}
    # the same again: nothing changes, 204 with the unchanged ETag
    r = server.patch(f"/auditions/{aid}", [{"op": "add", "path": "/location", "value": cast.room2}])
    assert r.status_code == 204 and r.text == "" and etag(r) == new_tag
    # a stale If-Match: 412, nothing changes
    error(server.patch(f"/auditions/{aid}", [{"op": "add", "path": "/location", "value": cast.room}],
                       headers={"If-Match": before}), 412)
    assert cast.get(aid)["location"] == cast.room2


def test_moving_within_its_own_slot_is_not_a_clash(cast, server):
    aid = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    ok(server.patch(f"/auditions/{aid}", [{"op": "add", "path": "/end", "value": at("10:30")}]))
    ok(server.patch(f"/auditions/{aid}", [{"op": "add", "path": "/start", "value": at("10:10")}]))
    assert (cast.get(aid)["start"], cast.get(aid)["end"]) == (at("10:10"), at("10:30"))


def test_patch_into_a_clash_is_409_and_changes_nothing(server, cast):
    first = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    second = cast.schedule(cast.a2, at("10:00"), at("10:20"), location=cast.room2)
    b = error(server.patch(f"/auditions/{second}", [{"op": "add", "path": "/location", "value": cast.room}]), 409)
    assert f"audition {first}" in b["message"] and cast.room in b["message"]
    third = cast.schedule(cast.a1, at("11:00"), at("11:20"), location=cast.room2)
    b = error(server.patch(f"/auditions/{third}", [{"op": "add", "path": "/start", "value": at("10:10")}]), 409)
    assert f"audition {first}" in b["message"] and f"actor {cast.a1}" in b["message"]
    assert cast.get(second)["location"] == cast.room2
    assert cast.get(third)["start"] == at("11:00")
    # touching after the move is fine
    ok(server.patch(f"/auditions/{third}", [{"op": "add", "path": "/start", "value": at("10:20")}]))


@pytest.mark.parametrize("ops,field", [
    ([{"op": "remove", "path": "/location"}], "location"),
    ([{"op": "remove", "path": "/start"}], "start"),
    ([{"op": "add", "path": "/location", "value": ""}], "location"),
    ([{"op": "add", "path": "/location", "value": None}], "location"),
    ([{"op": "add", "path": "/location", "value": "y" * 101}], "location"),
    ([{"op": "add", "path": "/start", "value": "2031-03-10T10:00"}], "start"),
    ([{"op": "add", "path": "/end", "value": at("09:59")}], "start must be before end"),
    ([{"op": "add", "path": "/end", "value": "2031-03-10T18:00:01Z"}], "8 hours"),
    ([{"op": "add", "path": "/status", "value": "LATE"}], "status"),
    ([{"op": "add", "path": "/actorId", "value": 1}], "path"),
    ([{"op": "add", "path": "/roleId", "value": 1}], "path"),
    ([{"op": "add", "path": "/id", "value": 1}], "path"),
    ([{"op": "replace", "path": "/location", "value": "Room C"}], "op"),
    ([{"op": "add", "path": "/location"}], "value"),
    ([{"op": "add", "path": "/location", "value": "Room C"}, {"op": "move", "path": "/end"}], "operation 1"),
    ({"op": "add"}, "array"),
])
def test_bad_patches_are_400_and_change_nothing(server, cast, ops, field):
    aid = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    before = cast.get(aid)
    b = error(server.patch(f"/auditions/{aid}", ops), 400)
    assert field in b["message"], b
    assert cast.get(aid) == before


def test_patch_needs_json_patch_and_an_existing_audition(server, cast):
    aid = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    error(server.patch(f"/auditions/{aid}", [{"op": "add", "path": "/location", "value": "C"}],
                       content_type="application/json"), 415)
    error(server.patch("/auditions/987654321", [{"op": "add", "path": "/location", "value": "C"}]), 404)
    error(server.patch("/auditions/abc", [{"op": "add", "path": "/location", "value": "C"}]), 404)
    error(server.req("PATCH", f"/auditions/{aid}", data="[", content_type=PATCH_CT), 400)


# -- cancel ----------------------------------------------------------------------
def test_delete_cancels(server, cast):
    aid = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    assert ok(server.delete(f"/auditions/{aid}", role="director")) == {"id": aid, "success": True}
    assert cast.get(aid)["status"] == "CANCELLED"
    assert ok(server.delete(f"/auditions/{aid}")) == {"id": aid, "success": True}   # again: same answer
    assert cast.mine()["totalAuditions"] == 1
    error(server.delete("/auditions/987654321"), 404)
    error(server.delete("/auditions/x"), 404)


def test_a_released_candidates_audition_cannot_be_rescheduled(server, cast):
    """Released after the audition was cancelled: setting it back to
    SCHEDULED, or moving a still scheduled one, is scheduling again (400);
    cancelling or marking what happened still works."""
    cancelled = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    kept = cast.schedule(cast.a1, at("12:00"), at("12:20"))
    ok(server.delete(f"/auditions/{cancelled}"))
    cast.set_stage(cast.a1, "RELEASED")
    msg = error(server.patch(f"/auditions/{cancelled}", [{"op": "add", "path": "/status", "value": "SCHEDULED"}]),
                400)["message"]
    assert "released" in msg
    assert cast.get(cancelled)["status"] == "CANCELLED"
    error(server.patch(f"/auditions/{kept}", [{"op": "add", "path": "/start", "value": at("13:00")},
                                              {"op": "add", "path": "/end", "value": at("13:20")}]), 400)
    assert cast.get(kept)["start"] == at("12:00")
    ok(server.patch(f"/auditions/{kept}", [{"op": "add", "path": "/status", "value": "NO_SHOW"}]))
    assert cast.get(kept)["status"] == "NO_SHOW"


def test_delete_honours_if_match(server, cast):
    aid = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    stale = etag(server.get(f"/auditions/{aid}"))
    ok(server.patch(f"/auditions/{aid}", [{"op": "add", "path": "/location", "value": cast.room2}]))
    error(server.delete(f"/auditions/{aid}", headers={"If-Match": stale}), 412)
    assert cast.get(aid)["status"] == "SCHEDULED"
    fresh = etag(server.get(f"/auditions/{aid}"))
    ok(server.delete(f"/auditions/{aid}", headers={"If-Match": fresh}))
    assert cast.get(aid)["status"] == "CANCELLED"


# -- cascades ----------------------------------------------------------------------
def test_removing_the_candidate_removes_its_auditions(server, cast):
    a = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    b = cast.schedule(cast.a2, at("11:00"), at("11:20"))
    ok(server.delete(f"/roles/{cast.role}/candidates/{cast.a1}"))
    error(server.get(f"/auditions/{a}"), 404)
    assert cast.get(b)["status"] == "SCHEDULED"
    # the slot is free again (for a new candidacy)
    cast.candidate(cast.a1)
    cast.schedule(cast.a2, at("10:00"), at("10:20"))


def test_deleting_the_role_removes_its_auditions(server, cast):
    a = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    ok(server.delete(f"/roles/{cast.role}"))
    error(server.get(f"/auditions/{a}"), 404)
    assert cast.mine()["totalAuditions"] == 0


def test_deleting_the_actor_removes_their_auditions(server, cast):
    a = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    ok(server.delete(f"/actors/{cast.a1}"))
    error(server.get(f"/auditions/{a}"), 404)


# -- permissions -------------------------------------------------------------------
# (method, path, body, roles allowed, success status); {role} {aud} are this case's own.
ENDPOINTS = [
    ("POST", "/roles/{role}/auditions", "new", ("director", "producer"), 201),
    ("GET", "/auditions?actorId={a1}", None, ROLES, 200),
    ("GET", "/auditions.ics?from=2031-03-01T00:00:00Z", None, ROLES, 200),
    ("GET", "/auditions/{aud}", None, ROLES, 200),
    ("PATCH", "/auditions/{aud}", [{"op": "add", "path": "/location", "value": "{t} elsewhere"}],
     ("director", "producer"), 200),
    ("DELETE", "/auditions/{aud}", None, ("director", "producer"), 200),
]


@pytest.mark.parametrize("who", ROLES + (None,))
@pytest.mark.parametrize("method,path,body,allowed,success", ENDPOINTS,
                         ids=[f"{m} {p.split('?')[0]}" for m, p, *_ in ENDPOINTS])
def test_every_endpoint_for_every_role(server, cast, who, method, path, body, allowed, success):
    aud = cast.schedule(cast.a1, at("10:00"), at("10:20"))
    path = path.format(role=cast.role, aud=aud, a1=cast.a1)
    if body == "new":
        body = {"actorId": cast.a2, "start": at("11:00"), "end": at("11:20"), "location": cast.room}
    elif body is not None:
        body = [dict(op, value=op["value"].replace("{t}", cast.t)) for op in body]
    before = (cast.mine(actorId=cast.a2)["totalAuditions"], cast.get(aud))
    ctype = PATCH_CT if method == "PATCH" else None
    r = server.req(method, path, role=who, body=body, content_type=ctype)
    if who is None:
        error(r, 401)
        assert r.headers.get("WWW-Authenticate", "").startswith("Bearer")
    elif who not in allowed:
        error(r, 403)
    else:
        assert r.status_code == success, r.text
        return
    assert (cast.mine(actorId=cast.a2)["totalAuditions"], cast.get(aud)) == before


def test_unknown_methods_are_405(server):
    r = server.req("PUT", "/auditions/1", body={})
    error(r, 405)
    assert "PATCH" in r.headers["Allow"] and "DELETE" in r.headers["Allow"]
    error(server.req("POST", "/auditions", body={}), 405)
    error(server.req("POST", "/auditions.ics", body={}), 405)
    error(server.req("GET", "/roles/1/auditions"), 405)


# -- the calendar ------------------------------------------------------------------
def calendar(server, query="", role="assistant"):
    r = server.get("/auditions.ics" + query, role=role)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "text/calendar; charset=utf-8"
    raw = r.content
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"", "the document ends with CRLF"
    for line in lines[:-1]:
        assert b"\n" not in line and b"\r" not in line, f"a bare line break in {line!r}"
        assert len(line) <= 75, f"a line of {len(line)} octets: {line!r}"
        line.decode("utf-8")   # a fold never splits a character
    return raw, icalendar.Calendar.from_ical(raw)


def events_of(cal, ids):
    uids = {f"audition-{i}@audition" for i in ids}
    return {str(e["UID"]): e for e in cal.walk("VEVENT") if str(e["UID"]) in uids}


def test_calendar_is_rfc5545_with_one_event_per_live_audition(server, cast):
    a = cast.schedule(cast.a1, "2031-03-10T11:00:00+01:00", at("10:20"))
    b = cast.schedule(cast.a2, at("10:20"), at("10:50"))
    c = cast.schedule(cast.a2, at("11:00"), at("11:20"), location=cast.room2)
    ok(server.delete(f"/auditions/{c}"))
    raw, cal = calendar(server, "?from=2031-03-10T00:00:00Z&to=2031-03-11T00:00:00Z")
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//Audition//Casting auditions//EN"
    assert str(cal["CALSCALE"]) == "GREGORIAN" and str(cal["METHOD"]) == "PUBLISH"
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    events = events_of(cal, [a, b, c])
    assert set(events) == {f"audition-{a}@audition", f"audition-{b}@audition"}, "cancelled ones are left out"
    ev = events[f"audition-{a}@audition"]
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    assert start.isoformat() == "2031-03-10T10:00:00+00:00" and end.isoformat() == "2031-03-10T10:20:00+00:00"
    assert b"DTSTART:20310310T100000Z\r\n" in raw
    assert str(ev["LOCATION"]) == cast.room
    assert str(ev["STATUS"]) == "CONFIRMED"
    assert f"{cast.t} one" in str(ev["SUMMARY"]) and f"{cast.t} Ellie" in str(ev["SUMMARY"])
    assert f"{cast.t} movie" in str(ev["SUMMARY"])
    assert ev.decoded("DTSTAMP").tzinfo is not None


def test_calendar_text_is_escaped_and_folded(server, cast):
    role = cast.new_role(f"{cast.t} Dr. Strange, \"the\"; sorcerer\\supreme — Ünïcödé " + "ж" * 40)
    cast.candidate(cast.a1, role=role)
    where = f"{cast.t} Studio 4, floor 2; back\\door — 北京 " + "é" * 30
    aid = cast.schedule(cast.a1, at("10:00"), at("10:20"), location=where, role=role)
    raw, cal = calendar(server, f"?from={at('09:00')}&to={at('11:00')}")
    ev = events_of(cal, [aid])[f"audition-{aid}@audition"]
    assert str(ev["LOCATION"]) == where
    assert f"Dr. Strange, \"the\"; sorcerer\\supreme — Ünïcödé {'ж' * 40}" in str(ev["SUMMARY"])
    assert b"Studio 4\\, floor 2\\; back\\\\door" in raw.replace(b"\r\n ", b"")


def test_calendar_window(server, cast):
    a = cast.schedule(cast.a1, at("10:00"), at("10:20"), location=cast.room)
    b = cast.schedule(cast.a1, at("10:00", day="2031-03-12"), at("10:20", day="2031-03-12"))
    _, cal = calendar(server, f"?from={at('10:19')}&to=2031-03-11T00:00:00Z")
    assert set(events_of(cal, [a, b])) == {f"audition-{a}@audition"}
    _, cal = calendar(server, "?from=2031-03-11T00:00:00Z")
    assert set(events_of(cal, [a, b])) == {f"audition-{b}@audition"}
    _, cal = calendar(server, f"?from={at('10:20')}&to={at('10:00', day='2031-03-12')}")
    assert set(events_of(cal, [a, b])) == set(), "touching the window is outside it"
    # without from, the calendar starts 30 days ago: far-future auditions are in it
    _, cal = calendar(server)
    assert set(events_of(cal, [a, b])) == {f"audition-{a}@audition", f"audition-{b}@audition"}


def test_calendar_without_from_leaves_out_old_history(server, cast):
    old = cast.schedule(cast.a1, "2001-01-01T10:00:00Z", "2001-01-01T10:20:00Z")
    _, cal = calendar(server)
    assert events_of(cal, [old]) == {}
    _, cal = calendar(server, "?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z")
    assert set(events_of(cal, [old])) == {f"audition-{old}@audition"}
    _, cal = calendar(server, "?to=2001-01-02T00:00:00Z")   # a window in the past still answers
    assert set(events_of(cal, [old])) == {f"audition-{old}@audition"}


@pytest.mark.parametrize("query", ["?from=today", "?to=2031-03-10", f"?from={at('11:00')}&to={at('10:00')}"])
def test_calendar_bad_window_is_400(server, query):
    error(server.get("/auditions.ics" + query, role="assistant"), 400)


def test_calendar_needs_a_token(server):
    error(server.get("/auditions.ics", role=None), 401)


# -- races -------------------------------------------------------------------------
def post_all_at_once(server, bodies_and_paths):
    """POSTs each (path, body) from its own thread, released together."""
    barrier = threading.Barrier(len(bodies_and_paths))
    out = [None] * len(bodies_and_paths)

    def run(i, path, body):
        barrier.wait()
        with requests.Session() as s:
            s.trust_env = False
            out[i] = s.post(server.url + path, json=body, timeout=60,
                            headers={"Authorization": "Bearer " + server.token("director")})
    threads = [threading.Thread(target=run, args=(i, p, b)) for i, (p, b) in enumerate(bodies_and_paths)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(r is not None for r in out), out
    for r in out:
        openapi.check_response(r)
    return out


@pytest.mark.parametrize("kind", ["location", "actor"])
def test_concurrent_overlapping_bookings_one_wins(server, cast, kind):
    for round_ in range(5):
        hh = 10 + round_
        if kind == "location":   # two actors, one room
            reqs = [(f"/roles/{cast.role}/auditions", {"actorId": a, "start": at(f"{hh}:00"),
                                                       "end": at(f"{hh}:30"), "location": cast.room})
                    for a in (cast.a1, cast.a2)]
        else:                    # one actor, two rooms
            reqs = [(f"/roles/{cast.role}/auditions", {"actorId": cast.a1, "start": at(f"{hh}:10"),
                                                       "end": at(f"{hh}:40"), "location": room})
                    for room in (cast.room, cast.room2)]
        results = post_all_at_once(server, reqs)
        codes = sorted(r.status_code for r in results)
        assert codes == [201, 409], [r.text for r in results]
        error(next(r for r in results if r.status_code == 409), 409)
    total = cast.mine()["totalAuditions"] + (cast.mine(actorId=cast.a2)["totalAuditions"]
                                             if kind == "location" else 0)
    assert total == 5
