"""The server under test, as a process, and a small HTTP client for it.

This module owns running `$AUDITION_BIN seed` and `$AUDITION_BIN serve` in a
temp dir, waiting for `GET /`, stopping with SIGTERM (exit 0 required) and
reading the sanitizer verdict from its stderr; and `Server.req`, which sends
a request with a role's token and checks every response against
docs/openapi.json (openapi.py). Assertions about the contract live in
checks.py and the test modules, not here.
"""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

import requests

import openapi
from pgharness import free_port

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ORIGINS = "http://allowed.example,http://second.example"
SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "runtime error:", "LeakSanitizer")
# Variables of the environment that would change the server's configuration.
SCRUB = ("DATABASE_URL", "HYDRATE_DB", "AUTH0_DOMAIN", "API_AUDIENCE", "ALGORITHMS",
         "AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_JWKS_URL", "ORIGINS", "HOST", "PORT", "DATA_DIR",
         "LOG_FORMAT", "METRICS_TOKEN", "ACCESS_LOG", "DATABASE_READ_URL", "SHARE_RATE_LIMIT")


def binary() -> str:
    path = os.environ.get("AUDITION_BIN", "build/audition")
    if not os.path.isabs(path):
        path = os.path.join(REPO, path)
    return path


class ServerError(AssertionError):
    pass


# Every Server made in this session, in order (the report hook shows their stderr).
MADE = []


