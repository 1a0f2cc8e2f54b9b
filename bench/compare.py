#!/usr/bin/env python3
"""Compares audition binaries on one read scenario, in one run.

    bench/compare.py PATH BINARY [BINARY ...]      e.g. /actors/1 build/audition /tmp/old-audition

Each binary serves its own copy of the demo data (SQLite); rounds interleave
nginx (the ceiling, as in run.py) and every binary at BENCH_CONNECTIONS
(default 32). Prints req/s, the ratio to nginx and the server's CPU time per
request (user + system from /proc, over the run): on a shared machine the CPU
per request is steadier than req/s. Environment: BENCH_DURATION (s, default
4), BENCH_ROUNDS (default 3). Nothing is written to RESULTS.md.
"""
import os
import sys
import tempfile
import shutil

os.environ.setdefault("BENCH_DURATION", "4")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the harness: nginx, wrk, Audition)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNS = int(os.environ.get("BENCH_CONNECTIONS", "32").split(",")[0])


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def median(xs):
    return sorted(xs)[len(xs) // 2]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, binaries = sys.argv[1], [os.path.abspath(b) for b in sys.argv[2:]]
    nginx = run.Nginx()
    servers = []
    try:
        ceiling = run.Ceiling(nginx, run.response_bodies())
        if path not in ceiling.urls:
            sys.exit(f"{path}: not a read scenario of run.py ({', '.join(p for _, _, p in run.READS)})")
        for b in binaries:
            run.BIN = b
            tmp = tempfile.mkdtemp(prefix="audition-compare-")
            srv = run.Audition("sqlite:///" + os.path.join(tmp, "demo.db"), tmp)
            srv.run("seed")
            srv.start()
            token = srv.run("token", "--role", "producer")
            run.make_bench_rows(srv, token)
            servers.append((b, srv, token, tmp))
        results = {b: [] for b in binaries}
        for r in range(ROUNDS):
            for b, srv, token, _ in servers:
                ceil = ceiling.measure(path, CONNS)["rps"]
                before = cpu_seconds(srv.proc.pid)
                w = run.wrk(srv.url + path, CONNS, "get.lua", {"TOKEN": token})
                us = (cpu_seconds(srv.proc.pid) - before) * 1e6 / max(w["requests"], 1)
                results[b].append((w["rps"] / ceil, us))
                print(f"round {r + 1}  {b}: {w['rps']:8.0f} req/s  {w['rps'] / ceil:5.2f} of nginx  "
                      f"p99 {w['p99_us'] / 1000:.2f} ms  {us:5.1f} µs CPU a request", flush=True)
        print(f"\n{path} at {CONNS} connections, {ROUNDS} rounds of {run.DURATION} s (medians):")
        for b in binaries:
            print(f"  {median([x[1] for x in results[b]]):5.1f} µs CPU a request  "
                  f"{median([x[0] for x in results[b]]):5.2f} of nginx  {b}")
    finally:
        for _, srv, _, tmp in servers:
            srv.stop()
            shutil.rmtree(tmp, ignore_errors=True)
        nginx.stop()


if __name__ == "__main__":
    main()
