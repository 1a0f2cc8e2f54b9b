"""Producers' share links (casting.md "Share links", docs/sharing.md): making,
listing and revoking them (producers only), the public page by token (the
role and its candidates in the chosen stages, never notes, tags or other
roles), votes (latest per viewer), the team's totals, expiry and revocation
(404, the same body as an unknown token), the token stored only as its
SHA-256, and the per-address rate limit of /shared/*.

Most tests make roles and candidates with SQL (shares_db.py), to set stages,
ratings, notes and tags in one step; test_with_the_roles_api_end_to_end does
it all through the roles endpoints. Expiry is tested by moving expires_at into
the past in the database (links live at least an hour)."""

import hashlib
import re
import time

import pytest

from checks import body, error, ok, tag
from shares_db import make_role, sql

ROLES = ("assistant", "director", "producer")
VIEWER = "viewer-0001"


@pytest.fixture
def cast(server, pg):
    """A movie of this test's own with four actors and a role whose candidates
    are in different stages, with notes and tags that must never be shown."""
    t = tag()
    movie = ok(server.post("/movies", {"title": f"{t} movie", "genre": "DRAMA"}), 201)["id"]
    actors = [ok(server.post("/actors", {"name": f"{t} {n}", "age": 20 + i, "gender": "FEMALE",
                                         "photoUrl": f"https://img.example/{i}.jpg"}), 201)["id"]
              for i, n in enumerate(("Alma", "Bea", "Cleo", "Dina"))]
    role = make_role(server, pg, movie, f"{t} Lead", description="The lead", age_min=20, age_max=40,
                     gender="FEMALE", candidates=[
                         (actors[0], "SHORTLISTED", 5, "secret note A", '["callback-1"]'),
                         (actors[1], "CALLBACK", None, "secret note B", '["private-tag"]'),
                         (actors[2], "SUGGESTED", 2, "secret note C", "[]")])
    return {"t": t, "movie": movie, "actors": actors, "role": role}


def share(server, role, stages=("SHORTLISTED", "CALLBACK"), hours=24):
    b = ok(server.post(f"/roles/{role}/shares", {"expiresInHours": hours, "stages": list(stages)}), 201)
    assert re.fullmatch(r"/app/shared/[A-Za-z0-9_-]{22}", b["url"]), b
    return b["id"], b["url"].rsplit("/", 1)[1], b


def vote(server, token, actor, v, viewer=VIEWER, status=200):
    return server.post(f"/shared/{token}/votes", {"actorId": actor, "vote": v, "viewer": viewer}, role=None)


def test_public_page_shows_the_chosen_stages_and_never_notes(server, cast):
    _, token, created = share(server, cast["role"])
    page = ok(server.get(f"/shared/{token}", role=None))
    assert page["expiresAt"] == created["expiresAt"]
    assert page["role"] == {"ageMax": 40, "ageMin": 20, "description": "The lead", "gender": "FEMALE",
                            "movieTitle": f"{cast['t']} movie", "name": f"{cast['t']} Lead"}
    a = cast["actors"]
    assert [c["actor"]["id"] for c in page["candidates"]] == [a[0], a[1]]  # by name; SUGGESTED not chosen
    first = page["candidates"][0]
    assert first == {"actor": {"age": 20, "gender": "FEMALE", "id": a[0], "name": f"{cast['t']} Alma",
                               "photoUrl": "https://img.example/0.jpg"},
                     "rating": 5, "stage": "SHORTLISTED", "votes": {"down": 0, "up": 0}}
    assert page["candidates"][1]["rating"] is None
    for c in page["candidates"]:
        assert set(c) == {"actor", "rating", "stage", "votes"}
    text = server.get(f"/shared/{token}", role=None).text
    assert "secret" not in text and "private-tag" not in text and "callback-1" not in text
    assert "notes" not in text and "tags" not in text and "otherRoles" not in text


