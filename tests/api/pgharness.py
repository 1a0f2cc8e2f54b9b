"""A private PostgreSQL 15 for one pytest session.

This module owns starting, stopping and cleaning up a throw-away cluster:
initdb in a temp dir, a free port on 127.0.0.1, the unix socket inside the
temp dir, fsync off. As root it runs the server as the `postgres` system
user (runuser); otherwise as the current user. It hands out one database
per test server. It knows nothing about Audition.
"""

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid

ROLE = "audition"
PASSWORD = "audition-test"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bindir() -> str:
    """`pg_config --bindir` (/usr/lib/postgresql/15/bin on Debian), else a glob.

    Never PATH: /usr/local/bin/pg_ctl on these machines is something else.
    """
    candidates = []
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                             timeout=10, check=True).stdout.strip()
        candidates.append(out)
    except (OSError, subprocess.SubprocessError):
        pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/15/bin")) + \
        sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for d in candidates:
        if d and os.access(os.path.join(d, "initdb"), os.X_OK) and \
                os.access(os.path.join(d, "pg_ctl"), os.X_OK):
            return d
    raise RuntimeError("PostgreSQL server binaries not found (install postgresql-15): "
                       f"looked in {candidates}")


class PgCluster:
    def __init__(self, name="audition-pg"):
        self.bindir = pg_bindir()
        self.tmp = tempfile.mkdtemp(prefix=name + "-")
        self.data = os.path.join(self.tmp, "data")
        self.sock = os.path.join(self.tmp, "sock")
        self.log = os.path.join(self.tmp, "postgres.log")
        self.port = free_port()
        self.running = False
        self.runas = []
        if os.geteuid() == 0:
            user = "postgres"
            try:
                pwd.getpwnam(user)
            except KeyError:
                user = "nobody"
            runuser = shutil.which("runuser") or "/usr/sbin/runuser"
            self.runas = [runuser, "-u", user, "--"]
            pw = pwd.getpwnam(user)
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
        os.mkdir(self.sock)
        if self.runas:
            os.chown(self.sock, pw.pw_uid, pw.pw_gid)
        atexit.register(self.destroy)

    # -- processes -------------------------------------------------------
    def _run(self, args, timeout=60, as_owner=True, check=True, env=None):
        cmd = (self.runas if as_owner else []) + args
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.tmp,
                           stdin=subprocess.DEVNULL, env=env)
        if check and p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}\n{p.stdout}\n{p.stderr}"
                               f"\n--- postgres log ---\n{self.log_text()}")
        return p

    def log_text(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return f.read()[-6000:]
        except OSError:
            return ""

    def bin(self, name):
        return os.path.join(self.bindir, name)

    def init(self):
        # A linguistic default collation (ICU en-US, as a production database in an
        # en_US locale would have), so that a server relying on the database's
        # default collation instead of byte order shows up in the ordering tests.
        # Falls back to plain C.UTF-8 / C where ICU is not there.
        base = [self.bin("initdb"), "-D", self.data, "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-sync"]
        for extra in (["--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US"],
                      ["--locale=C.UTF-8"], ["--locale=C"]):
            try:
                self._run(base + extra, timeout=120)
                break
            except RuntimeError:
                shutil.rmtree(self.data, ignore_errors=True)
        else:
            raise RuntimeError("initdb failed with every locale tried\n" + self.log_text())
        # Files already exist and belong to the cluster's owner; rewriting keeps that.
        with open(os.path.join(self.data, "postgresql.conf"), "a", encoding="utf-8") as f:
            f.write(f"""
# audition test harness
port = {self.port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '{self.sock}'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 32MB
log_min_messages = warning
""")
        with open(os.path.join(self.data, "pg_hba.conf"), "w", encoding="utf-8") as f:
            f.write("local all all trust\n"
                    "host all postgres 127.0.0.1/32 trust\n"
                    "host all all 127.0.0.1/32 scram-sha-256\n")

    def start(self):
        if not os.path.isdir(self.data):
            self.init()
        self._run([self.bin("pg_ctl"), "start", "-D", self.data, "-l", self.log, "-w",
                   "-t", "60"], timeout=90)
        self.running = True
        if not getattr(self, "_role_made", False):
            self.psql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}'")
            self._role_made = True

    def stop(self):
        if self.running or os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self._run([self.bin("pg_ctl"), "stop", "-D", self.data, "-m", "fast", "-w",
                       "-t", "60"], timeout=90, check=False)
        self.running = False

    def destroy(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- SQL -------------------------------------------------------------
    def psql(self, sql, db="postgres"):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["PGCONNECT_TIMEOUT"] = "10"
        p = self._run([self.bin("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                       "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
                       "-c", sql], timeout=60, as_owner=False, env=env)
        return p.stdout.strip()

    def url(self, db):
        return f"postgresql://{ROLE}:{PASSWORD}@127.0.0.1:{self.port}/{db}"

    def create_database(self):
        name = "audition_" + uuid.uuid4().hex[:12]
        self.psql(f"CREATE DATABASE {name} OWNER {ROLE}")
        return name, self.url(name)

    def drop_database(self, name):
        if self.running:
            self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main(argv) -> int:
    """`pgharness.py run -- CMD ARGS...`: run CMD with AUDITION_TEST_PG_URL naming a
    fresh database on a private cluster, then stop and remove the cluster."""
    if len(argv) < 3 or argv[0] != "run" or argv[1] != "--":
        print("usage: pgharness.py run -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    cluster = PgCluster()
    try:
        cluster.start()
        _, url = cluster.create_database()
        env = dict(os.environ, AUDITION_TEST_PG_URL=url)
        return subprocess.run(argv[2:], env=env, stdin=subprocess.DEVNULL).returncode
    finally:
        cluster.destroy()


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv[1:]))
