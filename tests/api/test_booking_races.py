"""Booking under concurrency (casting.md "Candidates"), decided by the
database: directors booking at the same moment never leave two BOOKED
candidates in a role, nor one actor booked twice in a movie without
confirmation; and what a booking changed is what the next GET shows."""

import requests

from checks import all_at_once, ok, tag

N = 8


def book(srv, role, actor, query=""):
    """PATCH stage BOOKED on its own connection, as a director."""
    with requests.Session() as s:
        s.trust_env = False
        return s.patch(f"{srv.url}/roles/{role}/candidates/{actor}{query}",
                       data='[{"op":"add","path":"/stage","value":"BOOKED"}]', timeout=60,
                       headers={"Authorization": "Bearer " + srv.token("director"),
                                "Content-Type": "application/json-patch+json"})


def make_race(server, n_actors, n_roles=1):
    t = tag()
    movie = ok(server.post("/movies", {"title": f"{t} race", "genre": "DRAMA"}), 201)["id"]
    roles = [ok(server.post(f"/movies/{movie}/roles", {"name": f"Role {i}"}), 201)["id"] for i in range(n_roles)]
    actors = [ok(server.post("/actors", {"name": f"{t} {i}", "age": 30}), 201)["id"] for i in range(n_actors)]
    for r in roles:
        for a in actors:
            ok(server.post(f"/roles/{r}/candidates", {"actorId": a}), 201)
    return movie, roles, actors


def booked(server, role):
    page = ok(server.get(f"/roles/{role}/candidates?stage=BOOKED"))
    return [c["actor"]["id"] for c in page["candidates"]]


def test_two_directors_book_different_actors_for_one_role(server):
    for _ in range(3):   # a few rounds: each one races afresh
        movie, (role,), actors = make_race(server, 2)
        codes = [r.status_code for r in all_at_once(2, lambda i: book(server, role, actors[i]))]
        assert sorted(codes) == [200, 409], codes
        winner = actors[codes.index(200)]
        assert booked(server, role) == [winner]
        assert [a["id"] for a in ok(server.get(f"/movies/{movie}"))["movie"]["actors"]] == [winner]
        assert ok(server.get(f"/roles/{role}"))["role"]["status"] == "CAST"


def test_many_directors_book_one_role(server):
    movie, (role,), actors = make_race(server, N)
    codes = [r.status_code for r in all_at_once(N, lambda i: book(server, role, actors[i]))]
    assert codes.count(200) == 1 and codes.count(409) == N - 1, codes
    winner = actors[codes.index(200)]
    assert booked(server, role) == [winner]
    assert [a["id"] for a in ok(server.get(f"/movies/{movie}"))["movie"]["actors"]] == [winner]


def test_one_actor_booked_in_two_roles_at_once_needs_confirmation(server):
    for _ in range(4):
        movie, roles, (actor,) = make_race(server, 1, n_roles=2)
        codes = [r.status_code for r in all_at_once(2, lambda i: book(server, roles[i], actor))]
        assert sorted(codes) == [200, 409], codes
        assert sorted(len(booked(server, r)) for r in roles) == [0, 1]
        loser = roles[codes.index(409)]
        assert book(server, loser, actor, "?confirm=true").status_code == 200
        assert [a["id"] for a in ok(server.get(f"/movies/{movie}"))["movie"]["actors"]] == [actor]


def test_booking_is_visible_on_the_next_read(server):
    """The representation cache (SQLite) must not serve the pre-booking movie,
    actor or list pages after a booking or a release."""
    movie, (role,), (actor,) = make_race(server, 1)
    t = ok(server.get(f"/movies/{movie}"))["movie"]["title"]
    name = ok(server.get(f"/actors/{actor}"))["actor"]["name"]
    reads = lambda: (  # noqa: E731 - read everything that nests the cast
        ok(server.get(f"/movies/{movie}"))["movie"]["actors"],
        ok(server.get(f"/actors/{actor}"))["actor"]["movies"],
        ok(server.get(f"/movies?search={t}"))["movies"][0]["actors"],
        ok(server.get(f"/actors?search={name}"))["actors"][0]["movies"])
    assert reads() == ([], [], [], []) and reads() == ([], [], [], [])   # the second from the cache
    assert book(server, role, actor).status_code == 200
    m, a, ml, al = reads()
    assert [x["id"] for x in m] == [actor] == [x["id"] for x in ml]
    assert [x["id"] for x in a] == [movie] == [x["id"] for x in al]
    r = server.patch(f"/roles/{role}/candidates/{actor}", [{"op": "add", "path": "/stage", "value": "RELEASED"}])
    ok(r)
    assert reads() == ([], [], [], [])
