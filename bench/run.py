#!/usr/bin/python3
"""The benchmark (`make bench`): Audition against the machine's ceiling.

This script owns one benchmark run: nginx serving the same bytes as a static
file (the ceiling, on a private loopback port with its own config and prefix
in a temp dir), Audition on SQLite and on a private PostgreSQL (started like
the API tests do, tests/api/pgharness.py), wrk with the Lua scripts in
bench/lua, memory and start-up time, the 1,000,000-actor search and paging
runs, and appending the results to bench/RESULTS.md. Every throughput is also
given as a ratio to the ceiling measured in the same run, because absolute
numbers on a shared machine drift.

Environment: BENCH_DURATION (s, default 5), BENCH_SCALE (actors for the
scale runs, default 1000000; 0 skips them), BENCH_BACKENDS (default
"sqlite,postgres"), BENCH_CONNECTIONS (default "32,256"), BENCH_PARTS
("demo", "scale" or both, the default), BENCH_NOTE (a
free-text note for the results), AUDITION_BIN (default build/audition).
"""

import datetime
import json
import resource
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
sys.path.insert(0, os.path.join(REPO, "tests", "api"))
from pgharness import PgCluster, free_port  # noqa: E402

BIN = os.path.join(REPO, os.environ.get("AUDITION_BIN", "build/audition"))
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
SCALE = int(os.environ.get("BENCH_SCALE", "1000000"))
BACKENDS = [b for b in os.environ.get("BENCH_BACKENDS", "sqlite,postgres").split(",") if b]
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "32,256").split(",") if c]
PARTS = [p for p in os.environ.get("BENCH_PARTS", "demo,scale").split(",") if p]
WRK_THREADS = 2
BENCH_MOVIES = 20    # made by the harness for the write scenarios
BENCH_ACTORS = 400

# (label, lua script, path): the scenarios on the demo data.
READS = [
    ("GET /actors/1", "get.lua", "/actors/1"),
    ("GET /movies/2", "get.lua", "/movies/2"),
    ("GET /actors?page=2", "get.lua", "/actors?page=2"),
    ("GET /actors?search=an", "get.lua", "/actors?search=an"),
]
WRITES = [
    ("POST /casts + DELETE", "casts.lua", "/"),
    ("PATCH /actors/{id}", "patch.lua", "/"),
]
# The scale runs, on SCALE synthetic actors, at SCALE_CONNS connections: one
# request per worker thread, so the latency is a request's own, not the wait
# in a queue of 32 (which multiplies it by 16 on two threads).
SCALE_CONNS = 2
SCALE_READS = [
    ("search 3+ chars (ander)", "get.lua", "/actors?search=ander"),
    ("search 5 chars, few hits (vargas 77)", "get.lua", "/actors?search=vargas%2077"),
    ("search 2 chars (an)", "get.lua", "/actors?search=an"),
    ("deep page (page=50000)", "get.lua", "/actors?page=50000"),
    ("GET /actors/123456", "get.lua", "/actors/123456"),
]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# -- wrk -----------------------------------------------------------------------
def wrk(url, conns, script, env_extra):
    env = dict(os.environ, BENCH_LUA=os.path.join(BENCH, "lua"), **env_extra)
    cmd = ["wrk", "-t", str(WRK_THREADS), "-c", str(conns), "-d", f"{DURATION}s", "--latency", "--timeout", "30s",
           "-s", os.path.join(BENCH, "lua", script), url]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=DURATION + 60).stdout
    for line in out.splitlines():
        if line.startswith("BENCH "):
            r = json.loads(line[6:])
            r["rps"] = r["requests"] * 1e6 / r["duration_us"]
            return r
    raise RuntimeError(f"wrk printed no result: {out[-500:]}")


# -- HTTP helpers --------------------------------------------------------------
def http(method, url, token=None, body=None, ctype="application/json"):
    req = urllib.request.Request(url, method=method, data=body.encode() if body else None)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if body:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=180) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class RssSampler:
    """The largest VmRSS seen every 50 ms while the scenarios run. VmHWM would
    also count start-up, where one Argon2id hash (64 MiB, freed at once) makes
    the dummy hash that keeps unknown-user sign-ins as slow as real ones."""

    def __init__(self, pid):
        self.pid, self.peak, self.stop = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.wait(0.05):
            try:
                self.peak = max(self.peak, rss_kb(self.pid))
            except OSError:
                return

    def finish(self):
        self.stop.set()
        self.thread.join()
        return self.peak


