/*
 * test_render.c: the dossier for people (src/render: markdown.c, html.c,
 * diff.c, explain.c).  The word diff on sentences that differ, agree up to
 * case and accents, or are long; then a dossier of three small reports
 * whose facts and timeline are filled in by hand (so the renderers are
 * tested whatever the reconcile stage finds), rendered as Markdown and as
 * HTML: the order of the sections, values and differing words marked,
 * and every piece of hostile document text escaped; then explain.
 */
#include "core/dossier.h"
#include "core/util.h"
#include "render/diff.h"
#include "harness.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Does the diff span list V[0..N) of S hold exactly the words WANT
   ("has been|20 years")? */
static int spans_are(const char *s, const xc_span *v, size_t n, const char *want)
{
    char got[512] = "";
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(got + k, sizeof got - k, "%s%.*s", i ? "|" : "",
                              (int)(v[i].end - v[i].start), s + v[i].start);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "    spans \"%s\", wanted \"%s\"\n", got, want);
        return 0;
    }
    return 1;
}

static void test_diff(void)
{
    const char *a = "Vardanyan has been sentenced to 20 years.";
    const char *b = "Vardanyan is expected to be sentenced to life.";
    xc_wdiff w;
    CHECK(xc_wdiff_words(a, strlen(a), b, strlen(b), &w) == XC_OK);
    CHECK(spans_are(a, w.a, w.na, "has been|20 years"));
    CHECK(spans_are(b, w.b, w.nb, "is expected to be|life"));
    xc_wdiff_free(&w);

    /* case, accents, apostrophes and punctuation do not count */
    a = "PASHINYAN said: Erdoğan’s plan, “no”.";
    b = "Pashinyan said Erdogan's plan no";
    CHECK(xc_wdiff_words(a, strlen(a), b, strlen(b), &w) == XC_OK);
    CHECK(w.na == 0 && w.nb == 0);
    xc_wdiff_free(&w);

    /* nothing against something */
    CHECK(xc_wdiff_words("", 0, "two words", 9, &w) == XC_OK);
    CHECK(w.na == 0 && spans_are("two words", w.b, w.nb, "two words"));
    xc_wdiff_free(&w);
    CHECK(xc_wdiff_words(NULL, 0, NULL, 0, &w) == XC_OK && w.na == 0 && w.nb == 0);
    xc_wdiff_free(&w);

    /* invalid bytes are word characters, never a crash */
    CHECK(xc_wdiff_words("a \xff\xfe b", 6, "a b", 3, &w) == XC_OK);
    CHECK(w.na == 1 && w.nb == 0);
    xc_wdiff_free(&w);

    /* long sentences: a common start and end are set aside, and a middle
       past the cap is marked whole without a quadratic table */
    {
        xc_buf x, y;
        xc_buf_init(&x, 0);
        xc_buf_init(&y, 0);
        for (int i = 0; i < 3000; i++) {
            xc_buf_printf(&x, "w%d ", i);
            xc_buf_printf(&y, "w%d ", i == 1500 ? 99999 : i);
        }
        CHECK(xc_wdiff_words(x.data, x.len, y.data, y.len, &w) == XC_OK);
        CHECK(spans_are(x.data, w.a, w.na, "w1500") && spans_are(y.data, w.b, w.nb, "w99999"));
        xc_wdiff_free(&w);
        xc_buf_free(&y);
        xc_buf_init(&y, 0);
        for (int i = 0; i < 3000; i++)
            xc_buf_printf(&y, "v%d ", i);
        CHECK(xc_wdiff_words(x.data, x.len, y.data, y.len, &w) == XC_OK);
        CHECK(w.na == 1 && w.a[0].start == 0 && w.nb == 1);
        xc_wdiff_free(&w);
        xc_buf_free(&x);
        xc_buf_free(&y);
    }
}

/* ---- a dossier with facts made by hand -------------------------------------- */

static const char *const texts[] = {
    "Ruben Vardanyan has been sentenced to 20 years in prison, a court in Baku said.\n\n"
    "Some readers wrote <script>alert(1)</script> & *bold* [link](http://evil.example) "
    "# not a heading | pipe `code` ~~strike~~ 'quote' \"double\".\n",
    "Ruben Vardanyan is expected to be sentenced to life, his lawyer said.\n\n"
    "The court in Baku met on Friday.\n",
    "The court in Baku met on Friday, the ministry said.\n"};
static const char *const outlets[] = {"A&B <News>", "Mediamax", NULL};

