"""Fixtures of the black-box API suite.

Servers, per backend (`--backends` or AUDITION_BACKENDS, default both):
  demo    session-wide, seeded, READ-ONLY for tests: exact demo lists/representations.
  server  session-wide, seeded, shared: read seeded rows, or create and use your own
          (search for a unique tag() to get exact totals). Never change demo rows here.
  fresh   a new database and server for one test: anything goes.
Each server is stopped with SIGTERM at teardown and must exit 0 with a stderr
free of sanitizer reports; a failing test shows the servers' stderr.
"""

import os
import shutil
import signal
import tempfile

import pytest

from pgharness import PgCluster
import server as server_mod
from server import Server, ServerError
from tokens import KeySet

BACKENDS = ("sqlite", "postgres")


def pytest_addoption(parser):
    parser.addoption("--backends", default=os.environ.get("AUDITION_BACKENDS", ",".join(BACKENDS)),
                     help="comma-separated backends to test: sqlite,postgres")


def selected_backends(config):
    chosen = [b.strip() for b in config.getoption("--backends").split(",") if b.strip()]
    unknown = [b for b in chosen if b not in BACKENDS]
    if unknown:
        raise pytest.UsageError(f"unknown backend(s) {unknown}; choose from {BACKENDS}")
    return chosen


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames:
        backends = selected_backends(metafunc.config)
        for mark in metafunc.definition.iter_markers("backends"):
            backends = [b for b in backends if b in mark.args]
        metafunc.parametrize("backend", backends, scope="session")


def pytest_configure(config):
    config.addinivalue_line("markers", "backends(*names): run only on these backends")
    # `timeout` (scripts/run-tests) sends SIGTERM: unwind like Ctrl-C so that the
    # fixtures stop the servers and PostgreSQL.
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


_FIRST_MADE = pytest.StashKey[int]()


def pytest_runtest_setup(item):
    item.stash[_FIRST_MADE] = len(server_mod.MADE)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        servers = [v for v in getattr(item, "funcargs", {}).values() if isinstance(v, Server)]
        servers += server_mod.MADE[item.stash.get(_FIRST_MADE, len(server_mod.MADE)):]
        seen = set()
        for srv in servers:
            if id(srv) not in seen:
                seen.add(id(srv))
                report.sections.append((f"server stderr ({srv.backend})", srv.stderr_tail(3000)))


# -- identity provider -------------------------------------------------------
@pytest.fixture(scope="session")
def keys():
    return KeySet()


@pytest.fixture(scope="session")
def jwks_path(keys):
    d = tempfile.mkdtemp(prefix="audition-jwks-")
    path = os.path.join(d, "jwks.json")
    keys.write_jwks(path)
    yield path
    shutil.rmtree(d, ignore_errors=True)


# -- PostgreSQL --------------------------------------------------------------
class LazyPg:
    """Starts the session's PostgreSQL on first use; always stopped at the end."""

    def __init__(self):
        self.cluster = None

    def get(self):
        if self.cluster is None:
            self.cluster = PgCluster()
            self.cluster.start()
        return self.cluster

    def close(self):
        if self.cluster is not None:
            self.cluster.destroy()


@pytest.fixture(scope="session")
def pg():
    lazy = LazyPg()
    try:
        yield lazy
    finally:
        lazy.close()


@pytest.fixture(scope="session")
def make_server(pg, keys, jwks_path):
    """make_server(backend, name, cluster=None) → a Server on a new empty database."""
    def make(backend, name="server", cluster=None):
        if backend == "sqlite":
            srv = Server(backend, None, jwks_path, keys, name=name)
            srv.db_url = "sqlite:///" + os.path.join(srv.tmp, "a.db")
            return srv
        cluster = cluster or pg.get()
        db, url = cluster.create_database()
        return Server(backend, url, jwks_path, keys, name=name,
                      db_cleanup=lambda: cluster.drop_database(db))
    return make


def _running(make_server, backend, name):
    srv = make_server(backend, name)
    try:
        srv.seed()
        srv.start()
    except BaseException:
        srv.kill()
        raise
    return srv


@pytest.fixture(scope="session")
def shared_servers(make_server):
    """get(name, backend): the session's server of that name, started on first use.

    Kept in a dict, not as session fixtures parametrized by backend, so that pytest
    never stops and restarts them when it moves between backends.
    """
    cache = {}

    def get(name, backend):
        key = (name, backend)
        if key not in cache:
            try:
                cache[key] = _running(make_server, backend, name)
            except BaseException as e:  # fail every later user fast, not after 10 s each
                cache[key] = e
        srv = cache[key]
        if isinstance(srv, BaseException):
            raise ServerError(f"the {name} server ({backend}) did not start: {srv}")
        if srv.proc.poll() is not None:
            raise ServerError(f"the {name} server ({backend}) died (exit {srv.proc.returncode})\n"
                              + srv.stderr_tail())
        return srv

    yield get
    problems = []
    for (name, backend), srv in cache.items():
        if isinstance(srv, Server):
            try:
                srv.shutdown_and_check()
            except ServerError as e:
                problems.append(f"[{name} server, {backend}] {e}")
    if problems:
        raise ServerError("\n\n".join(problems))


@pytest.fixture
def demo(shared_servers, backend):
    srv = shared_servers("demo", backend)
    srv.readonly = True
    return srv


@pytest.fixture
def server(shared_servers, backend):
    return shared_servers("shared", backend)


@pytest.fixture
def fresh(make_server, backend):
    srv = _running(make_server, backend, "fresh")
    yield srv
    srv.shutdown_and_check()


@pytest.fixture
def unstarted(make_server, backend):
    """A Server on an empty database, neither seeded nor started."""
    srv = make_server(backend, "cli")
    yield srv
    if srv.proc is not None:
        srv.shutdown_and_check()
    else:
        if srv.db_cleanup:
            srv.db_cleanup()
        shutil.rmtree(srv.tmp, ignore_errors=True)


@pytest.fixture
def own_cluster():
    """A private PostgreSQL cluster of the test's own, to stop and start at will."""
    cluster = PgCluster("audition-pg-own")
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()
