"""The audit log (casting.md "Audit log", docs/audit.md): every successful write,
by the API or the command line, leaves an entry (subject, time, entity, id,
action, changed fields before/after) written by database triggers in the
write's own transaction; failed writes leave none; GET /audit lists them newest
first for producers, filtered by entity, id and actor; nothing secret is logged."""

import datetime
import json
import os
import pwd
import re
import sqlite3

import pytest

from checks import body, error, ok, tag
from identity import add_user, local, login_token  # noqa: F401 (fixture)
from tokens import ROLE_PERMISSIONS

CLI_SUBJECT = "cli:" + pwd.getpwuid(os.geteuid()).pw_name
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def rfc3339(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def producer_token(srv, sub):
    return srv.keys.token(ROLE_PERMISSIONS["producer"], sub=sub)


def entries(srv, query="", token=None, role="producer"):
    """Every entry matching query (all pages), newest first."""
    out, page = [], 1
    while True:
        b = ok(srv.get(f"/audit?{query}&page={page}", token=token, role=role))
        assert len(b["entries"]) <= 10
        for e in b["entries"]:
            assert RFC3339.match(e["at"]), e
        out += b["entries"]
        if len(b["entries"]) < 10:
            assert len(out) == b["totalEntries"], (len(out), b["totalEntries"])
            return out
        page += 1


def summary(es):
    return [(e["action"], e["entity"], e["id"]) for e in es]


def sql(srv, pg, text):
    """Runs SQL on the server's database as an outside writer whose subject is
    "sql-test" (SQLite: the audition_subject() function the server registers;
    PostgreSQL: the audition.subject setting)."""
    if srv.backend == "sqlite":
        db = sqlite3.connect(srv.db_url[len("sqlite://"):], timeout=10)
        db.create_function("audition_subject", 0, lambda: "sql-test")
        db.execute("PRAGMA foreign_keys = ON")
        try:
            rows = db.executescript(text) if ";" in text.strip().rstrip(";") else db.execute(text).fetchall()
            db.commit()
            return rows
        finally:
            db.close()
    name = srv.db_url.rsplit("/", 1)[1].split("?")[0]
    return pg.get().psql("SELECT set_config('audition.subject', 'sql-test', false);\n" + text, db=name)


def test_only_producers_read_the_log(server):
    error(server.get("/audit", role=None), 401)
    error(server.get("/audit", role="assistant"), 403)
    error(server.get("/audit", role="director"), 403)
    b = ok(server.get("/audit", role="producer"))
    assert list(b) == ["entries", "success", "totalEntries"] and len(b["entries"]) <= 10


def test_movie_create_patch_delete_are_logged_with_the_tokens_subject(server):
    sub = "auth0|ann-" + tag()
    tok = producer_token(server, sub)
    t = tag()
    mid = ok(server.post("/movies", {"title": t, "genre": "DRAMA", "releaseDate": "2001-02-03"}, token=tok), 201)["id"]
    ok(server.patch(f"/movies/{mid}", [{"op": "add", "path": "/title", "value": t + "b"}], token=tok))
    r = server.patch(f"/movies/{mid}", [{"op": "add", "path": "/title", "value": t + "b"}], token=tok)
    assert r.status_code in (200, 204), r.text   # changes nothing: no entry
    ok(server.delete(f"/movies/{mid}", token=tok))
    es = entries(server, f"entity=movie&id={mid}")
    assert summary(es) == [("delete", "movie", str(mid)), ("update", "movie", str(mid)), ("create", "movie", str(mid))]
    assert {e["subject"] for e in es} == {sub}
    delete, update, create = es
    assert create["before"] is None
    assert create["after"] == {"genre": "DRAMA", "id": mid, "posterUrl": None, "releaseDate": "2001-02-03",
                               "title": t}
    assert update["before"] == {"title": t} and update["after"] == {"title": t + "b"}
    assert delete["before"]["title"] == t + "b" and delete["after"] is None
    assert delete["entryId"] > update["entryId"] > create["entryId"]
    assert entries(server, "actor=" + sub) == es


def test_actor_and_cast_writes_and_cascaded_deletes(server):
    sub = "auth0|bo-" + tag()
    tok = producer_token(server, sub)
    aid = ok(server.post("/actors", {"name": tag(), "age": 40, "gender": "FEMALE"}, token=tok), 201)["id"]
    mid = ok(server.post("/movies", {"title": tag(), "genre": "NOIR"}, token=tok), 201)["id"]
    ok(server.patch(f"/actors/{aid}", [{"op": "add", "path": "/age", "value": 41},
                                       {"op": "add", "path": "/gender", "value": "FEMALE"}], token=tok))
    cast = f"movie-{mid}-actor-{aid}"
    ok(server.post("/casts", {"movieId": mid, "actorId": aid}, token=tok), 201)
    ok(server.delete(f"/casts/movies/{mid}/actors/{aid}", token=tok))
    ok(server.post("/casts", {"movieId": mid, "actorId": aid}, token=tok), 201)
    ok(server.delete(f"/actors/{aid}", token=tok))   # takes the cast link with it
    ok(server.delete(f"/movies/{mid}", token=tok))
    es = entries(server, "actor=" + sub)
    # the cascaded cast delete comes before (SQLite) or after (PostgreSQL) its actor's
    if es[1]["entity"] == "cast":
        es[1], es[2] = es[2], es[1]
    assert summary(es) == [
        ("delete", "movie", str(mid)), ("delete", "actor", str(aid)), ("delete", "cast", cast),
        ("create", "cast", cast), ("delete", "cast", cast), ("create", "cast", cast),
        ("update", "actor", str(aid)), ("create", "movie", str(mid)), ("create", "actor", str(aid))]
    assert es[6]["before"] == {"age": 40} and es[6]["after"] == {"age": 41}, "only the changed field"
    assert es[3]["after"] == {"actorId": aid, "movieId": mid} and es[3]["before"] is None
    assert es[2]["before"] == {"actorId": aid, "movieId": mid} and es[2]["after"] is None
    assert sorted(summary(entries(server, f"entity=cast&id={cast}"))) == sorted(summary(es[2:6]))


def test_failed_writes_record_nothing(server):
    sub = "auth0|cy-" + tag()
    tok = producer_token(server, sub)
    error(server.post("/movies", {"title": "", "genre": "DRAMA"}, token=tok), 400)
    error(server.post("/movies", {"title": tag(), "genre": "OPERA"}, token=tok), 400)
    error(server.patch("/movies/987654321", [{"op": "add", "path": "/title", "value": "x"}], token=tok), 404)
    error(server.delete("/actors/987654321", token=tok), 404)
    error(server.post("/casts", {"movieId": 987654321, "actorId": 1}, token=tok), 400)
    error(server.post("/casts", {"movieId": 1, "actorId": 1}, token=tok), 400)   # a demo link exists already
    error(server.patch("/movies/1", [{"op": "add", "path": "/genre", "value": "OPERA"}], token=tok), 400)
    assistant = server.keys.token(ROLE_PERMISSIONS["assistant"], sub=sub)
    error(server.post("/actors", {"name": tag(), "age": 30}, token=assistant), 403)
    assert ok(server.get("/audit?actor=" + sub))["totalEntries"] == 0


def test_filters_are_validated(server):
    for query in ("entity=dragons", "entity=Movie", "id=" + "x" * 129, "actor=" + "y" * 257, "id=%01",
                  "actor=a%0Ab", "id=%FF"):
        e = error(server.get("/audit?" + query), 400)
        assert e["message"].split()[0] in ("entity", "id", "actor"), e
    ok(server.get("/audit?entity=&id=&actor="))   # empty means no filter
    b = ok(server.get("/audit?entity=movie&id=" + "9" * 128 + "&actor=" + "z" * 256))
    assert b["entries"] == [] and b["totalEntries"] == 0


def test_paging_newest_first(server):
    sub = "auth0|dee-" + tag()
    tok = producer_token(server, sub)
    ids = [ok(server.post("/actors", {"name": tag(), "age": 20 + i}, token=tok), 201)["id"] for i in range(12)]
    p1 = ok(server.get(f"/audit?actor={sub}"))
    p2 = ok(server.get(f"/audit?actor={sub}&page=2"))
    p3 = ok(server.get(f"/audit?actor={sub}&page=3"))
    assert p1["totalEntries"] == p2["totalEntries"] == p3["totalEntries"] == 12
    assert [e["id"] for e in p1["entries"] + p2["entries"]] == [str(i) for i in reversed(ids)]
    assert len(p1["entries"]) == 10 and len(p2["entries"]) == 2 and p3["entries"] == []
    assert ok(server.get(f"/audit?actor={sub}&page=x"))["entries"] == p1["entries"]
    assert ok(server.get(f"/audit?actor={sub}&entity=movie"))["totalEntries"] == 0


def test_every_combination_of_filters(server):
    """Each combination is answered by the statement whose index fits it
    (sql_audit.h); all must agree with what was written."""
    s1, s2 = "auth0|combo-a-" + tag(), "auth0|combo-b-" + tag()
    t1, t2 = producer_token(server, s1), producer_token(server, s2)
    a = ok(server.post("/actors", {"name": tag(), "age": 30}, token=t1), 201)["id"]
    ok(server.patch(f"/actors/{a}", [{"op": "add", "path": "/age", "value": 31}], token=t2))
    m = ok(server.post("/movies", {"title": tag(), "genre": "DRAMA"}, token=t1), 201)["id"]
    def total(q):
        return ok(server.get("/audit?" + q))["totalEntries"]
    assert total(f"entity=actor&id={a}") == 2
    assert total(f"entity=actor&id={a}&actor={s1}") == 1
    assert total(f"entity=actor&id={a}&actor={s2}") == 1
    assert total(f"entity=movie&id={m}") == 1
    assert total(f"actor={s1}") == 2
    assert total(f"actor={s1}&entity=movie") == 1
    assert total(f"actor={s1}&id={m}") == 1
    assert total(f"actor={s2}&entity=movie") == 0
    assert total("entity=actor") >= 2
    assert total(f"id={a}") >= 2   # an actor's and maybe a movie's with that id
    entries = ok(server.get(f"/audit?entity=actor&id={a}"))["entries"]
    assert [e["action"] for e in entries] == ["update", "create"]


def test_seed_is_one_summary_entry(demo):
    es = entries(demo, "entity=database")
    assert summary(es) == [("seed", "database", "demo")]
    assert es[0]["subject"] == CLI_SUBJECT
    assert es[0]["after"] == {"actors": 20, "casts": 29, "force": False, "movies": 11} or \
        set(es[0]["after"]) == {"actors", "casts", "force", "movies"}
    assert ok(demo.get("/audit?entity=movie"))["totalEntries"] == 0, "no entry per seeded row"
    assert ok(demo.get("/audit?entity=cast"))["totalEntries"] == 0


def test_log_does_not_change_representations_or_etags(server):
    t = tag()
    mid = ok(server.post("/movies", {"title": t, "genre": "DRAMA"}), 201)["id"]
    r1 = server.get(f"/movies/{mid}")
    ok(server.post("/actors", {"name": tag(), "age": 30}), 201)   # another write, another entry
    r2 = server.get(f"/movies/{mid}")
    assert r1.text == r2.text and r1.headers["ETag"] == r2.headers["ETag"]
    assert set(body(r2, 200)["movie"]) == {"actors", "genre", "id", "posterUrl", "releaseDate", "title"}
    ok(server.patch(f"/movies/{mid}", [{"op": "add", "path": "/title", "value": t + "x"}]))
    r3 = server.get(f"/movies/{mid}")
    assert r3.headers["ETag"] != r2.headers["ETag"] and body(r3, 200)["movie"]["title"] == t + "x", \
        "a write still refreshes the cached representation"


def test_cli_user_commands_and_key_rotation_are_logged_without_secrets(local):
    add_user(local, "prue", "producer")
    tok = login_token(local, "prue")
    add_user(local, "quinn", "assistant", display="Quinn Q")
    assert local.cli("user", "set-role", "quinn", "director").returncode == 0
    assert local.cli("user", "passwd", "quinn", input="another long password\n").returncode == 0
    assert local.cli("user", "disable", "quinn").returncode == 0
    assert local.cli("user", "delete", "quinn").returncode == 0
    assert local.cli("keys", "rotate").returncode == 0
    users = entries(local, "entity=user", token=tok)
    quinn = [e for e in users if e["before"] and e["before"].get("username") == "quinn"
             or e["after"] and e["after"].get("username") == "quinn"]
    qid = [e for e in users if e["action"] == "create" and e["after"]["username"] == "quinn"][0]["id"]
    q = entries(local, f"entity=user&id={qid}", token=tok)
    assert [e["action"] for e in q] == ["delete", "update", "update", "update", "create"]
    assert {e["subject"] for e in q} == {CLI_SUBJECT}
    delete, disable, passwd, role, create = q
    assert create["after"]["displayName"] == "Quinn Q" and create["after"]["role"] == "assistant"
    assert role["before"] == {"role": "assistant"} and role["after"] == {"role": "director"}
    assert passwd["before"] == {} and passwd["after"] == {"passwordChanged": True}
    assert disable["before"] == {"disabled": False} and disable["after"] == {"disabled": True}
    assert delete["after"] is None and "passwordHash" not in json.dumps(delete)
    assert len(quinn) >= 2
    keys = entries(local, "entity=signingKey", token=tok)
    assert {e["subject"] for e in keys[:2]} == {CLI_SUBJECT}
    actions = [e["action"] for e in keys]
    assert actions[0] == "create" and "update" in actions, actions
    assert set(keys[0]["after"]) == {"createdAt", "expiresAt", "kid", "publicJwk", "retiredAt"}
    assert "d" not in keys[0]["after"]["publicJwk"], "the public half only"
    # nothing secret anywhere in the whole log
    text = json.dumps(entries(local, "", token=tok))
    assert tok not in text and tok.split(".")[2] not in text
    for word in ("argon2", "passwordHash", "password_hash", "privateEnc", "private_enc", "PRIVATE"):
        assert word not in text, word
    if local.backend == "sqlite":
        db = sqlite3.connect(local.db_url[len("sqlite://"):])
        secrets = [r[0] for r in db.execute("SELECT private_enc FROM signing_keys")]
        secrets += [r[0] for r in db.execute("SELECT password_hash FROM users")]
        db.close()
        assert secrets and not any(s in text for s in secrets)


@pytest.mark.backends("sqlite", "postgres")
def test_casting_tables_are_logged_with_cascades(server, pg):
    """roles, candidates, auditions, shares and share_votes, written directly in SQL
    until their endpoints exist: every change logged, secrets and viewer ids not."""
    mid = ok(server.post("/movies", {"title": tag(), "genre": "DRAMA"}), 201)["id"]
    aid = ok(server.post("/actors", {"name": tag(), "age": 33}), 201)["id"]
    secret = "f" * 64
    sql(server, pg, f"""
INSERT INTO roles (id, movie_id, name, billing) VALUES ({mid * 1000}, {mid}, 'Lead', 1);
INSERT INTO candidates (role_id, actor_id, created_at, updated_at) VALUES ({mid * 1000}, {aid}, 1796400000, 1796400000);
UPDATE candidates SET stage = 'SHORTLISTED', tags = '["callback-1"]' WHERE role_id = {mid * 1000};
INSERT INTO auditions (id, role_id, actor_id, starts_at, ends_at, location)
    VALUES ({mid * 1000}, {mid * 1000}, {aid}, 1796400000, 1796401200, 'Room A');
INSERT INTO shares (id, role_id, token_hash, stages, created_by, created_at, expires_at)
    VALUES ({mid * 1000}, {mid * 1000}, '{secret}', '["SHORTLISTED"]', 'auth0|x', 1796400000, 1796403600);
INSERT INTO share_votes (share_id, actor_id, viewer, vote, voted_at)
    VALUES ({mid * 1000}, {aid}, 'viewer-secret-123', 1, 1796400100);
DELETE FROM roles WHERE id = {mid * 1000};
""")
    es = entries(server, "actor=sql-test")
    role, cand, vote = str(mid * 1000), f"role-{mid * 1000}-actor-{aid}", f"share-{mid * 1000}-actor-{aid}"
    mine = [e for e in es if e["id"] in (role, cand, vote)]
    got = set(summary(mine))
    for want in [("create", "role", role), ("create", "candidate", cand), ("update", "candidate", cand),
                 ("create", "audition", role), ("create", "share", role), ("create", "shareVote", vote),
                 ("delete", "role", role), ("delete", "candidate", cand), ("delete", "audition", role),
                 ("delete", "share", role), ("delete", "shareVote", vote)]:
        assert want in got, (want, summary(mine))
    upd = [e for e in mine if e["action"] == "update"][0]
    assert upd["before"] == {"stage": "SUGGESTED", "tags": []}
    assert upd["after"] == {"stage": "SHORTLISTED", "tags": ["callback-1"]}
    aud = [e for e in mine if e["entity"] == "audition" and e["action"] == "create"][0]["after"]
    assert aud["start"] == rfc3339(1796400000) and aud["end"] == rfc3339(1796401200)
    share = [e for e in mine if e["entity"] == "share" and e["action"] == "create"][0]["after"]
    assert share["stages"] == ["SHORTLISTED"] and share["expiresAt"] == rfc3339(1796403600)
    text = json.dumps(mine)
    assert secret not in text and "viewer-secret-123" not in text and "tokenHash" not in text


def test_roles_and_candidates_endpoints_are_logged(server):
    """Through the casting endpoints: role create/patch/delete, candidate add,
    stage change with booking (which also creates the cast link), removal."""
    sub = "auth0|eli-" + tag()
    tok = producer_token(server, sub)
    mid = ok(server.post("/movies", {"title": tag(), "genre": "DRAMA"}, token=tok), 201)["id"]
    aid = ok(server.post("/actors", {"name": tag(), "age": 35, "gender": "FEMALE"}, token=tok), 201)["id"]
    rid = ok(server.post(f"/movies/{mid}/roles", {"name": "Lead", "billing": 1}, token=tok), 201)["id"]
    ok(server.patch(f"/roles/{rid}", [{"op": "add", "path": "/name", "value": "Lead Two"}], token=tok))
    ok(server.post(f"/roles/{rid}/candidates", {"actorId": aid}, token=tok), 201)
    ok(server.patch(f"/roles/{rid}/candidates/{aid}", [{"op": "add", "path": "/stage", "value": "BOOKED"}],
                    token=tok))
    ok(server.delete(f"/roles/{rid}", token=tok))
    es = entries(server, "actor=" + sub)
    got = summary(es)
    cand = f"role-{rid}-actor-{aid}"
    for want in [("create", "role", str(rid)), ("update", "role", str(rid)), ("create", "candidate", cand),
                 ("update", "candidate", cand), ("create", "cast", f"movie-{mid}-actor-{aid}"),
                 ("delete", "role", str(rid)), ("delete", "candidate", cand)]:
        assert want in got, (want, got)
    rename = [e for e in es if e["entity"] == "role" and e["action"] == "update"
              and "name" in (e["after"] or {})][0]
    assert rename["before"]["name"] == "Lead" and rename["after"]["name"] == "Lead Two"
    booked = [e for e in es if e["entity"] == "candidate" and e["action"] == "update"][0]
    assert booked["before"]["stage"] == "SUGGESTED" and booked["after"]["stage"] == "BOOKED"
    assert set(booked["after"]) <= {"stage", "updatedAt"}, booked["after"]
    assert {e["subject"] for e in es} == {sub}


def test_auditions_shares_votes_and_imports_are_logged(server):
    """Through their endpoints: an audition scheduled (its candidate moves to
    AUDITION), moved and cancelled; a share link made and revoked — its token
    never logged; an anonymous viewer's vote — logged as "anonymous", without the
    viewer's id; actors imported from CSV."""
    sub = "auth0|fay-" + tag()
    tok = producer_token(server, sub)
    t = tag()
    mid = ok(server.post("/movies", {"title": t, "genre": "DRAMA"}, token=tok), 201)["id"]
    aid = ok(server.post("/actors", {"name": t + " Ada", "age": 30}, token=tok), 201)["id"]
    rid = ok(server.post(f"/movies/{mid}/roles", {"name": "Lead"}, token=tok), 201)["id"]
    ok(server.post(f"/roles/{rid}/candidates", {"actorId": aid}, token=tok), 201)
    audition = ok(server.post(f"/roles/{rid}/auditions", {"actorId": aid, "start": "2027-03-01T10:00:00Z",
                                                          "end": "2027-03-01T10:20:00Z", "location": t + " Room"},
                              token=tok), 201)["id"]
    ok(server.patch(f"/auditions/{audition}", [{"op": "add", "path": "/location", "value": t + " Hall"}],
                    token=tok))
    ok(server.delete(f"/auditions/{audition}", token=tok))
    made = ok(server.post(f"/roles/{rid}/shares", {"expiresInHours": 2, "stages": ["AUDITION"]}, token=tok), 201)
    token = made["url"].rsplit("/", 1)[1]
    viewer = "viewer-" + tag()
    ok(server.post(f"/shared/{token}/votes", {"actorId": aid, "vote": "up", "viewer": viewer}, role=None))
    ok(server.delete(f"/shares/{made['id']}", token=tok))
    ok(server.req("POST", "/actors/import", token=tok, data=f"name,age\r\n{t} Imported,44\r\n",
                  content_type="text/csv"), 201)

    mine = entries(server, "actor=" + sub)
    got = summary(mine)
    a, cand, share = str(audition), f"role-{rid}-actor-{aid}", str(made["id"])
    for want in [("create", "audition", a), ("update", "candidate", cand), ("create", "share", share),
                 ("update", "share", share)]:
        assert want in got, (want, got)
    moves = [e for e in mine if e["entity"] == "audition" and e["action"] == "update"]
    assert {"location": t + " Hall"} in [e["after"] for e in moves]
    assert any(e["after"].get("status") == "CANCELLED" for e in moves), moves
    created = [e for e in mine if e["entity"] == "audition" and e["action"] == "create"][0]["after"]
    assert created["start"] == "2027-03-01T10:00:00Z" and created["status"] == "SCHEDULED"
    revoked = [e for e in mine if e["entity"] == "share" and e["action"] == "update"][0]
    assert revoked["before"] == {"revokedAt": None} and RFC3339.match(revoked["after"]["revokedAt"])
    imported = [e for e in mine if e["entity"] == "actor" and e["action"] == "create"
                and e["after"]["name"] == f"{t} Imported"]
    assert len(imported) == 1 and imported[0]["after"]["age"] == 44

    votes = [e for e in entries(server, "entity=shareVote") if e["id"] == f"share-{share}-actor-{aid}"]
    assert [(e["action"], e["subject"]) for e in votes] == [("create", "anonymous")]
    assert votes[0]["after"]["vote"] in (1, "up")
    text = json.dumps(mine + votes)
    assert token not in text and viewer not in text and "tokenHash" not in text