/* The sentence of document I that holds NEEDLE, and NEEDLE's own span. */
static xc_claim claim(const xc_dossier *d, size_t i, const char *sentence, const char *value,
                      uint8_t modality)
{
    xc_claim c;
    const char *t = d->docs[i]->text, *s = strstr(t, sentence), *v = s ? strstr(s, value) : NULL;
    memset(&c, 0, sizeof c);
    c.doc = i;
    c.start = s ? (size_t)(s - t) : 0;
    c.end = s ? c.start + strlen(sentence) : 0;
    c.vstart = v ? (size_t)(v - t) : 0;
    c.vend = v ? c.vstart + strlen(value) : 0;
    c.modality = modality;
    return c;
}

static void add_fact(xc_dossier *d, const char *topic, uint8_t status, const xc_claim *claims,
                     size_t n, const char *note)
{
    xc_fact *f;
    if (d->facts.n == d->facts.cap) {
        size_t cap = d->facts.cap ? d->facts.cap * 2 : 4;
        xc_fact *v = realloc(d->facts.v, cap * sizeof *v);
        if (!v)
            return;
        d->facts.v = v;
        d->facts.cap = cap;
    }
    f = &d->facts.v[d->facts.n++];
    memset(f, 0, sizeof *f);
    f->topic = xc_strdup(topic);
    f->status = status;
    f->claims = malloc(n * sizeof *f->claims);
    memcpy(f->claims, claims, n * sizeof *f->claims);
    f->nclaims = n;
    f->note = note ? xc_strdup(note) : NULL;
}

/* Free the facts and the timeline of D as facts.h lays them out, and empty
   them (the test frees what it made itself, whatever the library does). */
static void clear_facts_only(xc_dossier *d)
{
    for (size_t k = 0; k < d->facts.n; k++) {
        free(d->facts.v[k].topic);
        free(d->facts.v[k].claims);
        free(d->facts.v[k].note);
    }
    free(d->facts.v);
    memset(&d->facts, 0, sizeof d->facts);
}

static void clear_facts(xc_dossier *d)
{
    clear_facts_only(d);
    for (size_t k = 0; k < d->timeline.n; k++) {
        free(d->timeline.v[k].text);
        free(d->timeline.v[k].docs);
        free(d->timeline.v[k].facts);
    }
    free(d->timeline.v);
    memset(&d->timeline, 0, sizeof d->timeline);
}

static void done_with(xc_dossier *d)
{
    clear_facts(d);
    xc_dossier_free(d);
}

static xc_dossier *hand_built(void)
{
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    for (size_t i = 0; i < 3; i++) {
        xc_doc *doc = xc_doc_new();
        char src[32];
        snprintf(src, sizeof src, "r%zu.txt", i + 1);
        doc->text = xc_strdup(texts[i]);
        doc->len = strlen(texts[i]);
        doc->source = xc_strdup(src);
        doc->outlet = outlets[i] ? xc_strdup(outlets[i]) : NULL;
        doc->published = xc_strdup(i == 0 ? "2026-02-14" : "2026-02-15");
        doc->title = xc_strdup(i == 0 ? "Headline with <b>tags</b> & more" : "Plain");
        CHECK(xc_dossier_add(d, doc) == XC_OK);
    }
    CHECK_MSG(xc_dossier_build(d, &err) == XC_OK, "%s", err.msg);
    /* whatever the reconcile stage found, these facts instead */
    clear_facts(d);
    {
        xc_claim c[2];
        c[0] = claim(d, 0, "Ruben Vardanyan has been sentenced to 20 years in prison, a court in Baku said.",
                     "20 years", 0);
        c[1] = claim(d, 1, "Ruben Vardanyan is expected to be sentenced to life, his lawyer said.",
                     "life", XC_MOD_PROSPECTIVE);
        add_fact(d, "Ruben Vardanyan: sentence", XC_FACT_CONFLICTING, c, 2,
                 "one report is prospective <expected>");
        c[0] = claim(d, 1, "The court in Baku met on Friday.", "Friday", 0);
        c[1] = claim(d, 2, "The court in Baku met on Friday, the ministry said.", "Friday", 0);
        add_fact(d, "Court in Baku: date", XC_FACT_AGREED, c, 2, NULL);
        c[0] = claim(d, 0, "Some readers wrote <script>alert(1)</script> & *bold* [link](http://evil.example) "
                           "# not a heading | pipe `code` ~~strike~~ 'quote' \"double\".", "<script>",
                     XC_MOD_HEDGED);
        add_fact(d, "Readers & <script>", XC_FACT_SINGLE_SOURCE, c, 1, NULL);
    }
    {
        xc_event *ev = calloc(2, sizeof *ev);
        memcpy(ev[0].date, "2026-02-13", 11);
        ev[0].text = xc_strdup("The court <met> & ruled");
        ev[0].docs = malloc(2 * sizeof(size_t));
        ev[0].docs[0] = 1, ev[0].docs[1] = 2, ev[0].ndocs = 2;
        ev[0].facts = malloc(sizeof(size_t));
        ev[0].facts[0] = 1, ev[0].nfacts = 1;
        memcpy(ev[1].date, "2026-03", 8);
        ev[1].text = xc_strdup("A month later");
        d->timeline.v = ev;
        d->timeline.n = d->timeline.cap = 2;
    }
    return d;
}

