"""Direct SQL on a test server's database, for what the API cannot do or
must not show: making roles and candidates without the roles endpoints
(another feature's), moving a share link's expiry into the past, and
inspecting what is stored (the token only as a hash). SQLite through the
sqlite3 module, PostgreSQL through the session cluster's psql."""

import sqlite3
import time


def sql(server, pg, statement):
    """Runs one statement on server's database; the rows as tuples of strings."""
    if server.backend == "sqlite":
        path = server.db_url[len("sqlite://"):]
        con = sqlite3.connect(path, timeout=10)
        # The audit triggers (0008_audit) call the server's audition_subject();
        # NULL, as outside any request: test setup is not logged.
        con.create_function("audition_subject", 0, lambda: None)
        try:
            with con:
                rows = con.execute(statement).fetchall()
        finally:
            con.close()
        return [tuple("" if v is None else str(v) for v in row) for row in rows]
    db = server.db_url.rsplit("/", 1)[1]
    out = pg.get().psql(statement, db=db)
    return [tuple(line.split("|")) for line in out.splitlines() if line]


def make_role(server, pg, movie_id, name, candidates=(), description=None, age_min=None,
              age_max=None, gender=None):
    """A role of movie_id with candidates [(actor_id, stage, rating, notes, tags_json)]; its id."""
    def lit(v):
        return "NULL" if v is None else (str(v) if isinstance(v, int) else "'" + v.replace("'", "''") + "'")
    rid = int(sql(server, pg, "INSERT INTO roles (movie_id, name, description, gender, age_min, age_max) VALUES "
                  f"({movie_id}, {lit(name)}, {lit(description)}, {lit(gender)}, {lit(age_min)}, "
                  f"{lit(age_max)}) RETURNING id")[0][0])
    now = int(time.time())
    for actor, stage, rating, notes, tags in candidates:
        sql(server, pg, "INSERT INTO candidates (role_id, actor_id, stage, rating, notes, tags, created_at, "
            f"updated_at) VALUES ({rid}, {actor}, {lit(stage)}, {lit(rating)}, {lit(notes)}, {lit(tags)}, "
            f"{now}, {now}) RETURNING role_id")
    return rid
