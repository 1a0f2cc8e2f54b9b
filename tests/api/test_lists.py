"""GET /movies and GET /actors: pages, order, search, totals, nested items."""

from urllib.parse import urlencode

import pytest

from checks import DEMO, demo_actors, demo_movies, ok, tag

# What differs between the two lists; everything else is the same contract.
KINDS = {
    "movies": dict(key="movies", total="totalMovies", field="title", demo=demo_movies,
                   body=lambda name: {"title": name, "genre": "DRAMA"}),
    "actors": dict(key="actors", total="totalActors", field="name", demo=demo_actors,
                   body=lambda name: {"name": name, "age": 30}),
}


def list_path(kind, **params):
    q = urlencode(params)
    return f"/{kind}" + ("?" + q if q else "")


def expect_page(kind, items, page, total):
    k = KINDS[kind]
    return {k["key"]: items, "offset": (page - 1) * 10, "success": True, k["total"]: total}


# -- the demo catalogue, exactly --------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("page", [1, 2, 3, 1000])
def test_demo_pages(demo, kind, page):
    everything = KINDS[kind]["demo"]()
    r = demo.get(list_path(kind, page=page), role="assistant")
    assert ok(r) == expect_page(kind, everything[(page - 1) * 10:page * 10], page, len(everything))


def test_demo_totals_are_the_sample_data():
    assert len(demo_movies()) == len(DEMO["movies"]) == 11
    assert len(demo_actors()) == len(DEMO["actors"]) == 19


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("page", [None, "0", "-1", "abc", "", "1.5", "2abc", " "])
def test_page_not_a_positive_integer_is_page_one(demo, kind, page):
    path = f"/{kind}" if page is None else list_path(kind, page=page)
    everything = KINDS[kind]["demo"]()
    assert ok(demo.get(path)) == expect_page(kind, everything[:10], 1, len(everything))


@pytest.mark.parametrize("kind", KINDS)
def test_huge_page_is_an_empty_list(demo, kind):
    b = ok(demo.get(f"/{kind}?page=99999999999999999999"))
    k = KINDS[kind]
    assert b[k["key"]] == []
    assert b[k["total"]] == len(k["demo"]())
    assert isinstance(b["offset"], int)


# (kind, search) on the demo data; expected = case-insensitive substring.
DEMO_SEARCHES = [
    ("movies", "the"), ("movies", "THE"), ("movies", "tHe"), ("movies", "Star Wars"),
    ("movies", "&"), ("movies", "o"), ("movies", "xyzzy"), ("movies", ""), ("movies", " "),
    ("movies", "%"), ("movies", "_"), ("movies", "'"), ("movies", "a'; DROP TABLE movies; --"),
    ("movies", "\\"), ("movies", ": "),
    ("actors", "tom"), ("actors", "TOM "), ("actors", "a"), ("actors", "j"), ("actors", "L."),
    ("actors", "%"), ("actors", "_"), ("actors", "zzz"), ("actors", "'\""),
]


@pytest.mark.parametrize("kind,search", DEMO_SEARCHES)
@pytest.mark.parametrize("page", [1, 2])
def test_demo_search(demo, kind, search, page):
    found = KINDS[kind]["demo"](search)
    r = demo.get(list_path(kind, search=search, page=page), role="assistant")
    assert ok(r) == expect_page(kind, found[(page - 1) * 10:page * 10], page, len(found))


# -- rows of our own, found by a unique tag -----------------------------------
def create(server, kind, name):
    b = ok(server.post(f"/{kind}", KINDS[kind]["body"](name)), 201)
    return b["id"]


def search(server, kind, s, page=1):
    return ok(server.get(list_path(kind, search=s, page=page)))


@pytest.mark.parametrize("kind", KINDS)
def test_percent_and_underscore_are_literal(server, kind):
    t = tag()
    names = [f"{t} 100% Pure", f"{t} 1000 Days", f"{t} a_b", f"{t} aXb", f"{t} back\\slash",
             f"{t} backslash"]
    ids = {n: create(server, kind, n) for n in names}
    k = KINDS[kind]
    create(server, kind, f"{t} Amélie")

    def found(s):
        b = search(server, kind, s)
        assert b[k["total"]] == len(b[k["key"]])
        return [item[k["field"]] for item in b[k["key"]]]

    assert found(f"{t} 100%") == [f"{t} 100% Pure"]
    assert found(f"{t} a_b") == [f"{t} a_b"]
    assert found(f"{t} A_B") == [f"{t} a_b"]
    assert found(f"{t} back\\s") == [f"{t} back\\slash"]
    assert found(t.upper()) == sorted(names + [f"{t} Amélie"])
    assert found("mélie") and all("Amélie" in n for n in found("mélie"))
    assert found(f"{t} amélie") == [f"{t} Amélie"]
    assert found(f"{t} %") == []
    assert found(f"{t} _") == []
    assert len(ids) == len(names)


