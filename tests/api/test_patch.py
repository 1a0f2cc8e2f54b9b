"""JSON Patch (RFC 6902 subset) on /movies/{id} and /actors/{id}, as data.

Each case patches a fresh row of its own (strings carry "{t}", the row's tag)
and states the outcome: 200 and the fields that changed, 204 (no change), or
an error status with nothing changed (same representation, same ETag).
"""

import pytest

from checks import error, etag, fill, ok, tag

BASE = {
    "movies": {"title": "{t} base", "genre": "DRAMA", "releaseDate": "2000-01-01",
               "posterUrl": "https://p.example/m.jpg"},
    "actors": {"name": "{t} base", "age": 40, "gender": "MALE",
               "photoUrl": "https://p.example/a.jpg"},
}
SINGULAR = {"movies": "movie", "actors": "actor"}


def add(path, value):
    return {"op": "add", "path": path, "value": value}


def rm(path):
    return {"op": "remove", "path": path}


# (kind, ops, fields expected to change) → 200
CHANGES = [
    ("movies", [add("/title", "{t} new")], {"title": "{t} new"}),
    ("movies", [add("/genre", "NOIR")], {"genre": "NOIR"}),
    ("movies", [add("/releaseDate", "2012-02-29")], {"releaseDate": "2012-02-29"}),
    ("movies", [add("/posterUrl", "https://p.example/n.jpg")], {"posterUrl": "https://p.example/n.jpg"}),
    ("movies", [rm("/releaseDate")], {"releaseDate": None}),
    ("movies", [rm("/posterUrl")], {"posterUrl": None}),
    ("movies", [add("/title", "{t} a"), add("/title", "{t} b")], {"title": "{t} b"}),
    ("movies", [add("/title", "{t} both"), rm("/posterUrl"), add("/genre", "WESTERN")],
     {"title": "{t} both", "posterUrl": None, "genre": "WESTERN"}),
    ("movies", [rm("/posterUrl"), add("/posterUrl", "https://p.example/z.jpg")],
     {"posterUrl": "https://p.example/z.jpg"}),
    ("movies", [add("/title", "{t} Amélie 東京")], {"title": "{t} Amélie 東京"}),
    ("actors", [add("/name", "{t} renamed")], {"name": "{t} renamed"}),
    ("actors", [add("/age", 41)], {"age": 41}),
    ("actors", [add("/age", 1)], {"age": 1}),
    ("actors", [add("/age", 150)], {"age": 150}),
    ("actors", [add("/gender", "FEMALE")], {"gender": "FEMALE"}),
    ("actors", [rm("/gender")], {"gender": None}),
    ("actors", [rm("/photoUrl")], {"photoUrl": None}),
    ("actors", [add("/photoUrl", "https://p.example/b.jpg"), add("/age", 44)],
     {"photoUrl": "https://p.example/b.jpg", "age": 44}),
]

# (kind, ops) → 204, nothing changed
NO_CHANGE = [
    ("movies", []),
    ("movies", [add("/title", "{t} base")]),
    ("movies", [add("/genre", "DRAMA"), add("/releaseDate", "2000-01-01")]),
    ("movies", [rm("/posterUrl"), add("/posterUrl", "https://p.example/m.jpg")]),
    ("movies", [add("/title", "{t} other"), add("/title", "{t} base")]),
    ("actors", []),
    ("actors", [add("/age", 40)]),
    ("actors", [add("/gender", "MALE"), add("/name", "{t} base")]),
]

GOOD_MOVIE_OP = add("/title", "{t} changed")
GOOD_ACTOR_OP = add("/name", "{t} changed")

