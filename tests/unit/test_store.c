/*
 * test_store.c: the SQLite document store, on real files in a temporary
 * directory: creating, adding and deduplicating, reading back, search and
 * queries meant to break it, files that are not ours (random bytes, other
 * programs' databases, newer schemas), a second writer, migration from an
 * old schema, transactions, read-only handles and a writer that dies
 * mid-batch.
 *
 * Built alone, with -DXC_STORE_TEST_STUBS, it carries a stand-in dossier
 * that counts the documents it is given; in the full build it uses the real
 * one through the public API.
 */
#include "crosscheck.h"
#include "harness.h"
#include "cluster/cluster.h"
#include "store/store.h"

#include <dirent.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef XC_STORE_TEST_STUBS
/* The dossier, reduced to what xc_store_load_story needs: it takes each
   document, remembers its store id and frees it. */
struct xc_dossier {
    size_t n;
    int64_t ids[16];
};

xc_dossier *xc_dossier_new(void)
{
    return calloc(1, sizeof(xc_dossier));
}

void xc_dossier_free(xc_dossier *d)
{
    free(d);
}

xc_code xc_dossier_add(xc_dossier *d, xc_doc *doc)
{
    if (!d || !doc || !doc->text) {
        xc_doc_free(doc);
        return XC_ERR_ARG;
    }
    if (d->n < sizeof d->ids / sizeof d->ids[0])
        d->ids[d->n] = doc->store_id;
    d->n++;
    xc_doc_free(doc);
    return XC_OK;
}

size_t xc_dossier_ndocs(const xc_dossier *d)
{
    return d ? d->n : 0;
}
#endif

static char tmpdir[64];

static void tmp_make(void)
{
    strcpy(tmpdir, "/tmp/xc_store_XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        exit(2);
    }
}

static void tmp_remove(void)
{
    DIR *dir = opendir(tmpdir);
    struct dirent *e;
    char p[512];
    if (!dir)
        return;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
        unlink(p);
    }
    closedir(dir);
    rmdir(tmpdir);
}

/* The path of NAME in the temporary directory, in OUT. */
static void tpath(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", tmpdir, name);
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* The whole file at PATH (caller frees), its size in *n; NULL if unreadable. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    long len;
    *n = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0) {
        p = malloc((size_t)len + 1);
        if (p && fread(p, 1, (size_t)len, f) == (size_t)len) {
            *n = (size_t)len;
        } else {
            free(p);
            p = NULL;
        }
    }
    fclose(f);
    return p;
}

static void spit(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n) {
        perror(path);
        exit(2);
    }
    fclose(f);
}

/* Run SQL on the file at PATH with SQLite directly; 0 on success. */
static int raw_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

/* The integer the first column of SQL gives on the file at PATH, or -1. */
static int64_t raw_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

static xc_doc *mkdoc(const char *text, const char *title, const char *outlet)
{
    xc_doc *d = xc_doc_new();
    if (!d)
        exit(2);
    d->text = strdup(text);
    d->len = strlen(text);
    d->title = title ? strdup(title) : NULL;
    d->outlet = outlet ? strdup(outlet) : NULL;
    d->language = strdup("en");
    d->source = strdup("test.txt");
    return d;
}

/* Open (creating) the store at PATH, failing the test program if it can't. */
static xc_store *must_open(const char *path, int flags)
{
    xc_store *st = NULL;
    xc_error err = {XC_OK, ""};
    xc_code rc = xc_store_open(path, flags, &st, &err);
    CHECK_MSG(rc == XC_OK && st, "open %s: %s", path, err.msg);
    if (!st)
        exit(1);
    return st;
}

/* Add TEXT with TITLE; returns its id, or -1. */
static int64_t must_add(xc_store *st, const char *text, const char *title)
{
    xc_doc *d = mkdoc(text, title, NULL);
    xc_error err = {XC_OK, ""};
    int64_t id = -1;
    int added = -1;
    xc_code rc = xc_store_add(st, d, &id, &added, &err);
    CHECK_MSG(rc == XC_OK, "add: %s", err.msg);
    xc_doc_free(d);
    return rc == XC_OK ? id : -1;
}

static int64_t count(xc_store *st)
{
    int64_t n = -1;
    xc_error err;
    CHECK(xc_store_count(st, &n, &err) == XC_OK);
    return n;
}

/* ---- list, stories and search callbacks -------------------------------- */

typedef struct listed {
    int n, stop_after;
    int64_t ids[8], story[8];
    size_t bytes[8];
    char title[8][64], added[8][32];
} listed;

static int on_doc(void *ctx, const xc_doc_info *info)
{
    listed *l = ctx;
    if (l->n < 8) {
        l->ids[l->n] = info->id;
        l->story[l->n] = info->story;
        l->bytes[l->n] = info->bytes;
        snprintf(l->title[l->n], sizeof l->title[0], "%s",
                 info->title ? info->title : "(null)");
        snprintf(l->added[l->n], sizeof l->added[0], "%s",
                 info->added ? info->added : "");
    }
    l->n++;
    return l->stop_after && l->n >= l->stop_after;
}

typedef struct storied {
    int n;
    int64_t id;
    size_t ndocs;
    char title[64];
} storied;

static int on_story(void *ctx, const xc_story_info *info)
{
    storied *s = ctx;
    if (s->n++ == 0) {
        s->id = info->id;
        s->ndocs = info->ndocs;
        snprintf(s->title, sizeof s->title, "%s",
                 info->title ? info->title : "(null)");
    }
    return 0;
}

typedef struct found {
    int n, stop_after;
    int64_t ids[8];
    double score[8];
    char snippet[8][256];
} found;

static int on_hit(void *ctx, const xc_hit *hit)
{
    found *f = ctx;
    if (f->n < 8) {
        f->ids[f->n] = hit->id;
        f->score[f->n] = hit->score;
        snprintf(f->snippet[f->n], sizeof f->snippet[0], "%s",
                 hit->snippet ? hit->snippet : "");
    }
    f->n++;
    return f->stop_after && f->n >= f->stop_after;
}

/* Number of hits for QUERY, or -1 when the search fails. */
static int search(xc_store *st, const char *query, size_t limit, found *f)
{
    xc_error err = {XC_OK, ""};
    xc_code rc;
    memset(f, 0, sizeof *f);
    rc = xc_store_search(st, query, limit, on_hit, f, &err);
    if (rc != XC_OK) {
        fprintf(stderr, "search \"%s\": %s: %s\n", query, xc_code_str(rc),
                err.msg);
        return -1;
    }
    return f->n;
}

/* ---- tests -------------------------------------------------------------- */

