"""Movies: representation, POST /movies (validation as data), DELETE /movies/{id}."""

from urllib.parse import quote

import pytest

from checks import GENRES, MOVIE_IDS, demo_actor, demo_movie, error, fill, ok, tag

CONTACT = {
    "movie": {
        "actors": [
            {"age": 66, "gender": "FEMALE", "id": 14, "name": "Angela Bassett", "photoUrl": None},
            {"age": 62, "gender": "FEMALE", "id": 16, "name": "Jodie Foster", "photoUrl": None},
            {"age": 55, "gender": "MALE", "id": 15, "name": "Matthew McConaughey",
             "photoUrl": None},
        ],
        "genre": "SCI_FI", "id": 2, "posterUrl": None, "releaseDate": "1997-07-11",
        "title": "Contact",
    },
    "success": True,
}


def test_contact_exactly(demo):
    assert ok(demo.get("/movies/2", role="assistant")) == CONTACT
    assert demo_movie(2) == CONTACT["movie"]  # the oracle agrees with the literal


@pytest.mark.parametrize("mid", MOVIE_IDS)
def test_demo_movie(demo, mid):
    assert ok(demo.get(f"/movies/{mid}", role="assistant")) == {"movie": demo_movie(mid),
                                                                "success": True}


def count(server, title):
    return ok(server.get("/movies?search=" + quote(title)))["totalMovies"]


def get_movie(server, mid):
    return ok(server.get(f"/movies/{mid}"))["movie"]


# -- POST /movies: accepted bodies and what is stored -------------------------------
# (body with {t} in strings, stored fields)
VALID = [
    ({"title": "{t} plain", "genre": "DRAMA"},
     {"title": "{t} plain", "genre": "DRAMA", "releaseDate": None, "posterUrl": None}),
    ({"title": "   {t}  padded  ", "genre": "NOIR", "releaseDate": "2001-02-03",
      "posterUrl": "  https://img.example/p.jpg  "},
     {"title": "{t}  padded", "genre": "NOIR", "releaseDate": "2001-02-03",
      "posterUrl": "https://img.example/p.jpg"}),
    ({"title": "{t} nulls", "genre": "HORROR", "releaseDate": None, "posterUrl": None},
     {"title": "{t} nulls", "genre": "HORROR", "releaseDate": None, "posterUrl": None}),
    ({"title": "{t} empty poster", "genre": "HORROR", "posterUrl": ""},
     {"title": "{t} empty poster", "genre": "HORROR", "releaseDate": None, "posterUrl": None}),
    ({"title": "{t} leap", "genre": "COMEDY", "releaseDate": "2024-02-29"},
     {"title": "{t} leap", "genre": "COMEDY", "releaseDate": "2024-02-29", "posterUrl": None}),
    ({"title": "{t} extra", "genre": "WESTERN", "id": 1, "actors": [1, 2], "rating": 5},
     {"title": "{t} extra", "genre": "WESTERN", "releaseDate": None, "posterUrl": None}),
    ({"title": "{t} Amélie — 東京 \"quoted\" \\ back", "genre": "FANTASY"},
     {"title": "{t} Amélie — 東京 \"quoted\" \\ back", "genre": "FANTASY", "releaseDate": None,
      "posterUrl": None}),
    ({"title": "{t}" + "x" * 188, "genre": "DRAMA"},  # exactly 200 characters
     {"title": "{t}" + "x" * 188, "genre": "DRAMA", "releaseDate": None, "posterUrl": None}),
] + [({"title": "{t} " + g, "genre": g},
      {"title": "{t} " + g, "genre": g, "releaseDate": None, "posterUrl": None}) for g in GENRES]


@pytest.mark.parametrize("sent,stored", VALID)
def test_post_movie_valid(server, sent, stored):
    t = tag()
    sent, stored = fill(sent, t), fill(stored, t)
    assert len(t) == 12
    b = ok(server.post("/movies", sent), 201)
    assert set(b) == {"id", "success"} and isinstance(b["id"], int) and b["id"] > 0
    assert get_movie(server, b["id"]) == dict(stored, id=b["id"], actors=[])


@pytest.mark.parametrize("ctype", ["application/json; charset=utf-8", "application/json;charset=UTF-8",
                                   "Application/JSON"])
def test_post_movie_json_content_types(server, ctype):
    """Parameters are allowed; media types are case-insensitive (RFC 9110 8.3.1)."""
    t = tag()
    r = server.req("POST", "/movies", body={"title": t, "genre": "DRAMA"}, content_type=ctype)
    ok(r, 201)


def test_post_movie_ids_continue_after_seed(fresh):
    assert ok(fresh.post("/movies", {"title": "New", "genre": "DRAMA"}), 201) == {
        "id": 12, "success": True}
    assert ok(fresh.post("/movies", {"title": "Newer", "genre": "DRAMA"}), 201) == {
        "id": 13, "success": True}


