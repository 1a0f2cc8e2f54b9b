"""Cast assignments: POST /casts and DELETE /casts/movies/{m}/actors/{a}."""

import pytest

from checks import demo_actor, demo_movie, error, ok, tag


@pytest.fixture
def pair(server):
    """A movie and an actor of this test's own, not linked."""
    t = tag()
    m = ok(server.post("/movies", {"title": f"{t} movie", "genre": "DRAMA",
                                   "releaseDate": "2020-01-02"}), 201)["id"]
    a = ok(server.post("/actors", {"name": f"{t} actor", "age": 31, "gender": "FEMALE"}), 201)["id"]
    return m, a, t


def test_cast_round_trip(server, pair):
    m, a, t = pair
    assert ok(server.post("/casts", {"movieId": m, "actorId": a}), 201) == {
        "id": f"movie-{m}-actor-{a}", "success": True}
    movie = ok(server.get(f"/movies/{m}"))["movie"]
    assert movie["actors"] == [{"age": 31, "gender": "FEMALE", "id": a, "name": f"{t} actor",
                                "photoUrl": None}]
    actor = ok(server.get(f"/actors/{a}"))["actor"]
    assert actor["movies"] == [{"genre": "DRAMA", "id": m, "posterUrl": None,
                                "releaseDate": "2020-01-02", "title": f"{t} movie"}]

    error(server.post("/casts", {"movieId": m, "actorId": a}), 400)  # duplicate

    assert ok(server.delete(f"/casts/movies/{m}/actors/{a}")) == {
        "id": f"movie-{m}-actor-{a}", "success": True}
    assert ok(server.get(f"/movies/{m}"))["movie"]["actors"] == []
    assert ok(server.get(f"/actors/{a}"))["actor"]["movies"] == []
    error(server.delete(f"/casts/movies/{m}/actors/{a}"), 404)

    # and it can be made again
    ok(server.post("/casts", {"movieId": m, "actorId": a}), 201)


def test_cast_extra_keys_ignored(server, pair):
    m, a, _ = pair
    assert ok(server.post("/casts", {"movieId": m, "actorId": a, "id": "x", "role": "lead"}),
              201) == {"id": f"movie-{m}-actor-{a}", "success": True}


# Bodies with "{m}"/"{a}" placeholders for this test's own movie and actor.
INVALID = [
    {},
    {"movieId": "{m}"},
    {"actorId": "{a}"},
    {"movieId": None, "actorId": "{a}"},
    {"movieId": "{m}", "actorId": None},
    {"movieId": "str", "actorId": "{a}"},
    {"movieId": "{m}s", "actorId": "{a}"},      # the id as a string
    {"movieId": "{m}", "actorId": "{a}s"},
    {"movieId": "{m}f", "actorId": "{a}"},      # the id as a float (m.5)
    {"movieId": "{m}", "actorId": "{a}f"},
    {"movieId": True, "actorId": "{a}"},
    {"movieId": "{m}", "actorId": [1]},
    {"movieId": 0, "actorId": "{a}"},
    {"movieId": -1, "actorId": "{a}"},
    {"movieId": "{m}", "actorId": 0},
    {"movieId": 987654, "actorId": "{a}"},       # no such movie
    {"movieId": "{m}", "actorId": 987654},       # no such actor
    {"movieId": 99999999999999999999, "actorId": "{a}"},
]


def substitute(body, m, a):
    out = {}
    for k, v in body.items():
        if v == "{m}":
            v = m
        elif v == "{a}":
            v = a
        elif v == "{m}s":
            v = str(m)
        elif v == "{a}s":
            v = str(a)
        elif v == "{m}f":
            v = m + 0.5
        elif v == "{a}f":
            v = a + 0.5
        out[k] = v
    return out


@pytest.mark.parametrize("body", INVALID)
def test_post_cast_invalid_is_400(server, pair, body):
    m, a, _ = pair
    error(server.post("/casts", substitute(body, m, a)), 400)
    assert ok(server.get(f"/movies/{m}"))["movie"]["actors"] == []
    assert ok(server.get(f"/actors/{a}"))["actor"]["movies"] == []


@pytest.mark.parametrize("raw,ctype,status", [
    ("[]", "application/json", 400),
    ("7", "application/json", 400),
    ('{"movieId": {m}, "actorId": {a}', "application/json", 400),
    ('{"movieId": {m}, "actorId": {a}}', "text/plain", 415),
    ('{"movieId": {m}, "actorId": {a}}', None, 415),
])
def test_post_cast_raw_bodies(server, pair, raw, ctype, status):
    m, a, _ = pair
    data = raw.replace("{m}", str(m)).replace("{a}", str(a))
    error(server.req("POST", "/casts", data=data, content_type=ctype), status)
    assert ok(server.get(f"/movies/{m}"))["movie"]["actors"] == []


@pytest.mark.parametrize("path", [
    "/casts/movies/abc/actors/1", "/casts/movies/1/actors/abc", "/casts/movies/0/actors/1",
    "/casts/movies/1/actors/0", "/casts/movies/-1/actors/1", "/casts/movies/1.0/actors/1",
    "/casts/movies/987654/actors/1", "/casts/movies/1/actors/987654",
    "/casts/movies/1/actors/2",  # both exist, not linked
])
def test_delete_cast_absent_is_404(server, path):
    error(server.delete(path), 404)


def test_demo_cast_links(fresh):
    error(fresh.post("/casts", {"movieId": 1, "actorId": 1}), 400)  # seeded already
    assert ok(fresh.delete("/casts/movies/1/actors/1")) == {"id": "movie-1-actor-1",
                                                            "success": True}
    assert ok(fresh.get("/movies/1"))["movie"] == dict(demo_movie(1), actors=[])
    assert ok(fresh.get("/actors/1"))["actor"] == dict(demo_actor(1), movies=[])
    # Tom Hanks joins Contact: sorted by name between Jodie Foster and Matthew McConaughey
    assert ok(fresh.post("/casts", {"movieId": 2, "actorId": 1}), 201) == {
        "id": "movie-2-actor-1", "success": True}
    names = [a["name"] for a in ok(fresh.get("/movies/2"))["movie"]["actors"]]
    assert names == ["Angela Bassett", "Jodie Foster", "Matthew McConaughey", "Tom Hanks"]
