"""Races decided by the database, not by luck: many clients at once with the
same If-Match, the same cast pair, the same delete."""

import pytest
import requests

from checks import all_at_once, error, etag, ok, tag

N = 50


def client(srv, method, path, role, **kw):
    """A request on its own connection (requests.Session is not thread-safe)."""
    with requests.Session() as s:
        s.trust_env = False
        headers = {"Authorization": "Bearer " + srv.token(role), **kw.pop("headers", {})}
        return s.request(method, srv.url + path, headers=headers, timeout=60, **kw)


@pytest.mark.parametrize("kind,field,value", [("actors", "age", lambda i: 20 + i),
                                              ("movies", "title", lambda i: f"race {i}")])
def test_same_if_match_lets_exactly_one_patch_through(server, kind, field, value):
    t = tag()
    body = {"name": t, "age": 19} if kind == "actors" else {"title": t, "genre": "DRAMA"}
    rid = ok(server.post(f"/{kind}", body), 201)["id"]
    tag_value = etag(server.get(f"/{kind}/{rid}"))

    def patch(i):
        data = f'[{{"op":"add","path":"/{field}","value":{value(i)!r}}}]'.replace("'", '"')
        return client(server, "PATCH", f"/{kind}/{rid}", "producer", data=data,
                      headers={"Content-Type": "application/json-patch+json", "If-Match": tag_value})
    results = all_at_once(N, patch)
    codes = sorted(r.status_code for r in results)
    assert codes.count(200) == 1 and codes.count(412) == N - 1, codes
    winner = next(i for i, r in enumerate(results) if r.status_code == 200)
    for r in results:
        if r.status_code == 412:
            error(r, 412)
    after = ok(server.get(f"/{kind}/{rid}"))[kind[:-1]]
    assert after[field] == value(winner)
    assert etag(server.get(f"/{kind}/{rid}")) == results[winner].headers["ETag"]


def test_same_cast_pair_is_created_once(server):
    t = tag()
    aid = ok(server.post("/actors", {"name": t, "age": 30}), 201)["id"]
    mid = ok(server.post("/movies", {"title": t, "genre": "DRAMA"}), 201)["id"]
    results = all_at_once(N, lambda i: client(server, "POST", "/casts", "director",
                                              json={"movieId": mid, "actorId": aid}))
    codes = sorted(r.status_code for r in results)
    assert codes.count(201) == 1 and codes.count(400) == N - 1, codes
    for r in results:
        if r.status_code == 400:
            error(r, 400)
    assert [a["id"] for a in ok(server.get(f"/movies/{mid}"))["movie"]["actors"]] == [aid]


def test_same_delete_succeeds_once(server):
    t = tag()
    aid = ok(server.post("/actors", {"name": t, "age": 30}), 201)["id"]
    tag_value = etag(server.get(f"/actors/{aid}"))
    results = all_at_once(N, lambda i: client(server, "DELETE", f"/actors/{aid}", "director",
                                              headers={"If-Match": tag_value} if i % 2 else {}))
    codes = sorted(r.status_code for r in results)
    assert codes.count(200) == 1, codes
    assert set(codes) <= {200, 404, 412}, codes
    error(server.get(f"/actors/{aid}"), 404)


def test_failing_writes_among_concurrent_ones_change_only_themselves(server):
    """Concurrent writes may share one commit (SQLite group commit,
    write_batch.h): each is answered for itself, the refused ones leave
    nothing behind and every acknowledged one is there."""
    t = tag()
    movie = ok(server.post("/movies", {"title": t, "genre": "DRAMA"}), 201)["id"]
    actors = [ok(server.post("/actors", {"name": f"{t} {i}", "age": 30}), 201)["id"] for i in range(N // 2)]

    def write(i):
        if i % 2:   # a refused write: an invalid age
            return client(server, "POST", "/actors", "producer", json={"name": f"{t} bad {i}", "age": -1})
        return client(server, "POST", "/casts", "producer", json={"movieId": movie, "actorId": actors[i // 2]})
    results = all_at_once(N, write)
    for i, r in enumerate(results):
        assert r.status_code == (400 if i % 2 else 201), (i, r.status_code, r.text)
    cast = {a["id"] for a in ok(server.get(f"/movies/{movie}"))["movie"]["actors"]}
    assert cast == set(actors)
    assert ok(server.get("/actors?search=" + f"{t} bad"))["totalActors"] == 0