# (body, 400) — each body carries {t} in its title where it has one, so we can
# check that nothing was created.
INVALID = [
    {},
    {"genre": "DRAMA"},
    {"title": "", "genre": "DRAMA"},
    {"title": "   ", "genre": "DRAMA"},
    {"title": None, "genre": "DRAMA"},
    {"title": 5, "genre": "DRAMA"},
    {"title": True, "genre": "DRAMA"},
    {"title": ["{t}"], "genre": "DRAMA"},
    {"title": {"text": "{t}"}, "genre": "DRAMA"},
    {"title": "{t}" + "x" * 189, "genre": "DRAMA"},  # 201 characters
    {"title": "{t}"},
    {"title": "{t}", "genre": "UNKNOWN"},
    {"title": "{t}", "genre": "drama"},
    {"title": "{t}", "genre": "Sci_Fi"},
    {"title": "{t}", "genre": ""},
    {"title": "{t}", "genre": None},
    {"title": "{t}", "genre": 3},
    {"title": "{t}", "genre": ["DRAMA"]},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023-02-30"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023-02-29"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023-13-01"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023-00-10"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023-01-00"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023-04-31"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023-1-1"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "20230101"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023/01/01"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "01-01-2023"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "2023-01-01T00:00:00"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": "yesterday"},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": 20230101},
    {"title": "{t}", "genre": "DRAMA", "releaseDate": True},
    {"title": "{t}", "genre": "DRAMA", "posterUrl": 5},
    {"title": "{t}", "genre": "DRAMA", "posterUrl": True},
    {"title": "{t}", "genre": "DRAMA", "posterUrl": ["https://x/y.jpg"]},
    {"title": "{t}", "genre": "DRAMA", "posterUrl": {}},
]


@pytest.mark.parametrize("sent", INVALID)
def test_post_movie_invalid_is_400(server, sent):
    t = tag()
    error(server.post("/movies", fill(sent, t)), 400)
    assert count(server, t) == 0


# (raw body, Content-Type, status): bodies that are not a JSON object
RAW = [
    ('[{"title":"x","genre":"DRAMA"}]', "application/json", 400),
    ("42", "application/json", 400),
    ('"a string"', "application/json", 400),
    ("null", "application/json", 400),
    ("true", "application/json", 400),
    ('{"title": "x", "genre": "DRAMA"', "application/json", 400),
    ("{title: 'x'}", "application/json", 400),
    ("", "application/json", 400),
    ("\xff\xfe", "application/json", 400),
    ('{"title":"{t}","genre":"DRAMA"}', "text/plain", 415),
    ('{"title":"{t}","genre":"DRAMA"}', None, 415),
    ('{"title":"{t}","genre":"DRAMA"}', "application/xml", 415),
    ('{"title":"{t}","genre":"DRAMA"}', "application/x-www-form-urlencoded", 415),
    ('{"title":"{t}","genre":"DRAMA"}', "multipart/form-data; boundary=x", 415),
]


@pytest.mark.parametrize("raw,ctype,status", RAW)
def test_post_movie_raw_bodies(server, raw, ctype, status):
    t = tag()
    data = raw.replace("{t}", t).encode("latin-1" if "\xff" in raw else "utf-8")
    error(server.req("POST", "/movies", data=data, content_type=ctype), status)
    assert count(server, t) == 0


# -- DELETE /movies/{id} ------------------------------------------------------------
def test_delete_own_movie(server):
    t = tag()
    mid = ok(server.post("/movies", {"title": t, "genre": "DRAMA"}), 201)["id"]
    assert ok(server.delete(f"/movies/{mid}")) == {"id": mid, "success": True}
    error(server.get(f"/movies/{mid}"), 404)
    error(server.delete(f"/movies/{mid}"), 404)
    assert count(server, t) == 0


def test_delete_demo_movie_takes_its_cast_links(fresh):
    assert ok(fresh.delete("/movies/2")) == {"id": 2, "success": True}
    error(fresh.get("/movies/2"), 404)
    for aid in (14, 15, 16):
        expected = demo_actor(aid)
        expected["movies"] = [m for m in expected["movies"] if m["id"] != 2]
        assert ok(fresh.get(f"/actors/{aid}"))["actor"] == expected
    assert ok(fresh.get("/movies"))["totalMovies"] == 10
    error(fresh.delete("/movies/2"), 404)
    # the other movies are untouched
    for mid in (1, 3):
        assert ok(fresh.get(f"/movies/{mid}"))["movie"] == demo_movie(mid)
    # a new movie does not reuse the deleted links
    new = ok(fresh.post("/movies", {"title": "Replacement", "genre": "DRAMA"}), 201)["id"]
    assert new != 2
    assert ok(fresh.get(f"/movies/{new}"))["movie"]["actors"] == []
