"""Abusive clients over raw loopback sockets: slowloris, thousands of idle
connections, oversized request lines, headers and bodies (with and without a
length), broken bytes in JSON, out-of-range numbers. The server must stay up,
keep serving normal clients, keep its memory bounded and write nothing for a
rejected request. Sizes grow with AUDITION_TORTURE=1 (make torture)."""

import json
import os
import resource
import socket
import threading
import time

import pytest

from checks import error, ok, tag

TORTURE = os.environ.get("AUDITION_TORTURE") == "1"
SLOW_CONNS = 1000 if TORTURE else 150
IDLE_CONNS = 8000 if TORTURE else 2000
SLOW_SECONDS = 60 if TORTURE else 4


def raise_fd_limit(want):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def totals(srv):
    return (ok(srv.get("/actors"))["totalActors"], ok(srv.get("/movies"))["totalMovies"])


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def exchange(port, request: bytes, read_timeout=10):
    """Sends request (ignoring a reset once the server has answered), returns
    (status, head, body) of the answer; status 0 when the server just closed."""
    s = connect(port)
    s.settimeout(read_timeout)
    try:
        try:
            s.sendall(request)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
                if b"\r\n\r\n" in data:
                    head, _, rest = data.partition(b"\r\n\r\n")
                    length = [int(l.split(b":")[1]) for l in head.split(b"\r\n")
                              if l.lower().startswith(b"content-length:")]
                    if length and len(rest) >= length[0]:
                        break
        except (ConnectionResetError, socket.timeout):
            pass
    finally:
        s.close()
    if not data.startswith(b"HTTP/1."):
        return 0, b"", data
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), head, body


def normal_traffic(srv, n):
    """n ordinary requests; returns their latencies (for the report only)."""
    lat = []
    for i in range(n):
        t0 = time.monotonic()
        r = srv.get("/movies/2" if i % 2 else "/actors?page=1", timeout=30)
        lat.append(time.monotonic() - t0)
        assert r.status_code == 200, (r.status_code, r.text[:200])
    return lat