static void test_add_get_list(void)
{
    char path[256];
    xc_store *st;
    static xc_doc sentinel;
    xc_doc *d, *got = NULL;
    xc_error err = {XC_OK, ""};
    int64_t id1 = 0, id2 = 0, id = 0;
    int added = -1;
    listed l;
    storied s;

    tmp_make();
    tpath(path, sizeof path, "new.db");
    CHECK(!exists(path));
    st = must_open(path, 0);
    CHECK(exists(path));
    CHECK(count(st) == 0);

    d = mkdoc("Header\nThe mayor resigned on Tuesday.\nFooter", "Mayor quits",
              "Daily Planet");
    d->published = strdup("2024-05-01");
    d->url = strdup("https://example.com/mayor");
    d->encoding = strdup("ISO-8859-1");
    d->boilerplate = malloc(2 * sizeof(xc_span));
    d->boilerplate[0] = (xc_span){0, 7};
    d->boilerplate[1] = (xc_span){38, 44};
    d->nboilerplate = 2;
    CHECK_MSG(xc_store_add(st, d, &id1, &added, &err) == XC_OK, "%s", err.msg);
    CHECK(added == 1);
    CHECK(id1 > 0);

    /* the same text again, whatever its metadata, adds nothing */
    free(d->title);
    d->title = strdup("Another headline");
    added = -1;
    CHECK(xc_store_add(st, d, &id, &added, &err) == XC_OK);
    CHECK(added == 0);
    CHECK(id == id1);
    CHECK(count(st) == 1);

    id2 = must_add(st, "A second report, about the weather.", NULL);
    CHECK(id2 > id1);
    CHECK(count(st) == 2);

    /* get: every field back, boilerplate included */
    CHECK(xc_store_get(st, id1, &got, &err) == XC_OK);
    CHECK(got != NULL);
    if (got) {
        CHECK(got->len == d->len);
        CHECK(memcmp(got->text, d->text, d->len) == 0);
        CHECK_STR(got->title, "Mayor quits");
        CHECK_STR(got->outlet, "Daily Planet");
        CHECK_STR(got->published, "2024-05-01");
        CHECK_STR(got->url, "https://example.com/mayor");
        CHECK_STR(got->encoding, "ISO-8859-1");
        CHECK_STR(got->language, "en");
        CHECK_STR(got->source, "test.txt");
        CHECK(got->store_id == id1);
        CHECK(got->hash != 0);
        CHECK(got->nboilerplate == 2);
        if (got->nboilerplate == 2) {
            CHECK(got->boilerplate[0].start == 0 && got->boilerplate[0].end == 7);
            CHECK(got->boilerplate[1].start == 38 &&
                  got->boilerplate[1].end == 44);
        }
        /* the hash it reports is the one add computes: giving it dedupes */
        d->hash = got->hash;
        added = -1;
        CHECK(xc_store_add(st, d, &id, &added, &err) == XC_OK);
        CHECK(added == 0 && id == id1);
    }
    xc_doc_free(got);
    xc_doc_free(d);

    got = NULL;
    CHECK(xc_store_get(st, id2, &got, &err) == XC_OK);
    CHECK(got && got->title == NULL && got->nboilerplate == 0 &&
          got->boilerplate == NULL);
    xc_doc_free(got);

    got = &sentinel; /* must be reset to NULL */
    CHECK(xc_store_get(st, 9999, &got, &err) == XC_ERR_NOT_FOUND);
    CHECK(got == NULL);
    CHECK(err.code == XC_ERR_NOT_FOUND && strstr(err.msg, "9999"));

    /* a hash given by the caller is stored as given */
    d = mkdoc("Text with a hash chosen by the caller.", NULL, NULL);
    d->hash = UINT64_C(0xfedcba9876543210);
    CHECK(xc_store_add(st, d, &id, &added, &err) == XC_OK && added == 1);
    xc_doc_free(d);
    got = NULL;
    CHECK(xc_store_get(st, id, &got, &err) == XC_OK);
    CHECK(got && got->hash == UINT64_C(0xfedcba9876543210));
    xc_doc_free(got);

    /* list: oldest first, with the summary fields */
    memset(&l, 0, sizeof l);
    CHECK(xc_store_list(st, on_doc, &l, &err) == XC_OK);
    CHECK(l.n == 3);
    CHECK(l.ids[0] == id1 && l.ids[1] == id2 && l.ids[2] == id);
    CHECK_STR(l.title[0], "Mayor quits");
    CHECK_STR(l.title[1], "(null)");
    CHECK(l.bytes[0] == strlen("Header\nThe mayor resigned on Tuesday.\nFooter"));
    CHECK(l.story[0] == 1 && l.story[1] >= 1); /* clustered as they came */
    CHECK(strlen(l.added[0]) == 20 && l.added[0][4] == '-' &&
          l.added[0][10] == 'T' && l.added[0][19] == 'Z');

    memset(&l, 0, sizeof l);
    l.stop_after = 1;
    CHECK(xc_store_list(st, on_doc, &l, &err) == XC_OK);
    CHECK(l.n == 1);

    /* every document is in a story; the first story is titled after the
       first document */
    memset(&s, 0, sizeof s);
    CHECK(xc_store_stories(st, on_story, &s, &err) == XC_OK);
    CHECK(s.n >= 1 && s.n <= 3 && s.id == 1 && s.ndocs >= 1);
    CHECK_STR(s.title, "Mayor quits");

    xc_store_close(st);

    /* it is all still there after reopening */
    st = must_open(path, XC_STORE_NOCREATE);
    CHECK(count(st) == 3);
    xc_store_close(st);
    tmp_remove();
}

static void test_bad_arguments(void)
{
    char path[256];
    xc_store *st = NULL;
    xc_error err = {XC_OK, ""};
    xc_doc *d;
    int64_t id = 7;
    int added = 7;

    CHECK(xc_store_open(NULL, 0, &st, &err) == XC_ERR_ARG);
    CHECK(st == NULL);
    xc_store_close(NULL);

    tmp_make();
    tpath(path, sizeof path, "args.db");
    st = must_open(path, 0);
    CHECK(xc_store_add(st, NULL, &id, &added, &err) == XC_ERR_ARG);

    /* a boilerplate span past the end of the text is refused whole */
    d = mkdoc("short", NULL, NULL);
    d->boilerplate = malloc(sizeof(xc_span));
    d->boilerplate[0] = (xc_span){2, 99};
    d->nboilerplate = 1;
    CHECK(xc_store_add(st, d, &id, &added, &err) == XC_ERR_ARG);
    CHECK(id == 0 && added == 0);
    d->boilerplate[0] = (xc_span){2, 5};
    CHECK(xc_store_add(st, d, &id, &added, &err) == XC_OK && added == 1);
    xc_doc_free(d);
    CHECK(count(st) == 1);

    CHECK(xc_store_commit(st, &err) == XC_ERR_ARG);
    CHECK(xc_store_begin(st, &err) == XC_OK);
    CHECK(xc_store_begin(st, &err) == XC_ERR_ARG);
    CHECK(xc_store_rollback(st) == XC_OK);
    CHECK(xc_store_rollback(st) == XC_OK);
    xc_store_close(st);
    tmp_remove();
}

static void test_nocreate(void)
{
    char path[256];
    xc_store *st = NULL;
    xc_error err = {XC_OK, ""};

    tmp_make();
    tpath(path, sizeof path, "missing.db");
    CHECK(xc_store_open(path, XC_STORE_NOCREATE, &st, &err) == XC_ERR_NOT_FOUND);
    CHECK(st == NULL);
    CHECK(err.msg[0] != '\0');
    CHECK(!exists(path));
    CHECK(xc_store_open(path, XC_STORE_READONLY, &st, &err) == XC_ERR_NOT_FOUND);
    CHECK(!exists(path));

    tpath(path, sizeof path, "no/such/dir.db");
    CHECK(xc_store_open(path, 0, &st, &err) == XC_ERR_IO);
    CHECK(st == NULL && err.msg[0] != '\0');
    tmp_remove();
}

