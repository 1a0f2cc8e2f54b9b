"""docs/openapi.json as the response oracle: every response the tests receive
is checked against the operation the document describes for it.

This module owns reading the document, finding the operation for a method and
a concrete path, and validating a response (status documented, Content-Type
and JSON body as the schema says) with python3-jsonschema (Draft 2020-12, the
dialect of OpenAPI 3.1). It knows nothing about servers or fixtures.
"""

import json
import os
import re

import jsonschema

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PATH = os.path.join(REPO, "docs", "openapi.json")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

with open(PATH, encoding="utf-8") as _f:
    DOC = json.load(_f)

_RESOLVER = jsonschema.RefResolver.from_schema(DOC)


def _template_re(template):
    parts = re.split(r"(\{[^/}]+\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p)
                                    for p in parts if p) + "$")


_TEMPLATES = [(t, _template_re(t)) for t in DOC["paths"]]


def deref(obj):
    """Follows a local {"$ref": "#/..."} (as many times as needed)."""
    while isinstance(obj, dict) and "$ref" in obj:
        node = DOC
        for part in obj["$ref"].lstrip("#/").split("/"):
            node = node[part]
        obj = node
    return obj


def find_path(path):
    """The document's path template for a concrete path, or None. A literal
    template wins over one with parameters, as in the server's route table."""
    path = path.split("?", 1)[0]
    hits = [t for t, rx in _TEMPLATES if rx.match(path)]
    hits.sort(key=lambda t: t.count("{"))
    return hits[0] if hits else None


def operations():
    """(METHOD, template, operation) for every operation in the document."""
    for template, item in DOC["paths"].items():
        for m in METHODS:
            if m in item:
                yield m.upper(), template, item[m]


def schema_errors(instance, schema):
    """The validation errors of instance against a schema of the document."""
    validator = jsonschema.Draft202012Validator(schema, resolver=_RESOLVER)
    return sorted(validator.iter_errors(instance), key=lambda e: list(e.path))


def _media(ctype):
    return ctype.split(";")[0].strip().lower()


def _error_response():
    return DOC["components"]["responses"]["NotFound"]


def check(method, path, status, headers, text):
    """Raises AssertionError when the response does not conform to the document
    (status, documented headers, Content-Type, JSON body).

    Unknown paths (404) and known paths with an undocumented method (405) must
    carry the contract's error body; OPTIONS (CORS preflight) is not an API
    operation and is not checked."""
    method = method.upper()
    if method == "OPTIONS":
        return
    where = f"{method} {path} -> {status}"
    template = find_path(path)
    head = method == "HEAD"
    if head:
        method = "GET"
    item = DOC["paths"].get(template) if template else None
    op = item.get(method.lower()) if item else None
    if op is None:
        expected = 404 if template is None else 405
        assert status == expected, \
            f"{where}: the document has no {method} {template or path}, so only {expected} is right"
        response = _error_response()
    else:
        responses = op["responses"]
        assert str(status) in responses or "default" in responses, \
            f"{where}: status {status} is not documented for {method} {template} " \
            f"(documented: {sorted(responses)})"
        response = deref(responses.get(str(status), responses.get("default")))
    for name, spec in (response.get("headers") or {}).items():
        value = headers.get(name)
        assert value is not None, f"{where}: documented header {name} is missing"
        errors = schema_errors(value, spec.get("schema", {}))
        assert not errors, f"{where}: header {name}: {value!r} does not match: {errors[0].message}"
    if status in (204, 304):
        assert not text, f"{where}: a {status} has no body, got {text[:200]!r}"
        return
    content = response.get("content")
    if not content or head:
        return
    ctype = _media(headers.get("Content-Type", ""))
    assert ctype in content, f"{where}: Content-Type {ctype!r}, documented {sorted(content)}"
    schema = content[ctype].get("schema")
    if schema is None or not (ctype == "application/json" or ctype.endswith("+json")):
        return
    try:
        instance = json.loads(text)
    except ValueError:
        raise AssertionError(f"{where}: body is not JSON: {text[:300]!r}") from None
    errors = schema_errors(instance, schema)
    assert not errors, f"{where}: body does not match docs/openapi.json: " + "; ".join(
        f"at /{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]) + f"\nbody: {text[:500]}"


def check_response(r):
    """check() for a requests.Response."""
    req = r.request
    check(req.method, req.path_url, r.status_code, r.headers,
          "" if req.method == "HEAD" else r.text)