# (kind, body) → 400, nothing changed. A body is sent as JSON as it stands.
INVALID = [
    ("movies", {}),
    ("movies", add("/title", "{t} x")),
    ("movies", "add"),
    ("movies", 1),
    ("movies", None),
    ("movies", [1]),
    ("movies", ["add"]),
    ("movies", [None]),
    ("movies", [[]]),
    ("movies", [{"op": "replace", "path": "/title", "value": "{t} x"}]),
    ("movies", [{"op": "move", "from": "/title", "path": "/posterUrl"}]),
    ("movies", [{"op": "copy", "from": "/title", "path": "/posterUrl"}]),
    ("movies", [{"op": "test", "path": "/title", "value": "{t} base"}]),
    ("movies", [{"op": "bogus", "path": "/title", "value": "{t} x"}]),
    ("movies", [{"op": "ADD", "path": "/title", "value": "{t} x"}]),
    ("movies", [{"op": "", "path": "/title", "value": "{t} x"}]),
    ("movies", [{"op": 1, "path": "/title", "value": "{t} x"}]),
    ("movies", [{"path": "/title", "value": "{t} x"}]),
    ("movies", [{"op": "add", "value": "{t} x"}]),
    ("movies", [{"op": "add", "path": "/title"}]),
    ("movies", [{"op": "remove", "path": "/posterUrl", "value": None}]),
    ("movies", [{"op": "remove", "path": "/posterUrl", "value": "x"}]),
    ("movies", [add("/id", 99)]),
    ("movies", [add("/actors", [])]),
    ("movies", [rm("/actors")]),
    ("movies", [add("/nope", "x")]),
    ("movies", [add("title", "{t} x")]),
    ("movies", [add("", "{t} x")]),
    ("movies", [add("/", "{t} x")]),
    ("movies", [add("/title/0", "{t} x")]),
    ("movies", [add("/title/", "{t} x")]),
    ("movies", [add("/Title", "{t} x")]),
    ("movies", [add("/release_date", "2001-01-01")]),
    ("movies", [add("/name", "{t} x")]),
    ("movies", [{"op": "add", "path": 5, "value": "x"}]),
    ("movies", [rm("/title")]),
    ("movies", [rm("/genre")]),
    ("movies", [add("/title", "")]),
    ("movies", [add("/title", "   ")]),
    ("movies", [add("/title", None)]),
    ("movies", [add("/title", 0)]),
    ("movies", [add("/title", 5)]),
    ("movies", [add("/title", ["x"])]),
    ("movies", [add("/title", "{t}" + "x" * 189)]),
    ("movies", [add("/genre", "")]),
    ("movies", [add("/genre", None)]),
    ("movies", [add("/genre", "noir")]),
    ("movies", [add("/genre", "BOGUS")]),
    ("movies", [add("/genre", 0)]),
    ("movies", [add("/releaseDate", "")]),
    ("movies", [add("/releaseDate", "2023-02-30")]),
    ("movies", [add("/releaseDate", "2023-13-01")]),
    ("movies", [add("/releaseDate", "2023-1-1")]),
    ("movies", [add("/releaseDate", 20230101)]),
    ("movies", [add("/posterUrl", "")]),
    ("movies", [add("/posterUrl", 5)]),
    ("movies", [add("/posterUrl", ["x"])]),
    ("movies", [GOOD_MOVIE_OP, add("/genre", "BOGUS")]),
    ("movies", [GOOD_MOVIE_OP, {"op": "replace", "path": "/title", "value": "{t} y"}]),
    ("movies", [GOOD_MOVIE_OP, rm("/title")]),
    ("movies", [rm("/posterUrl"), add("/nope", 1)]),
    ("actors", {}),
    ("actors", [{"op": "replace", "path": "/name", "value": "{t} x"}]),
    ("actors", [{"op": "remove", "path": "/gender", "value": None}]),
    ("actors", [{"op": "add", "path": "/age"}]),
    ("actors", [add("/id", 1)]),
    ("actors", [add("/movies", [])]),
    ("actors", [add("/title", "{t} x")]),
    ("actors", [add("name", "{t} x")]),
    ("actors", [rm("/name")]),
    ("actors", [rm("/age")]),
    ("actors", [add("/name", "")]),
    ("actors", [add("/name", "  ")]),
    ("actors", [add("/name", None)]),
    ("actors", [add("/name", 0)]),
    ("actors", [add("/age", 0)]),
    ("actors", [add("/age", -1)]),
    ("actors", [add("/age", 151)]),
    ("actors", [add("/age", None)]),
    ("actors", [add("/age", "41")]),
    ("actors", [add("/age", 41.5)]),
    ("actors", [add("/age", True)]),
    ("actors", [add("/gender", "female")]),
    ("actors", [add("/gender", "")]),
    ("actors", [add("/gender", "OTHER")]),
    ("actors", [add("/gender", 1)]),
    ("actors", [add("/photoUrl", "")]),
    ("actors", [add("/photoUrl", 1)]),
    ("actors", [GOOD_ACTOR_OP, add("/age", "x")]),
    ("actors", [GOOD_ACTOR_OP, rm("/age")]),
]