def test_votes_latest_per_viewer_and_team_totals(server, cast):
    sid, token, _ = share(server, cast["role"])
    a = cast["actors"]
    assert ok(vote(server, token, a[0], "up")) == {"actorId": a[0], "success": True, "vote": "up",
                                                 "votes": {"down": 0, "up": 1}}
    assert ok(vote(server, token, a[0], "down"))["votes"] == {"down": 1, "up": 0}  # the same viewer again
    assert ok(vote(server, token, a[0], "up", viewer="viewer-0002"))["votes"] == {"down": 1, "up": 1}
    ok(vote(server, token, a[1], "up", viewer="viewer-0002"))
    page = ok(server.get(f"/shared/{token}", role=None))
    assert [c["votes"] for c in page["candidates"]] == [{"down": 1, "up": 1}, {"down": 0, "up": 1}]
    listed = ok(server.get(f"/roles/{cast['role']}/shares"))
    assert listed["totalShares"] == 1 and listed["offset"] == 0
    item = listed["shares"][0]
    assert item["id"] == sid and item["votes"] == {"down": 1, "up": 2}
    assert item["stages"] == ["SHORTLISTED", "CALLBACK"] and item["revokedAt"] is None
    assert item["roleId"] == cast["role"] and item["createdBy"]
    assert token not in listed.__repr__()
    for role in ROLES:
        totals = ok(server.get(f"/roles/{cast['role']}/votes", role=role))
        assert totals["votes"] == sorted([{"actorId": a[0], "down": 1, "up": 1},
                                          {"actorId": a[1], "down": 0, "up": 1}], key=lambda v: v["actorId"])


def test_votes_only_for_candidates_the_link_shows(server, cast):
    _, token, _ = share(server, cast["role"], stages=("SHORTLISTED",))
    a = cast["actors"]
    error(vote(server, token, a[1], "up"), 400)   # CALLBACK: not on this link
    error(vote(server, token, a[3], "up"), 400)   # not a candidate at all
    error(vote(server, token, 987654321, "up"), 400)
    for bad in ({}, {"actorId": a[0], "vote": "up"}, {"actorId": a[0], "vote": "meh", "viewer": VIEWER},
                {"actorId": a[0], "vote": "up", "viewer": "short"},
                {"actorId": a[0], "vote": "up", "viewer": "x" * 65},
                {"actorId": a[0], "vote": "up", "viewer": "has spaces in it"},
                {"actorId": "1", "vote": "up", "viewer": VIEWER}, {"actorId": 0, "vote": "up", "viewer": VIEWER}, []):
        error(server.post(f"/shared/{token}/votes", bad, role=None), 400)
    error(server.req("POST", f"/shared/{token}/votes", role=None, data="{", content_type="application/json"), 400)
    error(server.req("POST", f"/shared/{token}/votes", role=None, data="actorId=1",
                     content_type="application/x-www-form-urlencoded"), 415)
    assert ok(server.get(f"/roles/{cast['role']}/votes"))["votes"] == []  # nothing was counted


def test_revoked_expired_and_unknown_links_are_the_same_404(server, pg, cast):
    sid, token, _ = share(server, cast["role"])
    sid2, token2, _ = share(server, cast["role"])
    ok(server.get(f"/shared/{token}", role=None))
    unknown = body(server.get("/shared/AAAAAAAAAAAAAAAAAAAAAA", role=None), 404)
    assert unknown == {"error": "Not Found", "success": False}
    for bad in ("x", "A" * 23, "A" * 64):
        assert body(server.get(f"/shared/{bad}", role=None), 404) == unknown

    assert ok(server.delete(f"/shares/{sid}")) == {"id": sid, "success": True}
    assert body(server.get(f"/shared/{token}", role=None), 404) == unknown
    assert body(vote(server, token, cast["actors"][0], "up"), 404) == unknown
    ok(server.delete(f"/shares/{sid}"))  # again: still revoked, nothing changes
    item = next(s for s in ok(server.get(f"/roles/{cast['role']}/shares"))["shares"] if s["id"] == sid)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", item["revokedAt"])

    ok(server.get(f"/shared/{token2}", role=None))
    sql(server, pg, f"UPDATE shares SET expires_at = expires_at - 25 * 3600 WHERE id = {sid2}")
    assert body(server.get(f"/shared/{token2}", role=None), 404) == unknown
    assert body(vote(server, token2, cast["actors"][0], "up"), 404) == unknown
    error(server.delete("/shares/987654321"), 404)


