/*
 * htmlmeta.c: what a page says about itself.  Title, outlet, authors,
 * publication and modification dates, language and canonical URL come, in
 * this order of trust, from <meta> tags (Dublin Core, citation_, parsely,
 * article:), Open Graph, JSON-LD (the NewsArticle, Article, BlogPosting...
 * object, found in arrays and @graph), <time> elements and bylines, and the
 * <title> last.  Dates become YYYY-MM-DD.  A title loses a " | Outlet"
 * suffix or prefix naming the site.  What the page does not say stays NULL:
 * no guessing from the article text.  JSON-LD's articleBody is handed back
 * for html.c to weigh against the markup.
 */
#include "ingest/article.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_METAS 512
#define MAX_LD 16

typedef struct kv {
    char key[48]; /* lower case: property, name, itemprop or http-equiv */
    const char *value;
} kv;

typedef struct scan {
    kv meta[MAX_METAS];
    size_t nmeta;
    const char *canonical, *lang, *title;
    xmlNode *h1, *time_pub, *time_any, *time_mod;
    xmlNode *byline[8]; /* rel=author, itemprop=author, class byline */
    size_t nbyline;
    json_t *ld[MAX_LD];  /* article-like JSON-LD objects, best first */
    size_t nld;
    json_t *roots[MAX_LD]; /* what to free */
    size_t nroots;
    const char *site;    /* WebSite or Organization name in JSON-LD */
    xmlNode *home[4];    /* links to the site's front page */
    size_t nhome;
    xmlNode *dated[4];   /* elements whose class says date, posted... */
    size_t ndated;
} scan;

/* ---- strings ------------------------------------------------------------- */

/* Decode the entities a JSON-LD string may still hold (&amp; &#8217; ...),
   in place. */
static void unentity(char *s)
{
    static const struct { const char *name; const char *utf8; } ents[] = {
        {"amp;", "&"}, {"quot;", "\""}, {"apos;", "'"}, {"lt;", "<"},
        {"gt;", ">"}, {"nbsp;", " "}, {"#39;", "'"}};
    char *w = s;
    for (char *r = s; *r;) {
        int done = 0;
        if (*r == '&') {
            for (size_t k = 0; k < sizeof ents / sizeof *ents && !done; k++) {
                size_t m = strlen(ents[k].name);
                if (strncmp(r + 1, ents[k].name, m) == 0) {
                    size_t u = strlen(ents[k].utf8);
                    memcpy(w, ents[k].utf8, u);
                    w += u;
                    r += 1 + m;
                    done = 1;
                }
            }
            if (!done && r[1] == '#') {
                char *e;
                unsigned long c = (r[2] == 'x' || r[2] == 'X') ? strtoul(r + 3, &e, 16)
                                                               : strtoul(r + 2, &e, 10);
                if (*e == ';' && c > 0x1F && c < 0x10000 && (c < 0xD800 || c > 0xDFFF) &&
                    e - r >= 3) {
                    /* the encoding is never longer than the entity */
                    if (c < 0x80) {
                        *w++ = (char)c;
                    } else if (c < 0x800) {
                        *w++ = (char)(0xC0 | (c >> 6));
                        *w++ = (char)(0x80 | (c & 0x3F));
                    } else {
                        *w++ = (char)(0xE0 | (c >> 12));
                        *w++ = (char)(0x80 | ((c >> 6) & 0x3F));
                        *w++ = (char)(0x80 | (c & 0x3F));
                    }
                    r = e + 1;
                    done = 1;
                }
            }
        }
        if (!done)
            *w++ = *r++;
    }
    *w = '\0';
}

char *xc_html_clean(const char *s)
{
    size_t n, k = 0;
    char *r;
    int space = 0;
    if (!s)
        return NULL;
    n = strlen(s);
    if (!(r = malloc(n + 1)))
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
            space = 1;
            i += c == 0xC2;
            continue;
        }
        if (space && k)
            r[k++] = ' ';
        space = 0;
        r[k++] = (char)c;
    }
    r[k] = '\0';
    if (!k) {
        free(r);
        return NULL;
    }
    return r;
}

static int is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

