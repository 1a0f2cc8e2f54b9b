"""Read after write: a GET after an acknowledged write never shows old data.

The server may cache representations (docs/architecture.md); these tests keep
a model of a few movies, actors and casts, change them in a fixed random
order (names, ages, titles, casts, deletes, creates), and after every write
read every representation on both sides (the cache is warm by then) and
compare it, byte for byte through its ETag, with the model. The last test
does the same with two server processes on one database: writes through one,
reads through the other.
"""

import random
import time

import pytest

from checks import error, etag, etag_of, metrics, ok, tag
from server import Server
from shares_db import sql


class Model:
    def __init__(self):
        self.movies = {}   # id -> flat movie
        self.actors = {}   # id -> flat actor
        self.casts = set()  # (movie id, actor id)

    def movie(self, mid):
        actors = sorted((self.actors[a] for m, a in self.casts if m == mid), key=lambda a: (a["name"], a["id"]))
        return dict(self.movies[mid], actors=actors)

    def actor(self, aid):
        movies = sorted((self.movies[m] for m, a in self.casts if a == aid), key=lambda m: (m["title"], m["id"]))
        return dict(self.actors[aid], movies=movies)


def create_movie(srv, model, t):
    title = f"{t} movie {len(model.movies)}"
    mid = ok(srv.post("/movies", {"title": title, "genre": "DRAMA"}), 201)["id"]
    model.movies[mid] = {"genre": "DRAMA", "id": mid, "posterUrl": None, "releaseDate": None, "title": title}
    return mid


def create_actor(srv, model, t):
    name = f"{t} actor {len(model.actors)}"
    aid = ok(srv.post("/actors", {"name": name, "age": 40}), 201)["id"]
    model.actors[aid] = {"age": 40, "gender": None, "id": aid, "name": name, "photoUrl": None}
    return aid


def check_everything(srv, model, gone, t):
    """Every representation equals the model; 304 only for the current ETag;
    a search for the tag (an indexed search) finds exactly the model's rows."""
    for kind, total, ids in (("movies", "totalMovies", model.movies), ("actors", "totalActors", model.actors)):
        found = ok(srv.get(f"/{kind}?search={t.upper()}"))
        assert found[total] == len(ids)
        assert len(found[kind]) == min(10, len(ids))
        assert {x["id"] for x in found[kind]} <= set(ids)
    for kind, key, ids, build in (("movies", "movie", model.movies, model.movie),
                                  ("actors", "actor", model.actors, model.actor)):
        for rid in ids:
            r = srv.get(f"/{kind}/{rid}")
            want = build(rid)
            assert ok(r)[key] == want, f"/{kind}/{rid} shows old data"
            assert etag(r) == etag_of(want)
            assert srv.get(f"/{kind}/{rid}", headers={"If-None-Match": etag(r)}).status_code == 304
    for path in gone:
        error(srv.get(path), 404)


def one_write(rng, writer, model, t, gone):
    """Applies one random write through `writer` and to the model."""
    op = rng.choice(["actor", "actor", "movie", "cast", "cast", "uncast", "delete_actor", "delete_movie", "create"])
    movies, actors = sorted(model.movies), sorted(model.actors)
    if op == "actor" and actors:
        aid = rng.choice(actors)
        name, age = f"{t} {rng.choice('abcdefgh')}{rng.randrange(1000)}", rng.randrange(18, 90)
        ok(writer.patch(f"/actors/{aid}", [{"op": "add", "path": "/name", "value": name},
                                           {"op": "add", "path": "/age", "value": age}]))
        model.actors[aid].update(name=name, age=age)
    elif op == "movie" and movies:
        mid = rng.choice(movies)
        title = f"{t} {rng.choice('abcdefgh')}{rng.randrange(1000)}"
        ok(writer.patch(f"/movies/{mid}", [{"op": "add", "path": "/title", "value": title}]))
        model.movies[mid]["title"] = title
    elif op == "cast" and movies and actors:
        pair = (rng.choice(movies), rng.choice(actors))
        if pair not in model.casts:
            ok(writer.post("/casts", {"movieId": pair[0], "actorId": pair[1]}), 201)
            model.casts.add(pair)
    elif op == "uncast" and model.casts:
        m, a = rng.choice(sorted(model.casts))
        ok(writer.delete(f"/casts/movies/{m}/actors/{a}"))
        model.casts.discard((m, a))
    elif op == "delete_actor" and len(actors) > 2:
        aid = rng.choice(actors)
        ok(writer.delete(f"/actors/{aid}"))
        del model.actors[aid]
        model.casts = {(m, a) for m, a in model.casts if a != aid}
        gone.append(f"/actors/{aid}")
    elif op == "delete_movie" and len(movies) > 2:
        mid = rng.choice(movies)
        ok(writer.delete(f"/movies/{mid}"))
        del model.movies[mid]
        model.casts = {(m, a) for m, a in model.casts if m != mid}
        gone.append(f"/movies/{mid}")
    elif op == "create":
        (create_movie if rng.random() < 0.5 else create_actor)(writer, model, t)