def make(server, kind):
    t = tag()
    rid = ok(server.post(f"/{kind}", fill(BASE[kind], t)), 201)["id"]
    r = server.get(f"/{kind}/{rid}")
    return t, rid, ok(r)[SINGULAR[kind]], etag(r)


def current(server, kind, rid):
    r = server.get(f"/{kind}/{rid}")
    return ok(r)[SINGULAR[kind]], etag(r)


@pytest.mark.parametrize("kind,ops,changes", CHANGES)
def test_patch_changes(server, kind, ops, changes):
    t, rid, before, before_tag = make(server, kind)
    r = server.patch(f"/{kind}/{rid}", fill(ops, t), role="director")
    assert ok(r) == {"id": rid, "success": True}
    after, after_tag = current(server, kind, rid)
    assert etag(r) == after_tag != before_tag
    assert after == dict(before, **fill(changes, t))


@pytest.mark.parametrize("kind,ops", NO_CHANGE)
def test_patch_no_change_is_204(server, kind, ops):
    t, rid, before, before_tag = make(server, kind)
    r = server.patch(f"/{kind}/{rid}", fill(ops, t), role="director")
    assert r.status_code == 204, r.text
    assert r.content == b""
    assert etag(r) == before_tag
    assert current(server, kind, rid) == (before, before_tag)


@pytest.mark.parametrize("kind,ops", INVALID)
def test_patch_invalid_is_400_and_changes_nothing(server, kind, ops):
    t, rid, before, before_tag = make(server, kind)
    error(server.patch(f"/{kind}/{rid}", fill(ops, t), role="director"), 400)
    assert current(server, kind, rid) == (before, before_tag)


@pytest.mark.parametrize("kind", ["movies", "actors"])
@pytest.mark.parametrize("raw", ['[{"op":"add","path":"/title","value":"x"}', "[", "", "nope"])
def test_patch_malformed_json_is_400(server, kind, raw):
    t, rid, before, before_tag = make(server, kind)
    error(server.req("PATCH", f"/{kind}/{rid}", data=raw, role="director",
                     content_type="application/json-patch+json"), 400)
    assert current(server, kind, rid) == (before, before_tag)


@pytest.mark.parametrize("kind", ["movies", "actors"])
@pytest.mark.parametrize("ctype,status", [
    ("application/json-patch+json", 200),
    ("application/json-patch+json; charset=utf-8", 200),
    ("application/json-patch+json;charset=UTF-8", 200),
    ("application/json", 415),
    ("application/merge-patch+json", 415),
    ("application/json-patch+jsonx", 415),
    ("text/plain", 415),
    (None, 415),
])
def test_patch_content_type(server, kind, ctype, status):
    t, rid, before, before_tag = make(server, kind)
    field = "/title" if kind == "movies" else "/name"
    data = '[{"op":"add","path":"%s","value":"%s changed"}]' % (field, t)
    r = server.req("PATCH", f"/{kind}/{rid}", data=data, role="director", content_type=ctype)
    if status == 200:
        assert ok(r) == {"id": rid, "success": True}
    else:
        error(r, status)
        assert current(server, kind, rid) == (before, before_tag)


@pytest.mark.parametrize("kind", ["movies", "actors"])
def test_patch_absent_is_404(server, kind):
    field = "/title" if kind == "movies" else "/name"
    error(server.patch(f"/{kind}/987654", [add(field, "x")], role="director"), 404)


def test_patch_changes_the_nested_representation(server):
    """A renamed movie shows up renamed in its actors' lists (and their ETags change)."""
    t = tag()
    m = ok(server.post("/movies", {"title": f"{t} m", "genre": "DRAMA"}), 201)["id"]
    a = ok(server.post("/actors", {"name": f"{t} a", "age": 20}), 201)["id"]
    ok(server.post("/casts", {"movieId": m, "actorId": a}), 201)
    actor_tag = etag(server.get(f"/actors/{a}"))
    ok(server.patch(f"/movies/{m}", [add("/title", f"{t} renamed")]))
    r = server.get(f"/actors/{a}")
    assert ok(r)["actor"]["movies"][0]["title"] == f"{t} renamed"
    assert etag(r) != actor_tag