class Server:
    """One `audition serve` on its own database and port."""

    def __init__(self, backend, db_url, jwks_path, keys, db_cleanup=None, name="server"):
        MADE.append(self)
        self.backend = backend
        self.db_url = db_url
        self.keys = keys
        self.db_cleanup = db_cleanup
        self.tmp = tempfile.mkdtemp(prefix=f"audition-{name}-{backend}-")
        self.port = None
        self.url = None
        self.proc = None
        self.stderr_path = os.path.join(self.tmp, "stderr.log")
        self.stdout_path = os.path.join(self.tmp, "stdout.log")
        self.jwks_path = jwks_path
        self.readonly = False
        self.prefix = []  # a command to run `serve` under (e.g. setpriv to drop root)
        self.http = requests.Session()
        self.http.trust_env = False  # no proxies from the environment
        self._tokens = {}
        self.extra_env = {}  # more variables for `serve` and the CLI (e.g. LOG_FORMAT, the built-in issuer)

    # -- process ---------------------------------------------------------
    def env(self, **extra):
        env = {k: v for k, v in os.environ.items() if k not in SCRUB and not k.startswith("PG")}
        env.update({
            "DATABASE_URL": self.db_url,
            "HOST": "127.0.0.1",
            "DATA_DIR": self.tmp,
            "ORIGINS": ORIGINS,
            "AUTH_JWKS_URL": "file://" + self.jwks_path,
            "AUTH_ISSUER": "https://test-issuer.audition.local/",
            "AUTH_AUDIENCE": "audition-api",
        })
        if self.port:
            env["PORT"] = str(self.port)
        env.update(self.extra_env)
        env.update(extra)
        return env

    def cli(self, *args, timeout=60, input=None):
        """Runs `audition ARGS` with this server's configuration (stdin: input or nothing)."""
        stdin = {"input": input} if input is not None else {"stdin": subprocess.DEVNULL}
        return subprocess.run([binary(), *args], env=self.env(), cwd=self.tmp,
                              capture_output=True, text=True, timeout=timeout, **stdin)

    def seed(self):
        p = self.cli("seed")
        if p.returncode != 0:
            raise ServerError(f"`audition seed` exited {p.returncode}\nstdout:\n{p.stdout}"
                              f"\nstderr:\n{p.stderr}")

    def start(self, timeout=10.0):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.http = requests.Session()
        self.http.trust_env = False
        with open(self.stderr_path, "ab") as err, open(self.stdout_path, "ab") as out:
            self.proc = subprocess.Popen([*self.prefix, binary(), "serve"], env=self.env(), cwd=self.tmp,
                                         stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(f"`audition serve` exited {self.proc.returncode} at start\n"
                                  + self.stderr_tail())
            try:
                r = self.http.get(self.url + "/", timeout=2, headers={"Accept": "application/json"})
                if r.status_code == 200:
                    return self
                last = f"GET / -> {r.status_code} {r.text[:200]}"
            except requests.RequestException as e:
                last = repr(e)
            time.sleep(0.05)
        self.kill()
        raise ServerError(f"server not ready within {timeout}s ({last})\n" + self.stderr_tail())

    def stop(self, timeout=10.0):
        """SIGTERM; returns the exit code (None if it had to be killed)."""
        self.http.close()
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stderr_text(self):
        try:
            with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stderr_tail(self, n=8000):
        text = self.stderr_text()
        return f"--- server stderr ({self.stderr_path}) ---\n" + (text[-n:] or "(empty)")

    def shutdown_and_check(self):
        """Teardown: SIGTERM → exit 0 within 10 s, and a clean sanitizer report."""
        try:
            code = self.stop()
            problems = []
            if code != 0:
                problems.append(f"server did not exit 0 within 10 s of SIGTERM (exit {code})")
            text = self.stderr_text()
            for marker in SANITIZER_MARKERS:
                if marker in text:
                    problems.append(f"server stderr contains {marker!r}")
            if problems:
                raise ServerError("; ".join(problems) + "\n" + self.stderr_tail(20000))
        finally:
            if self.db_cleanup:
                try:
                    self.db_cleanup()
                except Exception:  # noqa: BLE001 - cleanup must not hide the verdict
                    pass
            if os.environ.get("AUDITION_KEEP_TMP") != "1":
                shutil.rmtree(self.tmp, ignore_errors=True)

    # -- HTTP ------------------------------------------------------------
    def token(self, role):
        if role not in self._tokens:
            self._tokens[role] = self.keys.role_token(role)
        return self._tokens[role]

    def req(self, method, path, role="producer", token=None, body=None, data=None,
            headers=None, content_type=None, timeout=15):
        """One request. role=None sends no Authorization; token= overrides role.

        `body` is serialised compactly with Content-Type application/json (unless
        content_type says otherwise); `data` (str/bytes) is sent as is, with
        content_type if given and no Content-Type at all otherwise.
        """
        if self.readonly and method not in ("GET", "HEAD", "OPTIONS"):
            raise AssertionError("this server is read-only for tests: use `server` or `fresh`")
        hdrs = {}
        if token is not None:
            hdrs["Authorization"] = "Bearer " + token
        elif role is not None:
            hdrs["Authorization"] = "Bearer " + self.token(role)
        if body is not None:
            data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            hdrs["Content-Type"] = content_type or "application/json"
        elif content_type is not None:
            hdrs["Content-Type"] = content_type
        if isinstance(data, str):
            data = data.encode("utf-8")
        hdrs.update(headers or {})
        hdrs = {k: v for k, v in hdrs.items() if v is not None}
        try:
            r = self.http.request(method, self.url + path, data=data, headers=hdrs,
                                  timeout=timeout, allow_redirects=False)
        except requests.RequestException as e:
            size = "chunked" if data is not None and not isinstance(data, bytes) else \
                f"{len(data or b'')}-byte body"
            raise AssertionError(f"{method} {path} ({size}, Content-Type "
                                 f"{hdrs.get('Content-Type')!r}): no HTTP response: {e}") from None
        openapi.check_response(r)  # every response must be the one docs/openapi.json describes
        return r

    def get(self, path, role="producer", **kw):
        return self.req("GET", path, role=role, **kw)

    def post(self, path, body=None, role="producer", **kw):
        return self.req("POST", path, role=role, body=body, **kw)

    def patch(self, path, ops, role="producer", content_type="application/json-patch+json", **kw):
        """`ops` is always sent as JSON, even None (→ `null`)."""
        data = json.dumps(ops, separators=(",", ":"), ensure_ascii=False)
        return self.req("PATCH", path, role=role, data=data, content_type=content_type, **kw)

    def delete(self, path, role="producer", **kw):
        return self.req("DELETE", path, role=role, **kw)