def test_token_is_stored_only_as_its_sha256(server, pg, cast):
    sid, token, _ = share(server, cast["role"])
    rows = sql(server, pg, f"SELECT * FROM shares WHERE id = {sid}")
    assert len(rows) == 1
    assert hashlib.sha256(token.encode()).hexdigest() in rows[0]
    assert not [v for v in rows[0] if token in v]
    listed = server.get(f"/roles/{cast['role']}/shares").text
    assert token not in listed


def test_list_is_paged_newest_first(server, cast):
    ids = [share(server, cast["role"], hours=h)[0] for h in range(1, 13)]
    p1 = ok(server.get(f"/roles/{cast['role']}/shares"))
    p2 = ok(server.get(f"/roles/{cast['role']}/shares?page=2"))
    assert p1["totalShares"] == p2["totalShares"] == 12
    assert [s["id"] for s in p1["shares"]] + [s["id"] for s in p2["shares"]] == ids[::-1]
    assert p2["offset"] == 10


BAD_SHARES = [
    {}, {"stages": ["SHORTLISTED"]}, {"expiresInHours": 24},
    {"expiresInHours": 0, "stages": ["SHORTLISTED"]}, {"expiresInHours": 721, "stages": ["SHORTLISTED"]},
    {"expiresInHours": 1.5, "stages": ["SHORTLISTED"]}, {"expiresInHours": "24", "stages": ["SHORTLISTED"]},
    {"expiresInHours": 24, "stages": []}, {"expiresInHours": 24, "stages": "SHORTLISTED"},
    {"expiresInHours": 24, "stages": ["shortlisted"]}, {"expiresInHours": 24, "stages": ["NOPE"]},
    {"expiresInHours": 24, "stages": ["BOOKED", "BOOKED"]}, {"expiresInHours": 24, "stages": [1]},
    [],
]


@pytest.mark.parametrize("bad", BAD_SHARES, ids=[str(i) for i in range(len(BAD_SHARES))])
def test_share_validation_changes_nothing(server, cast, bad):
    b = error(server.post(f"/roles/{cast['role']}/shares", bad), 400)
    assert b.get("message")
    assert ok(server.get(f"/roles/{cast['role']}/shares"))["totalShares"] == 0


def test_share_body_errors(server, cast):
    path = f"/roles/{cast['role']}/shares"
    error(server.req("POST", path, data="{", content_type="application/json"), 400)
    error(server.req("POST", path, data="x=1", content_type="text/plain"), 415)
    error(server.req("POST", path, data="[" * 70000, content_type="application/json"), 413)
    assert ok(server.get(path))["totalShares"] == 0


def test_missing_role_or_link_is_404(server):
    error(server.post("/roles/987654321/shares", {"expiresInHours": 1, "stages": ["BOOKED"]}), 404)
    error(server.get("/roles/987654321/shares"), 404)
    error(server.get("/roles/987654321/votes"), 404)
    error(server.delete("/shares/987654321"), 404)
    error(server.get("/roles/abc/shares"), 404)


@pytest.mark.parametrize("role", (None,) + ROLES)
def test_permissions(server, cast, role):
    """Links: create:movies (producers); the team's totals: read:movies; the public side: anyone."""
    r = cast["role"]
    _, token, _ = share(server, r)
    want = {None: 401, "assistant": 403, "director": 403, "producer": None}[role]
    create = server.post(f"/roles/{r}/shares", {"expiresInHours": 1, "stages": ["BOOKED"]}, role=role)
    listing = server.get(f"/roles/{r}/shares", role=role)
    sid = ok(server.post(f"/roles/{r}/shares", {"expiresInHours": 1, "stages": ["BOOKED"]}), 201)["id"]
    revoke = server.delete(f"/shares/{sid}", role=role)
    if want:
        for resp in (create, listing, revoke):
            error(resp, want)
        assert ok(server.get(f"/roles/{r}/shares"))["totalShares"] == 2
        assert ok(server.get(f"/roles/{r}/shares"))["shares"][0]["revokedAt"] is None
    else:
        ok(create, 201)
        ok(listing)
        ok(revoke)
    votes = server.get(f"/roles/{r}/votes", role=role)
    if role is None:
        error(votes, 401)
    else:
        ok(votes)
    ok(server.get(f"/shared/{token}", role=role))          # a token, if any, plays no part
    ok(vote(server, token, cast["actors"][0], "up"))