static void test_search(void)
{
    static const char *const hostile[] = {
        "\"unbalanced", "AND OR (", "NEAR(", "NEAR(harbour monday, 2)", ")",
        "(", "*", "-harbour", "^", "title:harbour", "{title text}: harbour",
        "\"\"", "\"", "'", "\\", "harbour\"", "ha\"rbour", "AND", "OR", "NOT",
        "harbour NOT monday", "'; DROP TABLE documents; --", "\xff\xfe\x80",
        "\xe2\x80\x94", "\xc3", "%", "_", "NEAR", "a+b", "x:y:z", "col : a",
    };
    char path[256], big[4096];
    xc_store *st;
    found f;
    int64_t a, b, c;
    xc_error err = {XC_OK, ""};
    char *huge;

    tmp_make();
    tpath(path, sizeof path, "search.db");
    st = must_open(path, 0);
    a = must_add(st,
                 "The harbour reopened on Monday. Harbour officials said the "
                 "harbour would stay open. Ships returned to the harbour.",
                 "Harbour reopens");
    b = must_add(st,
                 "Fishermen met in the town hall on Monday. One of them "
                 "mentioned the harbour briefly before the vote.",
                 "Town hall meeting");
    c = must_add(st,
                 "The caf\xc3\xa9 on the square served coffee to protesters. "
                 "Na\xc3\xafve observers called it a festival.",
                 "Protest in the square");

    /* ranking: more mentions rank first; BM25 is lower for better */
    CHECK(search(st, "harbour", 10, &f) == 2);
    CHECK(f.ids[0] == a && f.ids[1] == b);
    CHECK(f.score[0] <= f.score[1]);
    CHECK(strstr(f.snippet[0], "[harbour]") || strstr(f.snippet[0], "[Harbour]"));
    CHECK(strstr(f.snippet[1], "[harbour]") != NULL);

    /* all words must match */
    CHECK(search(st, "harbour monday", 10, &f) == 2);
    CHECK(search(st, "harbour square", 10, &f) == 0);
    CHECK(search(st, "Town Hall", 10, &f) == 1 && f.ids[0] == b);
    CHECK(strstr(f.snippet[0], "[town]") && strstr(f.snippet[0], "[hall]"));

    /* case and diacritics do not matter; non-ASCII words work */
    CHECK(search(st, "cafe", 10, &f) == 1 && f.ids[0] == c);
    CHECK(strstr(f.snippet[0], "[caf\xc3\xa9]") != NULL);
    CHECK(search(st, "CAF\xc3\x89", 10, &f) == 1 && f.ids[0] == c);
    CHECK(search(st, "naive", 10, &f) == 1);
    CHECK(search(st, "na\xc3\xafve!", 10, &f) == 1);

    /* title is searched too */
    CHECK(search(st, "reopens", 10, &f) == 1 && f.ids[0] == a);

    /* limit and stopping early */
    CHECK(search(st, "monday", 1, &f) == 1);
    CHECK(search(st, "monday", 0, &f) == 2);
    memset(&f, 0, sizeof f);
    f.stop_after = 1;
    CHECK(xc_store_search(st, "monday", 10, on_hit, &f, &err) == XC_OK);
    CHECK(f.n == 1);

    /* no words: no hits, no error */
    CHECK(search(st, "", 10, &f) == 0);
    CHECK(search(st, "   \t\n", 10, &f) == 0);
    CHECK(search(st, "?!.,;", 10, &f) == 0);

    /* operators are words or nothing, never syntax */
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        int n = search(st, hostile[i], 10, &f);
        CHECK_MSG(n >= 0, "hostile query %zu: %s", i, hostile[i]);
    }
    CHECK(search(st, "harbour*", 10, &f) == 2);
    CHECK(search(st, "^harbour", 10, &f) == 2);
    CHECK(search(st, "\"harbour", 10, &f) == 2);
    CHECK(search(st, "(harbour)", 10, &f) == 2);
    CHECK(search(st, "harbour \xe2\x80\x94", 10, &f) == 2);
    CHECK(search(st, "harbour OR square", 10, &f) == 0);
    CHECK(search(st, "title:harbour", 10, &f) == 0);
    CHECK(count(st) == 3);

    /* a long query is fine; an absurd one is refused, not a crash */
    memset(big, 0, sizeof big);
    for (size_t i = 0; i + 8 < sizeof big; i += 8)
        memcpy(big + i, "harbour ", 8);
    CHECK(search(st, big, 10, &f) == 2);
    huge = malloc(200001);
    memset(huge, 'x', 200000);
    for (size_t i = 1; i < 200000; i += 2)
        huge[i] = ' ';
    huge[200000] = '\0';
    CHECK(xc_store_search(st, huge, 10, on_hit, &f, &err) == XC_ERR_TOO_BIG);
    memset(huge, 'y', 50000);
    huge[50000] = '\0';
    CHECK(search(st, huge, 10, &f) == 0);
    free(huge);

    xc_store_close(st);
    tmp_remove();
}

static void test_random_bytes(void)
{
    char path[256], data[4096];
    size_t n;
    char *after;
    uint32_t x = 12345;
    xc_store *st = NULL;
    xc_error err = {XC_OK, ""};

    tmp_make();
    tpath(path, sizeof path, "random.db");
    for (size_t i = 0; i < sizeof data; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (char)(x >> 16);
    }
    spit(path, data, sizeof data);
    CHECK(xc_store_open(path, 0, &st, &err) == XC_ERR_NOT_DB);
    CHECK(st == NULL);
    CHECK(strstr(err.msg, "not SQLite") != NULL);
    CHECK(xc_store_open(path, XC_STORE_READONLY, &st, &err) == XC_ERR_NOT_DB);
    after = slurp(path, &n);
    CHECK(after && n == sizeof data && memcmp(after, data, n) == 0);
    free(after);

    /* a news report given where the database should be */
    tpath(path, sizeof path, "report.txt");
    spit(path, "The mayor resigned.\n", 20);
    CHECK(xc_store_open(path, 0, &st, &err) == XC_ERR_NOT_DB);
    after = slurp(path, &n);
    CHECK(after && n == 20 && memcmp(after, "The mayor resigned.\n", 20) == 0);
    free(after);
    tmp_remove();
}

static void test_empty_file(void)
{
    char path[256];
    xc_store *st = NULL;
    xc_error err = {XC_OK, ""};
    storied s;

    tmp_make();
    tpath(path, sizeof path, "empty.db");
    spit(path, "", 0);
    /* read-only, an empty file cannot become a database */
    CHECK(xc_store_open(path, XC_STORE_READONLY, &st, &err) == XC_ERR_NOT_DB);
    st = must_open(path, 0);
    must_add(st, "Untitled text.", NULL);
    CHECK(count(st) == 1);
    memset(&s, 0, sizeof s);
    CHECK(xc_store_stories(st, on_story, &s, &err) == XC_OK);
    CHECK(s.n == 1 && s.ndocs == 1);
    CHECK_STR(s.title, "(null)");
    xc_store_close(st);
    CHECK(raw_int(path, "PRAGMA application_id") == 0x5843484B);
    CHECK(raw_int(path, "SELECT count(*) FROM pragma_journal_mode "
                        "WHERE journal_mode = 'wal'") == 1);
    tmp_remove();
}

