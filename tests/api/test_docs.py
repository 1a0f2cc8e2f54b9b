"""The operator docs are true: the commands of docs/backup.md (its blocks marked
`<!-- test: NAME -->`) run as written against a running server and restore
what they saved; docs/configuration.md names every variable src/config.c
reads; README.md and docs/ link to pages that exist."""

import os
import re
import subprocess

import pytest

from checks import error, ok
from openapi import REPO
from server import binary

DOCS = os.path.join(REPO, "docs")


def read(path):
    with open(os.path.join(REPO, path), encoding="utf-8") as f:
        return f.read()


def block(page, name):
    """The shell block that follows `<!-- test: name -->` in docs/PAGE."""
    m = re.search(r"<!-- test: " + re.escape(name) + r" -->\s*```sh\n(.*?)```", read("docs/" + page), re.S)
    assert m, f"docs/{page} has no block marked {name}"
    return m.group(1)


def run_block(page, name, cwd, env):
    script = block(page, name)
    p = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=env,
                       capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, f"docs/{page} [{name}] exited {p.returncode}:\n{script}\n{p.stdout}\n{p.stderr}"
    return p.stdout


def titles(srv, search):
    return [m["title"] for m in ok(srv.get("/movies?search=" + search))["movies"]]


@pytest.fixture
def docs_server(make_server, backend):
    """A seeded server; on SQLite its database is data/audition.db in its working
    directory, the default DATABASE_URL the docs use."""
    srv = make_server(backend, "docs")
    if backend == "sqlite":
        srv.db_url = "sqlite://data/audition.db"
        os.makedirs(os.path.join(srv.tmp, "data"), exist_ok=True)
    srv.seed()
    srv.start()
    yield srv
    srv.shutdown_and_check()


def test_backup_and_restore_commands(docs_server, backend):
    srv = docs_server
    env = srv.env()
    ok(srv.post("/movies", {"title": "Saved by the backup", "genre": "DRAMA"}), 201)
    if backend == "sqlite":
        out = run_block("backup.md", "sqlite-backup", srv.tmp, env)  # while the server runs
        assert out.strip() == "ok"
        run_block("backup.md", "sqlite-vacuum-into", srv.tmp, env)
        assert os.path.getsize(os.path.join(srv.tmp, "backups", "audition-compact.db")) > 0
    else:
        run_block("backup.md", "pg-backup", srv.tmp, env)
    lost = ok(srv.post("/movies", {"title": "Written after the backup", "genre": "NOIR"}), 201)["id"]
    ok(srv.delete("/movies/2"))
    assert srv.stop() == 0

    run_block("backup.md", "sqlite-restore" if backend == "sqlite" else "pg-restore", srv.tmp, env)
    srv.start()
    assert titles(srv, "Saved by the backup") == ["Saved by the backup"]
    assert titles(srv, "Written after the backup") == []
    assert ok(srv.get("/movies/2"))["movie"]["title"] == "Contact"
    error(srv.get(f"/movies/{lost}"), 404)
    assert ok(srv.get("/movies"))["totalMovies"] == 12
    new = ok(srv.post("/movies", {"title": "After the restore", "genre": "DRAMA"}), 201)["id"]
    assert new > 12  # ids go on after the restored rows


def config_variables():
    """Every environment variable src/config.c reads."""
    return sorted(set(re.findall(r'(?:var|parse_int|parse_bool)\(&?l, "([A-Z][A-Z0-9_]*)"',
                                 read("src/config.c"))))


def test_configuration_reference_names_every_variable():
    names = config_variables()
    assert "DATABASE_URL" in names and "PORT" in names, names
    page = read("docs/configuration.md")
    missing = [n for n in names if f"| `{n}` |" not in page]
    assert not missing, f"docs/configuration.md has no table row for {missing}"


@pytest.mark.parametrize("page", ["README.md"] + ["docs/" + f for f in sorted(os.listdir(DOCS))
                                                  if f.endswith(".md")])
def test_relative_links_resolve(page):
    base = os.path.dirname(os.path.join(REPO, page))
    for target in re.findall(r"\]\(([^)#\s]+)", read(page)):
        if "://" in target:
            continue
        path = os.path.normpath(os.path.join(base, target))
        assert os.path.exists(path), f"{page} links to {target}, which does not exist"


@pytest.mark.backends("sqlite")
def test_upgrade_commands(docs_server, backend):
    srv = docs_server
    os.makedirs(os.path.join(srv.tmp, "build"))
    os.symlink(binary(), os.path.join(srv.tmp, "build", "audition"))
    out = run_block("upgrading.md", "migrate", srv.tmp, srv.env())
    lines = out.splitlines()
    assert lines[0] == "migrations are current (sqlite)"
    shipped = sorted(os.listdir(os.path.join(REPO, "src", "store", "migrations", "sqlite")))
    assert lines[1:] == shipped, "every migration in the source tree is applied, in order"
    ok(srv.get("/movies"))  # the running server did not mind


def test_routes_command_in_troubleshooting(tmp_path):
    os.makedirs(tmp_path / "build")
    os.symlink(binary(), tmp_path / "build" / "audition")
    out = run_block("troubleshooting.md", "routes", tmp_path, dict(os.environ))
    assert re.search(r"^GET\s+/movies/\{id\}\s+read:movies$", out, re.M), out
    assert re.search(r"^GET\s+/openapi.json\s+-$", out, re.M), out
