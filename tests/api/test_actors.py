"""Actors: representation, POST /actors (validation as data), DELETE /actors/{id}."""

from urllib.parse import quote

import pytest

from checks import ACTOR_IDS, demo_actor, demo_movie, error, fill, ok, tag

TOM_HANKS = {
    "actor": {
        "age": 68, "gender": "MALE", "id": 1,
        "movies": [{"genre": "ACTION_AND_ADVENTURE", "id": 1, "posterUrl": None,
                    "releaseDate": "1995-06-30", "title": "Apollo 13"}],
        "name": "Tom Hanks", "photoUrl": None,
    },
    "success": True,
}


def test_tom_hanks_exactly(demo):
    assert ok(demo.get("/actors/1", role="assistant")) == TOM_HANKS
    assert demo_actor(1) == TOM_HANKS["actor"]


def test_andy_serkis_movies_sorted_by_title(demo):
    movies = ok(demo.get("/actors/6"))["actor"]["movies"]
    assert [m["title"] for m in movies] == [
        "Black Panther", "The Lord of the Rings: The Fellowship of the Ring"]


@pytest.mark.parametrize("aid", ACTOR_IDS)
def test_demo_actor(demo, aid):
    assert ok(demo.get(f"/actors/{aid}", role="assistant")) == {"actor": demo_actor(aid),
                                                                "success": True}


def count(server, name):
    return ok(server.get("/actors?search=" + quote(name)))["totalActors"]


VALID = [
    ({"name": "{t} plain", "age": 30},
     {"name": "{t} plain", "age": 30, "gender": None, "photoUrl": None}),
    ({"name": "  {t}  padded ", "age": 1, "gender": "FEMALE", "photoUrl": "  https://i.example/a.png "},
     {"name": "{t}  padded", "age": 1, "gender": "FEMALE", "photoUrl": "https://i.example/a.png"}),
    ({"name": "{t} old", "age": 150, "gender": "MALE"},
     {"name": "{t} old", "age": 150, "gender": "MALE", "photoUrl": None}),
    ({"name": "{t} nulls", "age": 40, "gender": None, "photoUrl": None},
     {"name": "{t} nulls", "age": 40, "gender": None, "photoUrl": None}),
    ({"name": "{t} empty photo", "age": 40, "photoUrl": ""},
     {"name": "{t} empty photo", "age": 40, "gender": None, "photoUrl": None}),
    ({"name": "{t} extra", "age": 40, "id": 1, "movies": [1], "height": 180},
     {"name": "{t} extra", "age": 40, "gender": None, "photoUrl": None}),
    ({"name": "{t} Zoë Saldaña 周", "age": 46, "gender": "FEMALE"},
     {"name": "{t} Zoë Saldaña 周", "age": 46, "gender": "FEMALE", "photoUrl": None}),
    ({"name": "{t}" + "n" * 188, "age": 9},
     {"name": "{t}" + "n" * 188, "age": 9, "gender": None, "photoUrl": None}),
]


@pytest.mark.parametrize("sent,stored", VALID)
def test_post_actor_valid(server, sent, stored):
    t = tag()
    sent, stored = fill(sent, t), fill(stored, t)
    b = ok(server.post("/actors", sent), 201)
    assert set(b) == {"id", "success"} and isinstance(b["id"], int) and b["id"] > 0
    assert ok(server.get(f"/actors/{b['id']}"))["actor"] == dict(stored, id=b["id"], movies=[])


def test_post_actor_ids_continue_after_seed(fresh):
    assert ok(fresh.post("/actors", {"name": "New", "age": 20}), 201) == {"id": 20, "success": True}


INVALID = [
    {},
    {"age": 40},
    {"name": "", "age": 40},
    {"name": "  ", "age": 40},
    {"name": None, "age": 40},
    {"name": 7, "age": 40},
    {"name": ["{t}"], "age": 40},
    {"name": "{t}" + "n" * 189, "age": 40},  # 201 characters
    {"name": "{t}"},
    {"name": "{t}", "age": None},
    {"name": "{t}", "age": "40"},
    {"name": "{t}", "age": 40.5},
    {"name": "{t}", "age": 40.0},
    {"name": "{t}", "age": True},
    {"name": "{t}", "age": False},
    {"name": "{t}", "age": 0},
    {"name": "{t}", "age": -1},
    {"name": "{t}", "age": 151},
    {"name": "{t}", "age": 99999999999999999999},
    {"name": "{t}", "age": [40]},
    {"name": "{t}", "age": 40, "gender": "male"},
    {"name": "{t}", "age": 40, "gender": "OTHER"},
    {"name": "{t}", "age": 40, "gender": ""},
    {"name": "{t}", "age": 40, "gender": 1},
    {"name": "{t}", "age": 40, "gender": True},
    {"name": "{t}", "age": 40, "photoUrl": 5},
    {"name": "{t}", "age": 40, "photoUrl": False},
    {"name": "{t}", "age": 40, "photoUrl": ["x"]},
]


@pytest.mark.parametrize("sent", INVALID)
def test_post_actor_invalid_is_400(server, sent):
    t = tag()
    error(server.post("/actors", fill(sent, t)), 400)
    assert count(server, t) == 0


@pytest.mark.parametrize("raw,ctype,status", [
    ("[]", "application/json", 400),
    ("40", "application/json", 400),
    ('{"name": "x", "age": 4', "application/json", 400),
    ('{"name":"{t}","age":40}', "text/plain", 415),
    ('{"name":"{t}","age":40}', None, 415),
])
def test_post_actor_raw_bodies(server, raw, ctype, status):
    t = tag()
    error(server.req("POST", "/actors", data=raw.replace("{t}", t), content_type=ctype), status)
    assert count(server, t) == 0


def test_delete_own_actor(server):
    t = tag()
    aid = ok(server.post("/actors", {"name": t, "age": 33}), 201)["id"]
    assert ok(server.delete(f"/actors/{aid}")) == {"id": aid, "success": True}
    error(server.get(f"/actors/{aid}"), 404)
    error(server.delete(f"/actors/{aid}"), 404)
    assert count(server, t) == 0


def test_delete_demo_actor_takes_its_cast_links(fresh):
    assert ok(fresh.delete("/actors/14")) == {"id": 14, "success": True}
    error(fresh.get("/actors/14"), 404)
    for mid in (2, 3):
        expected = demo_movie(mid)
        expected["actors"] = [a for a in expected["actors"] if a["id"] != 14]
        assert ok(fresh.get(f"/movies/{mid}"))["movie"] == expected
    assert ok(fresh.get("/actors?page=2"))["totalActors"] == 18
    error(fresh.delete("/actors/14"), 404)
    error(fresh.delete("/casts/movies/2/actors/14"), 404)
