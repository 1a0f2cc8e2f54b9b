"""`audition user …`: add, list, set-role, passwd, disable, enable, delete and
init-demo, with passwords on stdin (never argv), their rules and exit codes
(0 done, 1 runtime error such as an unknown user, 2 usage)."""

import os
import stat

from checks import body, error
from identity import PASSWORD, add_user, local, login  # noqa: F401 (fixture)


def run(srv, *args, input=None):
    return srv.cli("user", *args, input=input)


def test_add_and_list(local):
    add_user(local, "kim", "producer", display="Kim Ki")
    p = run(local, "list")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].split()[:3] == ["USERNAME", "ROLE", "STATE"]
    row = [line for line in lines if line.startswith("kim ")][0].split()
    assert row[1:3] == ["producer", "enabled"] and row[-2:] == ["Kim", "Ki"]
    assert PASSWORD not in p.stdout and "argon2" not in p.stdout


def test_password_rules(local):
    p = run(local, "add", "lena", "--role", "assistant", input="short\n")
    assert p.returncode == 2 and "10 characters" in p.stderr
    p = run(local, "add", "lenalenalena", "--role", "assistant", input="LENALENALENA\n")
    assert p.returncode == 2 and "username" in p.stderr
    p = run(local, "add", "lena", "--role", "assistant", input="")
    assert p.returncode == 2, "no password at all"
    assert "lena" not in run(local, "list").stdout, "nothing was created"


def test_usage_errors_exit_2(local):
    for args in (["add", "x"], ["add", "x", "--role", "boss"], ["add", "bad name", "--role", "director"],
                 ["add", "x", "--role", "director", "--password", "abcdefghijkl"], ["set-role", "x"],
                 ["set-role", "x", "boss"], ["frobnicate"], []):
        p = run(local, *args, input=PASSWORD + "\n")
        assert p.returncode == 2, (args, p.returncode, p.stderr)
        assert p.stderr.strip()


def test_names_are_unique_ignoring_case(local):
    add_user(local, "Mia")
    p = run(local, "add", "MIA", "--role", "producer", input=PASSWORD + "\n")
    assert p.returncode == 1 and "exists" in p.stderr


def test_unknown_users_exit_1(local):
    for verb in ("disable", "enable", "delete", "passwd"):
        p = run(local, verb, "nobody", input=PASSWORD + "\n")
        assert p.returncode == 1, (verb, p.returncode, p.stderr)
    assert run(local, "set-role", "nobody", "producer").returncode == 1


def test_set_role_changes_the_next_token(local):
    add_user(local, "nick", "assistant")
    assert body(login(local, "nick"), 200)["user"]["role"] == "assistant"
    assert run(local, "set-role", "nick", "producer").returncode == 0
    b = body(login(local, "nick"), 200)
    assert b["user"]["role"] == "producer"
    assert "delete:movies" in b["user"]["permissions"]


def test_passwd_replaces_the_password(local):
    add_user(local, "olga")
    p = run(local, "passwd", "olga", input="a brand new password\n")
    assert p.returncode == 0, p.stderr
    error(login(local, "olga"), 401)
    body(login(local, "olga", "a brand new password"), 200)
    assert run(local, "passwd", "olga", input="OLGA\n").returncode == 2
    assert run(local, "passwd", "olga", input="tiny\n").returncode == 2


def test_disable_enable_delete(local):
    add_user(local, "pete")
    assert run(local, "disable", "pete").returncode == 0
    assert "disabled" in [line for line in run(local, "list").stdout.splitlines() if line.startswith("pete ")][0]
    error(login(local, "pete"), 401)
    assert run(local, "enable", "pete").returncode == 0
    body(login(local, "pete"), 200)
    assert run(local, "delete", "pete").returncode == 0
    error(login(local, "pete"), 401)
    assert "pete" not in run(local, "list").stdout


def test_init_demo_creates_three_users_once(local):
    path = os.path.join(local.tmp, "demo-credentials.txt")
    p = run(local, "init-demo", "--credentials", path)
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path) as f:
        creds = dict(line.split() for line in f if line.strip() and not line.startswith("#"))
    assert set(creds) == {"assistant", "director", "producer"}
    assert len(set(creds.values())) == 3 and all(len(pw) >= 20 for pw in creds.values())
    for name, pw in creds.items():
        assert pw in p.stdout, "printed once"
        assert body(login(local, name, pw), 200)["user"]["role"] == name
    again = run(local, "init-demo", "--credentials", path + ".2")
    assert again.returncode == 0 and again.stdout == "" and not os.path.exists(path + ".2")