/* ---- dates --------------------------------------------------------------- */

static int month_of(const char *s)
{
    static const char *const names[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int m = 0; m < 12; m++)
        if (strncasecmp(s, names[m], 3) == 0)
            return m + 1;
    return 0;
}

/* S as YYYY-MM-DD into OUT[11], or 0.  ISO 8601 (and with slashes or
   without separators), D.M.YYYY, "January 28, 2020", "28 Jan 2020". */
static int norm_date(const char *s, char out[11])
{
    int y = 0, m = 0, d = 0;
    const char *p = s;
    while (*p == ' ')
        p++;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
        isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3])) {
        y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        if ((p[4] == '-' || p[4] == '/') && isdigit((unsigned char)p[5])) {
            m = atoi(p + 5);
            p += 5;
            while (isdigit((unsigned char)*p))
                p++;
            if ((*p == '-' || *p == '/') && isdigit((unsigned char)p[1]))
                d = atoi(p + 1);
        } else if (isdigit((unsigned char)p[4]) && isdigit((unsigned char)p[5]) &&
                   isdigit((unsigned char)p[6]) && isdigit((unsigned char)p[7]) &&
                   !isdigit((unsigned char)p[8])) {
            /* YYYYMMDD: each byte tested in order, so a shorter string ends
               the test at its NUL instead of reading past it */
            m = (p[4] - '0') * 10 + (p[5] - '0');
            d = (p[6] - '0') * 10 + (p[7] - '0');
        }
    } else if (isdigit((unsigned char)p[0])) {
        char *e;
        long a = strtol(p, &e, 10);
        if (*e == '.' && isdigit((unsigned char)e[1])) { /* 28.01.2020 */
            long b = strtol(e + 1, &e, 10);
            if (*e == '.') {
                d = (int)a;
                m = (int)b;
                y = atoi(e + 1);
            }
        } else { /* 28 Jan 2020, 28. Januar 2020 */
            while (*e == ' ' || *e == '.')
                e++;
            if ((m = month_of(e)) != 0) {
                while (isalpha((unsigned char)*e) || *e == '.' || *e == ',' || *e == ' ')
                    e++;
                d = (int)a;
                y = atoi(e);
            }
        }
    } else {
        /* Tue, 28 Jan 2020 / January 28, 2020 */
        const char *q = p;
        while (*q && !isdigit((unsigned char)*q))
            q++;
        if (q > p && month_of(p) && isalpha((unsigned char)p[3])) {
            /* "Tue, 28 Jan..." has a weekday first */
        }
        if (*q) {
            char *e;
            long a = strtol(q, &e, 10);
            while (*e == ' ' || *e == ',' || *e == '.')
                e++;
            if (month_of(e) && a <= 31) { /* day month year */
                d = (int)a;
                m = month_of(e);
                while (isalpha((unsigned char)*e) || *e == '.' || *e == ' ')
                    e++;
                y = atoi(e);
            } else if (month_of(p) && a <= 31 && isdigit((unsigned char)*e)) {
                m = month_of(p);
                d = (int)a;
                y = atoi(e);
            }
        }
    }
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return xc_date_valid(out);
}

static char *date_dup(const char *s)
{
    char d[11];
    return s && norm_date(s, d) ? xc_strdup(d) : NULL;
}

/* ---- collecting ------------------------------------------------------------ */

static int type_is(json_t *o, const char *const *types)
{
    json_t *t = json_object_get(o, "@type");
    size_t i;
    json_t *v;
    if (json_is_string(t)) {
        for (const char *const *p = types; *p; p++)
            if (strcmp(json_string_value(t), *p) == 0)
                return 1;
        return 0;
    }
    json_array_foreach(t, i, v)
        if (json_is_string(v))
            for (const char *const *p = types; *p; p++)
                if (strcmp(json_string_value(v), *p) == 0)
                    return 1;
    return 0;
}

static const char *const article_types[] = {
    "NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle",
    "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
    "BackgroundNewsArticle", "LiveBlogPosting", "TechArticle", "Report",
    "ScholarlyArticle", "SocialMediaPosting", "Posting", "Blog", NULL};
