"""Assertions shared by the test modules, and the demo data as the oracle.

This module owns the contract's response shapes (JSON with alphabetical keys,
the error body, the ETag format) and the expected representations of the demo
catalogue, computed from tests/api/sample-data.json (a copy of
shared/spec/sample-data.json) independently of the server.
"""

import hashlib
import json
import os
import re
import threading
import uuid

import openapi

PHRASES = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 409: "Conflict", 412: "Precondition Failed", 413: "Payload Too Large",
    415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
    500: "Internal Server Error", 503: "Service Unavailable",
}
GENRES = ["ACTION_AND_ADVENTURE", "ANIMATION", "COMEDY", "DOCUMENTARY", "DRAMA", "FANTASY",
          "HISTORICAL", "HORROR", "NOIR", "SCI_FI", "WESTERN"]
ETAG_RE = re.compile(r'^"[0-9a-f]{64}"$')


def _ordered(pairs):
    keys = [k for k, _ in pairs]
    assert len(set(keys)) == len(keys), f"duplicate keys in a JSON object: {keys}"
    assert keys == sorted(keys), f"object keys not in alphabetical order: {keys}"
    return dict(pairs)


def body(r, status=None):
    """The JSON body of `r`, checking status, Content-Type, key order, and that
    docs/openapi.json documents the status and the body's schema."""
    if status is not None:
        assert r.status_code == status, (
            f"{r.request.method} {r.request.path_url}: expected {status}, got "
            f"{r.status_code} {r.text[:500]!r}")
    if getattr(r, "request", None) is not None:
        openapi.check_response(r)
    ctype = r.headers.get("Content-Type", "")
    assert ctype.split(";")[0].strip().lower() == "application/json", \
        f"Content-Type {ctype!r} for {r.status_code} {r.text[:200]!r}"
    try:
        return json.loads(r.text, object_pairs_hook=_ordered)
    except ValueError as e:
        raise AssertionError(f"body is not JSON: {r.text[:500]!r} ({e})") from None


def ok(r, status=200):
    """A success body: `success` is true."""
    b = body(r, status)
    assert isinstance(b, dict) and b.get("success") is True, b
    return b


def error(r, status):
    """{"error": <exact phrase>, "success": false} and optionally a string `message`."""
    b = body(r, status)
    assert isinstance(b, dict), b
    assert set(b) <= {"error", "message", "success"} and {"error", "success"} <= set(b), b
    assert b["success"] is False, b
    assert b["error"] == PHRASES[status], b
    if "message" in b:
        assert isinstance(b["message"], str), b
        leaks = [w for w in LEAKS if w in b["message"].lower()]
        assert not leaks, f"error message leaks internals ({leaks}): {b['message']!r}"
    return b


# Words that have no place in an error message (api.md: never a stack trace,
# SQL text or secret).
LEAKS = ("select ", "insert ", "update ", "delete from", "sqlite", "syntax error", "pq",
         "constraint", "-----begin", "traceback", ".c:")


def etag_of(obj):
    """The SHA-256 of the compact JSON of a representation, as api.md's ETag."""
    text = json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest() + '"'


def etag(r):
    value = r.headers.get("ETag")
    assert value is not None and ETAG_RE.match(value), f"ETag header {value!r}"
    return value


def tag():
    """A unique word for titles/names, so a search finds only this test's rows."""
    return "zq" + uuid.uuid4().hex[:10]


def fill(obj, t):
    """A copy of a test-data structure with "{t}" in its strings replaced by t."""
    if isinstance(obj, str):
        return obj.replace("{t}", t)
    if isinstance(obj, dict):
        return {k: fill(v, t) for k, v in obj.items()}
    if isinstance(obj, list):
        return [fill(v, t) for v in obj]
    return obj


# -- the demo catalogue ------------------------------------------------------
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample-data.json"),
          encoding="utf-8") as _f:
    DEMO = json.load(_f)


def _movie_flat(m):
    return {"genre": m["genre"], "id": m["id"], "posterUrl": m.get("posterUrl"),
            "releaseDate": m.get("releaseDate"), "title": m["title"]}


def _actor_flat(a):
    return {"age": a["age"], "gender": a.get("gender"), "id": a["id"], "name": a["name"],
            "photoUrl": a.get("photoUrl")}


def demo_movie(mid):
    m = next(m for m in DEMO["movies"] if m["id"] == mid)
    ids = {c["actorId"] for c in DEMO["casts"] if c["movieId"] == mid}
    actors = sorted((_actor_flat(a) for a in DEMO["actors"] if a["id"] in ids),
                    key=lambda a: (a["name"], a["id"]))
    return dict(_movie_flat(m), actors=actors)


def demo_actor(aid):
    a = next(a for a in DEMO["actors"] if a["id"] == aid)
    ids = {c["movieId"] for c in DEMO["casts"] if c["actorId"] == aid}
    movies = sorted((_movie_flat(m) for m in DEMO["movies"] if m["id"] in ids),
                    key=lambda m: (m["title"], m["id"]))
    return dict(_actor_flat(a), movies=movies)


def demo_movies(search=""):
    ms = [demo_movie(m["id"]) for m in DEMO["movies"] if search.lower() in m["title"].lower()]
    return sorted(ms, key=lambda m: (m["title"], m["id"]))


def demo_actors(search=""):
    acts = [demo_actor(a["id"]) for a in DEMO["actors"] if search.lower() in a["name"].lower()]
    return sorted(acts, key=lambda a: (a["name"], a["id"]))


MOVIE_IDS = [m["id"] for m in DEMO["movies"]]
ACTOR_IDS = [a["id"] for a in DEMO["actors"]]


def all_at_once(n, fn):
    """Runs fn(i) in n threads released together; returns the responses."""
    barrier = threading.Barrier(n)
    out = [None] * n

    def run(i):
        barrier.wait()
        try:
            out[i] = fn(i)
        except Exception as e:  # noqa: BLE001 - reported below
            out[i] = e
    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    errors = [r for r in out if isinstance(r, Exception) or r is None]
    assert not errors, errors[:3]
    return out


# -- /metrics -------------------------------------------------------------------
SAMPLE = re.compile(r'^([a-z_]+)(\{.*\})? (\S+)$')


def samples(text):
    """{(name, labels-string): value} of a Prometheus text exposition."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        assert m, f"not a Prometheus sample line: {line!r}"
        out[(m.group(1), m.group(2) or "")] = float(m.group(3))
    return out


def metrics(srv, **kw):
    """srv's /metrics (from loopback, no token) as samples()."""
    r = srv.get("/metrics", role=None, **kw)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return samples(r.text)
