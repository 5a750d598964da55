/*
 * test_jsonw.c: the streaming JSON writer (src/render/jsonw.c) that writes
 * the dossier and the analysis lines.  Its output must be what jansson's
 * json_dumps printed before it, so most checks build a value with jansson,
 * write the same value with the writer and compare the bytes, in the
 * dossier's layout (JSON_INDENT(2) | JSON_PRESERVE_ORDER) and the analysis
 * lines' (JSON_COMPACT): every byte below 0x20, '"', '\\', DEL, '/',
 * U+2028, characters outside the BMP, empty and non-empty containers
 * nested, integers, reals.  Then what jansson cannot do: bytes that are
 * not UTF-8 become U+FFFD; a full disk is XC_ERR_IO; misuse is
 * XC_ERR_INTERNAL; a whole dossier written to /dev/full fails cleanly.
 */
#include "core/dossier.h"
#include "render/jsonw.h"
#include "harness.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Write the jansson value V with the writer W (the same walk json_dumps does). */
static void walk(xc_jsonw *w, json_t *v)
{
    size_t k;
    const char *key;
    json_t *x;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        xc_jsonw_begin_object(w);
        json_object_foreach(v, key, x) {
            xc_jsonw_key(w, key);
            walk(w, x);
        }
        xc_jsonw_end_object(w);
        break;
    case JSON_ARRAY:
        xc_jsonw_begin_array(w);
        json_array_foreach(v, k, x)
            walk(w, x);
        xc_jsonw_end_array(w);
        break;
    case JSON_STRING:
        xc_jsonw_string(w, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        xc_jsonw_int(w, json_integer_value(v));
        break;
    case JSON_REAL:
        xc_jsonw_real(w, json_real_value(v));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        xc_jsonw_bool(w, json_is_true(v));
        break;
    case JSON_NULL:
        xc_jsonw_null(w);
        break;
    }
}

/* A writer into memory: mem_open, write through the writer it returns
   (NULL when the stream cannot be opened), mem_close. */
typedef struct mem {
    char *buf;
    size_t len;
    FILE *f;
    xc_jsonw w;
} mem;

static xc_jsonw *mem_open(mem *m, int indent)
{
    memset(m, 0, sizeof *m);
    if (!(m->f = open_memstream(&m->buf, &m->len)))
        return NULL;
    xc_jsonw_init(&m->w, m->f, indent);
    return &m->w;
}

/* What M's writer wrote (NUL-terminated; caller frees), its result in *RC. */
static char *mem_close(mem *m, xc_code *rc)
{
    if (!m->f) {
        *rc = XC_ERR_IO;
        return NULL;
    }
    *rc = xc_jsonw_finish(&m->w);
    fclose(m->f);
    return m->buf;
}

/* What the writer prints for V with INDENT (caller frees). */
static char *written(json_t *v, int indent, xc_code *rc)
{
    mem m;
    xc_jsonw *w = mem_open(&m, indent);
    if (w)
        walk(w, v);
    return mem_close(&m, rc);
}

/* Does the writer print V exactly as jansson does, in both layouts? */
static int same_as_jansson(json_t *v)
{
    static const struct {
        int indent;
        size_t flags;
    } modes[] = {{2, JSON_INDENT(2) | JSON_PRESERVE_ORDER}, {0, JSON_COMPACT | JSON_PRESERVE_ORDER}};
    int ok = 1;
    for (size_t m = 0; m < 2; m++) {
        xc_code rc = XC_ERR_INTERNAL;
        char *want = json_dumps(v, modes[m].flags), *got = written(v, modes[m].indent, &rc);
        if (!want || !got || rc != XC_OK || strcmp(want, got) != 0) {
            fprintf(stderr, "    indent %d (rc %d):\n    jansson: %s\n    writer:  %s\n",
                    modes[m].indent, (int)rc, want ? want : "(null)", got ? got : "(null)");
            ok = 0;
        }
        free(want);
        free(got);
    }
    return ok;
}

