"""CSV exports and the actors import (casting.md "Export", docs/csv.md):
RFC 4180 output (CRLF, quoting of , " CR LF, UTF-8, header row), the
formula-injection prefix, Content-Type and Content-Disposition, a round trip
(export, import, compare), and an import that checks every row with the
rules of POST /actors, reports row/field errors and writes all or nothing.
Candidates are made with SQL (shares_db.py), independently of the roles API."""

import csv
import io

import pytest

from checks import body, error, ok, tag
from shares_db import make_role, sql

ROLES = ("assistant", "director", "producer")
TRICKY = ["Ann, Jr.", 'Bo "The Boss"', "Line\nBreak", "=1+1", "+44 Caller", "-minus", "@handle",
          "Zoë Ünïcödé", "'=quoted", "O'Brien"]


def parse(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def unprefix(cell):
    """What a spreadsheet user reads back: the export's leading ' before a formula character removed."""
    s = cell
    while s.startswith("'"):
        s = s[1:]
    return cell[1:] if cell.startswith("'") and s[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def import_csv(server, text, role="producer", ctype="text/csv"):
    return server.req("POST", "/actors/import", role=role, data=text, content_type=ctype)


def actors_named(server, t):
    """This test's actors (search by its tag), all pages."""
    out, page = [], 1
    while True:
        b = ok(server.get(f"/actors?search={t}&page={page}"))
        out += b["actors"]
        if len(out) >= b["totalActors"] or not b["actors"]:
            return out
        page += 1


@pytest.fixture
def movie(server):
    """A movie of this test's own cast with actors whose names need quoting or the formula prefix."""
    t = tag()
    mid = ok(server.post("/movies", {"title": f"{t} movie", "genre": "DRAMA"}), 201)["id"]
    ids = []
    for i, name in enumerate(TRICKY):
        a = {"name": f"{name} {t}" if not name[0] in "=+-@'" else f"{name}{t}", "age": 20 + i}
        if i % 2:
            a["gender"] = "MALE"
            a["photoUrl"] = f"https://img.example/{t}/{i}.jpg?a=1,b=2"
        ids.append(ok(server.post("/actors", a), 201)["id"])
        ok(server.post("/casts", {"movieId": mid, "actorId": ids[-1]}), 201)
    return {"t": t, "id": mid, "actors": ids}


def test_cast_csv_is_rfc4180_and_injection_safe(server, movie):
    r = server.get(f"/movies/{movie['id']}/cast.csv", role="assistant")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.headers["Content-Disposition"] == f'attachment; filename="movie-{movie["id"]}-cast.csv"'
    text = r.content.decode("utf-8")
    assert text.startswith("id,name,age,gender,photoUrl\r\n") and text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "").replace("Line\nBreak", "")  # only quoted LFs are bare
    rows = parse(text)
    assert rows[0] == ["id", "name", "age", "gender", "photoUrl"]
    want = sorted((ok(server.get(f"/actors/{a}"))["actor"] for a in movie["actors"]),
                  key=lambda a: (a["name"].encode(), a["id"]))
    assert len(rows) == len(want) + 1
    for row, a in zip(rows[1:], want):
        assert row[0] == str(a["id"]) and row[2] == str(a["age"])
        assert row[3] == (a["gender"] or "") and row[4] == (a["photoUrl"] or "")
        assert unprefix(row[1]) == a["name"]
        assert row[1][0] not in "=+-@\t\r", row  # never a live formula
        if a["name"][0] in "=+-@" or a["name"].startswith("'="):
            assert row[1] == "'" + a["name"]
        else:
            assert row[1] == a["name"]
    assert '"Ann, Jr.' in text and '"Bo ""The Boss""' in text and '"Line\nBreak' in text
    assert "'=1+1" in text and "O'Brien" in text and "''=quoted" in text


def test_empty_cast_and_missing_movie(server):
    t = tag()
    mid = ok(server.post("/movies", {"title": f"{t} movie", "genre": "DRAMA"}), 201)["id"]
    assert server.get(f"/movies/{mid}/cast.csv").text == "id,name,age,gender,photoUrl\r\n"
    error(server.get("/movies/987654321/cast.csv"), 404)
    error(server.get("/roles/987654321/candidates.csv"), 404)


def test_round_trip_export_import_compare(server, movie):
    exported = server.get(f"/movies/{movie['id']}/cast.csv").text
    b = ok(import_csv(server, exported), 201)
    assert b["created"] == len(movie["actors"]) and len(b["ids"]) == b["created"]
    assert not set(b["ids"]) & set(movie["actors"])  # new actors: the id column is ignored
    strip = lambda a: {k: v for k, v in a.items() if k not in ("id", "movies")}
    originals = sorted((strip(ok(server.get(f"/actors/{a}"))["actor"]) for a in movie["actors"]),
                       key=lambda a: a["name"])
    copies = sorted((strip(ok(server.get(f"/actors/{a}"))["actor"]) for a in b["ids"]), key=lambda a: a["name"])
    assert copies == originals
    # and the copies export to the same cells but for the ids
    mid = ok(server.post("/movies", {"title": f"{movie['t']} copy", "genre": "DRAMA"}), 201)["id"]
    for a in b["ids"]:
        ok(server.post("/casts", {"movieId": mid, "actorId": a}), 201)
    again = parse(server.get(f"/movies/{mid}/cast.csv").text)
    assert [r[1:] for r in again] == [r[1:] for r in parse(exported)]


def test_candidates_csv(server, pg, movie):
    a = movie["actors"]
    role = make_role(server, pg, movie["id"], f"{movie['t']} Lead", candidates=[
        (a[0], "SHORTLISTED", 4, "=HYPERLINK(\"http://evil\")", '["callback-1","lead, maybe"]'),
        (a[1], "SUGGESTED", None, None, "[]")])
    r = server.get(f"/roles/{role}/candidates.csv", role="assistant")
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.headers["Content-Disposition"] == f'attachment; filename="role-{role}-candidates.csv"'
    rows = parse(r.text)
    assert rows[0] == ["id", "name", "age", "gender", "photoUrl", "stage", "rating", "notes", "tags"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[str(a[0])][5:] == ["SHORTLISTED", "4", "'=HYPERLINK(\"http://evil\")", "callback-1; lead, maybe"]
    assert by_id[str(a[1])][5:] == ["SUGGESTED", "", "", ""]
    assert len(rows) == 3


@pytest.mark.parametrize("role", (None,) + ROLES)
def test_permissions(server, pg, movie, role):
    """Exports: read:movies (everyone with a token); import: create:actors (director, producer)."""
    rid = make_role(server, pg, movie["id"], "Extra")
    for path in (f"/movies/{movie['id']}/cast.csv", f"/roles/{rid}/candidates.csv"):
        r = server.get(path, role=role)
        if role is None:
            error(r, 401)
        else:
            assert r.status_code == 200 and r.text.startswith("id,name,")
    t = tag()
    r = import_csv(server, f"name,age\r\n{t} Imported,33\r\n", role=role)
    if role in (None, "assistant"):
        error(r, 401 if role is None else 403)
        assert actors_named(server, t) == []
    else:
        assert ok(r, 201)["created"] == 1
        assert [(x["name"], x["age"], x["gender"]) for x in actors_named(server, t)] == [(f"{t} Imported", 33, None)]


def test_import_any_column_order_and_optional_columns(server):
    t = tag()
    text = (f"photoUrl,gender,age,name\r\nhttps://x.example/a.png,FEMALE,41,{t} A\r\n,,42,\"{t} B, Jr\"\n"
            f"\r\n'=x,MALE,43,'=calc{t}\r\n")
    b = ok(import_csv(server, text), 201)
    assert b["created"] == 3
    got = {a["id"]: a for a in actors_named(server, t)}
    a, bb, c = (got[i] for i in b["ids"])
    assert (a["name"], a["age"], a["gender"], a["photoUrl"]) == (f"{t} A", 41, "FEMALE", "https://x.example/a.png")
    assert (bb["name"], bb["gender"], bb["photoUrl"]) == (f"{t} B, Jr", None, None)
    assert (c["name"], c["photoUrl"]) == (f"=calc{t}", "=x")   # the export's ' prefix is undone


def test_import_reports_every_bad_row_and_writes_nothing(server):
    t = tag()
    text = (f"name,age,gender,photoUrl\r\n{t} ok,30,FEMALE,\r\n{t} old,151,,\r\n,30,,\r\n{t} g,30,OTHER,\r\n"
            f"{t} short,30\r\n{t} x,abc,,\r\n{t} y,,,\r\n{t} ok2,31,,\r\n")
    r = import_csv(server, text)
    b = body(r, 400)
    assert set(b) == {"error", "errors", "message", "success"} and b["error"] == "Bad Request" and not b["success"]
    assert [(e["row"], e["field"]) for e in b["errors"]] == [
        (3, "age"), (4, "name"), (5, "gender"), (6, None), (7, "age"), (8, "age")]
    assert b["errors"][0]["message"] == "must be between 1 and 150"
    assert "6 row(s)" in b["message"] and "nothing was imported" in b["message"]
    assert actors_named(server, t) == []


def test_import_validation_is_post_actors_rules(server):
    """The same messages as POST /actors for the same values."""
    t = tag()
    for cells, json_body in ((f"{t},0", {"name": t, "age": 0}), (f"{'x' * 201},30", {"name": "x" * 201, "age": 30})):
        single = error(server.post("/actors", json_body), 400)["message"]
        e = body(import_csv(server, "name,age\r\n" + cells + "\r\n"), 400)["errors"][0]
        assert f"{e['field']} {e['message']}" == single


BAD_FILES = [
    ("", "no header row"), ("\r\n\r\n", "no header row"), ("name,age\r\n", "no rows"),
    ("name,aged\r\nA,1\r\n", "unknown column"), ("name,gender\r\nA,MALE\r\n", "age is required"),
    ("age\r\n3\r\n", "name is required"), ("name,age,name\r\nA,1,B\r\n", "twice"),
    ('name,age\r\n"A,1\r\n', "not closed"), ('name,age\r\nA"b,1\r\n', "quote inside"),
    ("name,age\rA,1\r", "CR not followed"), (b"name,age\r\n\xff\xfe,1\r\n", "UTF-8"),
    ("name,age\r\nA\x00,1\r\n", "NUL"), (",".join(["id"] * 17) + "\r\n", "too many columns"),
]


@pytest.mark.parametrize("data,why", BAD_FILES, ids=[str(i) for i in range(len(BAD_FILES))])
def test_import_refuses_bad_files(server, data, why):
    b = error(import_csv(server, data), 400)
    assert why in b["message"], b


def test_import_bounds_and_media_type(server):
    t = tag()
    rows = "".join(f"{t} n{i},30\r\n" for i in range(10001))
    b = error(import_csv(server, "name,age\r\n" + rows), 400)
    assert "more than 10000 rows" in b["message"]
    assert actors_named(server, t) == []
    big = "name,age\r\n" + ("x" * 100 + ",30\r\n") * 11000   # > 1 MiB
    assert error(import_csv(server, big), 413)["message"] == "the request body is larger than 1 MiB"
    error(import_csv(server, f"name,age\r\n{t},30\r\n", ctype="application/json"), 415)
    error(import_csv(server, f"name,age\r\n{t},30\r\n", ctype=None), 415)
    assert ok(import_csv(server, f"name,age\r\n{t},30\r\n", ctype="text/csv; charset=utf-8"), 201)["created"] == 1
    ok_rows = "".join(f"{t} m{i},30\r\n" for i in range(10000))
    assert ok(import_csv(server, "name,age\r\n" + ok_rows), 201)["created"] == 10000
    error(server.get("/actors/import"), 405)
