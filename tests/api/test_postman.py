"""The Postman collection against docs/openapi.json: it is the one
postman/make_collection.py writes, and it exercises every documented operation
(protected ones for every role, public ones at least once). Running it is
scripts/run-postman's job (the `postman` runner of scripts/run-tests)."""

import json
import os
import subprocess

import openapi

POSTMAN = os.path.join(openapi.REPO, "postman")
TOKEN_VARS = {"{{tokenAssistant}}": "assistant", "{{tokenDirector}}": "director",
              "{{tokenProducer}}": "producer"}
# Files of the reference page, fetched by the page itself.
ASSETS = {"/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/init.js"}


def requests_in(items):
    for item in items:
        if "item" in item:
            yield from requests_in(item["item"])
        else:
            yield item["request"]


def exercised():
    """{(METHOD, template): set of roles (None = no token)} of the collection."""
    with open(os.path.join(POSTMAN, "Audition.postman_collection.json"), encoding="utf-8") as f:
        collection = json.load(f)
    seen = {}
    for rq in requests_in(collection["item"]):
        path = "/" + "/".join(rq["url"]["path"])
        path = path.replace("{{movieId}}", "12").replace("{{actorId}}", "20").replace("{{actor2Id}}", "21")
        template = openapi.find_path(path)
        auth = next((h["value"] for h in rq["header"] if h["key"] == "Authorization"), "")
        role = TOKEN_VARS.get(auth.removeprefix("Bearer "))
        seen.setdefault((rq["method"], template), set()).add(role)
    return seen


def test_collection_is_generated_from_make_collection():
    p = subprocess.run(["/usr/bin/python3", os.path.join(POSTMAN, "make_collection.py"), "--check"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr


def test_collection_covers_every_operation_for_every_role():
    seen = exercised()
    missing = []
    for method, template, op in openapi.operations():
        if template in ASSETS:
            continue
        roles = seen.get((method, template), set())
        if op.get("x-permission"):
            lacking = {"assistant", "director", "producer"} - roles
            if lacking:
                missing.append(f"{method} {template} for {sorted(lacking)}")
        elif not roles:
            missing.append(f"{method} {template}")
    assert not missing, f"postman/Audition.postman_collection.json does not exercise: {missing}"


def test_environment_names_every_variable_the_collection_needs():
    with open(os.path.join(POSTMAN, "Audition.postman_environment.json"), encoding="utf-8") as f:
        env = {v["key"] for v in json.load(f)["values"]}
    assert {"baseUrl", "tokenAssistant", "tokenDirector", "tokenProducer"} <= env