@pytest.mark.parametrize("kind", KINDS)
def test_order_is_byte_order_then_id(server, kind):
    t = tag()
    names = [f"{t} b", f"{t} B", f"{t} a", f"{t} A", f"{t} É", f"{t} Z", f"{t} a", f"{t} _",
             f"{t} 1", f"{t} ~"]
    ids = [create(server, kind, n) for n in names]
    k = KINDS[kind]
    b = search(server, kind, t)
    assert b[k["total"]] == len(names)
    got = [(item[k["field"]], item["id"]) for item in b[k["key"]]]
    assert got == sorted(zip(names, ids))  # Python's str order == UTF-8 byte order


@pytest.mark.parametrize("kind", KINDS)
def test_pages_of_a_search(server, kind):
    t = tag()
    names = [f"{t} {i:02d}" for i in range(23)]
    ids = [create(server, kind, n) for n in reversed(names)]
    k = KINDS[kind]
    expected = sorted(zip(names, reversed(ids)))
    for page, want in [(1, expected[:10]), (2, expected[10:20]), (3, expected[20:]), (4, [])]:
        b = search(server, kind, t, page)
        assert b["offset"] == (page - 1) * 10
        assert b[k["total"]] == 23
        assert [(i[k["field"]], i["id"]) for i in b[k["key"]]] == want


def test_nested_lists_are_sorted_and_flat(server):
    t = tag()
    movie = create(server, "movies", f"{t} movie")
    actor = create(server, "actors", f"{t} actor")
    actor_names = [f"{t} b", f"{t} A", f"{t} a", f"{t} B"] + [f"{t} n{i}" for i in range(9, 0, -1)]
    actor_ids = [create(server, "actors", n) for n in actor_names]
    movie_titles = [f"{t} y", f"{t} X", f"{t} x"]
    movie_ids = [create(server, "movies", n) for n in movie_titles]
    for a in actor_ids:
        ok(server.post("/casts", {"movieId": movie, "actorId": a}), 201)
    for m in movie_ids:
        ok(server.post("/casts", {"movieId": m, "actorId": actor}), 201)

    m = ok(server.get(f"/movies/{movie}"))["movie"]
    assert [(x["name"], x["id"]) for x in m["actors"]] == sorted(zip(actor_names, actor_ids))
    assert all(set(x) == {"age", "gender", "id", "name", "photoUrl"} for x in m["actors"])

    a = ok(server.get(f"/actors/{actor}"))["actor"]
    assert [(x["title"], x["id"]) for x in a["movies"]] == sorted(zip(movie_titles, movie_ids))
    assert all(set(x) == {"genre", "id", "posterUrl", "releaseDate", "title"} for x in a["movies"])

    # the list items carry the same nested lists
    lm = ok(server.get(list_path("movies", search=f"{t} movie")))["movies"]
    assert lm == [m]
    la = ok(server.get(list_path("actors", search=f"{t} actor")))["actors"]
    assert la == [a]


# -- exact totals after writes, on a database of its own -------------------------
def test_totals_follow_writes(fresh):
    movies = demo_movies()
    new = ok(fresh.post("/movies", {"title": "Zzz Last", "genre": "NOIR"}), 201)["id"]
    b = ok(fresh.get("/movies?page=2"))
    assert b["totalMovies"] == 12
    assert [m["title"] for m in b["movies"]] == [movies[10]["title"], "Zzz Last"]
    first = ok(fresh.post("/movies", {"title": "AAA First", "genre": "NOIR"}), 201)["id"]
    b = ok(fresh.get("/movies"))
    assert b["totalMovies"] == 13
    assert b["movies"][0]["id"] == first and b["movies"][0]["title"] == "AAA First"
    ok(fresh.delete(f"/movies/{new}"))
    ok(fresh.delete("/movies/1"))
    b = ok(fresh.get("/movies?page=2"))
    assert b["totalMovies"] == 11 and b["movies"] == [movies[10]]
    ok(fresh.delete("/actors/19"))
    b = ok(fresh.get("/actors?page=2"))
    assert b["totalActors"] == 18 and len(b["actors"]) == 8