static void test_foreign(void)
{
    char path[256], wal[300];
    char *before, *after;
    size_t nb, na;
    xc_store *st = NULL;
    xc_error err = {XC_OK, ""};

    tmp_make();
    tpath(path, sizeof path, "foreign.db");
    CHECK(raw_exec(path, "CREATE TABLE recipes (name TEXT, steps TEXT);"
                         "INSERT INTO recipes VALUES ('bread', 'knead');") ==
          SQLITE_OK);
    before = slurp(path, &nb);
    CHECK(before && nb > 0);
    CHECK(xc_store_open(path, 0, &st, &err) == XC_ERR_NOT_DB);
    CHECK(st == NULL);
    CHECK(strstr(err.msg, "not a crosscheck database") != NULL);
    CHECK(xc_store_open(path, XC_STORE_READONLY, &st, &err) == XC_ERR_NOT_DB);
    after = slurp(path, &na);
    CHECK(after && na == nb && memcmp(before, after, nb) == 0);
    snprintf(wal, sizeof wal, "%s-wal", path);
    CHECK(!exists(wal));
    CHECK(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents'") == 0);
    free(before);
    free(after);

    /* another program's database, marked as such but still empty */
    tpath(path, sizeof path, "other-app.db");
    CHECK(raw_exec(path, "PRAGMA application_id = 1234;") == SQLITE_OK);
    CHECK(xc_store_open(path, 0, &st, &err) == XC_ERR_NOT_DB);
    CHECK(raw_int(path, "PRAGMA application_id") == 1234);
    CHECK(raw_int(path, "SELECT count(*) FROM sqlite_schema") == 0);
    tmp_remove();
}

static void test_newer_schema(void)
{
    char path[256];
    xc_store *st = NULL;
    xc_error err = {XC_OK, ""};

    tmp_make();
    tpath(path, sizeof path, "future.db");
    st = must_open(path, 0);
    must_add(st, "A document from the present.", "Now");
    xc_store_close(st);
    CHECK(raw_exec(path, "PRAGMA user_version = 999;") == SQLITE_OK);
    st = NULL;
    CHECK(xc_store_open(path, 0, &st, &err) == XC_ERR_SCHEMA);
    CHECK(st == NULL && strstr(err.msg, "newer") != NULL);
    CHECK(xc_store_open(path, XC_STORE_READONLY, &st, &err) == XC_ERR_SCHEMA);
    CHECK(raw_int(path, "PRAGMA user_version") == 999);
    tmp_remove();
}

static void test_busy(void)
{
    char path[256];
    xc_store *st;
    sqlite3 *other = NULL;
    xc_error err = {XC_OK, ""};
    int64_t id;
    int added;
    xc_doc *d;

    tmp_make();
    tpath(path, sizeof path, "busy.db");
    st = must_open(path, 0);
    xc_store_close(st);

    setenv("CROSSCHECK_BUSY_MS", "100", 1);
    CHECK(sqlite3_open(path, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO stories (title) "
                              "VALUES ('held');",
                       NULL, NULL, NULL) == SQLITE_OK);

    st = must_open(path, 0);
    d = mkdoc("Written while another writer holds the lock.", NULL, NULL);
    CHECK(xc_store_add(st, d, &id, &added, &err) == XC_ERR_DB_BUSY);
    CHECK(strstr(err.msg, "another crosscheck") != NULL);
    CHECK(xc_store_begin(st, &err) == XC_ERR_DB_BUSY);
    CHECK(count(st) == 0); /* readers are not blocked in WAL mode */

    CHECK(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(other);
    CHECK(xc_store_add(st, d, &id, &added, &err) == XC_OK && added == 1);
    CHECK(count(st) == 1);
    xc_doc_free(d);
    xc_store_close(st);
    unsetenv("CROSSCHECK_BUSY_MS");
    tmp_remove();
}

/* The schema as version 1 wrote it: tables only, no search, no annotations.
   Frozen here on purpose; it must never follow later changes. */
static const char schema_v1[] =
    "CREATE TABLE stories (id INTEGER PRIMARY KEY, title TEXT,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
    "CREATE TABLE documents (id INTEGER PRIMARY KEY,"
    "  hash TEXT NOT NULL UNIQUE, source TEXT, title TEXT, outlet TEXT,"
    "  published TEXT, language TEXT, url TEXT, encoding TEXT,"
    "  bytes INTEGER NOT NULL,"
    "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  story INTEGER REFERENCES stories(id), text TEXT NOT NULL);"
    "CREATE INDEX documents_story ON documents(story);"
    "CREATE TABLE boilerplate ("
    "  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    "  PRIMARY KEY (doc, start)) WITHOUT ROWID;"
    "PRAGMA application_id = 1480804427;"
    "PRAGMA user_version = 1;";

static void test_migration(void)
{
    char path[256];
    xc_store *st = NULL;
    xc_error err = {XC_OK, ""};
    xc_doc *got = NULL;
    found f;
    int64_t id;

    tmp_make();
    tpath(path, sizeof path, "v1.db");
    CHECK(raw_exec(path, schema_v1) == SQLITE_OK);
    CHECK(raw_exec(path,
                   "INSERT INTO stories (id, title) VALUES (1, 'Old story');"
                   "INSERT INTO documents (hash, title, bytes, story, text)"
                   " VALUES ('0000000000000001', 'Old one', 29, 1,"
                   " 'An old report on lighthouses.');"
                   "INSERT INTO documents (hash, title, bytes, story, text)"
                   " VALUES ('0000000000000002', 'Old two', 23, 1,"
                   " 'Another one on ferries.');"
                   "INSERT INTO boilerplate VALUES (1, 0, 2);") == SQLITE_OK);

    /* a read-only handle cannot upgrade it, and says so */
    CHECK(xc_store_open(path, XC_STORE_READONLY, &st, &err) == XC_ERR_READONLY);
    CHECK(strstr(err.msg, "version 1") != NULL);
    CHECK(raw_int(path, "PRAGMA user_version") == 1);

    st = must_open(path, 0);
    CHECK(count(st) == 2);
    /* documents stored before search existed are found */
    CHECK(search(st, "lighthouses", 10, &f) == 1 && f.ids[0] == 1);
    CHECK(search(st, "ferries", 10, &f) == 1 && f.ids[0] == 2);
    CHECK(xc_store_get(st, 1, &got, &err) == XC_OK);
    CHECK(got && got->hash == 1 && got->nboilerplate == 1);
    xc_doc_free(got);
    id = must_add(st, "A new report on lighthouses and ferries.", "New");
    CHECK(id == 3);
    CHECK(search(st, "lighthouses ferries", 10, &f) == 1 && f.ids[0] == 3);
    xc_store_close(st);

    CHECK(raw_int(path, "PRAGMA user_version") >= 3);
    CHECK(raw_int(path, "SELECT count(*) FROM sqlite_schema "
                        "WHERE name IN ('fts', 'annotations')") == 2);
    /* opening again finds nothing to do */
    st = must_open(path, 0);
    CHECK(count(st) == 3);
    xc_store_close(st);
    tmp_remove();
}

static void test_transactions(void)
{
    char path[256];
    xc_store *st;
    xc_error err = {XC_OK, ""};
    storied s;
    found f;

    tmp_make();
    tpath(path, sizeof path, "tx.db");
    st = must_open(path, 0);

    CHECK(xc_store_begin(st, &err) == XC_OK);
    must_add(st, "First of a batch that is rolled back.", "Gone");
    must_add(st, "Second of a batch that is rolled back.", "Gone too");
    CHECK(count(st) == 2);
    CHECK(xc_store_rollback(st) == XC_OK);
    CHECK(count(st) == 0);
    CHECK(search(st, "rolled", 10, &f) == 0);
    memset(&s, 0, sizeof s);
    CHECK(xc_store_stories(st, on_story, &s, &err) == XC_OK);
    CHECK(s.n == 0);

    CHECK(xc_store_begin(st, &err) == XC_OK);
    must_add(st, "One of a batch that is kept.", "Kept");
    must_add(st, "One of a batch that is kept.", "Duplicate within the batch");
    must_add(st, "Two of a batch that is kept.", NULL);
    CHECK(xc_store_commit(st, &err) == XC_OK);
    CHECK(count(st) == 2);
    CHECK(search(st, "kept", 10, &f) == 2);

    /* a batch left open at close is discarded */
    CHECK(xc_store_begin(st, &err) == XC_OK);
    must_add(st, "Never committed.", NULL);
    xc_store_close(st);
    st = must_open(path, 0);
    CHECK(count(st) == 2);
    xc_store_close(st);
    tmp_remove();
}

static void test_readonly(void)
{
    char path[256];
    xc_store *st;
    xc_error err = {XC_OK, ""};
    xc_doc *d, *got = NULL;
    int64_t id = -1;
    int added = -1;
    found f;

    tmp_make();
    tpath(path, sizeof path, "ro.db");
    st = must_open(path, 0);
    id = must_add(st, "Readable but not writable.", "Read only");
    xc_store_close(st);

    st = must_open(path, XC_STORE_READONLY);
    CHECK(count(st) == 1);
    CHECK(xc_store_get(st, id, &got, &err) == XC_OK);
    xc_doc_free(got);
    CHECK(search(st, "readable", 10, &f) == 1);
    d = mkdoc("Refused.", NULL, NULL);
    CHECK(xc_store_add(st, d, &id, &added, &err) == XC_ERR_READONLY);
    CHECK(id == 0 && added == 0);
    CHECK(strstr(err.msg, "read-only") != NULL);
    CHECK(xc_store_begin(st, &err) == XC_ERR_READONLY);
    xc_store_close(st);

    /* permissions (root ignores them, so only as anyone else) */
    if (geteuid() != 0) {
        char dir[256], inner[300];

        /* a write-protected file */
        CHECK(chmod(path, 0444) == 0);
        st = NULL;
        CHECK(xc_store_open(path, 0, &st, &err) == XC_ERR_READONLY);
        CHECK(st == NULL);
        st = must_open(path, XC_STORE_READONLY);
        CHECK(count(st) == 1);
        xc_store_close(st);

        /* a WAL database in a read-only directory, where the -shm file
           cannot be created: refused for writing, readable read-only */
        tpath(dir, sizeof dir, "rodir");
        snprintf(inner, sizeof inner, "%s/in.db", dir);
        CHECK(mkdir(dir, 0755) == 0);
        st = must_open(inner, 0);
        must_add(st, "Kept in a directory that becomes read-only.", NULL);
        xc_store_close(st);
        CHECK(chmod(dir, 0555) == 0);
        st = NULL;
        CHECK(xc_store_open(inner, 0, &st, &err) == XC_ERR_READONLY);
        CHECK(st == NULL && strstr(err.msg, "directory") != NULL);
        st = must_open(inner, XC_STORE_READONLY);
        CHECK(count(st) == 1);
        CHECK(search(st, "directory", 10, &f) == 1);
        xc_store_close(st);
        chmod(dir, 0755);
        unlink(inner);
        rmdir(dir);
    }
    xc_doc_free(d);
    tmp_remove();
}

/* A writer killed in the middle of a batch loses that batch only. */
static void test_crash_mid_batch(void)
{
    char path[256];
    xc_store *st;
    pid_t pid;
    int status = -1;
    found f;

    tmp_make();
    tpath(path, sizeof path, "crash.db");
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        xc_store *c = NULL;
        xc_doc *d = mkdoc("Committed before the crash.", NULL, NULL);
        xc_doc *e = mkdoc("Written in the batch that dies.", NULL, NULL);
        xc_doc *g = mkdoc("Also in the batch that dies.", NULL, NULL);
        if (xc_store_open(path, 0, &c, NULL) != XC_OK ||
            xc_store_add(c, d, NULL, NULL, NULL) != XC_OK ||
            xc_store_begin(c, NULL) != XC_OK ||
            xc_store_add(c, e, NULL, NULL, NULL) != XC_OK ||
            xc_store_add(c, g, NULL, NULL, NULL) != XC_OK)
            _exit(3);
        _exit(0); /* no commit, no close: as if killed */
    }
    CHECK(pid > 0);
    if (pid > 0)
        waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    st = must_open(path, 0);
    CHECK(count(st) == 1);
    CHECK(search(st, "dies", 10, &f) == 0);
    CHECK(search(st, "crash", 10, &f) == 1);
    xc_store_close(st);
    tmp_remove();
}

