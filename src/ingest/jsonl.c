/*
 * jsonl.c: JSON Lines input, one report per line, for feeds exported by
 * other tools and for streaming many documents through crosscheck.  Lines
 * are read with a cap so that a line of a gigabyte costs at most the cap in
 * memory; each record is parsed with jansson.
 */
#include "core/util.h"
#include "ingest/ingest.h"
#include "text/text.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

xc_code xc_lines_read(int fd, const char *head, size_t nhead, size_t max,
                      xc_line_cb cb, void *ctx, xc_error *err)
{
    xc_buf line;
    char chunk[65536];
    const char *p = head;
    size_t n = nhead, lineno = 1;
    int skipping = 0, stop = 0;

    xc_buf_init(&line, max);
    for (;;) {
        while (n > 0 && !stop) {
            const char *nl = memchr(p, '\n', n);
            size_t take = nl ? (size_t)(nl - p) : n;
            if (!skipping) {
                xc_code rc = xc_buf_append(&line, p, take);
                if (rc == XC_ERR_TOO_BIG) {
                    skipping = 1;
                    line.len = 0;
                } else if (rc != XC_OK) {
                    xc_buf_free(&line);
                    return xc_fail(err, rc, "out of memory");
                }
            }
            if (nl) {
                if (skipping) {
                    stop = cb(ctx, lineno, NULL, 0, XC_ERR_TOO_BIG);
                } else {
                    size_t len = line.len;
                    if (len && line.data[len - 1] == '\r')
                        len--;
                    stop = cb(ctx, lineno, line.data ? line.data : "", len, XC_OK);
                }
                line.len = 0;
                skipping = 0;
                lineno++;
                take++;
            }
            p += take;
            n -= take;
        }
        if (stop)
            break;
        {
            ssize_t got = read(fd, chunk, sizeof chunk);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0) {
                xc_buf_free(&line);
                return xc_fail(err, XC_ERR_IO, "cannot read: %s", strerror(errno));
            }
            if (got == 0)
                break;
            p = chunk;
            n = (size_t)got;
        }
    }
    if (!stop) {
        if (skipping)
            cb(ctx, lineno, NULL, 0, XC_ERR_TOO_BIG);
        else if (line.len)
            cb(ctx, lineno, line.data, line.len, XC_OK);
    }
    xc_buf_free(&line);
    return XC_OK;
}

/* A copy of string field KEY of OBJ, NULL when absent, empty or not a string. */
static xc_code field(json_t *obj, const char *key, char **out)
{
    json_t *v = json_object_get(obj, key);
    const char *s;
    *out = NULL;
    if (!v || !json_is_string(v))
        return XC_OK;
    s = json_string_value(v);
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!*s)
        return XC_OK;
    *out = xc_strndup(s, strlen(s));
    if (!*out)
        return XC_ERR_NOMEM;
    /* trim the end */
    for (size_t k = strlen(*out); k > 0 && strchr(" \t\r\n", (*out)[k - 1]); k--)
        (*out)[k - 1] = '\0';
    return XC_OK;
}

xc_code xc_jsonl_doc(const char *source, const char *line, size_t n,
                     size_t max, xc_doc **out, xc_error *err)
{
    json_t *root, *text;
    json_error_t jerr;
    xc_doc *doc = NULL;
    xc_decoded dec;
    size_t i = 0;
    xc_code rc;

    *out = NULL;
    xc_error_clear(err);
    while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        i++;
    if (i == n)
        return XC_ERR_EMPTY;
    root = json_loadb(line, n, 0, &jerr);
    if (!root)
        return xc_fail(err, XC_ERR_PARSE, "not JSON: %s (column %d)", jerr.text,
                       jerr.column);
    if (!json_is_object(root)) {
        json_decref(root);
        return xc_fail(err, XC_ERR_PARSE, "not a JSON object");
    }
    text = json_object_get(root, "text");
    if (!text || !json_is_string(text)) {
        json_decref(root);
        return xc_fail(err, XC_ERR_PARSE, "no \"text\" string in the object");
    }
    if (json_string_length(text) > max) {
        json_decref(root);
        return xc_fail(err, XC_ERR_TOO_BIG, "text is over the limit of %zu bytes", max);
    }
    rc = xc_text_decode(json_string_value(text), json_string_length(text), &dec, err);
    if (rc != XC_OK) {
        json_decref(root);
        return rc;
    }
    if (!(doc = xc_doc_new())) {
        free(dec.text);
        json_decref(root);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    doc->text = dec.text;
    doc->len = dec.len;
    if (!(doc->source = xc_strdup(source)) ||
        field(root, "title", &doc->title) != XC_OK ||
        field(root, "outlet", &doc->outlet) != XC_OK ||
        field(root, "url", &doc->url) != XC_OK ||
        field(root, "language", &doc->language) != XC_OK ||
        field(root, "published", &doc->published) != XC_OK) {
        xc_doc_free(doc);
        json_decref(root);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    if (doc->published && !xc_date_valid(doc->published)) {
        /* a timestamp such as 2026-02-14T10:00:00Z keeps its date */
        char day[11];
        memcpy(day, doc->published, strlen(doc->published) >= 10 ? 10 : 0);
        day[strlen(doc->published) >= 10 ? 10 : 0] = '\0';
        if (strlen(doc->published) > 10 && xc_date_valid(day) &&
            (doc->published[10] == 'T' || doc->published[10] == ' ')) {
            memcpy(doc->published, day, 11);
        } else {
            xc_fail(err, XC_OK, "\"published\": \"%.40s\" is not a date; ignored",
                    doc->published);
            free(doc->published);
            doc->published = NULL;
        }
    }
    json_decref(root);
    *out = doc;
    return XC_OK;
}