@pytest.fixture
def limited(make_server, backend):
    srv = make_server(backend, "limited")
    srv.extra_env["SHARE_RATE_LIMIT"] = "3"
    srv.seed()
    srv.start()
    yield srv
    srv.shutdown_and_check()


def test_rate_limit_per_client_address(limited):
    for _ in range(3):
        error(limited.get("/shared/AAAAAAAAAAAAAAAAAAAAAA", role=None), 404)
    r = limited.get("/shared/AAAAAAAAAAAAAAAAAAAAAA", role=None)
    b = error(r, 429)
    assert b["message"]
    assert 1 <= int(r.headers["Retry-After"]) <= 60
    error(limited.post("/shared/AAAAAAAAAAAAAAAAAAAAAA/votes", {"actorId": 1, "vote": "up", "viewer": VIEWER},
                       role=None), 429)
    # the rest of the API is not limited
    ok(limited.get("/movies", role="assistant"))


def test_access_log_never_holds_the_token(server, cast):
    _, token, _ = share(server, cast["role"])
    rid = "share-log-" + tag()
    ok(server.get(f"/shared/{token}", role=None, headers={"X-Request-Id": rid}))
    deadline = time.monotonic() + 5
    while rid not in server.stderr_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    text = server.stderr_text()
    line = next(l for l in text.splitlines() if rid in l)
    assert "GET /shared/{token} 200" in line
    assert token not in text


def test_with_the_roles_api_end_to_end(server):
    """The whole flow through the API only: a role and candidates made and
    staged with the roles endpoints, a link, the page, votes, the team's
    totals, and the role's deletion taking its links along."""
    t = tag()
    movie = ok(server.post("/movies", {"title": f"{t} movie", "genre": "DRAMA"}), 201)["id"]
    a1 = ok(server.post("/actors", {"name": f"{t} One", "age": 30}), 201)["id"]
    a2 = ok(server.post("/actors", {"name": f"{t} Two", "age": 31}), 201)["id"]
    role = ok(server.post(f"/movies/{movie}/roles", {"name": f"{t} Hero"}), 201)["id"]
    for a in (a1, a2):
        ok(server.post(f"/roles/{role}/candidates", {"actorId": a}, role="director"), 201)
    ok(server.patch(f"/roles/{role}/candidates/{a1}", [{"op": "add", "path": "/stage", "value": "SHORTLISTED"},
                                                        {"op": "add", "path": "/notes", "value": "api secret"},
                                                        {"op": "add", "path": "/rating", "value": 3}]))
    _, token, _ = share(server, role, stages=("SHORTLISTED",))
    page = ok(server.get(f"/shared/{token}", role=None))
    assert [(c["actor"]["id"], c["rating"], c["stage"]) for c in page["candidates"]] == [(a1, 3, "SHORTLISTED")]
    assert "api secret" not in server.get(f"/shared/{token}", role=None).text
    ok(vote(server, token, a1, "up"))
    error(vote(server, token, a2, "up"), 400)          # SUGGESTED: not on the link
    assert ok(server.get(f"/roles/{role}/votes", role="assistant"))["votes"] == [{"actorId": a1, "down": 0, "up": 1}]
    # moving a candidate out of the link's stages takes it off the page
    ok(server.patch(f"/roles/{role}/candidates/{a1}", [{"op": "add", "path": "/stage", "value": "RELEASED"}]))
    assert ok(server.get(f"/shared/{token}", role=None))["candidates"] == []
    ok(server.delete(f"/roles/{role}"))
    assert body(server.get(f"/shared/{token}", role=None), 404) == {"error": "Not Found", "success": False}


def test_audit_log_records_links_and_votes_without_the_token(server, cast):
    sid, token, _ = share(server, cast["role"])
    ok(vote(server, token, cast["actors"][0], "up"))
    ok(server.delete(f"/shares/{sid}"))
    log = ok(server.get(f"/audit?entity=share&id={sid}"))
    assert [e["action"] for e in log["entries"]] == ["update", "create"]   # newest first: the revocation
    votes = ok(server.get(f"/audit?entity=shareVote&id=share-{sid}-actor-{cast['actors'][0]}"))
    assert [e["action"] for e in votes["entries"]] == ["create"]
    text = server.get("/audit?entity=share").text + server.get("/audit?entity=shareVote").text
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert token not in text and digest not in text and VIEWER not in text