/* Render D with FN into a new string (caller frees). */
static char *render(xc_code (*fn)(const xc_dossier *, FILE *, int, xc_error *), const xc_dossier *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    xc_error err;
    if (!f)
        return NULL;
    CHECK_MSG(fn(d, f, 0, &err) == XC_OK, "%s", err.msg);
    fclose(f);
    return buf;
}

static int in_order(const char *s, const char *a, const char *b, const char *c)
{
    const char *pa = strstr(s, a), *pb = strstr(s, b), *pc = strstr(s, c);
    return pa && pb && pc && pa < pb && pb < pc;
}

static void test_markdown(void)
{
    xc_dossier *d = hand_built();
    char *md = render(xc_dossier_write_markdown, d);
    CHECK(md != NULL);
    if (!md) {
        done_with(d);
        return;
    }
    CHECK(in_order(md, "\n## Conflicts\n", "\n## Agreed\n", "\n## Single source\n"));
    CHECK(in_order(md, "\n## Single source\n", "\n## Timeline\n", "\n## Reports\n"));
    /* the value in bold, the differing words in italics, the outlet named */
    CHECK(strstr(md, "**20 years**") || strstr(md, "***20 years***"));
    CHECK(strstr(md, "*has been*") != NULL);
    CHECK(strstr(md, "*is expected to be*") != NULL);
    CHECK(strstr(md, "**Mediamax**, 2026-02-15, d2 (prospective") != NULL);
    CHECK(strstr(md, "A&amp;B &lt;News&gt;") != NULL);
    CHECK(strstr(md, "one report is prospective &lt;expected&gt;") != NULL);
    CHECK(strstr(md, "The reports disagree") != NULL);
    /* a report without an outlet goes by its file */
    CHECK(strstr(md, "**r3.txt**") != NULL);
    /* hostile text escaped */
    CHECK(strstr(md, "<script") == NULL && strstr(md, "<b>") == NULL);
    CHECK(strstr(md, "**&lt;script&gt;**alert(1)&lt;/script&gt; &amp; \\*bold\\* \\[link\\](http://evil.example) "
                     "\\# not a heading \\| pipe \\`code\\` \\~\\~strike\\~\\~") != NULL);
    CHECK(strstr(md, "&lt;b&gt;tags&lt;/b&gt;") != NULL);
    CHECK(strstr(md, "The court &lt;met&gt; &amp; ruled") != NULL);
    CHECK(strstr(md, "2026-02-13") != NULL && strstr(md, "see f2") != NULL);
    free(md);
    /* no facts at all: the three sections still say so, in order */
    clear_facts_only(d);
    md = render(xc_dossier_write_markdown, d);
    CHECK(md && in_order(md, "## Conflicts\n\nNo two", "## Agreed\n\nNo fact", "## Single source\n\nNo fact"));
    free(md);
    done_with(d);
}

static void test_html(void)
{
    xc_dossier *d = hand_built();
    char *h = render(xc_dossier_write_html, d);
    xc_error err;
    CHECK(h != NULL);
    if (!h) {
        done_with(d);
        return;
    }
    CHECK(strncmp(h, "<!DOCTYPE html>", 15) == 0);
    CHECK(strstr(h, "</html>\n") != NULL);
    CHECK(in_order(h, "id=\"conflicts\"", "id=\"agreed\"", "id=\"single\""));
    CHECK(in_order(h, "id=\"single\"", "id=\"timeline\"", "id=\"reports\""));
    /* nothing to run, nothing fetched */
    CHECK(strstr(h, "<script") == NULL);
    CHECK(strstr(h, "src=") == NULL);
    CHECK(strstr(h, "href=\"http") == NULL);
    CHECK(strstr(h, "@media print") != NULL);
    /* escaped: & < > " ' */
    CHECK(strstr(h, "<strong>&lt;script&gt;</strong>alert(1)&lt;/script&gt; &amp; *bold*") != NULL);
    CHECK(strstr(h, "A&amp;B &lt;News&gt;") != NULL);
    CHECK(strstr(h, "Headline with &lt;b&gt;tags&lt;/b&gt; &amp; more") != NULL);
    CHECK(strstr(h, "&#39;quote&#39; &quot;double&quot;") != NULL);
    CHECK(strstr(h, "<b>tags</b>") == NULL);
    /* side by side, value strong, differences marked */
    CHECK(strstr(h, "class=\"claims\"") != NULL && strstr(h, "grid-template-columns") != NULL);
    CHECK(strstr(h, "<strong>20 years</strong>") || strstr(h, "<strong><mark>20 years</mark></strong>"));
    CHECK(strstr(h, "<mark>has been</mark>") != NULL);
    CHECK(strstr(h, "<mark>is expected to be</mark>") != NULL);
    CHECK(strstr(h, "prospective") != NULL);
    /* the timeline: an SVG with a point per dated event, and the list */
    CHECK(strstr(h, "<svg") != NULL && strstr(h, "<circle") != NULL);
    CHECK(strstr(h, "The court &lt;met&gt; &amp; ruled") != NULL);
    CHECK(strstr(h, "href=\"#f2\"") != NULL);
    free(h);
    /* bad calls */
    CHECK(xc_dossier_write_html(NULL, stdout, 0, &err) == XC_ERR_ARG);
    CHECK(xc_dossier_write_html(d, NULL, 0, &err) == XC_ERR_ARG);
    done_with(d);
    {
        xc_dossier *e = xc_dossier_new();
        CHECK(xc_dossier_write_html(e, stdout, 0, &err) == XC_ERR_ARG);
        xc_dossier_free(e);
    }
}

