#!/usr/bin/env python3
"""Writes Audition.postman_collection.json from the cases below (the collection
is data: request -> expected status and body). Run it after changing a case;
tests/api/test_postman.py fails when the committed collection is stale.

The requests run in order on a freshly seeded database (`audition seed`): later
requests use ids that earlier ones saved in collection variables. Tokens come
from the environment: tokenAssistant, tokenDirector, tokenProducer, and a
built-in director user to sign in as: loginUsername, loginPassword.

usage: postman/make_collection.py            (rewrites the collection)
       postman/make_collection.py --check    (exit 1 if the file is stale)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Audition.postman_collection.json")
ROLES = ("assistant", "director", "producer")
TOKEN = {"assistant": "{{tokenAssistant}}", "director": "{{tokenDirector}}",
         "producer": "{{tokenProducer}}"}
PHRASE = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
          405: "Method Not Allowed", 409: "Conflict", 412: "Precondition Failed", 415: "Unsupported Media Type"}
# api.md's table: who may do what.
ALLOWED = {
    "read:movies": ROLES, "read:actors": ROLES,
    "create:actors": ("director", "producer"), "modify:actors": ("director", "producer"),
    "delete:actors": ("director", "producer"), "modify:movies": ("director", "producer"),
    "create:casts": ("director", "producer"), "delete:casts": ("director", "producer"),
    "create:movies": ("producer",), "delete:movies": ("producer",),
}

# Checks run after every request: JSON bodies have their keys in alphabetical
# order, and error bodies are the contract's shape.
COLLECTION_TEST = r"""
const text = pm.response.text();
const ctype = (pm.response.headers.get('Content-Type') || '').split(';')[0].trim();
const isDocument = pm.request.url.getPath().endsWith('/openapi.json');  // a document, not an API answer
if (text.length > 0 && !isDocument && (ctype === 'application/json' || ctype.endsWith('+json'))) {
  const sorted = (v) => {
    if (Array.isArray(v)) return v.every(sorted);
    if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      return keys.every((k, i) => i === 0 || keys[i - 1] < k) && keys.every((k) => sorted(v[k]));
    }
    return true;
  };
  pm.test('keys are in alphabetical order', () => pm.expect(sorted(JSON.parse(text))).to.be.true);
  if (pm.response.code >= 400) {
    pm.test('error body is {error, message?, success: false}', () => {
      const b = JSON.parse(text);
      pm.expect(b.success).to.equal(false);
      pm.expect(b.error).to.be.a('string');
      pm.expect(Object.keys(b).filter((k) => !['error', 'message', 'success'].includes(k))).to.eql([]);
    });
  }
}
""".strip().splitlines()


def js(v):
    return json.dumps(v, ensure_ascii=False)


def case(name, method, path, role=None, body=None, ctype=None, raw=None, headers=None,
         status=200, checks=(), save=None, error=None):
    """One request. checks: JS lines run with `b` = the parsed body; save: {var: JS expr}."""
    tests = [f"pm.test('status is {status}', () => pm.response.to.have.status({status}));"]
    if status in (204, 304):
        tests.append("pm.test('no body', () => pm.expect(pm.response.text()).to.equal(''));")
    elif status >= 400:
        tests.append(f"pm.test('error is {PHRASE[status]}', () => "
                     f"pm.expect(pm.response.json().error).to.equal({js(PHRASE[status])}));")
    elif path.startswith("/docs/") or path.startswith("/app") or path.endswith(".csv") or path in ("/openapi.json", "/metrics", "/.well-known/jwks.json",
                                               "/.well-known/openid-configuration", "/auth/login"):
        pass
    elif path.split("?")[0].endswith(".ics"):   # auditions: a calendar, not JSON
        pass
    else:
        tests.append("pm.test('success is true', () => pm.expect(pm.response.json().success).to.equal(true));")
    if checks or save:
        tests.append("const b = pm.response.code < 300 && /json/.test(pm.response.headers.get('Content-Type') || '') "
                     "&& pm.response.text() ? pm.response.json() : {};")
    for c in checks:
        tests.append(f"pm.test({js(c)}, () => {{ {c}; }});")
    for var, expr in (save or {}).items():
        tests.append(f"pm.collectionVariables.set({js(var)}, {expr});")
    hdrs = []
    if role:
        hdrs.append({"key": "Authorization", "value": "Bearer " + TOKEN[role]})
    if body is not None or raw is not None:
        hdrs.append({"key": "Content-Type", "value": ctype or "application/json"})
    for k, v in (headers or {}).items():
        hdrs.append({"key": k, "value": v})
    url_path, _, query = path.partition("?")
    url = {"raw": "{{baseUrl}}" + path, "host": ["{{baseUrl}}"],
           "path": [p for p in url_path.split("/") if p] + ([""] if url_path.endswith("/") and url_path != "/" else [])}
    if query:
        url["query"] = [{"key": k, "value": v} for k, _, v in (q.partition("=") for q in query.split("&"))]
    request = {"method": method, "header": hdrs, "url": url}
    if body is not None or raw is not None:
        request["body"] = {"mode": "raw", "raw": raw if raw is not None else json.dumps(body, indent=2)}
    if role is None:
        request["auth"] = {"type": "noauth"}
    return {"name": name, "event": [{"listen": "test", "script": {"type": "text/javascript",
                                                                   "exec": tests}}],
            "request": request}


def by_role(name, method, path, perm, ok_status, ok_checks=(), **kw):
    """The request for every role: allowed roles get ok_status, others 403."""
    out = []
    for role in ROLES:
        if role in ALLOWED[perm]:
            out.append(case(f"{name} as {role}", method, path, role, status=ok_status, checks=ok_checks, **kw))
        else:
            out.append(case(f"{name} as {role}: forbidden", method, path, role, status=403,
                            body=kw.get("body"), raw=kw.get("raw"), ctype=kw.get("ctype")))
    return out


def service():
    return {"name": "Service", "item": [
        case("Health (no token)", "GET", "/", checks=["pm.expect(b).to.eql({success: true})"]),
        case("The local issuer's JWKS", "GET", "/.well-known/jwks.json",
             checks=["pm.expect(b.keys).to.be.an('array').that.is.not.empty"]),
        case("The API description", "GET", "/openapi.json",
             checks=["pm.expect(b.openapi).to.match(/^3\\.1/)", "pm.expect(b.paths).to.have.property('/movies')"]),
        case("The API reference page", "GET", "/docs/",
             checks=["pm.expect(pm.response.text()).to.include('swagger-ui-bundle.js')"]),
        case("Web app sign-in settings", "GET", "/auth/config",
             checks=["pm.expect(b).to.have.property('builtinLogin')", "pm.expect(b).to.have.property('oidc')"]),
        case("Web app (redirected to /app/)", "GET", "/app",
             checks=["pm.expect(pm.response.text()).to.include('<div id=\"root\">')"]),
        case("Web app client route (index.html)", "GET", "/app/movies",
             checks=["pm.expect(pm.response.text()).to.include('<div id=\"root\">')"]),
        case("Liveness probe", "GET", "/healthz", checks=["pm.expect(b).to.eql({status: 'alive', success: true})"]),
        case("Readiness probe", "GET", "/readyz", checks=["pm.expect(b.status).to.equal('ready')"]),
        case("Metrics (from loopback)", "GET", "/metrics",
             checks=["pm.expect(pm.response.headers.get('Content-Type')).to.match(/^text\\/plain/)"]),
        case("Unknown path", "GET", "/nope", role="producer", status=404),
        case("Non-numeric id", "GET", "/movies/boom", role="producer", status=404),
        case("Wrong method", "PATCH", "/movies", role="producer", raw="[]",
             ctype="application/json-patch+json", status=405,
             checks=["pm.expect(pm.response.headers.get('Allow')).to.include('GET')"]),
    ]}


def authentication():
    return {"name": "Authentication", "item": [
        case("No token", "GET", "/movies", status=401,
             checks=["pm.expect(pm.response.headers.get('WWW-Authenticate')).to.match(/^Bearer/)"]),
        case("Malformed token", "GET", "/movies", headers={"Authorization": "Bearer not-a-jwt"}, status=401),
        case("Wrong scheme", "GET", "/movies", headers={"Authorization": "Basic dXNlcjpwdw=="}, status=401),
        case("Assistant posting garbage gets 403, not 400", "POST", "/movies", role="assistant",
             raw="{garbage", status=403),
    ]}


def identity():
    return {"name": "Identity", "item": [
        case("Discovery document", "GET", "/.well-known/openid-configuration", checks=[
            "pm.expect(b.jwks_uri).to.match(/\\/\\.well-known\\/jwks\\.json$/)",
            "pm.expect(b.login_endpoint).to.match(/\\/auth\\/login$/)"]),
        case("Sign in", "POST", "/auth/login",
             body={"username": "{{loginUsername}}", "password": "{{loginPassword}}"},
             checks=["pm.expect(b.tokenType).to.equal('Bearer')", "pm.expect(b.expiresIn).to.be.above(0)",
                     "pm.expect(b.user.username).to.equal(pm.environment.get('loginUsername'))",
                     "pm.expect(b.user.role).to.equal('director')"],
             save={"loginToken": "b.accessToken"}),
        case("Who am I, signed in", "GET", "/auth/me", headers={"Authorization": "Bearer {{loginToken}}"},
             checks=["pm.expect(b.user.username).to.equal(pm.environment.get('loginUsername'))",
                     "pm.expect(b.user.permissions).to.include('create:casts')"]),
        case("Sign in with a wrong password", "POST", "/auth/login",
             body={"username": "{{loginUsername}}", "password": "not the password"}, status=401),
        case("Sign in without a password", "POST", "/auth/login", body={"username": "x"}, status=400),
        case("Sign in with an extra key", "POST", "/auth/login",
             body={"username": "x", "password": "y", "remember": True}, status=400),
        case("Sign in: not application/json", "POST", "/auth/login", raw="username=x&password=y",
             ctype="application/x-www-form-urlencoded", status=415),
        case("Who am I, without a token", "GET", "/auth/me", status=401),
    ] + [case(f"Who am I as {role}", "GET", "/auth/me", role, checks=[
            "pm.expect(b.user.subject).to.be.a('string')",
            "pm.expect(b.user.permissions).to.include('read:movies')",
            f"pm.expect(b.user.permissions.includes('create:movies')).to.equal({str(role == 'producer').lower()})"])
         for role in ROLES]}


def movies():
    new_movie = {"title": "  The Shawshank Redemption ", "genre": "DRAMA", "releaseDate": "1994-09-23"}
    items = []
    items += by_role("List movies", "GET", "/movies", "read:movies", 200, [
        "pm.expect(b.totalMovies).to.equal(11)", "pm.expect(b.offset).to.equal(0)",
        "pm.expect(b.movies).to.have.length(10)", "pm.expect(b.movies[0].title).to.equal('Apollo 13')"])
    items += [
        case("List movies, page 2", "GET", "/movies?page=2", "assistant", checks=[
            "pm.expect(b.offset).to.equal(10)", "pm.expect(b.movies.map(m => m.title)).to.eql(['Top Gun'])"]),
        case("List movies, page 'x' is page 1", "GET", "/movies?page=x", "assistant",
             checks=["pm.expect(b.offset).to.equal(0)"]),
        case("Search movies", "GET", "/movies?search=the", "assistant", checks=[
            "pm.expect(b.totalMovies).to.equal(4)",
            "pm.expect(b.movies.map(m => m.title)).to.eql(['Black Panther', 'Star Wars: Episode I - The Phantom Menace', 'The Avengers', 'The Lord of the Rings: The Fellowship of the Ring'])"]),
    ]
    items += by_role("Get movie 2", "GET", "/movies/2", "read:movies", 200, [
        "pm.expect(b.movie.title).to.equal('Contact')", "pm.expect(b.movie.genre).to.equal('SCI_FI')",
        "pm.expect(b.movie.actors.map(a => a.name)).to.eql(['Angela Bassett', 'Jodie Foster', 'Matthew McConaughey'])",
        "pm.expect(pm.response.headers.get('ETag')).to.match(/^\"[0-9a-f]{64}\"$/)"],
        save={"movie2ETag": "pm.response.headers.get('ETag')"})
    items += [
        case("Get movie 2, If-None-Match: not modified", "GET", "/movies/2", "assistant",
             headers={"If-None-Match": "{{movie2ETag}}"}, status=304),
        case("Get an absent movie", "GET", "/movies/987654", "assistant", status=404),
    ]
    items += by_role("Create a movie", "POST", "/movies", "create:movies", 201,
                     ["pm.expect(b.id).to.equal(12)"], body=new_movie,
                     save={"movieId": "b.id"})
    bad = [
        ("title missing", {"genre": "DRAMA"}), ("title blank", {"title": "   ", "genre": "DRAMA"}),
        ("genre unknown", {"title": "X", "genre": "MUSICAL"}),
        ("date that does not exist", {"title": "X", "genre": "DRAMA", "releaseDate": "2023-02-30"}),
        ("title not a string", {"title": 12, "genre": "DRAMA"}),
    ]
    items += [case(f"Create a movie: {why}", "POST", "/movies", "producer", body=b, status=400) for why, b in bad]
    items += [
        case("Create a movie: body not JSON", "POST", "/movies", "producer", raw="{nope", status=400),
        case("Create a movie: not application/json", "POST", "/movies", "producer", raw="title=X",
             ctype="application/x-www-form-urlencoded", status=415),
        case("The new movie, trimmed", "GET", "/movies/{{movieId}}", "assistant", checks=[
            "pm.expect(b.movie).to.eql({actors: [], genre: 'DRAMA', id: 12, posterUrl: null, releaseDate: '1994-09-23', title: 'The Shawshank Redemption'})"]),
    ]
    patch = [{"op": "add", "path": "/posterUrl", "value": "https://example.com/shawshank.jpg"}]
    items += [
        case("Patch the new movie as assistant: forbidden", "PATCH", "/movies/{{movieId}}", "assistant",
             body=patch, ctype="application/json-patch+json", status=403),
        case("Patch the new movie as producer", "PATCH", "/movies/{{movieId}}", "producer",
             body=[{"op": "add", "path": "/genre", "value": "NOIR"}], ctype="application/json-patch+json",
             checks=["pm.expect(b.id).to.equal(12)"]),
        case("Patch the new movie as director", "PATCH", "/movies/{{movieId}}", "director",
             body=patch + [{"op": "add", "path": "/genre", "value": "DRAMA"}],
             ctype="application/json-patch+json", checks=["pm.expect(b.id).to.equal(12)"],
             save={"movieETag": "pm.response.headers.get('ETag')"}),
        case("Patch the new movie again: nothing changes", "PATCH", "/movies/{{movieId}}", "director",
             body=patch, ctype="application/json-patch+json", headers={"If-Match": "{{movieETag}}"},
             status=204, checks=["pm.expect(pm.response.headers.get('ETag')).to.equal(pm.collectionVariables.get('movieETag'))"]),
        case("Patch with replace is refused", "PATCH", "/movies/{{movieId}}", "director",
             body=[{"op": "replace", "path": "/title", "value": "X"}], ctype="application/json-patch+json", status=400),
        case("Patch removing the title is refused", "PATCH", "/movies/{{movieId}}", "director",
             body=[{"op": "remove", "path": "/title"}], ctype="application/json-patch+json", status=400),
        case("Patch an unknown field is refused", "PATCH", "/movies/{{movieId}}", "director",
             body=[{"op": "add", "path": "/rating", "value": 5}], ctype="application/json-patch+json", status=400),
        case("Patch not an array is refused", "PATCH", "/movies/{{movieId}}", "director",
             body={"op": "add"}, ctype="application/json-patch+json", status=400),
        case("Patch as application/json is refused", "PATCH", "/movies/{{movieId}}", "director",
             body=patch, status=415),
        case("Patch with a stale If-Match", "PATCH", "/movies/{{movieId}}", "director",
             body=[{"op": "add", "path": "/title", "value": "Stale"}], ctype="application/json-patch+json",
             headers={"If-Match": "{{movie2ETag}}"}, status=412),
        case("Patch an absent movie", "PATCH", "/movies/987654", "director",
             body=patch, ctype="application/json-patch+json", status=404),
        case("The patched movie", "GET", "/movies/{{movieId}}", "assistant", checks=[
            "pm.expect(b.movie.posterUrl).to.equal('https://example.com/shawshank.jpg')",
            "pm.expect(b.movie.title).to.equal('The Shawshank Redemption')"]),
    ]
    return {"name": "Movies", "item": items}


def actors():
    items = []
    items += by_role("List actors", "GET", "/actors", "read:actors", 200, [
        "pm.expect(b.totalActors).to.equal(19)", "pm.expect(b.actors).to.have.length(10)",
        "pm.expect(b.actors[0].name).to.equal('Andy Serkis')"])
    items += [
        case("Search actors", "GET", "/actors?search=tom", "assistant", checks=[
            "pm.expect(b.actors.map(a => a.name)).to.eql(['Tom Cruise', 'Tom Hanks'])"]),
        case("Search actors: % is literal", "GET", "/actors?search=%25", "assistant",
             checks=["pm.expect(b.totalActors).to.equal(0)"]),
    ]
    items += by_role("Get actor 1", "GET", "/actors/1", "read:actors", 200, [
        "pm.expect(b.actor).to.eql({age: 68, gender: 'MALE', id: 1, movies: [{genre: 'ACTION_AND_ADVENTURE', id: 1, posterUrl: null, releaseDate: '1995-06-30', title: 'Apollo 13'}], name: 'Tom Hanks', photoUrl: null})"])
    items.append(case("Get an absent actor", "GET", "/actors/987654", "assistant", status=404))
    # director creates the first, producer the second: both roles may.
    items += [
        case("Create an actor as assistant: forbidden", "POST", "/actors", "assistant",
             body={"name": "Viola Davis", "age": 59}, status=403),
        case("Create an actor as director", "POST", "/actors", "director",
             body={"name": "Viola Davis", "age": 59, "gender": "FEMALE"}, status=201,
             checks=["pm.expect(b.id).to.equal(20)"], save={"actorId": "b.id"}),
        case("Create an actor as producer", "POST", "/actors", "producer",
             body={"name": "Denzel Washington", "age": 70, "gender": "MALE"}, status=201,
             checks=["pm.expect(b.id).to.equal(21)"], save={"actor2Id": "b.id"}),
    ]
    bad = [("age as a string", {"name": "X", "age": "40"}), ("age as a float", {"name": "X", "age": 40.5}),
           ("age zero", {"name": "X", "age": 0}), ("name missing", {"age": 40}),
           ("gender unknown", {"name": "X", "age": 40, "gender": "OTHER"})]
    items += [case(f"Create an actor: {why}", "POST", "/actors", "director", body=b, status=400) for why, b in bad]
    items.append(case("Create an actor: not application/json", "POST", "/actors", "director",
                      raw="name=X", ctype="text/plain", status=415))
    patch = [{"op": "add", "path": "/age", "value": 60}, {"op": "remove", "path": "/gender"}]
    items += [
        case("Patch the new actor as assistant: forbidden", "PATCH", "/actors/{{actorId}}", "assistant",
             body=patch, ctype="application/json-patch+json", status=403),
        case("Patch the new actor as producer", "PATCH", "/actors/{{actorId}}", "producer",
             body=[{"op": "add", "path": "/name", "value": "  Viola  "}], ctype="application/json-patch+json",
             checks=["pm.expect(b.id).to.equal(20)"]),
        case("Patch the new actor as director", "PATCH", "/actors/{{actorId}}", "director",
             body=patch + [{"op": "add", "path": "/name", "value": "Viola Davis"}],
             ctype="application/json-patch+json", checks=["pm.expect(b.id).to.equal(20)"]),
        case("Patch the actor's age to a string", "PATCH", "/actors/{{actorId}}", "director",
             body=[{"op": "add", "path": "/age", "value": "61"}], ctype="application/json-patch+json", status=400),
        case("Patch: remove with a value is refused", "PATCH", "/actors/{{actorId}}", "director",
             body=[{"op": "remove", "path": "/photoUrl", "value": None}], ctype="application/json-patch+json",
             status=400),
        case("The patched actor", "GET", "/actors/{{actorId}}", "assistant", checks=[
            "pm.expect(b.actor).to.eql({age: 60, gender: null, id: 20, movies: [], name: 'Viola Davis', photoUrl: null})"]),
    ]
    return {"name": "Actors", "item": items}


def casts():
    items = []
    items += [
        case("Cast as assistant: forbidden", "POST", "/casts", "assistant",
             body={"movieId": 12, "actorId": 20}, status=403),
        case("Cast the new actor in the new movie (director)", "POST", "/casts", "director",
             body={"movieId": 12, "actorId": 20}, status=201,
             checks=["pm.expect(b.id).to.equal('movie-12-actor-20')"]),
        case("Cast the second actor in the new movie (producer)", "POST", "/casts", "producer",
             body={"movieId": 12, "actorId": 21}, status=201,
             checks=["pm.expect(b.id).to.equal('movie-12-actor-21')"]),
        case("Cast again: already exists", "POST", "/casts", "director",
             body={"movieId": 12, "actorId": 20}, status=400),
        case("Cast in an absent movie", "POST", "/casts", "director",
             body={"movieId": 987654, "actorId": 20}, status=400),
        case("Cast with a string id", "POST", "/casts", "director",
             body={"movieId": "12", "actorId": 20}, status=400),
        case("Cast without actorId", "POST", "/casts", "director", body={"movieId": 12}, status=400),
        case("Cast: not application/json", "POST", "/casts", "director", raw="movieId=12",
             ctype="text/plain", status=415),
        case("The movie lists its actors by name", "GET", "/movies/12", "assistant", checks=[
            "pm.expect(b.movie.actors.map(a => a.name)).to.eql(['Denzel Washington', 'Viola Davis'])"]),
        case("The actor lists the movie", "GET", "/actors/20", "assistant", checks=[
            "pm.expect(b.actor.movies.map(m => m.id)).to.eql([12])"]),
        case("Uncast as assistant: forbidden", "DELETE", "/casts/movies/12/actors/21", "assistant", status=403),
        case("Uncast (director)", "DELETE", "/casts/movies/12/actors/21", "director",
             checks=["pm.expect(b.id).to.equal('movie-12-actor-21')"]),
        case("Uncast again: not found", "DELETE", "/casts/movies/12/actors/21", "producer", status=404),
        case("Uncast with a non-numeric id: not found", "DELETE", "/casts/movies/x/actors/21", "producer",
             status=404),
        case("Uncast a demo link (producer)", "DELETE", "/casts/movies/1/actors/1", "producer",
             checks=["pm.expect(b.id).to.equal('movie-1-actor-1')"]),
    ]
    return {"name": "Casts", "item": items}


# roles: casting.md roles, candidates, booking, matches and the actor filters.
# On the seeded database the first roles made here get ids 1 and 2.
def roles():
    jp = "application/json-patch+json"
    items = []
    items += by_role("List a movie's roles", "GET", "/movies/12/roles", "read:movies", 200,
                     ["pm.expect(b.totalRoles).to.equal(0)", "pm.expect(b.roles).to.eql([])"])
    items += by_role("Create a role", "POST", "/movies/12/roles", "modify:movies", 201,
                     ["pm.expect(b.id).to.be.a('number')"],
                     body={"name": "Andy Dufresne", "gender": "MALE", "ageMin": 30, "ageMax": 70})
    bad = [("name missing", {"gender": "MALE"}), ("ageMin above ageMax", {"name": "X", "ageMin": 50, "ageMax": 40}),
           ("age out of range", {"name": "X", "ageMax": 121}), ("billing zero", {"name": "X", "billing": 0}),
           ("unknown field", {"name": "X", "colour": "blue"}), ("status unknown", {"name": "X", "status": "DONE"})]
    items += [case(f"Create a role: {why}", "POST", "/movies/12/roles", "director", body=b, status=400)
              for why, b in bad]
    items += [
        case("Create a role in an absent movie", "POST", "/movies/987654/roles", "director",
             body={"name": "X"}, status=404),
        case("Create a role with billing 1", "POST", "/movies/12/roles", "director",
             body={"name": "Red", "billing": 1}, status=201),
        case("Create a role: billing 1 is taken", "POST", "/movies/12/roles", "director",
             body={"name": "Warden", "billing": 1}, status=400),
        case("Roles in billing order", "GET", "/movies/12/roles", "assistant", checks=[
            "pm.expect(b.roles.map(r => r.name)).to.eql(['Red', 'Andy Dufresne', 'Andy Dufresne'])"]),
    ]
    items += by_role("Get role 1", "GET", "/roles/1", "read:movies", 200, [
        "pm.expect(b.role).to.eql({ageMax: 70, ageMin: 30, billing: null, candidateCount: 0, description: null, "
        "gender: 'MALE', id: 1, movieId: 12, name: 'Andy Dufresne', status: 'OPEN'})",
        "pm.expect(pm.response.headers.get('ETag')).to.match(/^\"[0-9a-f]{64}\"$/)"],
        save={"roleETag": "pm.response.headers.get('ETag')"})
    items += [
        case("Get role 1, If-None-Match: not modified", "GET", "/roles/1", "assistant",
             headers={"If-None-Match": "{{roleETag}}"}, status=304),
        case("Get an absent role", "GET", "/roles/987654", "assistant", status=404),
        case("Patch role 1 as assistant: forbidden", "PATCH", "/roles/1", "assistant",
             body=[{"op": "add", "path": "/billing", "value": 2}], ctype=jp, status=403),
        case("Patch role 1 as director", "PATCH", "/roles/1", "director",
             body=[{"op": "add", "path": "/billing", "value": 2}], ctype=jp, headers={"If-Match": "{{roleETag}}"},
             checks=["pm.expect(b.id).to.equal(1)"]),
        case("Patch role 1 as producer", "PATCH", "/roles/1", "producer",
             body=[{"op": "add", "path": "/description", "value": "A banker."}], ctype=jp,
             checks=["pm.expect(b.id).to.equal(1)"]),
        case("Patch role 1 again: nothing changes", "PATCH", "/roles/1", "director",
             body=[{"op": "add", "path": "/billing", "value": 2}], ctype=jp, status=204),
        case("Patch role 1 with a stale If-Match", "PATCH", "/roles/1", "director",
             body=[{"op": "add", "path": "/name", "value": "X"}], ctype=jp, headers={"If-Match": "{{roleETag}}"},
             status=412),
        case("Patch role 1: ageMin above ageMax", "PATCH", "/roles/1", "director",
             body=[{"op": "add", "path": "/ageMin", "value": 71}], ctype=jp, status=400),
        case("Patch role 1: billing taken", "PATCH", "/roles/1", "director",
             body=[{"op": "add", "path": "/billing", "value": 1}], ctype=jp, status=400),
        case("Patch an absent role", "PATCH", "/roles/987654", "director",
             body=[{"op": "add", "path": "/name", "value": "X"}], ctype=jp, status=404),
    ]
    items += by_role("List role 1's candidates", "GET", "/roles/1/candidates", "read:movies", 200,
                     ["pm.expect(b.totalCandidates).to.equal(0)"])
    items += by_role("Actors who fit role 1", "GET", "/roles/1/matches", "read:movies", 200,
                     ["pm.expect(b.actors.every(a => a.gender === 'MALE' && a.age >= 30 && a.age <= 70)).to.be.true",
                      "pm.expect(b.actors.map(a => a.name)).to.include('Denzel Washington')"])
    items += [
        case("Add a candidate as assistant: forbidden", "POST", "/roles/1/candidates", "assistant",
             body={"actorId": 20}, status=403),
        case("Add a candidate (director)", "POST", "/roles/1/candidates", "director",
             body={"actorId": 20}, status=201, checks=["pm.expect(b.id).to.equal(20)"]),
        case("Add a candidate (producer)", "POST", "/roles/1/candidates", "producer",
             body={"actorId": 21}, status=201, checks=["pm.expect(b.id).to.equal(21)"]),
        case("Add a candidate again: duplicate", "POST", "/roles/1/candidates", "director",
             body={"actorId": 20}, status=400),
        case("Add an absent actor", "POST", "/roles/1/candidates", "director", body={"actorId": 987654}, status=400),
        case("Add a candidate to an absent role", "POST", "/roles/987654/candidates", "director",
             body={"actorId": 20}, status=404),
        case("Matches leave candidates out", "GET", "/roles/1/matches", "assistant",
             checks=["pm.expect(b.actors.map(a => a.id)).to.not.include(21)"]),
        case("Candidates of a stage", "GET", "/roles/1/candidates?stage=SUGGESTED", "assistant", checks=[
            "pm.expect(b.candidates.map(c => c.actor.name)).to.eql(['Denzel Washington', 'Viola Davis'])",
            "pm.expect(b.candidates[0].otherRoles).to.eql([])"]),
        case("Candidates of an unknown stage", "GET", "/roles/1/candidates?stage=NOPE", "assistant", status=400),
        case("Shortlist as assistant: forbidden", "PATCH", "/roles/1/candidates/21", "assistant",
             body=[{"op": "add", "path": "/stage", "value": "SHORTLISTED"}], ctype=jp, status=403),
        case("Shortlist and rate (director)", "PATCH", "/roles/1/candidates/21", "director",
             body=[{"op": "add", "path": "/stage", "value": "SHORTLISTED"}, {"op": "add", "path": "/rating", "value": 5},
                   {"op": "add", "path": "/tags", "value": ["callback-1"]}], ctype=jp,
             checks=["pm.expect(b.id).to.equal(21)"]),
        case("Rating out of range", "PATCH", "/roles/1/candidates/21", "director",
             body=[{"op": "add", "path": "/rating", "value": 6}], ctype=jp, status=400),
        case("Book (producer)", "PATCH", "/roles/1/candidates/21", "producer",
             body=[{"op": "add", "path": "/stage", "value": "BOOKED"}], ctype=jp,
             checks=["pm.expect(b.id).to.equal(21)"]),
        case("Booking made the cast link", "GET", "/movies/12", "assistant", checks=[
            "pm.expect(b.movie.actors.map(a => a.name)).to.eql(['Denzel Washington', 'Viola Davis'])"]),
        case("Booking cast the role", "GET", "/roles/1", "assistant",
             checks=["pm.expect(b.role.status).to.equal('CAST')", "pm.expect(b.role.candidateCount).to.equal(2)"]),
        case("A second booking in the role", "PATCH", "/roles/1/candidates/20", "director",
             body=[{"op": "add", "path": "/stage", "value": "BOOKED"}], ctype=jp, status=409),
        case("Back out of BOOKED", "PATCH", "/roles/1/candidates/21", "director",
             body=[{"op": "add", "path": "/stage", "value": "CALLBACK"}], ctype=jp, status=409),
        case("Remove a booked candidate", "DELETE", "/roles/1/candidates/21", "director", status=409),
        case("Release (director)", "PATCH", "/roles/1/candidates/21", "director",
             body=[{"op": "add", "path": "/stage", "value": "RELEASED"}], ctype=jp),
        case("Releasing removed the cast link", "GET", "/movies/12", "assistant", checks=[
            "pm.expect(b.movie.actors.map(a => a.name)).to.eql(['Viola Davis'])"]),
        case("Remove a candidate as assistant: forbidden", "DELETE", "/roles/1/candidates/21", "assistant",
             status=403),
        case("Remove a candidate (director)", "DELETE", "/roles/1/candidates/21", "director",
             checks=["pm.expect(b.id).to.equal(21)"]),
        case("Remove a candidate (producer)", "DELETE", "/roles/1/candidates/20", "producer",
             checks=["pm.expect(b.id).to.equal(20)"]),
        case("Remove it again: not found", "DELETE", "/roles/1/candidates/20", "producer", status=404),
    ]
    items += by_role("Filter actors", "GET", "/actors?gender=FEMALE&ageMin=60", "read:actors", 200, [
        "pm.expect(b.actors.every(a => a.gender === 'FEMALE' && a.age >= 60)).to.be.true",
        "pm.expect(b.totalActors).to.equal(b.actors.length)"])
    items += [
        case("Filter actors with search", "GET", "/actors?search=jodie&gender=FEMALE", "assistant",
             checks=["pm.expect(b.actors.map(a => a.name)).to.eql(['Jodie Foster'])"]),
        case("Filter actors: age not an integer", "GET", "/actors?ageMin=x", "assistant", status=400),
        case("Filter actors: unknown gender", "GET", "/actors?gender=OTHER", "assistant", status=400),
        case("Delete role 2 as assistant: forbidden", "DELETE", "/roles/2", "assistant", status=403),
        case("Delete role 2 (director)", "DELETE", "/roles/2", "director", checks=["pm.expect(b.id).to.equal(2)"]),
        case("Delete role 1 (producer)", "DELETE", "/roles/1", "producer", checks=["pm.expect(b.id).to.equal(1)"]),
        case("Delete role 1 again: not found", "DELETE", "/roles/1", "producer", status=404),
    ]
    return {"name": "Roles", "item": items}
# auditions: casting.md "Auditions" -- a role of its own in demo movie 2 with
# demo actors 16 and 14 as candidates, and rooms no other section uses.
def auditions():
    jp = "application/json-patch+json"
    new = "/roles/{{auditionRoleId}}/auditions"
    room, room2 = "Postman Room A", "Postman Room B"

    def slot(actor, start, end, where=room):
        return {"actorId": actor, "start": f"2031-05-04T{start}:00Z", "end": f"2031-05-04T{end}:00Z",
                "location": where}
    items = [
        case("A role to audition for (director)", "POST", "/movies/2/roles", "director",
             body={"name": "Postman Auditionee"}, status=201, save={"auditionRoleId": "b.id"}),
        case("Jodie Foster is a candidate", "POST", "/roles/{{auditionRoleId}}/candidates", "director",
             body={"actorId": 16}, status=201),
        case("Angela Bassett is a candidate", "POST", "/roles/{{auditionRoleId}}/candidates", "director",
             body={"actorId": 14}, status=201),
        case("Schedule as assistant: forbidden", "POST", new, "assistant", body=slot(16, "10:00", "10:20"),
             status=403),
        case("Schedule an audition (director)", "POST", new, "director",
             body=dict(slot(16, "11:00", "10:20"), start="2031-05-04T11:00:00+01:00"), status=201,
             checks=["pm.expect(b.id).to.be.a('number')"], save={"auditionId": "b.id"}),
        case("Schedule right after it, same room (producer): touching is fine", "POST", new, "producer",
             body=slot(14, "10:20", "10:40"), status=201, save={"audition2Id": "b.id"}),
        case("Schedule: the room is taken", "POST", new, "director", body=slot(14, "10:05", "10:15"),
             status=409, checks=["pm.expect(pm.response.json().message).to.include('Jodie Foster')"]),
        case("Schedule: the actor is busy elsewhere", "POST", new, "director", body=slot(16, "10:15", "10:30", room2),
             status=409, checks=["pm.expect(pm.response.json().message).to.include('clashes with audition')"]),
        case("Schedule: start after end", "POST", new, "director", body=slot(16, "12:00", "11:00"), status=400),
        case("Schedule: longer than 8 hours", "POST", new, "director", body=slot(16, "01:00", "09:01"),
             status=400),
        case("Schedule: not a candidate", "POST", new, "director", body=slot(1, "12:00", "12:20"), status=400),
        case("Schedule: no time zone", "POST", new, "director",
             body=dict(slot(16, "12:00", "12:20"), start="2031-05-04T12:00:00"), status=400),
        case("Schedule for an absent role", "POST", "/roles/987654/auditions", "director",
             body=slot(16, "12:00", "12:20"), status=404),
        case("Schedule: not application/json", "POST", new, "director", raw="actorId=16", ctype="text/plain",
             status=415),
        case("Scheduling moved the candidate to AUDITION", "GET", "/roles/{{auditionRoleId}}/candidates",
             "assistant", checks=["pm.expect(b.candidates.map(c => c.stage)).to.eql(['AUDITION', 'AUDITION'])"]),
    ]
    items += by_role("List the room's auditions", "GET", f"/auditions?location={room.replace(' ', '%20')}",
                     "read:movies", 200, [
                         "pm.expect(b.totalAuditions).to.equal(2)",
                         "pm.expect(b.auditions.map(a => a.start)).to.eql(['2031-05-04T10:00:00Z', "
                         "'2031-05-04T10:20:00Z'])"])
    items += [
        case("List auditions: a bad from", "GET", "/auditions?from=yesterday", "assistant", status=400),
    ]
    items += by_role("Get the audition", "GET", "/auditions/{{auditionId}}", "read:movies", 200, [
        "pm.expect(b.audition).to.eql({actorId: 16, end: '2031-05-04T10:20:00Z', "
        "id: pm.collectionVariables.get('auditionId'), location: 'Postman Room A', "
        "roleId: pm.collectionVariables.get('auditionRoleId'), start: '2031-05-04T10:00:00Z', status: 'SCHEDULED'})"],
        save={"auditionETag": "pm.response.headers.get('ETag')"})
    items += by_role("The calendar", "GET", "/auditions.ics?from=2031-05-04T00:00:00Z&to=2031-05-05T00:00:00Z",
                     "read:movies", 200, [
                         "pm.expect(pm.response.headers.get('Content-Type')).to.equal('text/calendar; charset=utf-8')",
                         "pm.expect(pm.response.text()).to.match(/^BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\n/)",
                         "pm.expect(pm.response.text()).to.include('UID:audition-' + "
                         "pm.collectionVariables.get('auditionId') + '@audition\\r\\n')",
                         "pm.expect(pm.response.text()).to.include('LOCATION:Postman Room A\\r\\n')"])
    items += [
        case("Move as assistant: forbidden", "PATCH", "/auditions/{{auditionId}}", "assistant",
             body=[{"op": "add", "path": "/location", "value": room2}], ctype=jp, status=403),
        case("Move the audition to another room (director)", "PATCH", "/auditions/{{auditionId}}", "director",
             body=[{"op": "add", "path": "/location", "value": room2}], ctype=jp,
             headers={"If-Match": "{{auditionETag}}"}),
        case("Move it an hour earlier (producer)", "PATCH", "/auditions/{{auditionId}}", "producer",
             body=[{"op": "add", "path": "/start", "value": "2031-05-04T09:00:00Z"},
                   {"op": "add", "path": "/end", "value": "2031-05-04T09:20:00Z"}], ctype=jp),
        case("Move it again: nothing changes", "PATCH", "/auditions/{{auditionId}}", "director",
             body=[{"op": "add", "path": "/location", "value": room2}], ctype=jp, status=204),
        case("Move it into the other audition's slot and room: clash", "PATCH", "/auditions/{{auditionId}}",
             "director", body=[{"op": "add", "path": "/start", "value": "2031-05-04T10:25:00Z"},
                               {"op": "add", "path": "/end", "value": "2031-05-04T10:45:00Z"},
                               {"op": "add", "path": "/location", "value": room}], ctype=jp, status=409),
        case("Move with a stale If-Match", "PATCH", "/auditions/{{auditionId}}", "director",
             body=[{"op": "add", "path": "/location", "value": room}], ctype=jp,
             headers={"If-Match": "{{auditionETag}}"}, status=412),
        case("Remove the location: refused", "PATCH", "/auditions/{{auditionId}}", "director",
             body=[{"op": "remove", "path": "/location"}], ctype=jp, status=400),
        case("Move an absent audition", "PATCH", "/auditions/987654", "director",
             body=[{"op": "add", "path": "/location", "value": room}], ctype=jp, status=404),
        case("Cancel as assistant: forbidden", "DELETE", "/auditions/{{auditionId}}", "assistant", status=403),
        case("Cancel the audition (director)", "DELETE", "/auditions/{{auditionId}}", "director",
             checks=["pm.expect(b.id).to.equal(pm.collectionVariables.get('auditionId'))"]),
        case("Cancel the other one (producer)", "DELETE", "/auditions/{{audition2Id}}", "producer",
             checks=["pm.expect(b.id).to.equal(pm.collectionVariables.get('audition2Id'))"]),
        case("Cancel an absent audition", "DELETE", "/auditions/987654", "producer", status=404),
        case("A cancelled audition stays, CANCELLED", "GET", "/auditions/{{auditionId}}", "assistant",
             checks=["pm.expect(b.audition.status).to.equal('CANCELLED')"]),
        case("Its slot is free again", "POST", new, "director", body=slot(14, "09:00", "09:20", room2),
             status=201),
    ]
    return {"name": "Auditions", "item": items}


# -- shares: share links, votes, CSV exports and import (docs/sharing.md, docs/csv.md) --
def shares():
    role_body = {"name": "Postman Lead"}
    items = [
        case("Make a role for the share link (producer)", "POST", "/movies/1/roles", "producer", body=role_body,
             status=201, save={"shareRoleId": "b.id"}),
        case("Add Tom Hanks as a candidate (director)", "POST", "/roles/{{shareRoleId}}/candidates", "director",
             body={"actorId": 1}, status=201),
    ]
    items += by_role("Make a share link", "POST", "/roles/{{shareRoleId}}/shares", "create:movies", 201,
                     ["pm.expect(b.url).to.match(/^\\/app\\/shared\\/[A-Za-z0-9_-]{22}$/)"],
                     body={"expiresInHours": 24, "stages": ["SUGGESTED"]},
                     save={"shareToken": "b.url ? b.url.split('/').pop() : ''", "shareId": "b.id"})
    items += [
        case("Make a share link: expiresInHours 0", "POST", "/roles/{{shareRoleId}}/shares", "producer",
             body={"expiresInHours": 0, "stages": ["SUGGESTED"]}, status=400),
        case("Make a share link: unknown stage", "POST", "/roles/{{shareRoleId}}/shares", "producer",
             body={"expiresInHours": 1, "stages": ["NOPE"]}, status=400),
        case("Make a share link for an absent role", "POST", "/roles/987654/shares", "producer",
             body={"expiresInHours": 1, "stages": ["SUGGESTED"]}, status=404),
        case("The public page (no token)", "GET", "/shared/{{shareToken}}", checks=[
            "pm.expect(b.candidates.map(c => c.actor.name)).to.eql(['Tom Hanks'])",
            "pm.expect(b.candidates[0]).to.not.have.property('notes')",
            "pm.expect(b.role.movieTitle).to.equal('Apollo 13')"]),
        case("Vote up (no token)", "POST", "/shared/{{shareToken}}/votes",
             body={"actorId": 1, "vote": "up", "viewer": "postman-viewer"},
             checks=["pm.expect(b.votes).to.eql({down: 0, up: 1})"]),
        case("Vote for someone not on the link", "POST", "/shared/{{shareToken}}/votes",
             body={"actorId": 2, "vote": "up", "viewer": "postman-viewer"}, status=400),
        case("An unknown link", "GET", "/shared/AAAAAAAAAAAAAAAAAAAAAA", status=404),
    ]
    items += by_role("List the role's share links", "GET", "/roles/{{shareRoleId}}/shares", "create:movies", 200,
                     ["pm.expect(b.shares[0].votes).to.eql({down: 0, up: 1})",
                      "pm.expect(JSON.stringify(b)).to.not.include(pm.collectionVariables.get('shareToken'))"])
    items += by_role("The team's vote totals", "GET", "/roles/{{shareRoleId}}/votes", "read:movies", 200,
                     ["pm.expect(b.votes).to.eql([{actorId: 1, down: 0, up: 1}])"])
    items += by_role("Revoke the share link", "DELETE", "/shares/{{shareId}}", "create:movies", 200)
    items += [
        case("The revoked link is gone", "GET", "/shared/{{shareToken}}", status=404),
        case("Revoke an absent link", "DELETE", "/shares/987654", "producer", status=404),
    ]
    csv_check = "pm.expect(pm.response.headers.get('Content-Type')).to.equal('text/csv; charset=utf-8')"
    items += by_role("Export the cast of Apollo 13 as CSV", "GET", "/movies/1/cast.csv", "read:movies", 200,
                     [csv_check, "pm.expect(pm.response.text()).to.match(/^id,name,age,gender,photoUrl\\r\\n/)"])
    items += by_role("Export the role's candidates as CSV", "GET", "/roles/{{shareRoleId}}/candidates.csv",
                     "read:movies", 200, [csv_check, "pm.expect(pm.response.text()).to.include('Tom Hanks')"])
    items.append(case("Export the cast of an absent movie", "GET", "/movies/987654/cast.csv", "assistant", status=404))
    items += by_role("Import actors from CSV", "POST", "/actors/import", "create:actors", 201,
                     ["pm.expect(b.created).to.equal(1)"], raw="name,age,gender\r\nImported Actor,33,FEMALE\r\n",
                     ctype="text/csv")
    items += [
        case("Import: an unknown column", "POST", "/actors/import", "director", raw="name,aged\r\nX,1\r\n",
             ctype="text/csv", status=400),
        case("Import: not text/csv", "POST", "/actors/import", "director", raw="name,age\r\nX,1\r\n",
             ctype="application/json", status=415),
    ]
    return {"name": "Share links and CSV", "item": items}


def deletions():
    items = []
    items += [
        case("Delete an actor as assistant: forbidden", "DELETE", "/actors/{{actor2Id}}", "assistant", status=403),
        case("Delete an actor (director)", "DELETE", "/actors/{{actor2Id}}", "director",
             checks=["pm.expect(b.id).to.equal(21)"]),
        case("Delete an actor (producer)", "DELETE", "/actors/{{actorId}}", "producer",
             checks=["pm.expect(b.id).to.equal(20)"]),
        case("The deleted actor is gone", "GET", "/actors/{{actorId}}", "assistant", status=404),
        case("The movie lost its cast link", "GET", "/movies/12", "assistant",
             checks=["pm.expect(b.movie.actors).to.eql([])"]),
        case("Delete a movie as assistant: forbidden", "DELETE", "/movies/{{movieId}}", "assistant", status=403),
        case("Delete a movie as director: forbidden", "DELETE", "/movies/{{movieId}}", "director", status=403),
        case("Delete a movie (producer)", "DELETE", "/movies/{{movieId}}", "producer",
             checks=["pm.expect(b.id).to.equal(12)"]),
        case("Delete it again: not found", "DELETE", "/movies/{{movieId}}", "producer", status=404),
        case("Back to the demo catalogue", "GET", "/movies", "assistant",
             checks=["pm.expect(b.totalMovies).to.equal(11)"]),
    ]
    return {"name": "Deletions", "item": items}


# audit: the audit log (docs/audit.md), read after the writes above.
def audit():
    items = []
    items += [
        case("Audit log as assistant: forbidden", "GET", "/audit", "assistant", status=403),
        case("Audit log as director: forbidden", "GET", "/audit", "director", status=403),
        case("Audit log without a token", "GET", "/audit", status=401),
        case("Audit log (producer): newest first", "GET", "/audit", "producer", checks=[
            "pm.expect(b.entries.length).to.equal(10)",
            "pm.expect(b.totalEntries).to.be.above(10)",
            # cascaded deletes may come after the movie's own entry
            "pm.expect(b.entries.find(e => e.entity === 'movie' && e.id === '12')).to.include("
            "{action: 'delete', after: null})",
            "pm.expect(b.entries[0].entryId).to.be.above(b.entries[9].entryId)"]),
        case("Audit log of one movie", "GET", "/audit?entity=movie&id=12", "producer", checks=[
            "pm.expect(b.entries.map(e => e.action)[0]).to.equal('delete')",
            "pm.expect(b.entries.map(e => e.action).slice(-1)[0]).to.equal('create')",
            "pm.expect(b.entries.every(e => e.entity === 'movie' && e.id === '12')).to.be.true"]),
        case("Audit log of the seed", "GET", "/audit?entity=database", "producer", checks=[
            "pm.expect(b.entries[0].action).to.equal('seed')"]),
        case("Audit log: an unknown entity", "GET", "/audit?entity=dragons", "producer", status=400),
        case("Audit log: an id that is too long", "GET", "/audit?id=" + "x" * 129, "producer", status=400),
    ]
    return {"name": "Audit", "item": items}


def collection():
    return {
        "info": {
            "name": "Audition",
            "description": "Every endpoint of the Audition API for every role (allowed and forbidden), with "
                           "bad input. Run it in order on a freshly seeded database (`audition seed`): "
                           "scripts/run-postman does (see docs/api.md). Generated by postman/make_collection.py.",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": COLLECTION_TEST}}],
        "variable": [{"key": "movieId", "value": ""}, {"key": "actorId", "value": ""},
                     {"key": "actor2Id", "value": ""}, {"key": "movie2ETag", "value": ""},
                     {"key": "movieETag", "value": ""}, {"key": "loginToken", "value": ""},
                     {"key": "roleETag", "value": ""},
                     {"key": "auditionRoleId", "value": ""}, {"key": "auditionId", "value": ""},
                     {"key": "audition2Id", "value": ""}, {"key": "auditionETag", "value": ""},
                     {"key": "shareRoleId", "value": ""}, {"key": "shareToken", "value": ""},
                     {"key": "shareId", "value": ""}],
        "item": [service(), authentication(), identity(), movies(), actors(), casts(), roles(), auditions(),
                 shares(), deletions(), audit()],
    }


def main():
    text = json.dumps(collection(), indent=2, ensure_ascii=False) + "\n"
    if sys.argv[1:] == ["--check"]:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print("postman/Audition.postman_collection.json is stale: run postman/make_collection.py",
                      file=sys.stderr)
                sys.exit(1)
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
