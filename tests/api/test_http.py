"""HTTP/1.1 behaviour clients rely on: keep-alive after errors, pipelining,
Expect: 100-continue (curl's habit), concurrent writers, atomic If-Match."""

import http.client
import json
import socket
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import openapi
from checks import error, etag, ok, tag


def test_keep_alive_survives_error_answers(server):
    """Early answers (401/403/404/415/400) on one connection, then normal requests."""
    t = tag()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    director = {"Authorization": "Bearer " + server.token("director")}
    assistant = {"Authorization": "Bearer " + server.token("assistant")}
    steps = [
        ("POST", "/movies", b"garbage{", {"Content-Type": "application/json"}, 401),
        ("POST", "/movies", b"garbage{", dict(assistant, **{"Content-Type": "application/json"}), 403),
        ("PATCH", "/movies/boom", b"[]", dict(director, **{"Content-Type": "application/json-patch+json"}), 404),
        ("POST", "/actors", b"{}", dict(director, **{"Content-Type": "text/plain"}), 415),
        ("POST", "/actors", b"{", dict(director, **{"Content-Type": "application/json"}), 400),
        ("POST", "/actors", ('{"name":"%s","age":3}' % t).encode(),
         dict(director, **{"Content-Type": "application/json"}), 201),
        ("GET", "/actors?search=" + t, None, director, 200),
    ]
    try:
        for method, path, body, headers, status in steps:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            assert resp.status == status, (method, path, resp.status, data)
            openapi.check(method, path, resp.status, dict(resp.getheaders()), data.decode())
    finally:
        conn.close()


def test_pipelined_requests(demo):
    auth = "Authorization: Bearer " + demo.token("assistant")
    one = f"GET /movies/2 HTTP/1.1\r\nHost: x\r\n{auth}\r\n\r\n"
    two = f"GET /actors/1 HTTP/1.1\r\nHost: x\r\n{auth}\r\n\r\n"
    with socket.create_connection(("127.0.0.1", demo.port), timeout=10) as sock:
        sock.sendall((one + two).encode())
        f = sock.makefile("rb")
        bodies = [read_answer(f) for _ in range(2)]
    assert json.loads(bodies[0])["movie"]["title"] == "Contact"
    assert json.loads(bodies[1])["actor"]["name"] == "Tom Hanks"


def read_answer(f):
    """One HTTP/1.1 answer from a buffered stream: status 200 expected; its body."""
    status = f.readline().split()
    assert status[:2] == [b"HTTP/1.1", b"200"], status
    headers = {}
    while (line := f.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while (size := int(f.readline().split(b";")[0], 16)):
            body += f.read(size)
            f.readline()
        while f.readline() not in (b"\r\n", b""):
            pass
        return body
    return f.read(int(headers["content-length"]))


def test_expect_100_continue_with_curl(server):
    t = tag()
    body = '{"name":"%s","age":40,"bio":"%s"}' % (t, "b" * 3000)
    p = subprocess.run(
        ["curl", "-sS", "--noproxy", "*", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
         "-H", "Expect: 100-continue", "-H", "Content-Type: application/json",
         "-H", "Authorization: Bearer " + server.token("director"),
         "--data-binary", body, server.url + "/actors"],
        capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
    assert (p.returncode, p.stdout) == (0, "201"), p.stderr
    # refused before the body: the final answer comes instead of 100 Continue
    p = subprocess.run(
        ["curl", "-sS", "--noproxy", "*", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
         "-H", "Expect: 100-continue", "-H", "Content-Type: application/json",
         "-H", "Authorization: Bearer " + server.token("assistant"),
         "--data-binary", body, server.url + "/actors"],
        capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
    assert (p.returncode, p.stdout) == (0, "403"), p.stderr
    assert ok(server.get("/actors?search=" + t))["totalActors"] == 1


def test_concurrent_creates(server):
    t = tag()

    # one requests.Session is not thread-safe: each worker uses its own connection
    def worker(chunk):
        import requests
        s = requests.Session()
        s.trust_env = False
        ids = []
        for i in chunk:
            r = s.post(server.url + "/movies", json={"title": f"{t} {i:03d}", "genre": "DRAMA"},
                       headers={"Authorization": "Bearer " + server.token("producer")}, timeout=15)
            ids.append(ok(r, 201)["id"])
            r = s.get(server.url + f"/movies/{ids[-1]}",
                      headers={"Authorization": "Bearer " + server.token("assistant")}, timeout=15)
            assert ok(r)["movie"]["title"] == f"{t} {i:03d}"
        s.close()
        return ids

    server.token("producer"), server.token("assistant")  # mint before the threads start
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(worker, [range(k, 160, 8) for k in range(8)]))
    ids = [i for r in results for i in r]
    assert len(set(ids)) == 160
    b = ok(server.get(f"/movies?search={t}&page=16"))
    assert b["totalMovies"] == 160 and len(b["movies"]) == 10


def test_if_match_is_atomic(server):
    """Many writers with the same If-Match: exactly one wins, the rest get 412."""
    t = tag()
    mid = ok(server.post("/movies", {"title": t, "genre": "DRAMA"}), 201)["id"]
    validator = etag(server.get(f"/movies/{mid}"))
    token = server.token("director")
    barrier = threading.Barrier(6)

    def writer(i):
        import requests
        s = requests.Session()
        s.trust_env = False
        barrier.wait()
        r = s.patch(server.url + f"/movies/{mid}",
                    data='[{"op":"add","path":"/title","value":"%s w%d"}]' % (t, i),
                    headers={"Authorization": "Bearer " + token, "If-Match": validator,
                             "Content-Type": "application/json-patch+json"}, timeout=15)
        s.close()
        return r.status_code, r.text

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(writer, range(6)))
    statuses = sorted(s for s, _ in results)
    assert statuses == [200] + [412] * 5, results
    winner = next(i for i, (s, _) in enumerate(results) if s == 200)
    assert ok(server.get(f"/movies/{mid}"))["movie"]["title"] == f"{t} w{winner}"
    error(server.delete(f"/movies/{mid}", headers={"If-Match": validator}), 412)