static const char *const site_types[] = {
    "WebSite", "NewsMediaOrganization", "Organization", NULL};

/* Walk a JSON-LD tree (arrays, @graph, and one level of nesting in
   objects such as mainEntity) without recursion, keeping article objects
   and a site name. */
static void ld_walk(scan *sc, json_t *root)
{
    json_t *stack[64];
    size_t sp = 0;
    stack[sp++] = root;
    while (sp) {
        json_t *v = stack[--sp], *x;
        size_t i;
        const char *key;
        if (json_is_array(v)) {
            json_array_foreach(v, i, x)
                if (sp < 64 && (json_is_object(x) || json_is_array(x)))
                    stack[sp++] = x;
            continue;
        }
        if (!json_is_object(v))
            continue;
        if (type_is(v, article_types) && sc->nld < MAX_LD)
            sc->ld[sc->nld++] = v;
        else if (type_is(v, site_types) && !sc->site &&
                 json_is_string(json_object_get(v, "name")))
            sc->site = json_string_value(json_object_get(v, "name"));
        json_object_foreach(v, key, x)
            if ((strcmp(key, "@graph") == 0 || strcmp(key, "mainEntity") == 0 ||
                 strcmp(key, "mainEntityOfPage") == 0) &&
                sp < 64 && (json_is_object(x) || json_is_array(x)))
                stack[sp++] = x;
    }
}

static void ld_script(scan *sc, const xmlNode *script)
{
    const char *s = NULL;
    json_t *root;
    json_error_t je;
    for (const xmlNode *c = script->children; c && !s; c = c->next)
        if (c->content)
            s = (const char *)c->content;
    if (!s || sc->nroots >= MAX_LD)
        return;
    s += strcspn(s, "{[");
    if (!*s)
        return;
    root = json_loads(s, JSON_DISABLE_EOF_CHECK, &je);
    if (!root)
        return;
    sc->roots[sc->nroots++] = root;
    ld_walk(sc, root);
}

static void add_meta(scan *sc, const char *key, const char *value)
{
    kv *m;
    size_t k;
    if (!key || !value || sc->nmeta >= MAX_METAS)
        return;
    m = &sc->meta[sc->nmeta++];
    for (k = 0; key[k] && k < sizeof m->key - 1; k++)
        m->key[k] = (char)tolower((unsigned char)key[k]);
    m->key[k] = '\0';
    m->value = value;
}

/* "/", "https://example.com/": the front page */
static int is_home(const char *href)
{
    if (strcmp(href, "/") == 0)
        return 1;
    if (!is_url(href))
        return 0;
    href = strstr(href, "//") + 2;
    href += strcspn(href, "/");
    return !*href || strcmp(href, "/") == 0;
}

static int class_has(const xmlNode *n, const char *word)
{
    const char *c = xc_html_attr(n, "class");
    return c && strcasestr(c, word) != NULL;
}

