"""docs/openapi.json against the server: the route table (`audition routes`) and
the document list the same operations with the same permissions; the server
serves the document and the reference page; the document's examples are valid
and the demo ones are what the server answers. (Every response of the other
tests is validated against the document too: see openapi.py.)"""

import json
import re
import subprocess

import pytest

import openapi
from checks import ok
from server import binary

PUBLIC = "-"


def route_table():
    """{(METHOD, normalised pattern): permission} from `audition routes`."""
    p = subprocess.run([binary(), "routes"], capture_output=True, text=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr
    table = {}
    for line in p.stdout.splitlines():
        method, pattern, perm = line.split()
        table[(method, normalise(pattern))] = perm
    assert table, "audition routes printed no route"
    return table


def normalise(template):
    """/casts/movies/{movieId}/actors/{actorId} -> /casts/movies/{}/actors/{}"""
    return re.sub(r"\{[^/}]*\}", "{}", template)


def documented():
    """{(METHOD, normalised template): permission} from docs/openapi.json."""
    return {(m, normalise(t)): op.get("x-permission") or PUBLIC
            for m, t, op in openapi.operations()}


def test_every_route_is_documented_and_nothing_else():
    routes, doc = route_table(), documented()
    missing = sorted(set(routes) - set(doc))
    extra = sorted(set(doc) - set(routes))
    assert not missing, f"routes of the server missing from docs/openapi.json: {missing}"
    assert not extra, f"operations in docs/openapi.json that the server does not have: {extra}"


def test_documented_permissions_are_the_route_tables():
    routes, doc = route_table(), documented()
    wrong = {k: (doc[k], routes[k]) for k in routes if k in doc and doc[k] != routes[k]}
    assert not wrong, f"x-permission (document, server) differ: {wrong}"


@pytest.mark.parametrize("method,template,op", list(openapi.operations()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_operation_is_complete(method, template, op):
    perm = op.get("x-permission")
    assert "x-permission" in op, "every operation says which permission it needs"
    assert op.get("operationId") and op.get("summary") and op.get("description")
    if perm:
        assert f"`{perm}`" in op["description"], "the description names the permission"
        assert op.get("security") == [{"bearer": []}]
        for status in ("401", "403") if perm != "authenticated" else ("401",):
            assert status in op["responses"], f"a protected operation documents {status}"
    else:
        assert "none (public)" in op["description"]
        assert op.get("security") == []
    for status, response in op["responses"].items():
        response = openapi.deref(response)
        assert response.get("description"), status
        for media in (response.get("content") or {}).values():
            if "example" in media and "schema" in media:
                errors = openapi.schema_errors(media["example"], media["schema"])
                assert not errors, f"{status} example: {[e.message for e in errors]}"
            if status >= "400" and "schema" in media:
                assert media["schema"] == {"$ref": "#/components/schemas/Error"}
    body = op.get("requestBody")
    if body:
        for media in body["content"].values():
            if "example" in media:
                assert not openapi.schema_errors(media["example"], media["schema"])


def test_every_ref_resolves():
    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                openapi.deref(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(openapi.DOC)


def test_served_document_is_the_file(demo):
    r = demo.get("/openapi.json", role=None)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    with open(openapi.PATH, "rb") as f:
        assert r.content == f.read()
    assert json.loads(r.text)["openapi"].startswith("3.1")


def test_reference_page_and_its_assets_are_served_locally(demo):
    page = demo.get("/docs/", role=None)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    srcs = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert srcs and not [s for s in srcs if "//" in s], f"only local assets: {srcs}"
    for src in srcs:
        r = demo.get("/docs/" + src, role=None)
        assert r.status_code == 200 and len(r.content) > 0, src
    init = demo.get("/docs/init.js", role=None).text
    assert "../openapi.json" in init
    assert "SwaggerUIBundle" in demo.get("/docs/swagger-ui-bundle.js", role=None).text


EXAMPLES = [("GET", "/movies/{id}", "/movies/2"), ("GET", "/actors/{id}", "/actors/16"),
            ("GET", "/movies", "/movies"), ("GET", "/actors", "/actors"), ("GET", "/", "/")]


@pytest.mark.parametrize("method,template,path", EXAMPLES)
def test_demo_examples_are_what_the_server_answers(demo, method, template, path):
    example = openapi.DOC["paths"][template][method.lower()]["responses"]["200"]
    example = openapi.deref(example)["content"]["application/json"]["example"]
    assert ok(demo.req(method, path, role="assistant")) == example