def hammer(writers, reader, seed, steps=60):
    rng = random.Random(seed)
    model, gone, t = Model(), [], tag()
    for _ in range(3):
        create_movie(writers[0], model, t)
    for _ in range(4):
        create_actor(writers[0], model, t)
    check_everything(reader, model, gone, t)
    for step in range(steps):
        one_write(rng, writers[step % len(writers)], model, t, gone)
        check_everything(reader, model, gone, t)


def test_reads_after_writes_on_one_server(server):
    hammer([server], server, seed=6)


def test_a_changed_actor_changes_the_movie_that_nests_it(server):
    t = tag()
    mid = ok(server.post("/movies", {"title": t + " m", "genre": "NOIR"}), 201)["id"]
    aid = ok(server.post("/actors", {"name": t + " a", "age": 30}), 201)["id"]
    ok(server.post("/casts", {"movieId": mid, "actorId": aid}), 201)
    before = server.get(f"/movies/{mid}")
    assert [a["age"] for a in ok(before)["movie"]["actors"]] == [30]
    ok(server.patch(f"/actors/{aid}", [{"op": "add", "path": "/age", "value": 31}]))
    after = server.get(f"/movies/{mid}", headers={"If-None-Match": etag(before)})
    assert after.status_code == 200
    assert [a["age"] for a in ok(after)["movie"]["actors"]] == [31]
    assert etag(after) != etag(before)
    ok(server.delete(f"/actors/{aid}"))
    assert ok(server.get(f"/movies/{mid}"))["movie"]["actors"] == []


@pytest.fixture
def two_servers(make_server, backend):
    """Two `audition serve` processes on one database."""
    first = make_server(backend, "first")
    second = None
    try:
        first.seed()
        first.start()
        second = Server(backend, first.db_url, first.jwks_path, first.keys, name="second")
        second.start()
        yield first, second
    except BaseException:
        first.kill()
        if second:
            second.kill()
        raise
    second.shutdown_and_check()
    first.shutdown_and_check()


def test_reads_after_writes_by_another_process(two_servers):
    first, second = two_servers
    hammer([second], first, seed=7, steps=40)     # every write elsewhere, every read here
    hammer([first, second], second, seed=8, steps=40)


def cache_metrics(srv):
    """(hits, misses, serving) of the representation cache, from /metrics."""
    m = metrics(srv)
    return tuple(int(m[("audition_representation_cache_" + name, "")])
                 for name in ("hits_total", "misses_total", "serving"))


def wait_serving(srv, want, timeout=5.0):
    """Waits until the cache serves (want 1) or not (0); PostgreSQL's cache
    lease is retried every second and starts serving 100 ms after it is
    taken alone."""
    deadline = time.monotonic() + timeout
    while cache_metrics(srv)[2] != want:
        assert time.monotonic() < deadline, f"the cache's serving gauge never became {want}"
        time.sleep(0.05)


def test_a_lone_server_answers_repeated_reads_from_its_cache(server):
    """On both engines: once the cache serves (on PostgreSQL, when this server
    holds the cache lease alone), a repeated GET is a hit."""
    wait_serving(server, 1)
    aid = ok(server.post("/actors", {"name": tag() + " cached", "age": 33}), 201)["id"]
    ok(server.get(f"/actors/{aid}"))
    hits = cache_metrics(server)[0]
    for _ in range(20):
        ok(server.get(f"/actors/{aid}"))
    # not all 20: on PostgreSQL, a heartbeat that sees the write-ahead log
    # moved (the POST, a checkpoint) drops the cache once
    assert cache_metrics(server)[0] - hits >= 10


