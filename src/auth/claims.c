/* Permission extraction from token claims (claims.h): the default claims,
 * the configured claim path and the AUTH_ROLE_MAP lookup. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "auth/claims.h"

uint32_t claims_name_perms(const struct claim_rules *r, const char *name, size_t len)
{
    for (size_t i = 0; r && i < r->n_roles; i++) {
        const char *n = r->roles[i].name;
        if (strlen(n) == len && memcmp(n, name, len) == 0)
            return r->roles[i].perms;
    }
    return perm_from_name(name, len);
}

static bool is_sep(char c, const char *seps)
{
    return c != '\0' && strchr(seps, c) != NULL;
}

/* The names in s separated by any of seps; blanks around names ignored. */
static uint32_t perms_from_list(const struct claim_rules *r, const char *s, const char *seps)
{
    uint32_t perms = 0;
    size_t count = 0;
    while (*s && count < CLAIM_MAX_NAMES) {
        const char *end = s;
        while (*end && !is_sep(*end, seps))
            end++;
        const char *a = s, *b = end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            perms |= claims_name_perms(r, a, (size_t)(b - a));
            count++;
        }
        s = *end ? end + 1 : end;
    }
    return perms;
}

/* An array of strings; -1 if an element is not a string. */
static int perms_from_array(const struct claim_rules *r, const json_t *arr, uint32_t *perms)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v))
            return -1;
        if (i < CLAIM_MAX_NAMES)
            *perms |= claims_name_perms(r, json_string_value(v), json_string_length(v));
    }
    return 0;
}

/* permissions: array (Auth0), else comma-joined string, else scope. */
static int default_permissions(const json_t *payload, const struct claim_rules *r, uint32_t *perms,
                               const char **why)
{
    *why = "bad permissions claim";
    json_t *p = json_object_get(payload, "permissions");
    if (json_is_array(p))
        return perms_from_array(r, p, perms);
    if (json_is_string(p)) {
        *perms = perms_from_list(r, json_string_value(p), ",");
        return 0;
    }
    if (p)
        return -1;
    json_t *scope = json_object_get(payload, "scope");
    if (json_is_string(scope)) {
        *perms = perms_from_list(r, json_string_value(scope), " ");
        return 0;
    }
    *why = "bad scope claim";
    return scope ? -1 : 0;
}

const json_t *claims_lookup(const json_t *payload, const char *path)
{
    const json_t *whole = json_object_get(payload, path);
    if (whole)
        return whole;
    const json_t *at = payload;
    const char *s = path;
    char seg[CLAIM_PATH_MAX + 1];
    for (;;) {
        size_t n = strcspn(s, ".");
        if (n == 0 || n > CLAIM_PATH_MAX || !json_is_object(at))
            return NULL;
        memcpy(seg, s, n);
        seg[n] = '\0';
        at = json_object_get(at, seg);
        if (!at || s[n] == '\0')
            return at;
        s += n + 1;
    }
}

int claims_permissions(const json_t *payload, const struct claim_rules *r, uint32_t *perms,
                       const char **why)
{
    *perms = 0;
    const json_t *v = r && r->path ? claims_lookup(payload, r->path) : NULL;
    if (!v)
        return default_permissions(payload, r, perms, why);
    *why = "bad permissions claim";
    if (json_is_array(v))
        return perms_from_array(r, v, perms);
    if (json_is_string(v)) {
        *perms = perms_from_list(r, json_string_value(v), " ,");
        return 0;
    }
    return json_is_null(v) ? 0 : -1;
}

int claims_path_check(const char *path, char *err, size_t errlen)
{
    size_t len = strlen(path), depth = 1;
    if (len == 0 || len > CLAIM_PATH_MAX) {
        snprintf(err, errlen, "must be 1 to %d characters", CLAIM_PATH_MAX);
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c <= ' ' || c == 0x7f) {
            snprintf(err, errlen, "must not contain blanks or control characters");
            return -1;
        }
        if (c == '.' && (i == 0 || i + 1 == len || path[i + 1] == '.')) {
            snprintf(err, errlen, "has an empty segment (use names joined by single dots)");
            return -1;
        }
        depth += c == '.';
    }
    if (depth > CLAIM_PATH_MAX_DEPTH && !strstr(path, "://")) {
        snprintf(err, errlen, "is nested more than %d levels deep", CLAIM_PATH_MAX_DEPTH);
        return -1;
    }
    return 0;
}
