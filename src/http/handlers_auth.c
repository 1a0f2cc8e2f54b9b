/* The built-in issuer's endpoints: POST /auth/login (run on the hashing
 * threads, the connection suspended meanwhile), GET /auth/me, and the
 * discovery documents /.well-known/jwks.json and openid-configuration. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "auth/login_service.h"
#include "auth/password.h"
#include "auth/user_gate.h"
#include "domain/body.h"
#include "http/handlers.h"
#include "http/response.h"
#include "http/work_pool.h"
#include "util/json_write.h"

#define ADDR_MAX 64

struct login_job {
    struct request *rq;
    struct response *rs;
    const char *username;
    char *password;
    size_t password_len;
    char addr[ADDR_MAX];
};

static void write_permissions(struct jw *w, uint32_t perms) {
    const char *names[16];
    size_t n = perm_names(perms, names, sizeof names / sizeof names[0]);
    jw_key(w, "permissions");
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) jw_str(w, names[i]);
    jw_arr_end(w);
}

/* {"displayName","id","permissions","role","username"} */
static void write_user(struct jw *w, const struct user *u, enum role r) {
    jw_obj_begin(w);
    jw_key(w, "displayName");
    jw_str(w, u->display_name);
    jw_key(w, "id");
    jw_int(w, u->id);
    write_permissions(w, role_perms(r));
    jw_key(w, "role");
    jw_str(w, u->role);
    jw_key(w, "username");
    jw_str(w, u->username);
    jw_obj_end(w);
}

static void login_answer(struct request *rq, struct response *rs, const struct login_result *res) {
    switch (res->outcome) {
    case LOGIN_OK: {
        rs->status = 200;
        struct jw w = jw_on(&rs->body);
        jw_obj_begin(&w);
        jw_key(&w, "accessToken");
        jw_str(&w, res->token);
        jw_key(&w, "expiresIn");
        jw_int(&w, res->expires_in);
        jw_key(&w, "tokenType");
        jw_str(&w, "Bearer");
        jw_key(&w, "user");
        write_user(&w, &res->user, res->role);
        jw_obj_end(&w);
        return;
    }
    case LOGIN_THROTTLED:
        rs->retry_after = arena_printf(rq->arena, "%d", res->retry_after);
        response_error(rs, 429, "too many failed sign-ins; try again later");
        return;
    case LOGIN_DENIED:
        rs->www_authenticate = "Bearer realm=\"audition\"";
        response_error(rs, 401, "wrong username or password");
        return;
    case LOGIN_UNAVAILABLE:
        rs->retry_after = "5";
        response_error(rs, 503, "the database is not reachable");
        return;
    default:
        response_error(rs, 500, NULL);
    }
}

/* On a hashing thread. */
static void login_run(void *arg) {
    struct login_job *j = arg;
    struct login_result res;
    login_service_attempt(j->rq->app->login, j->username, j->password, j->password_len, j->addr, j->rq->arena,
                          &res);
    OPENSSL_cleanse(j->password, j->password_len);
    login_answer(j->rq, j->rs, &res);
    request_resume(j->rq);
}

/* On the HTTP thread, after the connection was suspended. */
static void login_submit(struct request *rq) {
    struct login_job *j = rq->defer_arg;
    if (work_pool_submit(rq->app->workers, login_run, j)) return;
    OPENSSL_cleanse(j->password, j->password_len);
    j->rs->retry_after = "1";
    response_error(j->rs, 503, "too many sign-ins at once; try again in a moment");
    request_resume(rq);
}

/* username and password from the body; NULL with *msg on a malformed body. */
static struct login_job *login_parse(struct request *rq, struct response *rs, const char **msg) {
    json_t *body = body_parse_json(rq->body, rq->body_len, msg);
    if (!body) return NULL;
    const json_t *u = json_object_get(body, "username"), *p = json_object_get(body, "password");
    struct login_job *j = NULL;
    if (!json_is_object(body)) *msg = "the body must be a JSON object";
    else if (!json_is_string(u) || json_string_length(u) == 0) *msg = "username must be a non-empty string";
    else if (!json_is_string(p) || json_string_length(p) == 0) *msg = "password must be a non-empty string";
    else if (json_string_length(u) > 256 || json_string_length(p) > PASSWORD_MAX) *msg = "username or password too long";
    else if (json_object_size(body) != 2) *msg = "the body has only username and password";
    else {
        j = arena_alloc(rq->arena, sizeof *j);
        j->rq = rq;
        j->rs = rs;
        j->username = arena_strndup(rq->arena, json_string_value(u), json_string_length(u));
        j->password_len = json_string_length(p);
        j->password = arena_strndup(rq->arena, json_string_value(p), j->password_len);
    }
    json_decref(body);
    return j;
}