static void collect(const xc_hpage *page, scan *sc)
{
    xmlNode *root = page->root;
    for (xmlNode *n = root; n; ) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE && n->name) {
            const char *name = (const char *)n->name;
            if (strcasecmp(name, "meta") == 0) {
                const char *v = xc_html_attr(n, "content");
                add_meta(sc, xc_html_attr(n, "property"), v);
                add_meta(sc, xc_html_attr(n, "name"), v);
                add_meta(sc, xc_html_attr(n, "itemprop"), v);
                add_meta(sc, xc_html_attr(n, "http-equiv"), v);
            } else if (strcasecmp(name, "link") == 0) {
                const char *rel = xc_html_attr(n, "rel");
                if (rel && strcasecmp(rel, "canonical") == 0 && !sc->canonical)
                    sc->canonical = xc_html_attr(n, "href");
            } else if (strcasecmp(name, "script") == 0) {
                const char *t = xc_html_attr(n, "type");
                if (t && strcasecmp(t, "application/ld+json") == 0)
                    ld_script(sc, n);
                skip = 1;
            } else if (strcasecmp(name, "style") == 0) {
                skip = 1;
            } else if (strcasecmp(name, "title") == 0 && !sc->title) {
                if (n->children && n->children->content)
                    sc->title = (const char *)n->children->content;
            } else if (strcasecmp(name, "h1") == 0 && !sc->h1) {
                sc->h1 = n;
            } else if (strcasecmp(name, "time") == 0 || xc_html_attr(n, "itemprop")) {
                const char *ip = xc_html_attr(n, "itemprop");
                const char *dt = xc_html_attr(n, "datetime");
                if (!dt)
                    dt = xc_html_attr(n, "content");
                if (ip && strcasecmp(ip, "author") == 0 && sc->nbyline < 8)
                    sc->byline[sc->nbyline++] = n;
                if (dt && ip && strcasecmp(ip, "datePublished") == 0 && !sc->time_pub)
                    sc->time_pub = n;
                else if (dt && ip && strcasecmp(ip, "dateModified") == 0 && !sc->time_mod)
                    sc->time_mod = n;
                else if (dt && strcasecmp(name, "time") == 0) {
                    if ((xc_html_attr(n, "pubdate") || class_has(n, "publish")) && !sc->time_pub)
                        sc->time_pub = n;
                    else if (class_has(n, "updated") || class_has(n, "modified")) {
                        if (!sc->time_mod)
                            sc->time_mod = n;
                    } else if (!sc->time_any)
                        sc->time_any = n;
                }
            } else if (strcasecmp(name, "a") == 0) {
                const char *rel = xc_html_attr(n, "rel"), *href = xc_html_attr(n, "href");
                if (rel && strcasecmp(rel, "author") == 0 && sc->nbyline < 8)
                    sc->byline[sc->nbyline++] = n;
                if (href && sc->nhome < 4 && is_home(href))
                    sc->home[sc->nhome++] = n;
            }
            if (strcasecmp(name, "html") == 0 && !sc->lang)
                sc->lang = xc_html_attr(n, "lang");
            if (!skip && sc->ndated < 4 && strcasecmp(name, "time") != 0 &&
                (class_has(n, "date") || class_has(n, "posted") ||
                 class_has(n, "post-info") || class_has(n, "published")))
                sc->dated[sc->ndated++] = n;
            if (!skip && sc->nbyline < 8 && class_has(n, "byline") &&
                strcasecmp(name, "a") != 0)
                sc->byline[sc->nbyline++] = n;
        }
        n = xc_html_next(root, n, skip);
    }
}

static const char *meta(const scan *sc, const char *const *keys)
{
    for (const char *const *k = keys; *k; k++)
        for (size_t i = 0; i < sc->nmeta; i++)
            if (strcmp(sc->meta[i].key, *k) == 0 && sc->meta[i].value &&
                sc->meta[i].value[strspn(sc->meta[i].value, " \t\r\n")])
                return sc->meta[i].value;
    return NULL;
}

static const char *ld_str(const scan *sc, const char *key)
{
    for (size_t i = 0; i < sc->nld; i++) {
        json_t *v = json_object_get(sc->ld[i], key);
        if (json_is_string(v) && *json_string_value(v))
            return json_string_value(v);
        if (json_is_object(v)) { /* publisher: {name}, mainEntityOfPage: {@id} */
            json_t *x = json_object_get(v, "name");
            if (!json_is_string(x))
                x = json_object_get(v, "@id");
            if (json_is_string(x) && *json_string_value(x))
                return json_string_value(x);
        }
    }
    return NULL;
}

/* ---- fields ------------------------------------------------------------------ */

/* The text of element N, cleaned (short elements only). */
static char *node_text(const xmlNode *n)
{
    xc_buf b;
    char *r;
    xc_buf_init(&b, 1024);
    for (xmlNode *c = n->children; c; c = xc_html_next(n, c, 0)) {
        if (c->type == XML_TEXT_NODE && c->content &&
            xc_buf_puts(&b, (const char *)c->content) != XC_OK)
            break;
        if (c->type == XML_ELEMENT_NODE)
            xc_buf_puts(&b, " ");
    }
    r = xc_html_clean(b.data);
    xc_buf_free(&b);
    return r;
}

