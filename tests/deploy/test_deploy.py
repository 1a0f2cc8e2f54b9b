"""deploy/: `make install` with PREFIX/DESTDIR, the systemd unit checked by
`systemd-analyze verify`, the haproxy configuration checked by `haproxy -c`
and its retry policy (only safe methods are re-sent after reaching an instance)."""

import os
import re
import shutil
import subprocess
import tempfile

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", "build")
BIN = os.path.join(REPO, BUILD, "audition")


@pytest.fixture
def tmp():
    d = tempfile.mkdtemp(prefix="audition-deploy-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=REPO,
                          stdin=subprocess.DEVNULL, **kw)


def test_make_install_honours_prefix_and_destdir(tmp):
    p = run(["make", "--no-print-directory", "install", f"DESTDIR={tmp}", "PREFIX=/opt/audition",
             f"BUILD={BUILD}"])
    assert p.returncode == 0, p.stdout + p.stderr
    root = os.path.join(tmp, "opt/audition")
    binary = os.path.join(root, "bin/audition")
    assert os.access(binary, os.X_OK)
    for f in ("share/man/man1/audition.1", "share/doc/audition/deploy.md",
              "share/doc/audition/configuration.md", "share/audition/haproxy.cfg",
              "lib/systemd/system/audition.service"):
        assert os.path.isfile(os.path.join(root, f)), f
    # nothing outside DESTDIR/PREFIX
    assert sorted(os.listdir(tmp)) == ["opt"]
    unit = open(os.path.join(root, "lib/systemd/system/audition.service")).read()
    assert "ExecStart=/opt/audition/bin/audition serve" in unit
    h = run([binary, "help"])
    assert h.returncode == 0 and "serve" in h.stdout + h.stderr
    man = run(["man", "-l", "--warnings", os.path.join(root, "share/man/man1/audition.1")],
              env={**os.environ, "MANPAGER": "cat", "MANWIDTH": "80"})
    assert man.returncode == 0 and "audition - casting system API server" in man.stdout, man.stderr


def test_systemd_unit_verifies_and_is_sandboxed(tmp):
    assert shutil.which("systemd-analyze"), "systemd-analyze is missing (Debian package systemd)"
    src = open(os.path.join(REPO, "deploy/audition.service")).read()
    for directive in ("DynamicUser=yes", "ProtectSystem=strict", "StateDirectory=audition",
                      "NoNewPrivileges=yes", "ProtectHome=yes", "PrivateTmp=yes", "CapabilityBoundingSet=\n",
                      "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service"):
        assert directive in src, directive
    env_file = os.path.join(tmp, "audition.env")
    open(env_file, "w").close()
    unit = os.path.join(tmp, "audition.service")
    with open(unit, "w") as f:  # the real binary and an env file that exist here
        f.write(src.replace("/usr/bin/audition", BIN).replace("/etc/audition/audition.env", env_file))
    p = run(["systemd-analyze", "verify", unit])
    assert p.returncode == 0 and p.stdout + p.stderr == "", p.stdout + p.stderr


def test_systemd_verify_catches_a_broken_unit(tmp):
    """The check above is not vacuous: a typo in a directive fails it."""
    unit = os.path.join(tmp, "broken.service")
    with open(unit, "w") as f:
        f.write(f"[Service]\nExecStart={BIN} serve\nProtectSystem=strictly\nDynamicUsr=yes\n")
    p = run(["systemd-analyze", "verify", unit])
    out = p.stdout + p.stderr
    assert "strictly" in out and "DynamicUsr" in out, out


def haproxy_env():
    return {**os.environ, "LB_BIND": "127.0.0.1:1", "AUDITION_1": "127.0.0.1:2",
            "AUDITION_2": "127.0.0.1:3", "AUDITION_3": "127.0.0.1:4"}


def test_haproxy_config_is_valid():
    assert shutil.which("haproxy"), "haproxy is missing (Debian package haproxy)"
    p = run(["haproxy", "-c", "-f", "deploy/haproxy.cfg"], env=haproxy_env())
    assert p.returncode == 0, p.stdout + p.stderr


def test_haproxy_retries_only_safe_methods_after_sending():
    cfg = open(os.path.join(REPO, "deploy/haproxy.cfg")).read()
    lines = [ln.split("#")[0].strip() for ln in cfg.splitlines()]
    assert "option redispatch 1" in lines
    retry_on = [ln for ln in lines if ln.startswith("retry-on ")]
    assert len(retry_on) == 1 and "conn-failure" in retry_on[0]
    assert "acl safe_to_repeat method GET HEAD OPTIONS" in lines
    assert "http-request disable-l7-retry unless safe_to_repeat" in lines
    assert any(re.match(r"http-check send meth GET uri /readyz", ln) for ln in lines)
    assert any("deny" in ln and "/metrics" in ln for ln in lines)