@pytest.mark.backends("postgres")
def test_postgres_a_second_process_ends_the_lease_before_it_writes(two_servers):
    """PostgreSQL: the first server caches alone until the second opens the
    database; from then on neither serves cached data, so every write through
    the second is seen at once by the first. When the second stops, the first
    takes the lease again (docs/architecture.md)."""
    first, second = two_servers
    assert cache_metrics(first)[2] == 0 and cache_metrics(second)[2] == 0
    second.shutdown_and_check()
    wait_serving(first, 1)
    t = tag()
    aid = ok(first.post("/actors", {"name": t + " one", "age": 40}), 201)["id"]
    for _ in range(3):
        assert ok(first.get(f"/actors/{aid}"))["actor"]["name"] == t + " one"
    # a command-line process writes: it asks for the lease, waits for it, and
    # its write is seen at once
    r = first.cli("seed", "--synthetic", "20", "--force")
    assert r.returncode == 0, r.stderr
    r = first.get(f"/actors/{aid}")   # gone, or a synthetic actor with its id
    assert r.status_code == 404 or ok(r)["actor"]["name"] != t + " one"
    assert ok(first.get("/actors"))["totalActors"] == 20
    aid = ok(first.post("/actors", {"name": t + " one", "age": 40}), 201)["id"]
    third = Server("postgres", first.db_url, first.jwks_path, first.keys, name="third")
    third.start()
    try:
        assert cache_metrics(first)[2] == 0
        ok(third.patch(f"/actors/{aid}", [{"op": "add", "path": "/name", "value": t + " two"}]))
        assert ok(first.get(f"/actors/{aid}"))["actor"]["name"] == t + " two"
    finally:
        third.shutdown_and_check()
    wait_serving(first, 1)
    assert ok(first.get(f"/actors/{aid}"))["actor"]["name"] == t + " two"


@pytest.mark.backends("postgres")
def test_postgres_a_lost_lease_session_stops_the_cache_until_it_is_back(fresh, pg):
    """The lease's session ends (here terminated by an administrator): the
    server stops serving cached data, reconnects by itself, and caches again
    a second later; reads stay current throughout."""
    wait_serving(fresh, 1)
    t = tag()
    aid = ok(fresh.post("/actors", {"name": t + " one", "age": 40}), 201)["id"]
    ok(fresh.get(f"/actors/{aid}"))
    ended = sql(fresh, pg, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                "'audition cache lease' AND datname = current_database()")
    assert ended == [("t",)]
    wait_serving(fresh, 0)
    ok(fresh.patch(f"/actors/{aid}", [{"op": "add", "path": "/name", "value": t + " two"}]))
    assert ok(fresh.get(f"/actors/{aid}"))["actor"]["name"] == t + " two"
    wait_serving(fresh, 1)
    assert ok(fresh.get(f"/actors/{aid}"))["actor"]["name"] == t + " two"


def test_writes_by_another_program_are_seen(server, pg):
    """Audition's processes count their commits (SQLite: in a file beside the
    database; PostgreSQL: under the cache lease), so cached reads need no
    database call; a program that writes without Audition (here Python's
    sqlite3 or psql) does not count, and cached reads still see its write
    within 100 ms: SQLite's data_version is asked at least that often, and on
    PostgreSQL the lease's heartbeat reads the write-ahead log position
    (docs/architecture.md, "The representation cache")."""
    wait_serving(server, 1)
    t = tag()
    aid = ok(server.post("/actors", {"name": t + " before", "age": 50}), 201)["id"]
    for _ in range(3):   # cached by now
        assert ok(server.get(f"/actors/{aid}"))["actor"]["name"] == t + " before"
    sql(server, pg, f"UPDATE actors SET name = '{t} after' WHERE id = {aid}")
    deadline = time.monotonic() + 5
    names = set()
    while time.monotonic() < deadline:
        names.add(ok(server.get(f"/actors/{aid}"))["actor"]["name"])
        if t + " after" in names:
            break
        time.sleep(0.01)
    assert t + " after" in names
