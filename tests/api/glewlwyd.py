"""A real OIDC provider for the interop tests: Debian's glewlwyd, run privately.

This module owns starting `glewlwyd` on 127.0.0.1 with a private port, config
file and SQLite database (the package's own schema, which seeds admin/password)
in a temp dir, configuring it through its admin REST API (scopes, an OIDC
plugin instance with an RS256 key made by openssl, users, clients), obtaining
real access tokens through OAuth2 grants, and stopping it with SIGTERM. It
installs nothing: scripts/install-deps does. See
/work/shared/design/oidc-interop.md for the pitfalls worked around here.
"""

import base64
import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse

import requests

from pgharness import free_port

BINARY = "/usr/bin/glewlwyd"
SCHEMA = "/usr/share/dbconfig-common/data/glewlwyd/install/sqlite3"
PLUGIN = "oidc"   # the plugin instance name: endpoints live under /api/oidc/

SYSTEM_CONFIG = "/etc/glewlwyd/glewlwyd.conf"
# Settings replaced in the package's own config file (the rest is kept as shipped).
OVERRIDES = {
    "port": "{port}",
    "external_url": '"{url}"',
    "log_mode": '"console"',
    "log_level": '"WARNING"',
    "cookie_domain": '"127.0.0.1"',
    "cookie_secure": "0",
    "max_post_size": "1048576",
}


def private_config(port, url, db):
    """The package's glewlwyd.conf on a private port, loopback, with our SQLite file."""
    out = [f'bind_address="127.0.0.1"']
    with open(SYSTEM_CONFIG, encoding="utf-8") as f:
        lines = f.read().splitlines()
    in_db = False
    for line in lines:
        key = line.split("=", 1)[0].strip()
        if key == "database":
            in_db = True
            continue
        if in_db:
            in_db = not line.strip().startswith("};")
            continue
        if key in OVERRIDES or key == "bind_address":
            continue
        out.append(line)
    for k, v in OVERRIDES.items():
        out.append(f"{k}={v.format(port=port, url=url)}")
    out.append(f'database = {{\n  type = "sqlite3"\n  path = "{db}"\n}};')
    return "\n".join(out) + "\n"


class GlewlwydError(AssertionError):
    pass


def available():
    """Why glewlwyd cannot run here, or None when it can."""
    for path in (BINARY, SCHEMA, SYSTEM_CONFIG, "/usr/bin/sqlite3", "/usr/bin/openssl"):
        if not os.path.exists(path):
            return f"{path} is missing: run scripts/install-deps (package glewlwyd, sqlite3, openssl)"
    return None