static void test_load_story(void)
{
    char path[256];
    xc_store *st;
    xc_dossier *d;
    xc_error err = {XC_OK, ""};
    int64_t a, b, c;
    size_t n1;

    tmp_make();
    tpath(path, sizeof path, "story.db");
    st = must_open(path, 0);
    a = must_add(st, "The council approved the budget on Monday.", "Budget approved");
    b = must_add(st, "Councillors voted 7 to 2 for the budget.", "Budget vote");
    c = must_add(st, "The budget includes a new library.", "Library funded");

    d = xc_dossier_new();
    CHECK(d != NULL);
    CHECK(xc_store_load_story(st, 0, d, &err) == XC_OK);
    CHECK(xc_dossier_ndocs(d) == 3);
#ifdef XC_STORE_TEST_STUBS
    CHECK(d->ids[0] == a && d->ids[1] == b && d->ids[2] == c);
#else
    (void)a, (void)b, (void)c;
#endif
    xc_dossier_free(d);

    d = xc_dossier_new();
    CHECK(xc_store_load_story(st, 1, d, &err) == XC_OK);
    n1 = xc_dossier_ndocs(d); /* the first document's story */
    CHECK(n1 >= 1 && n1 <= 3);
    CHECK(xc_store_load_story(st, 42, d, &err) == XC_ERR_NOT_FOUND);
    CHECK(strstr(err.msg, "42") != NULL);
    CHECK(xc_dossier_ndocs(d) == n1);
    xc_dossier_free(d);
    CHECK(xc_store_load_story(st, 1, NULL, &err) == XC_ERR_ARG);
    xc_store_close(st);
    tmp_remove();
}

/* ---- document frequencies and deletes ---------------------------------- */

static const char *const flood[] = {
    "Heavy rain caused severe flooding in Valencia on Tuesday, Spanish officials "
    "said. Prime Minister Pedro Sanchez visited the city and promised aid. "
    "Emergency services rescued hundreds of residents from flooded homes.",
    "Torrential rain flooded Valencia on Tuesday. Spanish emergency services "
    "rescued residents trapped in their homes, officials said, and Pedro Sanchez "
    "promised aid for the flooded city.",
    "Rescuers in Valencia searched flooded homes after the rain on Tuesday. "
    "Pedro Sanchez promised aid to the city. Meteorologist Ximena Quarrington "
    "said the zyxwvut storm system over Valencia was unprecedented.",
    "The city council of Oslo voted on Monday to ban cars from the centre. "
    "Mayor Raymond Johansen said the vote was historic.",
};

/* The rows of table df in the database at A and not at B, plus those at B
   and not at A: 0 when the two count the same; -1 on failure. */
static int64_t df_differs(const char *a, const char *b)
{
    static const char *const q[] = {
        "SELECT count(*) FROM (SELECT key, n FROM main.df EXCEPT SELECT key, n FROM y.df)",
        "SELECT count(*) FROM (SELECT key, n FROM y.df EXCEPT SELECT key, n FROM main.df)",
    };
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    char *attach = sqlite3_mprintf("ATTACH %Q AS y", b);
    int64_t n = 0;
    if (!attach || sqlite3_open(a, &db) != SQLITE_OK ||
        sqlite3_exec(db, attach, NULL, NULL, NULL) != SQLITE_OK)
        n = -1;
    for (int i = 0; i < 2 && n >= 0; i++) {
        if (sqlite3_prepare_v2(db, q[i], -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            n += sqlite3_column_int64(s, 0);
        else
            n = -1;
        sqlite3_finalize(s);
    }
    sqlite3_free(attach);
    sqlite3_close(db);
    return n;
}

/* The keys of the story centroids (packed 12 bytes a key: key, weight)
   and of the story index in the database at PATH that table df does not
   count: what a deleted document left behind.  -1 on failure. */
static int64_t stale_story_keys(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL, *k = NULL;
    int64_t n = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT terms, entities FROM story_features", -1, &s,
                           NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT 1 FROM df WHERE key = ?1 AND n > 0", -1, &k,
                           NULL) == SQLITE_OK) {
        n = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            for (int col = 0; col < 2; col++) {
                const unsigned char *b = sqlite3_column_blob(s, col);
                int len = sqlite3_column_bytes(s, col);
                for (int i = 0; b && i + 12 <= len; i += 12) {
                    uint64_t key = 0;
                    for (int j = 0; j < 8; j++)
                        key |= (uint64_t)b[i + j] << (8 * j);
                    sqlite3_bind_int64(k, 1, (sqlite3_int64)key);
                    if (sqlite3_step(k) != SQLITE_ROW)
                        n++;
                    sqlite3_reset(k);
                }
            }
        }
    }
    sqlite3_finalize(s);
    sqlite3_finalize(k);
    sqlite3_close(db);
    if (n >= 0) {
        int64_t m = raw_int(path, "SELECT count(*) FROM story_keys"
                                  " WHERE key NOT IN (SELECT key FROM df WHERE n > 0)");
        n = m < 0 ? -1 : n + m;
    }
    return n;
}

/* The frequencies counted in memory reach table df at commit, are taken
   back with a rolled-back batch, follow another writer's changes, and
   leave with a deleted document, whose story forgets it too. */
