/* Endpoints about the service itself: health (which sends browsers on to the
 * web app), the local issuer's JWKS, and the web app's sign-in settings. */
#include "http/accept.h"
#include "http/handlers.h"
#include "http/response.h"
#include "util/json_write.h"

void handle_health(struct request *rq, struct response *rs) {
    response_header(rs, "Vary", "Accept");
    if (accept_prefers_html(request_header(rq, "Accept"))) {
        rs->status = 302;
        rs->location = "/app/";
        rs->content_type = "text/plain; charset=utf-8";
        return;
    }
    rs->status = 200;
    strbuf_adds(&rs->body, "{\"success\":true}");
}

void handle_jwks(struct request *rq, struct response *rs) {
    const char *jwks = auth_local_jwks(rq->app->auth);
    if (!jwks) {
        response_error(rs, 404, "tokens come from an external issuer; its JWKS is published there");
        return;
    }
    rs->status = 200;
    rs->content_type = "application/jwk-set+json";
    strbuf_adds(&rs->body, jwks);
}

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
    jw_bool(&w, cfg->local_issuer);
    jw_key(&w, "oidc");
    write_oidc(&w, cfg);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_obj_end(&w);
}