/* Append NAME to the "; "-separated list in B unless it is there. */
static void add_name(xc_buf *b, const char *name)
{
    char *c = xc_html_clean(name);
    size_t n;
    if (!c)
        return;
    n = strlen(c);
    if (n >= 2 && n <= 80 && !is_url(c) && !strchr(c, '@') &&
        !(b->data && strstr(b->data, c))) {
        if (b->len)
            xc_buf_puts(b, "; ");
        xc_buf_puts(b, c);
    }
    free(c);
}

/* "By Jane Doe and John Roe" -> two names into B. */
static void add_byline(xc_buf *b, char *s)
{
    static const char *const lead[] = {"by ", "von ", "par ", "por ", "di ", "door ", NULL};
    char *p = s, *e;
    for (const char *const *l = lead; *l; l++)
        if (strncasecmp(p, *l, strlen(*l)) == 0)
            p += strlen(*l);
    /* stop at a date, a pipe, a dot or a dash: "Jane Doe | 3 March 2020" */
    p[strcspn(p, "|\n0123456789")] = '\0';
    for (const char *const *cut = (const char *const[]){"\xC2\xB7", "\xE2\x80\xA2",
                                                       "\xE2\x80\x94", "\xE2\x80\x93", " - ", NULL};
         *cut; cut++) {
        char *c = strstr(p, *cut);
        if (c)
            *c = '\0';
    }
    if (strlen(p) > 100)
        return;
    while (*p) {
        char *sep = strstr(p, " and "), *comma = strchr(p, ','), *und = strstr(p, " und ");
        e = sep;
        if (!e || (und && und < e))
            e = und;
        if (!e || (comma && comma < e))
            e = comma;
        if (!e) {
            add_name(b, p);
            break;
        }
        *e = '\0';
        add_name(b, p);
        p = e + (e == comma ? 1 : 5);
    }
}

static void ld_authors(const scan *sc, xc_buf *b)
{
    for (size_t i = 0; i < sc->nld && !b->len; i++) {
        json_t *a = json_object_get(sc->ld[i], "author"), *x;
        size_t k;
        if (json_is_string(a))
            add_name(b, json_string_value(a));
        else if (json_is_object(a) && json_is_string(json_object_get(a, "name")))
            add_name(b, json_string_value(json_object_get(a, "name")));
        else
            json_array_foreach(a, k, x) {
                if (json_is_string(x))
                    add_name(b, json_string_value(x));
                else if (json_is_object(x) && json_is_string(json_object_get(x, "name")))
                    add_name(b, json_string_value(json_object_get(x, "name")));
            }
    }
}

static char *authors(const scan *sc, const char *outlet)
{
    static const char *const keys[] = {
        "author", "article:author", "parsely-author", "sailthru.author",
        "dc.creator", "dcterms.creator", "citation_author", "byl", NULL};
    xc_buf b;
    char *r;
    xc_buf_init(&b, 4096);
    for (const char *const *k = keys; *k && !b.len; k++)
        for (size_t i = 0; i < sc->nmeta; i++)
            if (strcmp(sc->meta[i].key, *k) == 0 && sc->meta[i].value) {
                char *c = xc_html_clean(sc->meta[i].value);
                if (c)
                    add_byline(&b, c);
                free(c);
            }
    if (!b.len)
        ld_authors(sc, &b);
    for (size_t i = 0; i < sc->nbyline && !b.len; i++) {
        char *c = node_text(sc->byline[i]);
        if (c)
            add_byline(&b, c);
        free(c);
    }
    if (b.len && outlet && strcasecmp(b.data, outlet) == 0) {
        xc_buf_free(&b); /* the outlet named as author: no author */
        return NULL;
    }
    r = b.len ? xc_buf_take(&b, NULL) : NULL;
    xc_buf_free(&b);
    return r;
}

/* Lower-case letters and digits of S, for comparing names with hosts. */
static void squash(const char *s, char *out, size_t cap)
{
    /* Latin-1 letters U+00C0..U+00FF without their accents */
    static const char base[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
                               "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
    size_t k = 0;
    for (; *s && k + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xC3 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0xBF) {
            char b = base[(unsigned char)s[1] - 0x80];
            s++;
            if (isalpha((unsigned char)b))
                out[k++] = b;
        } else if (isalnum(c)) {
            out[k++] = (char)tolower(c);
        }
    }
    out[k] = '\0';
}