# -- totals, short searches and every page stay exact through writes ---------------
# (PostgreSQL keeps them in list_counts, migration 0010: totals, 1-2 character
# counts and the prefix a deep page starts from; SQLite counts and walks.)
def check_everything(srv, kind, rows):
    """rows: {id: name} of the whole table; every page and short search agrees."""
    k = KINDS[kind]
    expected = sorted((n, i) for i, n in rows.items())
    for page in range(1, len(expected) // 10 + 3):
        b = ok(srv.get(list_path(kind, page=page)))
        assert b[k["total"]] == len(expected)
        assert [(x[k["field"]], x["id"]) for x in b[k["key"]]] == expected[(page - 1) * 10:page * 10]
    for s in ["a", "A", "an", "AN", "zq", "é", "1", " ", "%", "_", "\\", "x_", "q"]:
        # the terms and names are chosen so that every engine's case folding agrees
        want = [(n, i) for n, i in expected if s.lower() in n.lower()]
        b = ok(srv.get(list_path(kind, search=s)))
        assert b[k["total"]] == len(want), s
        assert [(x[k["field"]], x["id"]) for x in b[k["key"]]] == want[:10], s


@pytest.mark.parametrize("kind", KINDS)
def test_counts_and_deep_pages_follow_writes(fresh, kind):
    k = KINDS[kind]
    rows = {x["id"]: x[k["field"]] for x in k["demo"]()}
    names = ["Q", "ab", "Ab", "AB", "Anna an", "Émile é", "zz x_y", "back\\slash", "100% pure", "Zq",
             "A", "", "Ölaf", "an", "Banana", "b", "Brian 1", "Brian 2", "Brian 1", "~tilde"]
    names = [n for n in names if n] + [f"Bulk {i:02d} an" for i in range(25)]
    for n in names:
        rows[create(fresh, kind, n)] = n
    check_everything(fresh, kind, rows)
    # a rename moves the name between grams and prefixes; deletes take it out
    some = sorted(rows)
    for i in some[-30:-20]:
        new = "Renamed " + rows[i][::-1]
        ok(fresh.patch(f"/{kind}/{i}", [{"op": "add", "path": "/" + k["field"], "value": new}]))
        rows[i] = new
    for i in some[-20:-5]:
        ok(fresh.delete(f"/{kind}/{i}"))
        del rows[i]
    check_everything(fresh, kind, rows)


# src/store/synthetic.c's actor names, to check a synthetic seed independently.
FIRST = ["Anna", "Brian", "Carmen", "Daniel", "Elena", "Frank", "Grace", "Hannah", "Ivan", "Julia",
         "Kevin", "Laura", "Marco", "Nadia", "Oscar", "Paula", "Quentin", "Rosa", "Stefan", "Tanya",
         "Umberto", "Vera", "Walter", "Xenia", "Yusuf", "Zoe", "Adrian", "Bianca", "Colin", "Diana",
         "Ethan", "Fiona"]
LAST = ["Anderson", "Brooks", "Castillo", "Dunn", "Evans", "Fischer", "Garcia", "Hansen", "Ibrahim",
        "Jensen", "Kowalski", "Larsen", "Morgan", "Nakamura", "Olsen", "Petrov", "Quinn", "Romano",
        "Svensson", "Tanaka", "Ullman", "Vargas", "Weber", "Xu", "Young", "Zhang", "Abbott", "Bauer",
        "Chan", "Delgado", "Erikson", "Ford"]


def synthetic_name(i):
    k = (i * 2654435761) % 2**64
    return f"{FIRST[k % 32]} {LAST[(k >> 8) % 32]} {i}"


def test_synthetic_seed_counts_and_deep_pages(unstarted):
    """A bulk seed loads with the count triggers off and recounts at its end."""
    srv = unstarted
    p = srv.cli("seed", "--synthetic", "1500")   # pages past offset 1,000 start from a prefix
    assert p.returncode == 0, (p.stdout, p.stderr)
    srv.start()
    rows = {i: synthetic_name(i) for i in range(1, 1501)}
    check_everything(srv, "actors", rows)
    for i in (7, 1200, 1333):
        ok(srv.delete(f"/actors/{i}"))
        del rows[i]
    for name in ("Aaron an", "Zz last", "Fiona Ford 0"):
        rows[ok(srv.post("/actors", {"name": name, "age": 30}), 201)["id"]] = name
    for i, name in ((5, "Yara Young 5b"), (1400, "Ab"), (1401, "Ethan Erikson 1401")):
        ok(srv.patch(f"/actors/{i}", [{"op": "add", "path": "/name", "value": name}]))
        rows[i] = name
    check_everything(srv, "actors", rows)
