"""ETag: its value, If-None-Match (304) on GET, If-Match (412) on PATCH/DELETE."""

import pytest

from checks import ACTOR_IDS, MOVIE_IDS, error, etag, etag_of, ok, tag

DEMO_PATHS = [f"/movies/{i}" for i in MOVIE_IDS] + [f"/actors/{i}" for i in ACTOR_IDS]


@pytest.mark.parametrize("path", DEMO_PATHS)
def test_etag_is_sha256_of_the_representation(demo, path):
    r = demo.get(path, role="assistant")
    key = "movie" if path.startswith("/movies") else "actor"
    assert etag(r) == etag_of(ok(r)[key])
    assert etag(demo.get(path, role="director")) == etag(r)  # stable


@pytest.mark.parametrize("path", ["/movies/2", "/actors/14"])
@pytest.mark.parametrize("form", ["quoted", "unquoted", "star"])
def test_if_none_match_gives_304(demo, path, form):
    value = etag(demo.get(path))
    header = {"quoted": value, "unquoted": value.strip('"'), "star": "*"}[form]
    r = demo.get(path, role="assistant", headers={"If-None-Match": header})
    assert r.status_code == 304, r.text
    assert r.content == b""
    assert r.headers.get("ETag") == value


@pytest.mark.parametrize("path", ["/movies/2", "/actors/14"])
@pytest.mark.parametrize("header", ['"' + "0" * 64 + '"', "0" * 64, '"stale"'])
def test_if_none_match_other_value_gives_200(demo, path, header):
    r = demo.get(path, headers={"If-None-Match": header})
    assert etag(r) == etag_of(ok(r)["movie" if "movies" in path else "actor"])


def test_if_none_match_needs_a_token(demo):
    value = etag(demo.get("/movies/2"))
    r = demo.get("/movies/2", role=None, headers={"If-None-Match": value})
    error(r, 401)


def test_if_none_match_on_absent_is_404(demo):
    error(demo.get("/movies/987654", headers={"If-None-Match": "*"}), 404)


KINDS = {"movies": ("movie", {"title": "{t}", "genre": "DRAMA"}, "/title"),
         "actors": ("actor", {"name": "{t}", "age": 50}, "/name")}


def make(server, kind):
    t = tag()
    key, body, _ = KINDS[kind]
    rid = ok(server.post(f"/{kind}", {k: (v.replace("{t}", t) if isinstance(v, str) else v)
                                      for k, v in body.items()}), 201)["id"]
    r = server.get(f"/{kind}/{rid}")
    return t, rid, ok(r)[key], etag(r)


def state(server, kind, rid):
    r = server.get(f"/{kind}/{rid}")
    return ok(r)[KINDS[kind][0]], etag(r)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("header", ['"' + "0" * 64 + '"', "0" * 64, '"nope"'])
def test_if_match_mismatch_on_patch_is_412(server, kind, header):
    t, rid, before, before_tag = make(server, kind)
    r = server.patch(f"/{kind}/{rid}", [{"op": "add", "path": KINDS[kind][2], "value": t + " x"}],
                     headers={"If-Match": header})
    error(r, 412)
    assert state(server, kind, rid) == (before, before_tag)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("form", ["quoted", "unquoted", "star"])
def test_if_match_match_on_patch_proceeds(server, kind, form):
    t, rid, before, before_tag = make(server, kind)
    header = {"quoted": before_tag, "unquoted": before_tag.strip('"'), "star": "*"}[form]
    r = server.patch(f"/{kind}/{rid}", [{"op": "add", "path": KINDS[kind][2], "value": t + " x"}],
                     headers={"If-Match": header})
    assert ok(r) == {"id": rid, "success": True}
    after, after_tag = state(server, kind, rid)
    assert etag(r) == after_tag != before_tag
    # the old validator no longer matches
    r = server.patch(f"/{kind}/{rid}", [{"op": "add", "path": KINDS[kind][2], "value": t + " y"}],
                     headers={"If-Match": before_tag})
    error(r, 412)
    assert state(server, kind, rid) == (after, after_tag)


@pytest.mark.parametrize("kind", KINDS)
def test_if_match_on_delete(server, kind):
    t, rid, before, before_tag = make(server, kind)
    error(server.delete(f"/{kind}/{rid}", headers={"If-Match": '"' + "f" * 64 + '"'}), 412)
    assert state(server, kind, rid) == (before, before_tag)
    assert ok(server.delete(f"/{kind}/{rid}", headers={"If-Match": before_tag})) == {
        "id": rid, "success": True}
    error(server.get(f"/{kind}/{rid}"), 404)


@pytest.mark.parametrize("form", ["unquoted", "star"])
def test_if_match_on_delete_other_forms(server, form):
    t, rid, before, before_tag = make(server, "actors")
    header = before_tag.strip('"') if form == "unquoted" else "*"
    assert ok(server.delete(f"/actors/{rid}", headers={"If-Match": header})) == {
        "id": rid, "success": True}


def test_cast_change_changes_both_etags(server):
    _, m, movie0, mtag0 = make(server, "movies")
    _, a, actor0, atag0 = make(server, "actors")
    ok(server.post("/casts", {"movieId": m, "actorId": a}), 201)
    _, mtag1 = state(server, "movies", m)
    _, atag1 = state(server, "actors", a)
    assert mtag1 != mtag0 and atag1 != atag0
    # the old ETags are now stale for If-Match
    error(server.delete(f"/movies/{m}", headers={"If-Match": mtag0}), 412)
    ok(server.delete(f"/casts/movies/{m}/actors/{a}"))
    # same representation again → same strong validator again
    assert state(server, "movies", m) == (movie0, mtag0)
    assert state(server, "actors", a) == (actor0, atag0)


def test_actor_change_changes_movie_etag(server):
    t, m, _, _ = make(server, "movies")
    _, a, _, _ = make(server, "actors")
    ok(server.post("/casts", {"movieId": m, "actorId": a}), 201)
    _, mtag = state(server, "movies", m)
    r = server.patch(f"/actors/{a}", [{"op": "add", "path": "/age", "value": 51}])
    ok(r)
    movie, mtag2 = state(server, "movies", m)
    assert movie["actors"][0]["age"] == 51
    assert mtag2 != mtag