/* Does NAME look like the site at URL (reuters.com: "Reuters")? */
static int names_host(const char *name, const char *url)
{
    char a[256], h[256];
    const char *p;
    size_t n;
    if (!url || !is_url(url))
        return 0;
    p = strstr(url, "//") + 2;
    n = strcspn(p, "/:?#");
    if (n >= sizeof a)
        return 0;
    memcpy(a, p, n);
    a[n] = '\0';
    squash(a, h, sizeof h);
    squash(name, a, sizeof a);
    return strlen(a) >= 3 && strstr(h, a) != NULL;
}

static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ", NULL};

/* Remove a " | SITE" suffix or "SITE | " prefix from TITLE in place; if
   SITE is NULL, one that names the host of URL, returned in *found.
   Returns 1 when one was removed. */
static int strip_site(char *title, const char *site, const char *url, char **found)
{
    for (const char *const *s = seps; *s; s++) {
        char *cut = NULL, *p = title;
        size_t k = strlen(*s);
        while ((p = strstr(p, *s)) != NULL) { /* the last separator */
            cut = p;
            p += k;
        }
        if (cut) {
            const char *tail = cut + k;
            if ((site && strcasecmp(tail, site) == 0) ||
                (!site && strlen(tail) <= 40 && names_host(tail, url))) {
                if (!site && found)
                    *found = xc_strdup(tail);
                *cut = '\0';
                return 1;
            }
        }
        if ((p = strstr(title, *s)) != NULL && site &&
            (size_t)(p - title) == strlen(site) && strncasecmp(title, site, strlen(site)) == 0) {
            memmove(title, p + k, strlen(p + k) + 1);
            return 1;
        }
    }
    return 0;
}

static char *language(const scan *sc)
{
    static const char *const keys[] = {"content-language", "dc.language", "language", NULL};
    const char *v = sc->lang;
    char buf[36];
    size_t k = 0;
    if (!v || !*v)
        v = meta(sc, keys);
    if (!v || !*v)
        v = ld_str(sc, "inLanguage");
    if (!v || !*v) {
        static const char *const og[] = {"og:locale", NULL};
        v = meta(sc, og);
    }
    if (!v)
        return NULL;
    while (*v == ' ')
        v++;
    for (; *v && *v != ',' && *v != ';' && *v != ' ' && k < sizeof buf - 1; v++) {
        char c = *v == '_' ? '-' : *v;
        if (!isalnum((unsigned char)c) && c != '-')
            return NULL;
        buf[k++] = c;
    }
    buf[k] = '\0';
    if (k < 2 || !isalpha((unsigned char)buf[0]))
        return NULL;
    for (size_t i = 0; i < k && buf[i] != '-'; i++)
        buf[i] = (char)tolower((unsigned char)buf[i]);
    {
        char *dash = strchr(buf, '-');
        if (dash && strlen(dash + 1) == 2)
            for (char *q = dash + 1; *q; q++)
                *q = (char)toupper((unsigned char)*q);
    }
    return xc_strdup(buf);
}

static char *time_date(const xmlNode *t)
{
    const char *v;
    char *txt, *r;
    if (!t)
        return NULL;
    v = xc_html_attr(t, "datetime");
    if (!v)
        v = xc_html_attr(t, "content");
    if (v && (r = date_dup(v)) != NULL)
        return r;
    txt = node_text(t);
    r = date_dup(txt);
    free(txt);
    return r;
}

