"""DATABASE_READ_URL: a streaming standby made with pg_basebackup on a private
port. Reads go to it, writes to the primary; a client that wrote reads from
the primary for READ_AFTER_WRITE_SECONDS (it sees its own writes while the
standby lags); a standby that is down makes reads fall back to the primary.
Replication lag is made deterministic by pausing WAL replay on the standby."""

import os
import time

import pytest

from checks import error, ok
from pgharness import PgCluster
from tokens import ROLE_PERMISSIONS

PRODUCER = ROLE_PERMISSIONS["producer"]


def standby_of(primary):
    """A hot standby of `primary` (running), streaming from it."""
    sb = PgCluster("audition-pg-standby")
    sb._run([sb.bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
             "-D", sb.data, "-R", "-X", "stream", "--no-sync"], timeout=120)
    with open(os.path.join(sb.data, "postgresql.conf"), "a", encoding="utf-8") as f:
        f.write(f"\n# standby\nport = {sb.port}\nunix_socket_directories = '{sb.sock}'\nhot_standby = on\n")
    sb._role_made = True   # the role comes from the primary; a standby is read-only
    sb.start()
    return sb


def standby_has_data(standby, db):
    try:
        return standby.psql("SELECT count(*) FROM actors", db=db) not in ("", "0")
    except RuntimeError:   # the database itself is not replayed yet
        return False


def wait_until(check, what, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


@pytest.fixture
def replicated(backend):
    primary = PgCluster("audition-pg-primary")
    standby = None
    try:
        primary.init()
        with open(os.path.join(primary.data, "pg_hba.conf"), "a", encoding="utf-8") as f:
            f.write("host replication postgres 127.0.0.1/32 trust\n")
        primary.start()
        standby = standby_of(primary)
        yield primary, standby
    finally:
        if standby is not None:
            standby.destroy()
        primary.destroy()


@pytest.mark.backends("postgres")
def test_reads_on_replica_writes_and_own_reads_on_primary(backend, make_server, keys, replicated):
    primary, standby = replicated
    srv = make_server(backend, "replica", cluster=primary)
    db = srv.db_url.rsplit("/", 1)[1]
    srv.extra_env = {"DATABASE_READ_URL": standby.url(db), "READ_AFTER_WRITE_SECONDS": "600"}
    try:
        srv.seed()
        wait_until(lambda: standby_has_data(standby, db), "the standby to have the demo data")
        srv.start()
        writer = keys.token(PRODUCER, sub="writer-a")
        other = keys.token(PRODUCER, sub="writer-b")
        reader = keys.token(PRODUCER, sub="reader-c")
        ok(srv.get("/movies", token=reader))

        standby.psql("SELECT pg_wal_replay_pause()")
        wait_until(lambda: standby.psql("SELECT pg_get_wal_replay_pause_state()") == "paused",
                   "WAL replay to pause")
        aid = ok(srv.post("/actors", {"name": "Replica Lag", "age": 40}, token=writer), 201)["id"]

        # another client reads the standby, which has not replayed the insert
        error(srv.get(f"/actors/{aid}", token=reader), 404)
        # the writer reads its own write (from the primary)
        assert ok(srv.get(f"/actors/{aid}", token=writer))["actor"]["name"] == "Replica Lag"
        assert ok(srv.get("/actors?search=replica lag", token=writer))["totalActors"] == 1
        assert ok(srv.get("/actors?search=replica lag", token=reader))["totalActors"] == 0
        # a write by another client goes to the primary, and then that client reads its writes too
        ok(srv.patch(f"/actors/{aid}", [{"op": "add", "path": "/age", "value": 41}], token=other))
        assert ok(srv.get(f"/actors/{aid}", token=other))["actor"]["age"] == 41
        error(srv.get(f"/actors/{aid}", token=reader), 404)
        # a failed write does not make its client sticky
        error(srv.post("/actors", {"name": ""}, token=reader), 400)
        error(srv.get(f"/actors/{aid}", token=reader), 404)

        m = srv.get("/metrics", role=None).text
        assert 'audition_db_pool_open{pool="replica"}' in m and 'audition_db_pool_open{pool="primary"}' in m

        standby.psql("SELECT pg_wal_replay_resume()")
        wait_until(lambda: srv.get(f"/actors/{aid}", token=reader).status_code == 200,
                   "the standby to catch up")
        assert ok(srv.get(f"/actors/{aid}", token=reader))["actor"]["age"] == 41

        # the standby goes away: reads fall back to the primary
        standby.stop()
        assert ok(srv.get(f"/actors/{aid}", token=reader))["actor"]["age"] == 41
        ok(srv.get("/movies", token=reader))
        ok(srv.get("/readyz", role=None))
    finally:
        if srv.proc is not None:
            srv.shutdown_and_check()