static void test_strings(void)
{
    json_t *a = json_array();
    char s[2] = "";
    /* every byte below 0x20 (NUL too: json_stringn keeps it), alone and in text */
    for (int c = 0; c < 0x20; c++) {
        char t[8] = {'a', (char)c, 'b', (char)c};
        s[0] = (char)c;
        json_array_append_new(a, json_stringn(s, 1));
        json_array_append_new(a, json_stringn(t, 4));
    }
    json_array_append_new(a, json_string("quote \" backslash \\ slash / del \x7f"));
    json_array_append_new(a, json_string("U+2028 \xe2\x80\xa8 U+2029 \xe2\x80\xa9 RLO \xe2\x80\xae"));
    json_array_append_new(a, json_string("non-BMP \xf0\x9f\x98\x80 BOM \xef\xbb\xbf"));
    json_array_append_new(a, json_string(""));
    json_array_append_new(a, json_string("exactly8"));
    json_array_append_new(a, json_string("long ASCII run before the \"quote\" and the \\ and a tab\there"));
    {
        /* a string longer than the writer's buffer */
        size_t n = 200000;
        char *big = malloc(n);
        CHECK(big != NULL);
        if (big) {
            for (size_t k = 0; k < n; k++)
                big[k] = k % 1000 == 999 ? '\n' : (char)('a' + k % 26);
            json_array_append_new(a, json_stringn(big, n));
            free(big);
        }
    }
    CHECK(same_as_jansson(a));
    json_decref(a);
}

static void test_containers(void)
{
    json_t *v = json_loads("{\"empty_array\": [], \"empty_object\": {},"
                           " \"nested\": [[], {}, [[]], {\"k\": []}, [1, [2, {}]]],"
                           " \"deep\": {\"a\": {\"b\": {}}}, \"ints\": [1, -2, 0],"
                           " \"lits\": [true, false, null], \"one\": {\"x\": 9007199254740993},"
                           " \"strs\": [\"s\"]}",
                           0, NULL);
    json_t *top = json_array();
    CHECK(v != NULL);
    if (!v)
        return;
    CHECK(same_as_jansson(v));
    CHECK(same_as_jansson(top)); /* [] at the top */
    json_array_append(top, v);
    json_array_append_new(top, json_integer(INT64_MIN));
    json_array_append_new(top, json_integer(INT64_MAX));
    CHECK(same_as_jansson(top));
    json_decref(top);
    json_decref(v);
    v = json_object();
    CHECK(same_as_jansson(v)); /* {} at the top */
    json_object_set_new(v, "key \"with\" \n escapes", json_string("v"));
    CHECK(same_as_jansson(v));
    json_decref(v);
}

static void test_reals(void)
{
    static const double v[] = {0.1, 0.87, 1.0, 0.5, 100.0, 1e15, 1e16, 1e17, 1e21, 123456789.125,
                               0.0001, 0.00001, 1e-7, 1.5e300, 2.2250738585072014e-308,
                               5e-324, -0.0, 0.0, -2.5, 3.14159, 1.7976931348623157e308};
    json_t *a = json_array();
    xc_code rc = XC_ERR_INTERNAL;
    char *s;
    for (size_t k = 0; k < sizeof v / sizeof *v; k++)
        json_array_append_new(a, json_real(v[k]));
    CHECK(same_as_jansson(a));
    json_decref(a);
    a = json_array();
    json_array_append_new(a, json_real(1.0));
    s = written(a, 0, &rc);
    CHECK(rc == XC_OK);
    CHECK_STR(s, "[1.0]");
    free(s);
    json_decref(a);
    {
        /* what JSON cannot hold is null (jansson refuses to make such a real) */
        mem m;
        xc_jsonw *w = mem_open(&m, 0);
        CHECK(w != NULL);
        if (!w)
            return;
        xc_jsonw_begin_array(w);
        xc_jsonw_real(w, NAN);
        xc_jsonw_real(w, INFINITY);
        xc_jsonw_real(w, -INFINITY);
        xc_jsonw_end_array(w);
        s = mem_close(&m, &rc);
        CHECK(rc == XC_OK);
        CHECK_STR(s, "[null,null,null]");
        free(s);
    }
}

