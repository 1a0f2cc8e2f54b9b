/* Where a JWKS may come from and how it is read: file:// (a local file),
 * https:// (libcurl, TLS verified, timeouts) and http:// only to a loopback
 * host. Every source is capped at JWKS_MAX_BYTES. No parsing, no caching. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "auth/jwks.h"

#ifndef AUDITION_VERSION
#define AUDITION_VERSION "dev"
#endif

#define FETCH_CONNECT_TIMEOUT 5L /* seconds */
#define FETCH_TOTAL_TIMEOUT 10L

enum scheme { SCHEME_NONE, SCHEME_FILE, SCHEME_HTTPS, SCHEME_HTTP };

static enum scheme url_scheme(const char *url)
{
    if (strncasecmp(url, "file://", 7) == 0)
        return SCHEME_FILE;
    if (strncasecmp(url, "https://", 8) == 0)
        return SCHEME_HTTPS;
    if (strncasecmp(url, "http://", 7) == 0)
        return SCHEME_HTTP;
    return SCHEME_NONE;
}

/* The path of file:///path or file://localhost/path, or NULL. */
static const char *file_path(const char *url)
{
    const char *p = url + 7;
    if (strncasecmp(p, "localhost/", 10) == 0)
        p += 9;
    return p[0] == '/' ? p : NULL;
}

static bool host_is_loopback(const char *host)
{
    if (strcasecmp(host, "localhost") == 0)
        return true;
    struct in_addr a4;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    size_t len = strlen(host);
    if (len < 3 || host[0] != '[' || host[len - 1] != ']' || len > INET6_ADDRSTRLEN + 2)
        return false;
    char bare[INET6_ADDRSTRLEN + 1];
    memcpy(bare, host + 1, len - 2);
    bare[len - 2] = '\0';
    struct in6_addr a6;
    return inet_pton(AF_INET6, bare, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

/* The host part of a URL as libcurl understands it (malloc'd by curl). */
static char *url_host(const char *url)
{
    CURLU *u = curl_url();
    char *host = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
        curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_cleanup(u);
    return host;
}

int jwks_url_check(const char *url, char *err, size_t errlen)
{
    enum scheme s = url ? url_scheme(url) : SCHEME_NONE;
    if (s == SCHEME_NONE) {
        snprintf(err, errlen, "the key set URL must start with https://, http:// (loopback only) or file://");
        return -1;
    }
    if (s == SCHEME_FILE) {
        if (file_path(url))
            return 0;
        snprintf(err, errlen, "a file:// key set URL needs an absolute path (file:///path)");
        return -1;
    }
    char *host = url_host(url);
    bool ok = host && host[0] && (s == SCHEME_HTTPS || host_is_loopback(host));
    if (!ok && host && host[0])
        snprintf(err, errlen, "http:// is allowed only to a loopback host (127.0.0.0/8, localhost, [::1]); use https://");
    else if (!ok)
        snprintf(err, errlen, "the key set URL is not a valid URL");
    curl_free(host);
    return ok ? 0 : -1;
}

/* ---- file:// ---------------------------------------------------------------- */

static int read_capped(int fd, char **body, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            if (cap > JWKS_MAX_BYTES)
                break;
            cap *= 2;
            char *bigger = realloc(buf, cap + 1);
            if (!bigger)
                break;
            buf = bigger;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (r == 0) {
            if (n > JWKS_MAX_BYTES)
                break;
            buf[n] = '\0';
            *body = buf;
            *len = n;
            return 0;
        }
        n += (size_t)r;
    }
    free(buf);
    return -1;
}

static int fetch_file(const char *url, char **body, size_t *len, char *err, size_t errlen)
{
    const char *path = file_path(url);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd < 0) {
        snprintf(err, errlen, "cannot open the key set file %s: %s", path ? path : url, strerror(errno));
        return -1;
    }
    struct stat st;
    int rc = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read_capped(fd, body, len) : -1;
    close(fd);
    if (rc < 0)
        snprintf(err, errlen, "cannot read the key set file %s (not a regular file, unreadable or over 1 MiB)", path);
    return rc;
}

/* ---- https:// and loopback http:// ------------------------------------------ */

struct download {
    char *data;
    size_t len;
    bool too_big;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct download *d = userdata;
    size_t n = size * nmemb;
    if (d->len + n > JWKS_MAX_BYTES) {
        d->too_big = true;
        return 0; /* aborts the transfer */
    }
    char *bigger = realloc(d->data, d->len + n + 1);
    if (!bigger)
        return 0;
    d->data = bigger;
    memcpy(d->data + d->len, ptr, n);
    d->len += n;
    d->data[d->len] = '\0';
    return n;
}

static void set_transfer_options(CURL *h, const char *url, bool https, struct download *d, char *curl_err)
{
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, https ? "https" : "http");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_TIMEOUT);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, FETCH_TOTAL_TIMEOUT);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)JWKS_MAX_BYTES);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "audition/" AUDITION_VERSION);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, d);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_err);
    if (https) { /* redirects may only lead to other https:// URLs */
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
        curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    } else { /* loopback: no redirects, no proxy */
        curl_easy_setopt(h, CURLOPT_PROXY, "");
    }
}

static int fetch_url(const char *url, bool https, char **body, size_t *len, char *err, size_t errlen)
{
    struct download d = {0};
    char curl_err[CURL_ERROR_SIZE] = "";
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(err, errlen, "cannot start an HTTP client");
        return -1;
    }
    set_transfer_options(h, url, https, &d, curl_err);
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(h);
    if (rc == CURLE_OK && status == 200 && d.data) {
        *body = d.data;
        *len = d.len;
        return 0;
    }
    if (d.too_big || rc == CURLE_FILESIZE_EXCEEDED)
        snprintf(err, errlen, "the key set at %s is over 1 MiB", url);
    else if (rc != CURLE_OK)
        snprintf(err, errlen, "cannot fetch the key set at %s: %s", url,
                 curl_err[0] ? curl_err : curl_easy_strerror(rc));
    else
        snprintf(err, errlen, "fetching the key set at %s gave HTTP status %ld", url, status);
    free(d.data);
    return -1;
}

int jwks_fetch(const char *url, char **body, size_t *len, char *err, size_t errlen)
{
    *body = NULL;
    *len = 0;
    if (jwks_url_check(url, err, errlen) < 0)
        return -1;
    switch (url_scheme(url)) {
    case SCHEME_FILE:
        return fetch_file(url, body, len, err, errlen);
    case SCHEME_HTTPS:
        return fetch_url(url, true, body, len, err, errlen);
    default:
        return fetch_url(url, false, body, len, err, errlen);
    }
}