def test_slowloris_does_not_starve_normal_clients(fresh):
    raise_fd_limit(SLOW_CONNS + 256)
    head = (b"GET /movies HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + fresh.token("assistant").encode() + b"\r\nX-Padding: " + b"p" * 20000 + b"\r\n\r\n")
    socks = [connect(fresh.port) for _ in range(SLOW_CONNS)]
    stop = threading.Event()
    sent = [0]

    def drip():  # one byte per connection per round, a round every 50 ms
        pos = 0
        while not stop.is_set() and pos < len(head) - 4:
            for s in socks:
                try:
                    s.send(head[pos:pos + 1])
                except OSError:
                    pass
            pos += 1
            sent[0] = pos
            stop.wait(0.05)

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    try:
        deadline = time.monotonic() + SLOW_SECONDS
        lat = []
        while time.monotonic() < deadline:
            lat += normal_traffic(fresh, 10)
        assert sent[0] > 10, "the slow clients did not get going"
        assert dripper.is_alive(), "the slow clients finished: the test did not hold them open"
    finally:
        stop.set()
        dripper.join(10)
        for s in socks:
            s.close()
    print(f"slowloris: {SLOW_CONNS} slow connections, {len(lat)} normal requests, "
          f"median {sorted(lat)[len(lat) // 2] * 1000:.1f} ms, max {max(lat) * 1000:.1f} ms")
    ok(fresh.get("/"))


def test_thousands_of_idle_connections(fresh):
    limit = raise_fd_limit(IDLE_CONNS + 256)
    n = min(IDLE_CONNS, limit - 256)
    before = rss_kib(fresh.proc.pid)
    socks = []
    try:
        for _ in range(n):
            socks.append(connect(fresh.port))
        lat = normal_traffic(fresh, 20)  # served while they sit there
        during = rss_kib(fresh.proc.pid)
        # Bounded: each idle connection costs at most its 32 KiB of MHD memory
        # (plus bookkeeping); usually far less, since untouched pages are free.
        assert during - before < n * 40 + 64 * 1024, (before, during, n)
    finally:
        for s in socks:
            s.close()
    print(f"idle: {n} connections, RSS {before} -> {during} KiB, max latency {max(lat) * 1000:.1f} ms")
    time.sleep(0.5)
    normal_traffic(fresh, 5)


def json_error(body):
    """The contract's error shape; its message."""
    doc = json.loads(body)
    assert doc["success"] is False and isinstance(doc["error"], str), doc
    return doc["message"]


def test_oversized_request_line_and_headers(server):
    """Heads up to the connection's 128 KiB reach Audition, which holds the
    request target and the headers (all but Authorization) to 32 KiB each and
    answers in the contract's error shape; beyond 128 KiB libmicrohttpd
    answers 431 itself (docs/reliability.md)."""
    token = server.token("director").encode()
    long_line = b"GET /movies?search=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    status, _, body = exchange(server.port, long_line)
    assert status == 414, status
    assert "32 KiB" in json_error(body)
    over = b"GET /movies HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 20_000 + b"\r\nX-B: " + b"b" * 20_000 + b"\r\n\r\n"
    status, _, body = exchange(server.port, over)
    assert status == 431, status
    assert "32 KiB" in json_error(body)
    under = b"GET /movies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + b"\r\nX-A: " + b"a" * 30_000 + b"\r\n\r\n"
    status, _, _ = exchange(server.port, under)
    assert status == 200, status
    many = b"GET /movies HTTP/1.1\r\nHost: x\r\n" + b"".join(
        b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(2000)) + b"\r\n"
    status, _, _ = exchange(server.port, many)
    assert status == 431, status
    one_big = b"GET /movies HTTP/1.1\r\nHost: x\r\nCookie: " + b"c" * 200_000 + b"\r\n\r\n"
    status, _, _ = exchange(server.port, one_big)
    assert status == 431, status
    t = tag()
    big_post = (b"POST /actors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                b"\r\nContent-Type: application/json\r\nContent-Length: 20\r\n" +
                b"X-Pad: " + b"p" * 100_000 + b"\r\n\r\n" + json.dumps({"name": t, "age": 3}).encode()[:20])
    status, _, body = exchange(server.port, big_post)
    assert status == 431, status
    json_error(body)
    assert ok(server.get("/actors?search=" + t))["totalActors"] == 0
    ok(server.get("/"))


@pytest.mark.parametrize("length", ["99999999999999999999", "18446744073709551615", "1048577"])
def test_huge_declared_length_is_413_without_reading(server, length):
    t = tag()
    req = (f"POST /actors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {server.token('director')}\r\n"
           f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n").encode()
    status, head, body = exchange(server.port, req + json.dumps({"name": t, "age": 3}).encode())
    assert status in (400, 413), (status, head, body)
    assert ok(server.get("/actors?search=" + t))["totalActors"] == 0


def test_bad_content_length_is_refused(server):
    for value in (b"-1", b"abc", b"1, 2", b" "):
        req = (b"POST /actors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.token("director").encode() +
               b"\r\nContent-Type: application/json\r\nContent-Length: " + value + b"\r\n\r\n{}")
        status, _, _ = exchange(server.port, req)
        assert status in (0, 400, 413), (value, status)
    ok(server.get("/"))


@pytest.mark.parametrize("megabytes", [2, 8])
def test_endless_chunked_body_is_cut_off(server, megabytes):
    """A chunked body with no length that goes on past the 1 MiB drain cap: the
    server answers 413 or closes; it never buffers it and never writes."""
    t = tag()
    start = json.dumps({"name": t, "age": 3, "pad": ""}).encode()[:-2]
    s = connect(server.port)
    s.settimeout(10)
    s.sendall(b"POST /actors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.token("director").encode() +
              b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"x" * 65536
    sent = 0
    try:
        s.sendall(b"%x\r\n%s\r\n" % (len(start), start))
        while sent < megabytes * 1024 * 1024:
            s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        s.sendall(b"2\r\n\"}\r\n0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        answer = s.recv(4096)
    except (ConnectionResetError, socket.timeout):
        answer = b""
    s.close()
    assert answer == b"" or answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert ok(server.get("/actors?search=" + t))["totalActors"] == 0


BROKEN_BODIES = [
    b'{"name":"{t}\xff","age":40}',                 # invalid UTF-8
    b'{"name":"{t}\xc0\xaf","age":40}',             # overlong encoding of '/'
    b'{"name":"{t}\xed\xa0\x80","age":40}',         # UTF-8-encoded surrogate
    b'{"name":"{t}\x00x","age":40}',                # raw NUL inside a string
    b'{"name":"{t}","age":40}\x00',                 # NUL after the document
    b'\xef\xbb\xbf{"name":"{t}","age":40}',         # BOM
    b'{"name":"{t}","age":40}{"name":"{t}"}',      # two documents
    b'{"name":"{t}","age":2147483648}',             # > INT32_MAX
    b'{"name":"{t}","age":9223372036854775808}',    # > INT64_MAX
    b'{"name":"{t}","age":-9223372036854775809}',
    b'{"name":"{t}","age":1e308}',
    b'{"name":"{t}","age":40.0}',
    b'{"name":"{t}","age":-1}',
    b'{"name":"{t}","age":0}',
]


@pytest.mark.parametrize("data", BROKEN_BODIES, ids=range(len(BROKEN_BODIES)))
def test_broken_json_bytes_are_400_and_write_nothing(server, data):
    t = tag()
    r = server.req("POST", "/actors", data=data.replace(b"{t}", t.encode()), content_type="application/json")
    error(r, 400)
    assert ok(server.get("/actors?search=" + t))["totalActors"] == 0


@pytest.mark.parametrize("body", [
    {"movieId": 2 ** 53, "actorId": 1}, {"movieId": 1, "actorId": 2 ** 63}, {"movieId": -1, "actorId": 1},
    {"movieId": 1e20, "actorId": 1}, {"movieId": 1.5, "actorId": 1}, {"movieId": "1", "actorId": 1},
    {"movieId": 0, "actorId": 0},
])
def test_cast_ids_out_of_range_are_400(server, body):
    error(server.post("/casts", body), 400)


@pytest.mark.parametrize("path", ["/movies/99999999999999999999", "/movies/9007199254740992", "/movies/0",
                                  "/movies/-1", "/movies/1e3", "/movies/1%00", "/movies/1%00/x",
                                  "/casts/movies/99999999999999999999/actors/1"])
def test_ids_out_of_range_in_paths_are_404(server, path):
    method = "DELETE" if path.startswith("/casts") else "GET"
    error(server.req(method, path), 404)


def test_patch_nested_10000_deep_and_broken_bytes_change_nothing(server):
    t = tag()
    aid = ok(server.post("/actors", {"name": t, "age": 30}), 201)["id"]
    before = ok(server.get(f"/actors/{aid}"))
    for data in (b"[" + b'{"a":' * 10000 + b"1" + b"}" * 10000 + b"]",
                 b'[{"op":"add","path":"/name","value":' + b"[" * 10000 + b"]" * 10000 + b"}]",
                 b'[{"op":"add","path":"/name","value":"\xff"}]',
                 b'[{"op":"add","path":"/name","value":"a\x00b"}]',
                 b'[{"op":"add","path":"/age","value":4294967297}]',
                 b'[{"op":"add","path":"/age","value":30}, {"op":"add","path":"/name\x00x","value":"y"}]'):
        error(server.req("PATCH", f"/actors/{aid}", data=data, content_type="application/json-patch+json"), 400)
    assert ok(server.get(f"/actors/{aid}")) == before


def test_sql_metacharacters_are_stored_and_found_literally(server):
    t = tag()
    names = [f"{t} O'Brien", f"{t} x'); DROP TABLE actors; --", f"{t} 50%_off", f"{t} [a-z]*",
             f'{t} "quoted" \\ back', f"{t} ;--/* */"]
    ids = [ok(server.post("/actors", {"name": n, "age": 30}), 201)["id"] for n in names]
    for n, i in zip(names, ids):
        assert ok(server.get(f"/actors/{i}"))["actor"]["name"] == n
        found = ok(server.get("/actors?search=" + requests_quote(n)))
        assert [a["name"] for a in found["actors"]] == [n], (n, found)
    assert ok(server.get("/actors?search=" + requests_quote(t)))["totalActors"] == len(names)
    # %00 is not a terminator: the search is for the literal text, not for t
    assert ok(server.get("/actors?search=" + requests_quote(t) + "%00"))["totalActors"] == 0
    assert ok(server.get("/actors?search=" + requests_quote(t + " %")))["totalActors"] == 0
    assert ok(server.get("/actors?search=" + requests_quote(t + " _")))["totalActors"] == 0


def requests_quote(s):
    from urllib.parse import quote
    return quote(s, safe="")


def test_server_survives_all_of_it(server):
    """After everything above: up, and the demo totals of this server intact."""
    ok(server.get("/"))
    a, m = totals(server)
    assert a > 0 and m > 0