static void test_explain(void)
{
    static const char *const story[] = {
        "Armenian Prime Minister Nikol Pashinyan met reporters in Yerevan. "
        "Pashinyan said the talks would go on. Bill Clinton was there.\n",
        "Prime Minister Nikol Pashinian spoke in Yerevan on Monday. "
        "Pashinian said nothing. Hillary Clinton was there too.\n"};
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *f;
    for (int i = 0; i < 2; i++) {
        xc_doc *doc = xc_doc_new();
        doc->text = xc_strdup(story[i]);
        doc->len = strlen(story[i]);
        doc->source = xc_strdup(i ? "b.txt" : "a.txt");
        xc_dossier_add(d, doc);
    }
    CHECK(xc_dossier_build(d, &err) == XC_OK);
    f = open_memstream(&buf, &len);
    CHECK(xc_dossier_explain(d, "PASHINIAN", 0, f, &err) == XC_OK);
    fclose(f);
    CHECK(buf && strstr(buf, "Nikol Pashin") && strstr(buf, "Why merged:"));
    CHECK(buf && strstr(buf, "\"Pashinian\" in d2 b.txt at"));
    CHECK(buf && strstr(buf, "Prime Minister"));
    free(buf);
    buf = NULL;
    /* by id, as JSON; Bill Clinton is alike to Hillary but not merged */
    f = open_memstream(&buf, &len);
    {
        long id = -1;
        for (size_t c = 0; c < d->resolved.nvisible; c++) {
            const xc_merged *m = &d->resolved.v[c];
            if (m->name_end - m->name_start == 12 &&
                memcmp(d->docs[m->name_doc]->text + m->name_start, "Bill Clinton", 12) == 0)
                id = (long)c + 1;
        }
        char who[32];
        snprintf(who, sizeof who, "e%ld", id);
        CHECK(id > 0 && xc_dossier_explain(d, who, 1, f, &err) == XC_OK);
    }
    fclose(f);
    {
        json_error_t je;
        json_t *o = buf ? json_loads(buf, 0, &je) : NULL;
        json_t *nm = o ? json_object_get(o, "not_merged") : NULL;
        CHECK(o && json_is_string(json_object_get(o, "name")));
        CHECK_STR(o ? json_string_value(json_object_get(o, "name")) : NULL, "Bill Clinton");
        CHECK(json_array_size(nm) == 1 &&
              strstr(json_string_value(json_object_get(json_array_get(nm, 0), "why")),
                     "given names differ"));
        json_decref(o);
    }
    free(buf);
    /* unknown names: not found, the closest named */
    f = fopen("/dev/null", "w");
    CHECK(xc_dossier_explain(d, "Pashinyants", 0, f, &err) == XC_ERR_NOT_FOUND);
    CHECK(strstr(err.msg, "no entity named") && strstr(err.msg, "Pashin"));
    CHECK(xc_dossier_explain(d, "Zebedee Quux", 0, f, &err) == XC_ERR_NOT_FOUND);
    CHECK(xc_dossier_explain(d, "e999", 0, f, &err) == XC_ERR_NOT_FOUND);
    CHECK(xc_dossier_explain(d, "e0", 0, f, &err) == XC_ERR_NOT_FOUND);
    CHECK(xc_dossier_explain(d, NULL, 0, f, &err) == XC_ERR_ARG);
    fclose(f);
    xc_dossier_free(d);
}

int main(void)
{
    RUN(test_diff);
    RUN(test_markdown);
    RUN(test_html);
    RUN(test_explain);
    DONE();
}