xc_code xc_html_meta(const xc_hpage *page, xc_doc *doc, char **body)
{
    static const char *const title_keys[] = {
        "citation_title", "dc.title", "dcterms.title", "parsely-title",
        "og:title", "twitter:title", NULL};
    static const char *const site_keys[] = {
        "og:site_name", "application-name", "dc.publisher", "publisher",
        "citation_publisher", "citation_journal_title", NULL};
    static const char *const pub_keys[] = {
        "article:published_time", "og:article:published_time", "datepublished",
        "pubdate", "publishdate", "publish-date", "publish_date",
        "article.published", "parsely-pub-date", "sailthru.date",
        "citation_publication_date", "citation_date", "dc.date.issued",
        "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
        "dc.date.created", "date", "original-publish-date", "article_date_original",
        "og:published_time", "published_time", NULL};
    static const char *const mod_keys[] = {
        "article:modified_time", "og:updated_time", "datemodified",
        "dc.date.modified", "dcterms.modified", "last-modified", "lastmod",
        "article.updated", "modified_time", NULL};
    static const char *const url_keys[] = {"og:url", "twitter:url", NULL};
    scan *sc = calloc(1, sizeof *sc);
    const char *v;
    char *found = NULL;

    *body = NULL;
    if (!sc)
        return XC_ERR_NOMEM;
    collect(page, sc);

    /* outlet */
    v = meta(sc, site_keys);
    if (!v)
        v = ld_str(sc, "publisher");
    if (!v)
        v = sc->site;
    doc->outlet = xc_html_clean(v);
    if (doc->outlet && (is_url(doc->outlet) || strlen(doc->outlet) > 100)) {
        free(doc->outlet);
        doc->outlet = NULL;
    }
    if (doc->outlet)
        unentity(doc->outlet);

    /* canonical URL */
    v = sc->canonical && is_url(sc->canonical) ? sc->canonical : meta(sc, url_keys);
    if (!v || !is_url(v))
        v = ld_str(sc, "url");
    if (!v || !is_url(v))
        v = ld_str(sc, "mainEntityOfPage");
    if (v && is_url(v))
        doc->url = xc_html_clean(v);

    /* title */
    v = meta(sc, title_keys);
    if (!v)
        v = ld_str(sc, "headline");
    if (!v)
        v = sc->title;
    if (v)
        doc->title = xc_html_clean(v);
    else if (sc->h1)
        doc->title = node_text(sc->h1);
    if (doc->title) {
        unentity(doc->title);
        for (size_t i = 0; i < sc->nhome && !doc->outlet; i++) {
            /* the suffix is the text of a link to the front page */
            char *h = node_text(sc->home[i]);
            if (h && strlen(h) < 60 && strip_site(doc->title, h, NULL, NULL))
                doc->outlet = h;
            else
                free(h);
        }
        strip_site(doc->title, doc->outlet, doc->url, doc->outlet ? NULL : &found);
        if (found && !doc->outlet)
            doc->outlet = found;
        else
            free(found);
        if (!*doc->title) {
            free(doc->title);
            doc->title = NULL;
        }
    }

    doc->authors = authors(sc, doc->outlet);
    if (doc->authors)
        unentity(doc->authors);

    doc->published = date_dup(meta(sc, pub_keys));
    if (!doc->published)
        doc->published = date_dup(ld_str(sc, "datePublished"));
    if (!doc->published)
        doc->published = date_dup(ld_str(sc, "dateCreated"));
    if (!doc->published)
        doc->published = time_date(sc->time_pub);
    if (!doc->published)
        doc->published = time_date(sc->time_any);
    for (size_t i = 0; i < sc->ndated && !doc->published; i++) {
        char *t = node_text(sc->dated[i]); /* "Posted on 14 August 2022" */
        if (t && strlen(t) <= 100)
            doc->published = date_dup(t);
        free(t);
    }

    doc->modified = date_dup(meta(sc, mod_keys));
    if (!doc->modified)
        doc->modified = date_dup(ld_str(sc, "dateModified"));
    if (!doc->modified)
        doc->modified = time_date(sc->time_mod);

    doc->language = language(sc);

    v = NULL;
    for (size_t i = 0; i < sc->nld && !v; i++) {
        json_t *b = json_object_get(sc->ld[i], "articleBody");
        if (json_is_string(b) && json_string_length(b) > 0)
            v = json_string_value(b);
    }
    if (v && (*body = xc_strdup(v)) != NULL)
        unentity(*body);
    for (size_t i = 0; i < sc->nroots; i++)
        json_decref(sc->roots[i]);
    free(sc);
    return XC_OK;
}