void handle_login(struct request *rq, struct response *rs) {
    if (!rq->app->login) {
        response_error(rs, 404, "sign-in is off: tokens come from an external issuer");
        return;
    }
    const char *msg = NULL;
    struct login_job *j = login_parse(rq, rs, &msg);
    if (!j) {
        response_error(rs, 400, msg);
        return;
    }
    request_client_addr(rq, j->addr, sizeof j->addr);
    int wait = login_service_throttled(rq->app->login, j->username, j->addr, (int64_t)time(NULL));
    if (wait > 0) {
        struct login_result res = {.outcome = LOGIN_THROTTLED, .retry_after = wait};
        login_answer(rq, rs, &res);
        return;
    }
    rq->defer = login_submit;
    rq->defer_arg = j;
}

void handle_me(struct request *rq, struct response *rs) {
    int64_t id = auth_is_local(rq->app->auth) ? user_gate_subject_id(rq->claims.sub) : 0;
    struct user u;
    int role = -1;
    if (id) {
        struct store_conn *c = request_db(rq, rs);
        if (!c) return;
        enum store_status st = request_ops(rq)->user_get_id(c, id, rq->arena, &u);
        if (st == STORE_NOT_FOUND) {
            response_error(rs, 401, "the user no longer exists");
            return;
        }
        if (st != STORE_OK) return response_store_error(rq, rs, st);
        role = role_parse(u.role);
    }
    rs->status = 200;
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_key(&w, "user");
    if (role >= 0) {
        write_user(&w, &u, (enum role)role);
    } else {
        jw_obj_begin(&w);
        write_permissions(&w, rq->claims.perms);
        jw_key(&w, "subject");
        jw_str(&w, rq->claims.sub);
        jw_obj_end(&w);
    }
    jw_obj_end(&w);
}

void handle_jwks(struct request *rq, struct response *rs) {
    char *jwks = auth_local_jwks(rq->app->auth);
    if (!jwks) {
        response_error(rs, 404, "tokens come from an external issuer; its JWKS is published there");
        return;
    }
    rs->status = 200;
    rs->content_type = "application/jwk-set+json";
    strbuf_adds(&rs->body, jwks);
    free(jwks);
}

void handle_openid_configuration(struct request *rq, struct response *rs) {
    if (!auth_is_local(rq->app->auth)) {
        response_error(rs, 404, "tokens come from an external issuer; its discovery document is published there");
        return;
    }
    const char *base = rq->app->cfg->public_url;
    struct jw w = jw_on(&rs->body);
    rs->status = 200;
    jw_obj_begin(&w);
    jw_key(&w, "id_token_signing_alg_values_supported");
    jw_arr_begin(&w);
    jw_str(&w, "RS256");
    jw_arr_end(&w);
    jw_key(&w, "issuer");
    jw_str(&w, rq->app->cfg->auth_issuer);
    jw_key(&w, "jwks_uri");
    jw_str(&w, arena_printf(rq->arena, "%s/.well-known/jwks.json", base));
    jw_key(&w, "login_endpoint");
    jw_str(&w, arena_printf(rq->arena, "%s/auth/login", base));
    jw_key(&w, "response_types_supported");
    jw_arr_begin(&w);
    jw_str(&w, "token");
    jw_arr_end(&w);
    jw_key(&w, "subject_types_supported");
    jw_arr_begin(&w);
    jw_str(&w, "public");
    jw_arr_end(&w);
    jw_key(&w, "userinfo_endpoint");
    jw_str(&w, arena_printf(rq->arena, "%s/auth/me", base));
    jw_obj_end(&w);
}