/* What the writer prints for the string S[0..N) at the top level. */
static char *one_string(const char *s, size_t n)
{
    mem m;
    xc_jsonw *w = mem_open(&m, 2);
    xc_code rc;
    char *out;
    if (w)
        xc_jsonw_string(w, s, n);
    out = mem_close(&m, &rc);
    if (rc != XC_OK) {
        free(out);
        return NULL;
    }
    return out;
}

static void test_not_utf8(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"a\xff" "b", "\"a\xef\xbf\xbd" "b\""},
        {"\xc3(", "\"\xef\xbf\xbd(\""},                      /* a lead byte without its tail */
        {"\xe2\x28\xa1", "\"\xef\xbf\xbd(\xef\xbf\xbd\""},   /* each bad byte on its own */
        {"\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\""},         /* overlong '/' */
        {"\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""}, /* a surrogate */
        {"\xf4\x90\x80\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
        {"end \xe2\x80", "\"end \xef\xbf\xbd\xef\xbf\xbd\""}, /* cut short at the end */
        {"ok \xc3\xa9\x01", "\"ok \xc3\xa9\\u0001\""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *got = one_string(cases[k].in, strlen(cases[k].in));
        CHECK_STR(got, cases[k].out);
        free(got);
    }
    {
        /* cstr: NULL is null, a C string stops at its NUL */
        mem m;
        xc_jsonw *w = mem_open(&m, 0);
        xc_code rc;
        char *s;
        CHECK(w != NULL);
        if (!w)
            return;
        xc_jsonw_begin_object(w);
        xc_jsonw_key(w, "a");
        xc_jsonw_cstr(w, NULL);
        xc_jsonw_key(w, "b");
        xc_jsonw_cstr(w, "x\xfey");
        xc_jsonw_end_object(w);
        xc_jsonw_raw(w, "\n", 1);
        s = mem_close(&m, &rc);
        CHECK(rc == XC_OK);
        CHECK_STR(s, "{\"a\":null,\"b\":\"x\xef\xbf\xbdy\"}\n");
        free(s);
    }
}

/* Write N copies of a string to F: a short document when N is small,
   several buffers' worth when it is large. */
static xc_code write_many(FILE *f, size_t n)
{
    xc_jsonw w;
    xc_jsonw_init(&w, f, 2);
    xc_jsonw_begin_array(&w);
    for (size_t k = 0; k < n; k++)
        xc_jsonw_cstr(&w, "a string of some length, written again and again");
    xc_jsonw_end_array(&w);
    return xc_jsonw_finish(&w);
}

static void test_errors(void)
{
    FILE *full = fopen("/dev/full", "w");
    xc_jsonw w;
    CHECK(full != NULL);
    if (full) {
        /* unbuffered, so a small write fails at once too */
        setvbuf(full, NULL, _IONBF, 0);
        CHECK(write_many(full, 3) == XC_ERR_IO);
        CHECK(write_many(full, 100000) == XC_ERR_IO);
        fclose(full);
    }
    full = fopen("/dev/full", "w");
    if (full) {
        /* buffered: the error shows when the caller flushes */
        CHECK(write_many(full, 3) == XC_OK);
        CHECK(fflush(full) != 0);
        fclose(full);
    }
    /* misuse is an error, never a crash or bad JSON */
    {
        FILE *null = fopen("/dev/null", "w");
        CHECK(null != NULL);
        if (!null)
            return;
        xc_jsonw_init(&w, null, 2);
        xc_jsonw_begin_object(&w);
        xc_jsonw_int(&w, 1); /* a value without a key */
        CHECK(xc_jsonw_finish(&w) == XC_ERR_INTERNAL);
        xc_jsonw_init(&w, null, 2);
        xc_jsonw_begin_array(&w);
        xc_jsonw_key(&w, "k"); /* a key in an array */
        CHECK(xc_jsonw_finish(&w) == XC_ERR_INTERNAL);
        xc_jsonw_init(&w, null, 2);
        xc_jsonw_begin_array(&w);
        xc_jsonw_end_object(&w); /* the wrong close */
        CHECK(xc_jsonw_finish(&w) == XC_ERR_INTERNAL);
        xc_jsonw_init(&w, null, 2);
        xc_jsonw_end_array(&w); /* nothing to close */
        CHECK(xc_jsonw_finish(&w) == XC_ERR_INTERNAL);
        xc_jsonw_init(&w, null, 2);
        xc_jsonw_begin_object(&w);
        xc_jsonw_key(&w, "k");
        xc_jsonw_end_object(&w); /* a key without its value */
        CHECK(xc_jsonw_finish(&w) == XC_ERR_INTERNAL);
        xc_jsonw_init(&w, null, 2);
        xc_jsonw_begin_array(&w); /* left open */
        CHECK(xc_jsonw_finish(&w) == XC_ERR_INTERNAL);
        xc_jsonw_init(&w, null, 2);
        for (int k = 0; k < XC_JSONW_DEPTH + 5; k++)
            xc_jsonw_begin_array(&w);
        for (int k = 0; k < XC_JSONW_DEPTH + 5; k++)
            xc_jsonw_end_array(&w);
        CHECK(xc_jsonw_finish(&w) == XC_ERR_INTERNAL);
        xc_jsonw_init(&w, null, 2);
        xc_jsonw_key(&w, "k"); /* a key at the top */
        CHECK(xc_jsonw_finish(&w) == XC_ERR_INTERNAL);
        xc_jsonw_init(&w, null, 2);
        xc_jsonw_fail(&w, XC_ERR_NOMEM);
        xc_jsonw_fail(&w, XC_ERR_IO); /* the first error stays */
        CHECK(xc_jsonw_finish(&w) == XC_ERR_NOMEM);
        fclose(null);
    }
}

/* A whole dossier to a full disk: XC_ERR_IO with a message, no crash. */
static void test_dossier_full(void)
{
    static const char text[] =
        "President Ilham Aliyev of Azerbaijan met Vice President JD Vance in Baku on "
        "13 February 2026. \"We discussed the detainees,\" Vance said. Aliyev said 19 "
        "Armenians were still held.\n\nThe Azerbaijani president did not say when they "
        "would be released.\n";
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    FILE *full = fopen("/dev/full", "w");
    CHECK(d != NULL && full != NULL);
    if (!d || !full) {
        xc_dossier_free(d);
        if (full)
            fclose(full);
        return;
    }
    for (int k = 0; k < 2; k++) {
        xc_doc *doc;
        xc_read_opts o = {0};
        CHECK(xc_doc_from_bytes(k ? "b.txt" : "a.txt", text, sizeof text - 1, &o, &doc, &err) ==
              XC_OK);
        CHECK(xc_dossier_add(d, doc) == XC_OK);
    }
    CHECK(xc_dossier_build(d, &err) == XC_OK);
    CHECK(xc_dossier_write_json(d, full, XC_RENDER_WITH_TEXT, &err) == XC_ERR_IO);
    CHECK(strstr(err.msg, "cannot write") != NULL);
    fclose(full);
    full = fopen("/dev/full", "w");
    if (full) {
        CHECK(xc_dossier_write_analysis(d, full, 0, &err) == XC_ERR_IO);
        fclose(full);
    }
    xc_dossier_free(d);
}

int main(void)
{
    RUN(test_strings);
    RUN(test_containers);
    RUN(test_reals);
    RUN(test_not_utf8);
    RUN(test_errors);
    RUN(test_dossier_full);
    DONE();
}
