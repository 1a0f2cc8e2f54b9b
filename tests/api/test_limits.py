"""Limits and hostile bodies: 413 over 64 KiB, deep nesting, odd strings."""

import http.client
import json
import socket

import pytest

from checks import error, ok, tag

LIMIT = 64 * 1024


def big_actor(t, size):
    body = {"name": t, "age": 30, "padding": ""}
    body["padding"] = "x" * (size - len(json.dumps(body, separators=(",", ":"))))
    data = json.dumps(body, separators=(",", ":")).encode()
    assert len(data) == size
    return data


def count_actors(server, t):
    return ok(server.get("/actors?search=" + t))["totalActors"]


class RawResponse:
    """Enough of a requests.Response for checks.error()."""

    def __init__(self, resp, method, path):
        self.status_code = resp.status
        self.headers = {k: v for k, v in resp.getheaders()}
        self.text = resp.read().decode("utf-8", "replace")
        self.request = type("R", (), {"method": method, "path_url": path})()


def raw_exchange(server, method, path, head, payload):
    """Sends the whole request even if the server stops reading (it may answer
    early and close); then reads its answer."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    try:
        request = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   f"Authorization: Bearer {server.token('director')}\r\n{head}\r\n").encode()
        try:
            sock.sendall(request + payload)
        except (BrokenPipeError, ConnectionResetError):
            pass
        resp = http.client.HTTPResponse(sock, method=method)
        try:
            resp.begin()
        except (http.client.HTTPException, OSError) as e:
            raise AssertionError(f"{method} {path}: no HTTP response to a "
                                 f"{len(payload)}-byte body: {e!r}") from None
        return RawResponse(resp, method, path)
    finally:
        sock.close()


def test_70000_byte_body_is_413(server):
    t = tag()
    data = big_actor(t, 70000)
    r = raw_exchange(server, "POST", "/actors",
                     f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n", data)
    error(r, 413)
    assert count_actors(server, t) == 0


def test_70000_byte_body_chunked_is_413(server):
    t = tag()
    data = big_actor(t, 70000)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 8192]), data[i:i + 8192])
                       for i in range(0, len(data), 8192)) + b"0\r\n\r\n"
    r = raw_exchange(server, "POST", "/actors",
                     "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", chunked)
    error(r, 413)
    assert count_actors(server, t) == 0


def test_big_patch_is_413(server):
    t = tag()
    aid = ok(server.post("/actors", {"name": t, "age": 30}), 201)["id"]
    ops = [{"op": "add", "path": "/name", "value": t + "y" * 100}] * 700
    data = json.dumps(ops).encode()
    assert len(data) > 70000
    r = raw_exchange(server, "PATCH", f"/actors/{aid}", "Content-Type: application/json-patch+json"
                     f"\r\nContent-Length: {len(data)}\r\n", data)
    error(r, 413)
    assert ok(server.get(f"/actors/{aid}"))["actor"]["name"] == t


def test_body_under_the_limit_is_read_whole(server):
    t = tag()
    r = server.req("POST", "/actors", role="director", data=big_actor(t, 60000),
                   content_type="application/json")
    aid = ok(r, 201)["id"]
    assert ok(server.get(f"/actors/{aid}"))["actor"]["name"] == t


@pytest.mark.parametrize("data", [
    b"[" * 20000 + b"]" * 20000,
    b'{"title":' + b'{"a":' * 10000 + b"1" + b"}" * 10000 + b',"genre":"DRAMA"}',
    b'{"title":"x","genre":"DRAMA","releaseDate":' + b"[" * 30000 + b"]" * 30000 + b"}",
])
def test_deep_nesting_is_400(server, data):
    assert len(data) < LIMIT
    error(server.req("POST", "/movies", data=data, content_type="application/json"), 400)


@pytest.mark.parametrize("data", [
    b'{"name":"{t}","age":1e999999}',
    b'{"name":"{t}","age":-0}',
    b'{"name":"{t}","age":1E1}',
    b'{"name":"{t}","age":040}',
    b'{"name":"{t}","age":0x28}',
    b'{"name":"{t}","age":NaN}',
    b'{"name":"{t}","age":Infinity}',
    b'{"name":"{t}\\ud800","age":40}',
    b'{"name":"{t}","name":"{t}2","age":40,"age":41,"x":',
])
def test_odd_numbers_and_strings_are_400(server, data):
    t = tag()
    error(server.req("POST", "/actors", data=data.replace(b"{t}", t.encode()),
                     content_type="application/json"), 400)
    assert count_actors(server, t) == 0


def test_nul_in_a_string_is_refused_or_kept(server):
    t = tag()
    r = server.req("POST", "/actors", data=b'{"name":"' + t.encode() + b'\\u0000x","age":40}',
                   content_type="application/json")
    if r.status_code == 201:
        aid = ok(r, 201)["id"]
        assert ok(server.get(f"/actors/{aid}"))["actor"]["name"] == t + "\x00x"
    else:
        error(r, 400)


def test_control_characters_round_trip(server):
    t = tag()
    name = t + ' tab\there "q" back\\slash \x01 \u2028 /'
    aid = ok(server.post("/actors", {"name": name, "age": 40}), 201)["id"]
    assert ok(server.get(f"/actors/{aid}"))["actor"]["name"] == name


def test_many_requests_on_one_connection(demo):
    for i in range(200):
        assert demo.get("/movies/2" if i % 2 else "/nope").status_code in (200, 404)
    ok(demo.get("/"))