# -- nginx: the ceiling --------------------------------------------------------
NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    default_type application/json;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
    }}
}}
"""


class Nginx:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="audition-bench-nginx-")
        os.chmod(self.tmp, 0o755)   # workers run as an unprivileged user when started as root
        os.makedirs(os.path.join(self.tmp, "www"))
        self.port = free_port()
        conf = os.path.join(self.tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(tmp=self.tmp, port=self.port, workers=os.cpu_count() or 1))
        self.proc = subprocess.Popen(["nginx", "-p", self.tmp, "-c", conf, "-e", os.path.join(self.tmp, "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port, self.proc)

    def file(self, name, data):
        path = os.path.join(self.tmp, "www", name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o644)
        return f"http://127.0.0.1:{self.port}/{name}"

    def stop(self):
        self.proc.send_signal(signal.SIGQUIT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def wait_port(port, proc, timeout=20):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited ({proc.returncode}) before listening on {port}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.005)
    raise RuntimeError(f"nothing listens on {port}")


# -- Audition ------------------------------------------------------------------
RUNNING = []   # every Audition started, stopped at the end even on failure


class Audition:
    def __init__(self, db_url, tmp, **env):
        self.tmp = tmp
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("AUTH", "API_", "HYDRATE", "ORIGINS"))}
        self.env.update(DATABASE_URL=db_url, HOST="127.0.0.1", PORT=str(self.port), DATA_DIR=tmp, **env)
        self.proc = None

    def run(self, *args, timeout=900):
        return subprocess.run([BIN, *args], env=self.env, capture_output=True, text=True, timeout=timeout,
                              check=True).stdout.strip()

    def start(self):
        """Starts `serve`; returns ms from spawn to the first answered GET /."""
        self.stderr = open(os.path.join(self.tmp, "serve.log"), "ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen([BIN, "serve"], env=self.env, stdout=subprocess.DEVNULL, stderr=self.stderr)
        RUNNING.append(self)
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"audition serve exited {self.proc.returncode}; see {self.tmp}/serve.log")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=1) as r:
                    r.read()
                    return (time.monotonic() - t0) * 1000
            except OSError:
                time.sleep(0.001)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr.close()
        if self in RUNNING:
            RUNNING.remove(self)


def make_bench_rows(srv, token):
    """Movies and actors for the write scenarios; returns their ids (made on
    the ceiling's probe server too, so that the pages read are the same bytes)."""
    movies, actors = [], []
    for i in range(BENCH_MOVIES):
        st, body = http("POST", srv.url + "/movies", token,
                        json.dumps({"title": f"zz bench movie {i}", "genre": "DRAMA", "releaseDate": "2020-01-01"}))
        assert st == 201, body
        movies.append(json.loads(body)["id"])
    for i in range(BENCH_ACTORS):
        st, body = http("POST", srv.url + "/actors", token,
                        json.dumps({"name": f"zz bench actor {i}", "age": 30, "gender": "FEMALE"}))
        assert st == 201, body
        actors.append(json.loads(body)["id"])
    return ",".join(map(str, movies)), ",".join(map(str, actors))


# -- the ceiling, measured next to each scenario ------------------------------
def response_bodies():
    """What a first SQLite server answers to each read scenario and to a write."""
    tmp = tempfile.mkdtemp(prefix="audition-bench-bodies-")
    probe = Audition("sqlite:///" + os.path.join(tmp, "p.db"), tmp)
    probe.run("seed")
    probe.start()
    token = probe.run("token", "--role", "producer")
    make_bench_rows(probe, token)   # as on the measured servers: same rows, same ids, same pages
    bodies = {path: http("GET", probe.url + path, token)[1] for _, _, path in READS}
    bodies["write"] = http("POST", probe.url + "/casts", token, '{"movieId": 1, "actorId": 1}')[1]   # after
    probe.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    return bodies


class Ceiling:
    """nginx serving each body as a static file. Other load on a shared machine
    only ever slows a run down, so each scenario's ceiling is nginx measured
    right before it, at the same connection count."""

    def __init__(self, nginx, bodies):
        self.bodies = bodies
        self.urls = {path: nginx.file(f"b{i}.json", body) for i, (path, body) in enumerate(bodies.items())}
        wrk(self.urls["write"], 32, "get.lua", {"TOKEN": "x"})   # warm-up

    def measure(self, path, conns):
        r = wrk(self.urls[path], conns, "get.lua", {"TOKEN": "x"})
        log(f"nginx    {path:28} c={conns:<4} {r['rps']:9.0f} req/s ({len(self.bodies[path])} bytes)  "
            f"p99 {r['p99_us'] / 1000:.2f} ms")
        return r


# -- one backend ---------------------------------------------------------------
def database(backend, tmp, cluster, name):
    if backend == "sqlite":
        return "sqlite:///" + os.path.join(tmp, name + ".db")
    _, url = cluster.create_database()
    return url


def run_scenario(rows, backend, srv, ceiling, label, script, path, conns, env, note=""):
    nginx = ceiling.measure(path if script == "get.lua" else "write", conns)
    ceil = nginx["rps"]
    r = wrk(srv.url + path, conns, script, env)
    r["nginx_p99_us"] = nginx["p99_us"]
    if r["non_2xx"] > r["requests"] // 2:
        raise RuntimeError(f"{backend} {label}{note}: {r['non_2xx']} of {r['requests']} answers were not 2xx")
    rows.append((backend, label + note, conns, r, ceil))
    log(f"{backend:8} {label + note:28} c={conns:<4} {r['rps']:9.0f} req/s  {r['rps'] / ceil:5.2f} of nginx  "
        f"p50 {r['p50_us'] / 1000:.2f} ms  p99 {r['p99_us'] / 1000:.2f} ms  non-2xx {r['non_2xx']}")


def bench_backend(backend, cluster, ceiling, rows):
    tmp = tempfile.mkdtemp(prefix=f"audition-bench-{backend}-")
    srv = Audition(database(backend, tmp, cluster, "demo"), tmp)
    srv.run("seed")
    token = srv.run("token", "--role", "producer")   # makes the signing key: not part of start-up
    startup = srv.start()
    time.sleep(0.5)
    idle = rss_kb(srv.proc.pid)
    sampler = RssSampler(srv.proc.pid)
    movies, actors = make_bench_rows(srv, token)
    for label, _, path in READS:
        st, body = http("GET", srv.url + path, token)
        assert st == 200, (label, st, body)
        if ceiling.bodies[path] != body:
            log(f"note: {backend} answers {path} with other bytes than the ceiling's file")
    env = {"TOKEN": token, "MOVIES": movies, "ACTORS": actors}
    wrk(srv.url + READS[0][2], CONNECTIONS[0], "get.lua", env)   # warm-up, as nginx's (Ceiling)
    # Reads first, then writes: the writes leave casts behind, and a read must
    # answer the same bytes as the ceiling's file.
    for conns in CONNECTIONS:
        for label, script, path in READS:
            run_scenario(rows, backend, srv, ceiling, label, script, path, conns, env)
    # What the representation cache is worth. On PostgreSQL this second
    # instance also takes the cache lease from the first (shared), so that
    # one does not cache either until `other` stops (docs/architecture.md).
    variant = {"CACHE": "off"}
    note = ", " + ", ".join(f"{k}={v}" for k, v in variant.items())
    other = Audition(srv.env["DATABASE_URL"], tmp, **variant)
    other.start()
    other_env = dict(env, TOKEN=other.run("token", "--role", "producer"))   # its own issuer (port)
    for label, script, path in READS[:3]:
        run_scenario(rows, backend, other, ceiling, label, script, path, CONNECTIONS[0], other_env, note)
    other.stop()
    for conns in CONNECTIONS:
        for label, script, path in WRITES:
            run_scenario(rows, backend, srv, ceiling, label, script, path, conns, env)
    peak = sampler.finish()
    srv.stop()
    if backend == "sqlite":   # what group commit is worth: one commit (one fsync) per write
        other = Audition(srv.env["DATABASE_URL"], tmp, GROUP_COMMIT="off")
        other.start()
        other_env = dict(env, TOKEN=other.run("token", "--role", "producer"))
        for label, script, path in WRITES:
            run_scenario(rows, backend, other, ceiling, label, script, path, CONNECTIONS[0], other_env,
                         ", GROUP_COMMIT=off")
        other.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    return {"startup_ms": startup, "rss_idle_kb": idle, "rss_peak_kb": peak}


def bench_scale(backend, cluster, rows):
    tmp = tempfile.mkdtemp(prefix=f"audition-bench-scale-{backend}-")
    # CACHE=off: these runs measure the database path (indexes, paging), not the cache.
    srv = Audition(database(backend, tmp, cluster, "scale"), tmp, CACHE="off")
    t0, cpu0 = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
    srv.run("seed", "--synthetic", str(SCALE))
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if backend == "postgres":   # what an operator does after a bulk load: statistics, visibility map
        cluster.psql("VACUUM ANALYZE", db=srv.env["DATABASE_URL"].rsplit("/", 1)[1])
    seed_s = (time.monotonic() - t0, cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime)
    log(f"{backend:8} seed --synthetic {SCALE}: {seed_s[0]:.1f} s ({seed_s[1]:.1f} s CPU)")
    srv.start()
    token = srv.run("token", "--role", "producer")
    for label, script, path in SCALE_READS:
        st, body = http("GET", srv.url + path, token)
        assert st == 200, (label, st, body[:200])
        r = wrk(srv.url + path, SCALE_CONNS, script, {"TOKEN": token})
        rows.append((backend, f"{SCALE:,} actors: {label}", SCALE_CONNS, r, None))
        log(f"{backend:8} {label:36} {r['rps']:9.0f} req/s  p50 {r['p50_us'] / 1000:.2f} ms  "
            f"p99 {r['p99_us'] / 1000:.2f} ms")
    srv.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    return seed_s


# -- results -------------------------------------------------------------------
def revision():
    def git(*a):
        return subprocess.run(["git", "-C", REPO, *a], capture_output=True, text=True).stdout.strip()
    rev = git("rev-parse", "--short", "HEAD")
    return rev + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def write_results(rows, mem, seeds):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cmd = " ".join(f"{k}={os.environ[k]}" for k in sorted(os.environ)
                   if k.startswith("BENCH_") and k != "BENCH_NOTE")
    out = [f"## {now} — revision {revision()}", "",
           f"Command: `{(cmd + ' ') if cmd else ''}make bench` ({DURATION} s a run, wrk -t{WRK_THREADS}, "
           f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end)."]
    if os.environ.get("BENCH_NOTE"):
        out += ["", os.environ["BENCH_NOTE"]]
    out += ["", "| backend | scenario | conns | req/s | nginx req/s | of nginx | p50 ms | p99 ms | nginx p99 ms "
                "| non-2xx |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for backend, label, conns, r, ceil in rows:
        ratio = f"**{r['rps'] / ceil:.2f}**" if ceil else "—"
        nginx_p99 = f"{r['nginx_p99_us'] / 1000:.2f}" if "nginx_p99_us" in r else "—"
        out.append(f"| {backend} | {label} | {conns} | {r['rps']:.0f} | {f'{ceil:.0f}' if ceil else '—'} | {ratio} | "
                   f"{r['p50_us'] / 1000:.2f} | {r['p99_us'] / 1000:.2f} | {nginx_p99} | "
                   f"{r['non_2xx'] + r['socket_errors']} |")
    out += ["", "| backend | RSS idle | RSS peak (sampled while the scenarios ran) | start-up to first answer |",
            "|---|---:|---:|---:|"]
    for backend, m in mem.items():
        out.append(f"| {backend} | {m['rss_idle_kb'] / 1024:.1f} MB | {m['rss_peak_kb'] / 1024:.1f} MB | "
                   f"{m['startup_ms']:.0f} ms |")
    for backend, s in seeds.items():
        out.append(f"\n`seed --synthetic {SCALE}` on {backend}: {s[0]:.1f} s wall, {s[1]:.1f} s CPU of the "
                   f"seed process (the database server's CPU not included).")
    path = os.path.join(BENCH, "RESULTS.md")
    old = open(path).read() if os.path.exists(path) else ""
    marker = "<!-- runs: newest first -->"
    if marker not in old:
        old = "# Benchmark results\n\nWritten by `make bench` (bench/run.py); see docs/benchmark.md.\n\n" + \
              marker + "\n" + old
    head, tail = old.split(marker, 1)
    with open(path, "w") as f:
        f.write(head + marker + "\n\n" + "\n".join(out) + "\n" + tail)
    log(f"results added to {path}")


def main():
    if not os.access(BIN, os.X_OK):
        sys.exit(f"{BIN} is missing: run make build")
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: run scripts/install-deps")
    cluster = None
    nginx = None
    rows, mem, seeds = [], {}, {}
    try:
        if "postgres" in BACKENDS:
            cluster = PgCluster(name="audition-bench-pg")
            cluster.start()
        if "demo" in PARTS:
            nginx = Nginx()
            ceiling = Ceiling(nginx, response_bodies())
            for backend in BACKENDS:
                mem[backend] = bench_backend(backend, cluster, ceiling, rows)
            nginx.stop()
            nginx = None
        if SCALE > 0 and "scale" in PARTS:
            for backend in BACKENDS:
                seeds[backend] = bench_scale(backend, cluster, rows)
    finally:
        for srv in list(RUNNING):
            srv.stop()
        if nginx:
            nginx.stop()
        if cluster:
            cluster.destroy()
        if rows:   # also what a failed or interrupted run measured before it stopped
            write_results(rows, mem, seeds)


def interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, interrupted)   # unwind: stop nginx, servers, PostgreSQL
    main()
