"""The PostgreSQL harness itself (runs without the server binary)."""

import json
import os
import subprocess

import pytest

from checks import DEMO


@pytest.mark.backends("postgres")
def test_select_1_and_a_database_of_our_own(backend, pg):
    cluster = pg.get()
    assert cluster.psql("SELECT 1") == "1"
    name, url = cluster.create_database()
    try:
        p = subprocess.run([cluster.bin("psql"), "-X", "-A", "-t", "-c",
                            "SELECT current_user || ' ' || current_database()", url],
                           capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
        assert p.returncode == 0, p.stderr
        assert p.stdout.strip() == f"audition {name}"
        assert cluster.psql("SHOW server_encoding") == "UTF8"
    finally:
        cluster.drop_database(name)
    assert cluster.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{name}'") == "0"


def test_sample_data_copy_is_current():
    """tests/api/sample-data.json is a copy of shared/spec/sample-data.json (and so
    of src/store/demo-data.json, which the binary embeds)."""
    here = os.path.dirname(os.path.abspath(__file__))
    embedded = os.path.join(here, "..", "..", "src", "store", "demo-data.json")
    spec = os.path.join(here, "..", "..", "..", "shared", "spec", "sample-data.json")
    for path in (embedded, spec) if os.path.exists(spec) else (embedded,):
        with open(path, encoding="utf-8") as f:
            assert json.load(f) == DEMO, path