class Glewlwyd:
    """One private glewlwyd: start(), configure via admin API, grants, stop()."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="audition-glewlwyd-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.issuer = self.url + "/"          # the `iss` of its tokens
        self.jwks_url = f"{self.url}/api/{PLUGIN}/jwks"
        self.token_url = f"{self.url}/api/{PLUGIN}/token"
        self.log_path = os.path.join(self.tmp, "glewlwyd.log")
        self.proc = None
        self.admin = self._session()

    @staticmethod
    def _session():
        s = requests.Session()
        s.trust_env = False
        return s

    # -- process ---------------------------------------------------------
    def start(self, timeout=15.0):
        why = available()
        if why:
            raise GlewlwydError(why)
        db = os.path.join(self.tmp, "glewlwyd.db")
        with open(SCHEMA, "rb") as schema:
            subprocess.run(["sqlite3", db], stdin=schema, check=True, capture_output=True, timeout=30)
        conf = os.path.join(self.tmp, "glewlwyd.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(private_config(self.port, self.url, db))
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([BINARY, "-c", conf], cwd=self.tmp, stdout=log, stderr=log,
                                         stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise GlewlwydError(f"glewlwyd exited {self.proc.returncode} at start\n" + self.log_tail())
            try:
                r = self.admin.get(self.url + "/config", timeout=2)
                if r.status_code == 200:
                    return self
                last = f"GET /config -> {r.status_code}"
            except requests.RequestException as e:
                last = repr(e)
            time.sleep(0.05)
        self.stop()
        raise GlewlwydError(f"glewlwyd not ready within {timeout}s ({last})\n" + self.log_tail())

    def stop(self, timeout=10.0):
        """SIGTERM (then SIGKILL after timeout); removes the temp dir. Returns the exit code."""
        code = None
        for s in (self.admin,):
            s.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        elif self.proc is not None:
            code = self.proc.returncode
        if os.environ.get("AUDITION_KEEP_TMP") != "1":
            shutil.rmtree(self.tmp, ignore_errors=True)
        return code

    def log_tail(self, n=4000):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return "--- glewlwyd log ---\n" + f.read()[-n:]
        except OSError:
            return "--- glewlwyd log: unreadable ---"

    # -- admin API -------------------------------------------------------
    def _admin(self, method, path, body=None, ok=(200,)):
        r = self.admin.request(method, f"{self.url}/api{path}", json=body, timeout=10)
        if r.status_code not in ok:
            raise GlewlwydError(f"glewlwyd {method} /api{path} -> {r.status_code} {r.text[:500]}\n"
                                + self.log_tail())
        return r

    def login_admin(self):
        self._admin("POST", "/auth/", {"username": "admin", "password": "password"})

    def add_scopes(self, names):
        for name in names:
            self._admin("POST", "/scope/", {"name": name, "display_name": name, "description": name,
                                            "password_required": False, "password_max_age": 0,
                                            "scheme": {}})

    def declare_user_property(self, name):
        """Lets users carry a list property `name` (the database backend's data-format)."""
        mod = self._admin("GET", "/mod/user/database").json()
        mod["parameters"].setdefault("data-format", {})[name] = {
            "multiple": True, "read": True, "write": True, "profile-read": False, "profile-write": False}
        body = {k: mod[k] for k in ("module", "name", "display_name", "parameters", "order_rank", "readonly")
                if k in mod}
        self._admin("PUT", "/mod/user/database", body)
        self._admin("PUT", "/mod/user/database/reset")   # a changed module needs a reset

    def add_oidc_plugin(self, scopes, resources=(), user_claims=()):
        """The OIDC plugin; user_claims names user properties copied into access tokens
        (glewlwyd joins a list property with commas)."""
        key = os.path.join(self.tmp, "oidc-key.pem")
        pub = os.path.join(self.tmp, "oidc-pub.pem")
        subprocess.run(["openssl", "genrsa", "-out", key, "2048"], check=True, capture_output=True, timeout=60)
        subprocess.run(["openssl", "rsa", "-in", key, "-pubout", "-out", pub], check=True,
                       capture_output=True, timeout=60)
        with open(key, encoding="ascii") as f:
            key_pem = f.read()
        with open(pub, encoding="ascii") as f:
            pub_pem = f.read()
        os.unlink(key)
        params = {
            "iss": self.issuer, "jwt-type": "rsa", "jwt-key-size": "256", "key": key_pem, "cert": pub_pem,
            "access-token-duration": 3600, "refresh-token-duration": 3600, "code-duration": 600,
            "refresh-token-rolling": False, "allow-non-oidc": True,
            "auth-type-code-enabled": True, "auth-type-token-enabled": False,
            "auth-type-id-token-enabled": True, "auth-type-none-enabled": False,
            "auth-type-password-enabled": True, "auth-type-client-enabled": True,
            "auth-type-device-enabled": False, "auth-type-refresh-enabled": True,
            "scope": [], "claims": [],
            "additional-parameters": [{"user-parameter": c, "token-parameter": c, "token-changed": False}
                                      for c in user_claims],
            "jwks-show": True, "request-parameter-allow": False,
            "name-claim": "no", "email-claim": "no", "scope-claim": "no",
            "allowed-scope": ["openid"] + list(scopes),
            "pkce-allowed": True, "pkce-method-plain-allowed": False,
            "introspection-revocation-allowed": False, "register-client-allowed": False,
            "session-management-allowed": False,
            # RFC 8707: `resource` becomes `aud` when the client lists it (property "resource")
            "resource-allowed": True, "resource-scope": {name: list(resources) for name in scopes}, "resource-client-property": "resource",
            "resource-scope-and-client-property": False,
        }
        self._admin("POST", "/mod/plugin/", {"module": "oidc", "name": PLUGIN, "display_name": "OIDC",
                                             "parameters": params, "order_rank": 0})

    def add_user(self, username, password, scopes, **properties):
        self._admin("POST", "/user/", {"username": username, "password": password, "name": username,
                                       "enabled": True, "scope": list(scopes), **properties})

    def add_client(self, client_id, secret, scopes, redirect_uri="http://127.0.0.1/callback", resources=()):
        self._admin("POST", "/client/", {
            "client_id": client_id, "name": client_id, "confidential": True, "client_secret": secret,
            "token_endpoint_auth_method": ["client_secret_basic", "client_secret_post"],
            "enabled": True, "scope": list(scopes), "redirect_uri": [redirect_uri],
            "authorization_type": ["code", "client_credentials", "password", "refresh_token"],
            "resource": list(resources),
        })

    # -- grants ----------------------------------------------------------
    def _token(self, form, auth):
        with self._session() as s:
            r = s.post(self.token_url, data=form, auth=auth, timeout=10)
        return r

    def client_credentials(self, client_id, secret, scopes, resource=None):
        form = {"grant_type": "client_credentials", "scope": " ".join(scopes)}
        if resource:
            form["resource"] = resource
        return self._token(form, (client_id, secret))

    def password_grant(self, client_id, secret, username, password, scopes):
        form = {"grant_type": "password", "username": username, "password": password,
                "scope": " ".join(scopes)}
        return self._token(form, (client_id, secret))

    def authorization_code_pkce(self, client_id, secret, username, password, scopes,
                                redirect_uri="http://127.0.0.1/callback"):
        """The authorization code grant with PKCE (S256), driven like a browser would:
        log the user in, record their consent, follow /auth to the redirect, then
        exchange the code. Returns the /token response."""
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest())
        challenge = challenge.rstrip(b"=").decode("ascii")
        scope = " ".join(scopes)
        with self._session() as browser:
            r = browser.post(f"{self.url}/api/auth/", json={"username": username, "password": password},
                             timeout=10)
            if r.status_code != 200:
                raise GlewlwydError(f"user login -> {r.status_code} {r.text[:300]}")
            # consent: scopes space-separated (commas give 401)
            r = browser.put(f"{self.url}/api/auth/grant/{client_id}", json={"scope": scope}, timeout=10)
            if r.status_code != 200:
                raise GlewlwydError(f"consent -> {r.status_code} {r.text[:300]}")
            state = secrets.token_urlsafe(16)
            query = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
                     "scope": scope, "state": state, "nonce": secrets.token_urlsafe(16),
                     "code_challenge": challenge, "code_challenge_method": "S256", "g_continue": ""}
            r = browser.get(f"{self.url}/api/{PLUGIN}/auth", params=query, allow_redirects=False,
                            timeout=10)
            location = r.headers.get("Location", "")
            if r.status_code != 302 or not location.startswith(redirect_uri):
                raise GlewlwydError(f"/auth -> {r.status_code} Location {location[:300]!r}")
            got = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
            if got.get("state") != [state] or "code" not in got:
                raise GlewlwydError(f"/auth redirect without code/state: {location[:300]!r}")
        form = {"grant_type": "authorization_code", "code": got["code"][0], "redirect_uri": redirect_uri,
                "code_verifier": verifier}
        return self._token(form, (client_id, secret))
