/* GET /auth/config: the web app's sign-in settings, read at run time so that
 * one build serves every deployment: whether the built-in login is there, and
 * what the "Sign in with …" button (authorization code + PKCE) needs. */
#include "http/handlers.h"
#include "http/response.h"
#include "util/json_write.h"

static void write_oidc(struct jw *w, const struct config *cfg) {
    if (!cfg->oidc_authorize_url) {
        jw_null(w);
        return;
    }
    jw_obj_begin(w);
    jw_key(w, "audience");
    if (cfg->oidc_audience) jw_str(w, cfg->oidc_audience);
    else jw_null(w);
    jw_key(w, "authorizeUrl");
    jw_str(w, cfg->oidc_authorize_url);
    jw_key(w, "clientId");
    jw_str(w, cfg->oidc_client_id);
    jw_key(w, "name");
    jw_str(w, cfg->oidc_name);
    jw_key(w, "scopes");
    jw_str(w, cfg->oidc_scopes);
    jw_key(w, "tokenUrl");
    jw_str(w, cfg->oidc_token_url);
    jw_obj_end(w);
}

/* GET /auth/config: what the web app's sign-in screen offers. Public. */
void handle_auth_config(struct request *rq, struct response *rs) {
    const struct config *cfg = rq->app->cfg;
    rs->status = 200;
    response_header(rs, "Cache-Control", "no-cache");
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "builtinLogin");
    jw_bool(&w, rq->app->login != NULL);
    jw_key(&w, "oidc");
    write_oidc(&w, cfg);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_obj_end(&w);
}