static void test_frequencies(void)
{
    char ab[256], abc[256], other[256];
    xc_store *st, *st2;
    xc_error err = {XC_OK, ""};
    int64_t c, d;

    tmp_make();
    tpath(ab, sizeof ab, "ab.db");
    tpath(abc, sizeof abc, "abc.db");
    tpath(other, sizeof other, "other.db");

    /* the reference: two documents, one at a time */
    st = must_open(ab, 0);
    must_add(st, flood[0], "Valencia floods");
    must_add(st, flood[1], NULL);
    xc_store_close(st);
    CHECK(raw_int(ab, "SELECT n FROM df WHERE key = 0") == 2);
    CHECK(raw_int(ab, "SELECT count(*) FROM df") > 10);

    /* in one batch, with a third document added and deleted in it, and a
       rolled-back batch after: the same counts */
    st = must_open(abc, 0);
    CHECK(xc_store_begin(st, &err) == XC_OK);
    must_add(st, flood[0], "Valencia floods");
    d = must_add(st, flood[3], "Oslo bans cars");
    CHECK(xc_store_delete(st, d, &err) == XC_OK);
    must_add(st, flood[1], NULL);
    CHECK(xc_store_commit(st, &err) == XC_OK);
    CHECK(df_differs(ab, abc) == 0);
    CHECK(xc_store_begin(st, &err) == XC_OK);
    must_add(st, flood[3], "Oslo bans cars");
    CHECK(xc_store_rollback(st) == XC_OK);
    CHECK(df_differs(ab, abc) == 0);

    /* a third document in the same story, deleted alone: the counts are
       those of the first two again and the story keeps nothing of it */
    c = must_add(st, flood[2], "Rescue continues");
    CHECK(raw_int(abc, "SELECT n FROM df WHERE key = 0") == 3);
    CHECK(raw_int(abc, "SELECT count(DISTINCT story) FROM documents") == 1);
    CHECK(xc_store_delete(st, c, &err) == XC_OK);
    CHECK(df_differs(ab, abc) == 0);
    CHECK(stale_story_keys(abc) == 0);
    CHECK(raw_int(abc, "SELECT ndocs FROM stories") == 2);
    CHECK(raw_int(abc, "SELECT count(*) FROM stories WHERE title = 'Valencia floods'") == 1);
    xc_store_close(st);

    /* two writers on one file: each sees the other's counts */
    st = must_open(other, 0);
    st2 = must_open(other, 0);
    must_add(st, flood[0], "Valencia floods");
    must_add(st2, flood[3], "Oslo bans cars");
    must_add(st, flood[1], NULL);
    xc_store_close(st);
    xc_store_close(st2);
    CHECK(raw_int(other, "SELECT n FROM df WHERE key = 0") == 3);
    st = must_open(other, 0);
    CHECK(xc_store_delete(st, 2, &err) == XC_OK);
    xc_store_close(st);
    CHECK(df_differs(ab, other) == 0);
    tmp_remove();
}

/* ---- the near-copy index (schema step 6) -------------------------------- */

/* Index the band keys of every signature in the database at PATH in table
   lsh, as a crosscheck before schema step 6 did; the number of rows added,
   or -1. */
static int64_t lsh_index_all(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL, *ins = NULL;
    int64_t n = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT doc, minhash FROM features WHERE minhash IS NOT NULL",
                           -1, &s, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO lsh (key, doc) VALUES (?1, ?2)", -1,
                           &ins, NULL) == SQLITE_OK) {
        n = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            uint32_t sig[XC_MH_N];
            int64_t keys[XC_MH_BANDS];
            if (sqlite3_column_bytes(s, 1) != (int)sizeof sig)
                continue;
            memcpy(sig, sqlite3_column_blob(s, 1), sizeof sig);
            xc_mh_bands(sig, keys);
            for (int b = 0; b < XC_MH_BANDS; b++) {
                sqlite3_bind_int64(ins, 1, keys[b]);
                sqlite3_bind_int64(ins, 2, sqlite3_column_int64(s, 0));
                if (sqlite3_step(ins) == SQLITE_DONE)
                    n += sqlite3_changes(db);
                sqlite3_reset(ins);
            }
        }
    }
    sqlite3_finalize(s);
    sqlite3_finalize(ins);
    sqlite3_close(db);
    return n;
}

/* What schema step 5 had and step 6 changed: the index on lsh(doc), the
   delete trigger that used it, no store_state, no features.keys. */
static const char back_to_v5[] =
    "DROP TABLE store_state;"
    "ALTER TABLE features DROP COLUMN keys;"
    "CREATE INDEX lsh_doc ON lsh(doc);"
    "DROP TRIGGER documents_cluster_delete;"
    "CREATE TRIGGER documents_cluster_delete AFTER DELETE ON documents BEGIN"
    "  DELETE FROM features WHERE doc = old.id;"
    "  DELETE FROM lsh WHERE doc = old.id;"
    "  DELETE FROM copies WHERE doc = old.id OR copy_of = old.id;"
    "  UPDATE stories SET ndocs = ndocs - 1 WHERE id = old.story;"
    "  DELETE FROM story_keys WHERE story = old.story"
    "    AND (SELECT ndocs FROM stories WHERE id = old.story) <= 0;"
    "  DELETE FROM story_features WHERE story = old.story"
    "    AND (SELECT ndocs FROM stories WHERE id = old.story) <= 0;"
    "  DELETE FROM stories WHERE id = old.story AND ndocs <= 0;"
    "END;"
    "PRAGMA user_version = 5;";

/* A version-5 database (band keys in lsh, index lsh_doc) is migrated: its
   keys still find near-copies, and a deleted document's rows leave lsh,
   found from its signature.  Newer documents' keys are held in memory
   until written in one pass, and are found either way. */
static void test_lsh_layout(void)
{
    char path[256];
    char copy0[1024], copy1[1024], copy2[1024];
    xc_store *st;
    xc_error err = {XC_OK, ""};
    int64_t a, b, c, d, e, rows;

    snprintf(copy0, sizeof copy0, "%s Officials gave no figure.", flood[0]);
    snprintf(copy1, sizeof copy1, "%s More rain is forecast.", flood[0]);
    snprintf(copy2, sizeof copy2, "%s Schools are closed.", flood[0]);
    tmp_make();
    tpath(path, sizeof path, "v5.db");
    st = must_open(path, 0);
    a = must_add(st, flood[0], "Valencia floods");
    c = must_add(st, flood[3], "Oslo bans cars");
    xc_store_close(st);
    /* the keys of new documents wait in memory: none in the tables yet */
    CHECK(raw_int(path, "SELECT count(*) FROM lsh") == 0);
    CHECK(raw_int(path, "SELECT count(*) FROM story_keys") == 0);
    CHECK(raw_int(path, "SELECT value FROM store_state WHERE name = 'indexed_upto'") == 0);

    /* made a version-5 file, every key in lsh */
    CHECK(raw_exec(path, back_to_v5) == SQLITE_OK);
    rows = lsh_index_all(path);
    CHECK(rows > 32);
    CHECK(raw_int(path, "PRAGMA user_version") == 5);

    st = must_open(path, 0);
    CHECK(raw_int(path, "PRAGMA user_version") == 7);
    CHECK(raw_int(path, "SELECT v FROM fts_config WHERE k = 'automerge'") == 8);
    CHECK(raw_int(path, "SELECT v FROM fts_config WHERE k = 'hashsize'") == 16777216);
    CHECK(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'lsh_doc'") == 0);
    CHECK(raw_int(path, "SELECT value FROM store_state WHERE name = 'indexed_upto'") == c);
    /* a near-copy of A is found through A's keys in lsh */
    b = must_add(st, copy0, NULL);
    CHECK(raw_int(path, "SELECT copy_of FROM copies WHERE doc = 3") == a);
    CHECK(raw_int(path, "SELECT count(*) FROM lsh WHERE doc = 3") == 0);
    /* deleting A takes its rows out of lsh, and C's stay; B's keys, held
       until then, are written first */
    CHECK(xc_store_delete(st, a, &err) == XC_OK);
    CHECK(raw_int(path, "SELECT count(*) FROM lsh WHERE doc = 1") == 0);
    CHECK(raw_int(path, "SELECT count(*) FROM lsh WHERE doc = 2") > 0);
    CHECK(raw_int(path, "SELECT count(*) FROM lsh WHERE doc = 3") > 0);
    CHECK(raw_int(path, "SELECT value FROM store_state WHERE name = 'indexed_upto'") == b);
    CHECK(raw_int(path, "SELECT count(*) FROM story_keys WHERE story ="
                        " (SELECT story FROM documents WHERE id = 3)") > 0);
    /* a near-copy of B (held in memory, read again after the delete) */
    d = must_add(st, copy1, NULL);
    CHECK(raw_int(path, "SELECT copy_of FROM copies WHERE doc = 4") == b);
    xc_store_close(st);

    /* opened again: the held keys are read from the signatures */
    st = must_open(path, 0);
    e = must_add(st, copy2, NULL);
    CHECK(e == 5);
    CHECK(raw_int(path, "SELECT count(*) FROM copies WHERE doc = 5") == 2);
    CHECK(raw_int(path, "SELECT min(copy_of) FROM copies WHERE doc = 5") == b);
    /* written out in one pass: every held key in lsh, and still found */
    CHECK(xc_store_begin(st, &err) == XC_OK);
    CHECK(xc_store_held_flush(st, 1, &err) == XC_OK);
    CHECK(xc_store_commit(st, &err) == XC_OK);
    CHECK(raw_int(path, "SELECT value FROM store_state WHERE name = 'indexed_upto'") == e);
    CHECK(raw_int(path, "SELECT count(DISTINCT doc) FROM lsh") == 4);
    CHECK(xc_store_delete(st, e, &err) == XC_OK);
    CHECK(raw_int(path, "SELECT count(*) FROM lsh WHERE doc = 5") == 0);
    CHECK(raw_int(path, "SELECT count(*) FROM copies WHERE doc = 5 OR copy_of = 5") == 0);
    /* the newest deleted, its number is given again, below lsh_upto: its
       keys go to lsh at once */
    CHECK(must_add(st, copy2, NULL) == e);
    CHECK(raw_int(path, "SELECT count(DISTINCT doc) FROM lsh") == 4);
    CHECK(raw_int(path, "SELECT count(*) FROM copies WHERE doc = 5") == 2);
    CHECK(xc_store_delete(st, d, &err) == XC_OK);
    CHECK(raw_int(path, "SELECT count(*) FROM lsh WHERE doc = 4") == 0);
    CHECK(raw_int(path, "SELECT count(*) FROM copies WHERE doc = 5") == 1);
    xc_store_close(st);
    tmp_remove();
}

/* Word W of a made-up language: three syllables from W's digits. */
static void made_word(unsigned w, char *out, size_t n)
{
    static const char *const syl[] = {"ba", "do", "ki", "mu", "ra", "te",
                                      "lo", "ni", "su", "ve", "zo", "ga"};
    snprintf(out, n, "%s%s%s", syl[w % 12], syl[w / 12 % 12], syl[w / 144 % 12]);
}

/* Document I of many short stories that all share a few common words (so
   that one key is held under more stories than a look-up returns), some
   of them bridging two stories (so that stories merge). */
static void made_doc(unsigned i, char *out, size_t n)
{
    unsigned seed = i * 2654435761u + 12345u, story = seed % 61, len = 0;
    out[0] = '\0';
    for (unsigned k = 0; k < 60 && len + 16 < n; k++) {
        unsigned w;
        char word[16];
        seed = seed * 1103515245u + 12345u;
        if (k % 5 == 4)
            w = 1700 + (seed >> 16) % 6; /* common to all */
        else if (i % 53 == 52 && k % 2)
            w = 10 * ((story + 1) % 61) + (seed >> 16) % 10; /* the next story's */
        else
            w = 10 * story + (seed >> 16) % 10;
        made_word(w, word, sizeof word);
        len += (unsigned)snprintf(out + len, n - len, "%s%s", word, k % 8 == 7 ? ". " : " ");
    }
}

static int cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

/* The stories clustering reads for a key, from the keys of the newest
   documents held in memory (the newest stories of each key, renamed when
   stories merge), are those it reads when every key is in the tables. */
static void test_held_keys(void)
{
    char pa[256], pb[256], text[1024];
    xc_store *a, *b;
    xc_error err = {XC_OK, ""};
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int64_t most, keys = 0, same = 0;
    tmp_make();
    tpath(pa, sizeof pa, "held.db");
    tpath(pb, sizeof pb, "tables.db");
    a = must_open(pa, 0);
    b = must_open(pb, 0);
    for (unsigned i = 0; i < 700; i++) {
        made_doc(i, text, sizeof text);
        must_add(a, text, NULL);
        must_add(b, text, NULL);
        CHECK(xc_store_begin(b, &err) == XC_OK);
        CHECK(xc_store_held_flush(b, 1, &err) == XC_OK);
        CHECK(xc_store_commit(b, &err) == XC_OK);
    }
    CHECK(raw_int(pa, "SELECT count(*) FROM story_keys") == 0);
    most = raw_int(pb, "SELECT max(n) FROM (SELECT count(*) AS n FROM story_keys GROUP BY key)");
    CHECK_MSG(most > XC_HELD_TOP, "a key under %lld stories", (long long)most);
    CHECK_MSG(raw_int(pb, "SELECT max(id) - count(*) FROM stories") > 0, "no merge");
    {
        static const char d[] = "SELECT sum(id * story), count(DISTINCT story) FROM documents";
        CHECK(raw_int(pa, d) == raw_int(pb, d) && raw_int(pa, d) > 0);
    }
    CHECK(sqlite3_open(pb, &db) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db, "SELECT DISTINCT key FROM story_keys", -1, &q, NULL) == SQLITE_OK);
    while (q && sqlite3_step(q) == SQLITE_ROW) {
        uint64_t key = (uint64_t)sqlite3_column_int64(q, 0);
        int64_t ta[XC_HELD_TOP], tb[XC_HELD_TOP];
        size_t na = 0, nb = 0;
        CHECK(xc_store_key_stories(a, key, ta, &na, &err) == XC_OK);
        CHECK(xc_store_key_stories(b, key, tb, &nb, &err) == XC_OK);
        qsort(ta, na, sizeof *ta, cmp_id);
        qsort(tb, nb, sizeof *tb, cmp_id);
        keys++;
        same += na == nb && na > 0 && memcmp(ta, tb, na * sizeof *ta) == 0;
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    CHECK_MSG(keys > 100 && same == keys, "%lld of %lld keys read the same stories",
              (long long)same, (long long)keys);
    xc_store_close(a);
    xc_store_close(b);
    tmp_remove();
}

/* Ops on one store file for test_lsh_filter: 600 documents, the last 400
   near-copies of the first 200, with the index keys written to the tables
   every 50 and the store opened again half way; then 20 documents added
   through a second handle (the first must forget what it knew) and their
   near-copies through the first.  FILTER 0: the band-key filter is off. */
static void lsh_filter_ops(const char *path, int filter)
{
    size_t skipped = 0;
    char text[1100];
    xc_store *st, *other;
    xc_error err = {XC_OK, ""};
    /* 2: the filter starts at 64 words, so that it fills and is built
       again larger several times over these documents */
    setenv("CROSSCHECK_LSH_FILTER", filter ? "2" : "0", 1);
    st = must_open(path, 0);
    for (unsigned i = 0; i < 600; i++) {
        size_t n;
        made_doc(i % 200, text, sizeof text);
        n = strlen(text);
        if (i >= 200)
            snprintf(text + n, sizeof text - n, "Updated %u times.", i);
        must_add(st, text, NULL);
        if (i % 50 == 49) {
            CHECK(xc_store_begin(st, &err) == XC_OK);
            CHECK(xc_store_held_flush(st, 1, &err) == XC_OK);
            CHECK(xc_store_commit(st, &err) == XC_OK);
        }
        if (i == 300) {
            skipped += st->lshf.skipped;
            xc_store_close(st);
            st = must_open(path, 0);
        }
    }
    other = must_open(path, 0);
    for (unsigned i = 0; i < 40; i++) {
        made_doc(1000 + i % 20, text, sizeof text);
        if (i >= 20)
            strcat(text, "Then updated.");
        must_add(i < 20 ? other : st, text, NULL);
        if (i == 19) {
            CHECK(xc_store_begin(other, &err) == XC_OK);
            CHECK(xc_store_held_flush(other, 1, &err) == XC_OK);
            CHECK(xc_store_commit(other, &err) == XC_OK);
        }
    }
    skipped += st->lshf.skipped;
    if (filter) /* used: most look-ups of the documents that are no copies */
        CHECK_MSG(skipped > 5000, "%zu look-ups kept off the table", skipped);
    xc_store_close(other);
    xc_store_close(st);
    unsetenv("CROSSCHECK_LSH_FILTER");
}

/* The filter of band keys (which keys table lsh holds) changes which
   look-ups reach the table, never which near-copies are found: built
   from the table, kept up to date when keys are written, built again
   after the store is opened again, forgotten when another handle writes. */
static void test_lsh_filter(void)
{
    char pa[256], pb[256];
    static const char q[] = "SELECT count(*) * 1000003 + sum(doc * 7 + copy_of) FROM copies";
    tmp_make();
    tpath(pa, sizeof pa, "filter.db");
    tpath(pb, sizeof pb, "nofilter.db");
    lsh_filter_ops(pa, 1);
    lsh_filter_ops(pb, 0);
    CHECK_MSG(raw_int(pb, "SELECT count(*) FROM copies") >= 400, "%lld near-copies",
              (long long)raw_int(pb, "SELECT count(*) FROM copies"));
    CHECK_MSG(raw_int(pb, "SELECT count(*) FROM copies WHERE doc > 620") == 20,
              "%lld copies of the other handle's documents",
              (long long)raw_int(pb, "SELECT count(*) FROM copies WHERE doc > 620"));
    CHECK_MSG(raw_int(pa, q) == raw_int(pb, q), "%lld near-copies with the filter, %lld without",
              (long long)raw_int(pa, "SELECT count(*) FROM copies"),
              (long long)raw_int(pb, "SELECT count(*) FROM copies"));
    tmp_remove();
}

/* A bulk store's commits are not synced one by one; closing it copies
   and syncs them into the file even when another connection stays open
   (then the close is not the last one, which would do it anyway). */
static void test_bulk_close_syncs(void)
{
    char path[256], uri[400];
    xc_store *st, *other;
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int64_t n = -1;
    tmp_make();
    tpath(path, sizeof path, "close.db");
    setenv("CROSSCHECK_CHECKPOINT_PAGES", "1000000", 1); /* no thread copies */
    st = must_open(path, XC_STORE_BULK);
    other = must_open(path, 0);
    for (int i = 0; i < 3; i++)
        must_add(st, flood[i], NULL);
    xc_store_close(st);
    /* the file alone, without the log */
    snprintf(uri, sizeof uri, "file:%s?immutable=1", path);
    if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM documents", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    CHECK_MSG(n == 3, "%lld documents in the file itself", (long long)n);
    xc_store_close(other);
    unsetenv("CROSSCHECK_CHECKPOINT_PAGES");
    tmp_remove();
}

/* A store opened for bulk adds copies its log into the database in a
   thread of its own (src/store/checkpoint.c) and starts the log over from
   time to time: the file then holds what was committed, the log stays
   small, and nothing is lost. */
static void test_bulk_checkpoints(void)
{
    char path[256], wal[300], text[1024];
    xc_store *st;
    xc_error err = {XC_OK, ""};
    struct stat sb;
    off_t first = 0;
    int64_t page;
    tmp_make();
    tpath(path, sizeof path, "bulk.db");
    snprintf(wal, sizeof wal, "%s-wal", path);
    /* a checkpoint every 4 pages, the log started over past 64 and, once
       the checkpointer is done, whatever it is doing past 256 */
    setenv("CROSSCHECK_CHECKPOINT_PAGES", "4", 1);
    st = must_open(path, XC_STORE_BULK);
    CHECK(stat(path, &sb) == 0);
    first = sb.st_size; /* the header, written before the log began */
    /* its commits do not wait for the disk (1: NORMAL); other handles' do
       (2: FULL) */
    {
        sqlite3_stmt *q = NULL;
        xc_store *plain = must_open(path, 0);
        CHECK(sqlite3_prepare_v2(st->db, "PRAGMA synchronous", -1, &q, NULL) == SQLITE_OK &&
              sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 1);
        sqlite3_finalize(q);
        q = NULL;
        CHECK(sqlite3_prepare_v2(plain->db, "PRAGMA synchronous", -1, &q, NULL) == SQLITE_OK &&
              sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 2);
        sqlite3_finalize(q);
        xc_store_close(plain);
    }
    for (int b = 0; b < 60; b++) {
        CHECK(xc_store_begin(st, &err) == XC_OK);
        for (int i = 0; i < 5; i++) {
            snprintf(text, sizeof text, "Report %d of batch %d. %s %s", i, b,
                     flood[(b + i) % 4], flood[(b + 2 * i + 1) % 4]);
            must_add(st, text, NULL);
        }
        CHECK_MSG(xc_store_commit(st, &err) == XC_OK, "%s", err.msg);
        if (b == 0) {
            /* the checkpointer, not a restart (the log is far from 64
               pages), copies the first commit into the file: wait for it */
            CHECK(stat(wal, &sb) == 0 && sb.st_size < 64 * 16384);
            for (int w = 0; w < 500 && stat(path, &sb) == 0 && sb.st_size <= first; w++)
                usleep(10000);
            CHECK_MSG(stat(path, &sb) == 0 && sb.st_size > first,
                      "the file has only its header after the first commit");
            first = sb.st_size;
        }
    }
    page = raw_int(path, "PRAGMA page_size");
    /* copied into the file while the store is open, not only at close */
    CHECK_MSG(stat(path, &sb) == 0 && sb.st_size > first && sb.st_size >= 32 * page,
              "%lld bytes", (long long)sb.st_size);
    /* the log was started over: 300 documents wrote four times more */
    CHECK_MSG(stat(wal, &sb) == 0 && sb.st_size < 320 * (page + 24), "log of %lld bytes",
              (long long)sb.st_size);
    xc_store_close(st);
    unsetenv("CROSSCHECK_CHECKPOINT_PAGES");
    CHECK(!exists(wal));
    CHECK(raw_int(path, "SELECT count(*) FROM documents") == 300);
    CHECK(raw_int(path, "SELECT count(*) FROM fts_todo") == 0);
    CHECK(raw_int(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0);
    /* and a store opened again as usual reads it all */
    st = must_open(path, 0);
    CHECK(count(st) == 300);
    xc_store_close(st);
    tmp_remove();
}

int main(void)
{
    unsetenv("CROSSCHECK_BUSY_MS");
    RUN(test_add_get_list);
    RUN(test_bad_arguments);
    RUN(test_nocreate);
    RUN(test_search);
    RUN(test_random_bytes);
    RUN(test_empty_file);
    RUN(test_foreign);
    RUN(test_newer_schema);
    RUN(test_busy);
    RUN(test_migration);
    RUN(test_transactions);
    RUN(test_readonly);
    RUN(test_crash_mid_batch);
    RUN(test_load_story);
    RUN(test_frequencies);
    RUN(test_lsh_layout);
    RUN(test_held_keys);
    RUN(test_lsh_filter);
    RUN(test_bulk_close_syncs);
    RUN(test_bulk_checkpoints);
    DONE();
}
