/*
 * article.c: which blocks of a page are the article.  One loop over the
 * tree measures every element (text, text inside links, prose paragraphs,
 * commas) and marks furniture by tag (script, nav, aside, footer...), by
 * hiding (hidden, aria-hidden, display:none) and by class and id words
 * (comments, share, related, cookie, newsletter, ad...).  Paragraphs score
 * in the manner of Readability (one point, one per comma, one per 100
 * bytes up to three) for their parent, half for the grandparent and a
 * third above; a block's score is scaled down by its link density and
 * moved by its tag and its class.  The best block, its siblings that score
 * near it or read as prose, or an itemprop="articleBody" element when the
 * page marks one, are the article.  Inside them the writer leaves out
 * furniture and link lists (xc_html_skip).  html.c loosens the class words
 * when they leave too little text.
 */
#include "ingest/article.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- tags ------------------------------------------------------------------ */

enum { T_LINK = 1, T_LIST = 2, T_JUNK = 4, T_WEAK = 8, T_FORM = 16, T_PARA = 32, T_FURN = 64 };

typedef struct tag {
    const char *name;
    uint8_t kind, flags;
    int8_t bonus; /* starting score of a candidate block */
} tag;

static const tag tags[] = { /* sorted by name for bsearch */
    {"a", XC_HK_INLINE, T_LINK, 0},
    {"address", XC_HK_BLOCK, 0, -3},
    {"applet", XC_HK_DROP, T_JUNK, 0},
    {"area", XC_HK_DROP, T_JUNK, 0},
    {"article", XC_HK_BLOCK, 0, 10},
    {"aside", XC_HK_BLOCK, T_FURN, -3},
    {"audio", XC_HK_DROP, T_JUNK, 0},
    {"base", XC_HK_DROP, T_JUNK, 0},
    {"blockquote", XC_HK_BLOCK, T_PARA, 3},
    {"body", XC_HK_BLOCK, 0, 0},
    {"br", XC_HK_BREAK, 0, 0},
    {"button", XC_HK_DROP, T_JUNK, 0},
    {"canvas", XC_HK_DROP, T_JUNK, 0},
    {"caption", XC_HK_CAPTION, 0, 0},
    {"center", XC_HK_BLOCK, 0, 0},
    {"datalist", XC_HK_DROP, T_JUNK, 0},
    {"dd", XC_HK_ITEM, 0, -3},
    {"details", XC_HK_BLOCK, 0, 0},
    {"dialog", XC_HK_DROP, T_JUNK, 0},
    {"dir", XC_HK_BLOCK, T_LIST, -3},
    {"div", XC_HK_BLOCK, 0, 5},
    {"dl", XC_HK_BLOCK, T_LIST, -3},
    {"dt", XC_HK_ITEM, 0, -3},
    {"embed", XC_HK_DROP, T_JUNK, 0},
    {"fieldset", XC_HK_DROP, T_JUNK, 0},
    {"figcaption", XC_HK_CAPTION, 0, 0},
    {"figure", XC_HK_BLOCK, 0, 0},
    {"footer", XC_HK_BLOCK, T_FURN, -3},
    {"form", XC_HK_BLOCK, T_FORM, -3},
    {"frameset", XC_HK_DROP, T_JUNK, 0},
    {"h1", XC_HK_HEADING, 0, -5},
    {"h2", XC_HK_HEADING, 0, -5},
    {"h3", XC_HK_HEADING, 0, -5},
    {"h4", XC_HK_HEADING, 0, -5},
    {"h5", XC_HK_HEADING, 0, -5},
    {"h6", XC_HK_HEADING, 0, -5},
    {"head", XC_HK_DROP, T_JUNK, 0},
    {"header", XC_HK_BLOCK, T_WEAK, -5},
    {"hgroup", XC_HK_BLOCK, 0, 0},
    {"hr", XC_HK_BLOCK, 0, 0},
    {"html", XC_HK_BLOCK, 0, 0},
    {"iframe", XC_HK_DROP, T_JUNK, 0},
    {"img", XC_HK_DROP, T_JUNK, 0},
    {"input", XC_HK_DROP, T_JUNK, 0},
    {"label", XC_HK_DROP, T_JUNK, 0},
    {"li", XC_HK_ITEM, 0, -3},
    {"link", XC_HK_DROP, T_JUNK, 0},
    {"main", XC_HK_BLOCK, 0, 5},
    {"map", XC_HK_DROP, T_JUNK, 0},
    {"math", XC_HK_DROP, T_JUNK, 0},
    {"menu", XC_HK_BLOCK, T_FURN, -3},
    {"meta", XC_HK_DROP, T_JUNK, 0},
    {"meter", XC_HK_DROP, T_JUNK, 0},
    {"nav", XC_HK_BLOCK, T_FURN, -3},
    {"noembed", XC_HK_DROP, T_JUNK, 0},
    {"noframes", XC_HK_DROP, T_JUNK, 0},
    {"noscript", XC_HK_BLOCK, T_FURN, 0},
    {"object", XC_HK_DROP, T_JUNK, 0},
    {"ol", XC_HK_BLOCK, T_LIST, -3},
    {"option", XC_HK_DROP, T_JUNK, 0},
    {"output", XC_HK_DROP, T_JUNK, 0},
    {"p", XC_HK_BLOCK, T_PARA, 0},
    {"param", XC_HK_DROP, T_JUNK, 0},
    {"picture", XC_HK_DROP, T_JUNK, 0},
    {"pre", XC_HK_BLOCK, T_PARA, 3},
    {"progress", XC_HK_DROP, T_JUNK, 0},
    {"script", XC_HK_DROP, T_JUNK, 0},
    {"section", XC_HK_BLOCK, 0, 0},
    {"select", XC_HK_DROP, T_JUNK, 0},
    {"source", XC_HK_DROP, T_JUNK, 0},
    {"style", XC_HK_DROP, T_JUNK, 0},
    {"summary", XC_HK_BLOCK, 0, 0},
    {"svg", XC_HK_DROP, T_JUNK, 0},
    {"table", XC_HK_BLOCK, 0, 0},
    {"td", XC_HK_CELL, T_PARA, 3},
    {"template", XC_HK_DROP, T_JUNK, 0},
    {"textarea", XC_HK_DROP, T_JUNK, 0},
    {"th", XC_HK_CELL, 0, -5},
    {"title", XC_HK_DROP, T_JUNK, 0},
    {"tr", XC_HK_ROW, 0, 0},
    {"track", XC_HK_DROP, T_JUNK, 0},
    {"ul", XC_HK_BLOCK, T_LIST, -3},
    {"video", XC_HK_DROP, T_JUNK, 0},
};

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const tag *)elem)->name);
}

static const tag *tag_of(const xmlNode *n)
{
    char low[16];
    size_t k;
    if (!n->name)
        return NULL;
    for (k = 0; k < sizeof low - 1 && n->name[k]; k++)
        low[k] = (char)((n->name[k] >= 'A' && n->name[k] <= 'Z') ? n->name[k] + 32
                                                                   : n->name[k]);
    if (n->name[k])
        return NULL;
    low[k] = '\0';
    return bsearch(low, tags, sizeof tags / sizeof *tags, sizeof *tags, tag_cmp);
}

int xc_html_is(const xmlNode *n, const char *name)
{
    return n->name && strcasecmp((const char *)n->name, name) == 0;
}

int xc_html_kind(const xmlNode *n, int *level)
{
    const xc_hinfo *in = xc_html_info(n);
    const tag *t;
    *level = 0;
    if (in) {
        *level = in->level;
        return in->kind;
    }
    if (n->type != XML_ELEMENT_NODE)
        return XC_HK_INLINE;
    t = tag_of(n);
    if (t && t->kind == XC_HK_HEADING)
        *level = t->name[1] - '0';
    return t ? t->kind : XC_HK_INLINE;
}

xmlNode *xc_html_next(const xmlNode *root, xmlNode *n, int skip)
{
    if (!skip && n->children && n->type == XML_ELEMENT_NODE)
        return n->children;
    while (n != root && !n->next)
        n = n->parent;
    return n == root ? NULL : n->next;
}

/* ---- class and id words -------------------------------------------------------- */

const char *xc_html_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0)
            return a->children && a->children->content
                       ? (const char *)a->children->content : "";
    return NULL;
}

/* Words of a class or id part that mark furniture beyond doubt. */
static const char *const strong_words[] = {
    "comment", "disqus", "share", "sharing", "social", "related", "recommend",
    "outbrain", "taboola", "cookie", "consent", "gdpr", "newsletter",
    "subscri", "signup", "popup", "modal", "advert", "sponsor", "promo",
    "sidebar", "footer", "breadcrumb", "trending", "popular", "mostread",
    "readmore", "recirc", "credit", "copyright", "banner",
    "rating", "login", "donate", "jump", "toolbar", NULL};
/* ... and ones that do unless the element also names itself content. */
static const char *const weak_words[] = {
    "menu", "byline", "author", "dateline", "masthead", "header", "pagination",
    "pager", "print", "skip", "tagcloud", "taglist", "keyword", "topics",
    "navbar", "navigation", "extra", "shoutbox", "supplement", "meta", "widget",
    "teaser", "utility",
    NULL};
/* Parts that must match whole. */
static const char *const strong_parts[] = {"ad", "ads", "adv", "rail", "nav",
                                           "tags", "more", "also", "aside", NULL};
static const char *const good_words[] = {
    "article", "content", "entry", "post", "story", "body", "main", "text",
    "prose", "blog", "news", NULL};
static const char *const hidden_tokens[] = {
    "hidden", "sr-only", "visually-hidden", "visuallyhidden",
    "screen-reader-text", "element-invisible", "offscreen", "invisible", NULL};

/* Where the last of WORDS ends in PART[0..N), plus one; 0 if none occurs. */
static size_t has_word(const char *part, size_t n, const char *const *words)
{
    size_t at = 0;
    for (const char *const *w = words; *w; w++) {
        size_t k = strlen(*w);
        for (size_t i = 0; i + k <= n; i++)
            if (part[i] == **w && memcmp(part + i, *w, k) == 0 && i + k + 1 > at)
                at = i + k + 1;
    }
    return at;
}

static int is_part(const char *part, size_t n, const char *const *words)
{
    for (const char *const *w = words; *w; w++)
        if (strlen(*w) == n && memcmp(part, *w, n) == 0)
            return 1;
    return 0;
}

/*
 * Judge a class or id value: sets *strong, *weak, *good, *hidden and
 * *caption from its words.  Tokens "has-x", "no-x", "with-x", "is-x" say
 * what a block has, not what it is, and are passed over.
 */
static void judge(const char *v, int *strong, int *weak, int *good,
                  int *hidden, int *caption, int *post)
{
    char low[256];
    size_t n = 0;
    for (; *v && n < sizeof low - 1; v++)
        low[n++] = (char)((*v >= 'A' && *v <= 'Z') ? *v + 32 : *v);
    low[n] = '\0';
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && low[e] != ' ' && low[e] != '\t' && low[e] != '\n')
            e++;
        if (e > i && !(strncmp(low + i, "has-", 4) == 0 || strncmp(low + i, "no-", 3) == 0 ||
                       strncmp(low + i, "with-", 5) == 0 || strncmp(low + i, "is-", 3) == 0 ||
                       strncmp(low + i, "has_", 4) == 0)) {
            char save = low[e];
            low[e] = '\0';
            if (is_part(low + i, e - i, hidden_tokens))
                *hidden = 1;
            low[e] = save;
            if (has_word(low + i, e - i, strong_words))
                *strong = 1;
            {
                /* "entry-meta", "article-author": the last word says
                   what the block is */
                size_t w = has_word(low + i, e - i, weak_words);
                size_t g = has_word(low + i, e - i, good_words);
                if (w && w >= g)
                    *weak = 1;
                else if (g)
                    *good = 1;
            }
            if (has_word(low + i, e - i, (const char *const[]){"caption", NULL}))
                *caption = 1;
            if (strstr(low + i, "hentry") || strstr(low + i, "type-post"))
                *post = 1; /* WordPress's article: its other classes are
                              taxonomy (tag-x, topics-y), not furniture */
            for (size_t p = i; p < e;) { /* whole parts between - and _, */
                size_t q = p;          /* first or last in the token */
                while (q < e && low[q] != '-' && low[q] != '_')
                    q++;
                if ((p == i || q == e) && is_part(low + p, q - p, strong_parts))
                    *strong = 1;
                p = q + 1;
            }
        }
        i = e + 1;
    }
}

/* Is N hidden from readers? */
static int hidden(const xmlNode *n)
{
    const char *v;
    if (xc_html_attr(n, "hidden"))
        return 1;
    if ((v = xc_html_attr(n, "aria-hidden")) && strcasecmp(v, "true") == 0)
        return 1;
    if ((v = xc_html_attr(n, "style")) != NULL) {
        char sq[128];
        size_t k = 0;
        for (; *v && k < sizeof sq - 1; v++)
            if (*v != ' ')
                sq[k++] = (char)((*v >= 'A' && *v <= 'Z') ? *v + 32 : *v);
        sq[k] = '\0';
        if (strstr(sq, "display:none") || strstr(sq, "visibility:hidden"))
            return 1;
    }
    return 0;
}

/* Classify element N into IN for the page's strictness. */
static void classify(const xc_hpage *page, xmlNode *n, xc_hinfo *in)
{
    const tag *t = tag_of(n);
    const char *cls = xc_html_attr(n, "class"), *id = xc_html_attr(n, "id"), *ip;
    int strong = 0, weak = 0, good = 0, hid = 0, cap = 0, post = 0;

    in->kind = t ? t->kind : XC_HK_INLINE;
    if (t && t->kind == XC_HK_HEADING)
        in->level = (uint8_t)(t->name[1] - '0');
    if (t && (t->flags & T_JUNK)) {
        in->junk = XC_HJ_TAG;
        return;
    }
    if (t && (t->flags & T_FURN) && page->strictness >= 1) {
        in->junk = XC_HJ_TAG; /* nav, aside, footer: at 0 for pages that
                                 leave one unclosed around the rest */
        return;
    }
    if (hidden(n)) {
        in->junk = XC_HJ_HIDDEN;
        return;
    }
    if (cls)
        judge(cls, &strong, &weak, &good, &hid, &cap, &post);
    if (id)
        judge(id, &strong, &weak, &good, &hid, &cap, &post);
    if (post)
        strong = weak = 0;
    ip = xc_html_attr(n, "itemprop");
    if (ip && strcasecmp(ip, "articleBody") == 0) {
        in->hint = 2;
        return;
    }
    if (hid) {
        in->junk = XC_HJ_HIDDEN;
        return;
    }
    if (xc_html_is(n, "body") || xc_html_is(n, "html"))
        return;
    if (cap && !good && in->kind != XC_HK_DROP && !strong)
        in->kind = XC_HK_CAPTION;
    else if (strong && page->strictness >= 1)
        in->junk = XC_HJ_STRONG;
    else if ((weak || (t && (t->flags & T_WEAK))) && !good && page->strictness >= 2)
        in->junk = XC_HJ_WEAK;
    in->hint = (int8_t)(strong || weak ? -1 : good ? 1 : 0);
}

/* ---- measuring ------------------------------------------------------------------- */

static size_t count_elements(xmlNode *root)
{
    size_t k = 0;
    for (xmlNode *n = root; n; n = xc_html_next(root, n, 0))
        k += n->type == XML_ELEMENT_NODE;
    return k;
}

/* Count a text node into IN: non-space bytes, commas. */
static void count_text(xc_hinfo *in, const unsigned char *s)
{
    uint32_t t = 0, c = 0;
    for (; *s; s++) {
        if (*s <= ' ')
            continue;
        if (*s == 0xC2 && s[1] == 0xA0) {
            s++;
            continue;
        }
        t++;
        c += *s == ',';
    }
    in->text += t;
    in->commas += c;
    in->own += t;
    in->own_commas += c;
}

/* A paragraph of TEXT bytes, LINK of them in links, COMMAS commas, found
   in N: its score goes to N's ancestors from FIRST (0: N itself) on. */
static void score_para(xmlNode *n, int first, uint32_t text, uint32_t link,
                       uint32_t commas)
{
    float ld = text ? (float)link / (float)text : 0.0f, s;
    if (text < 25 || ld >= 0.5f)
        return;
    s = 1.0f + (float)commas + (text >= 300 ? 3.0f : (float)(text / 100));
    for (int k = 1; k <= 3 && n; k++, n = n->parent) {
        xc_hinfo *ai;
        if (k == 1 && !first)
            n = n->parent;
        if (!n || !(ai = xc_html_info(n)))
            break;
        ai->score += s / (float)k;
    }
}

static float density(const xc_hinfo *in)
{
    return in->text ? (float)in->link / (float)in->text : 0.0f;
}

/* Element N with info IN is done: its figures go to its parent. */
static void finish(xmlNode *n, xc_hinfo *in, int in_junk)
{
    xc_hinfo *up = n->parent ? xc_html_info(n->parent) : NULL;
    const tag *t = tag_of(n);
    if (t && (t->flags & T_LINK))
        in->link = in->text;
    if (!in_junk && !in->junk && !in->blocks && in->text &&
        (in->kind == XC_HK_BLOCK || in->kind == XC_HK_ITEM || in->kind == XC_HK_CELL)) {
        score_para(n, 0, in->text, in->link, in->commas);
        if (in->text >= 60 && density(in) < 0.35f)
            in->good = in->text;
    } else if (!in_junk && !in->junk && in->blocks && in->own >= 25) {
        /* text beside blocks, as in <div>text<br>text<div>..</div></div> */
        score_para(n, 1, in->own, in->own_link, in->own_commas);
        if (in->own >= 60 && in->own_link * 20 < in->own * 7)
            in->good += in->own;
    }
    if (!up)
        return;
    if (in->kind != XC_HK_INLINE && in->kind != XC_HK_BREAK)
        up->blocks = 1;
    up->blocks |= in->blocks;
    if (in->junk)
        return;
    up->text += in->text;
    up->link += in->link;
    if ((in->kind == XC_HK_INLINE || in->kind == XC_HK_BREAK) && !in->blocks) {
        up->own += in->text;
        up->own_link += in->link;
        up->own_commas += in->commas;
    }
    up->good += in->good;
    up->commas += in->commas;
}

xc_code xc_html_measure(xc_hpage *page)
{
    xmlNode *root = page->body ? page->body : page->root, *n;
    size_t used = 0, junk_depth = 0;

    if (!page->info) {
        page->ninfo = count_elements(root);
        page->info = calloc(page->ninfo ? page->ninfo : 1, sizeof *page->info);
        if (!page->info)
            return XC_ERR_NOMEM;
    } else {
        memset(page->info, 0, page->ninfo * sizeof *page->info);
    }
    n = root;
    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE && used < page->ninfo) {
            xc_hinfo *in = &page->info[used++];
            n->_private = in;
            classify(page, n, in);
            descend = in->kind != XC_HK_DROP;
            if (in->junk)
                junk_depth++;
        } else if (n->type == XML_TEXT_NODE && n->content && n->parent) {
            xc_hinfo *up = xc_html_info(n->parent);
            if (up)
                count_text(up, n->content);
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE && n->_private) {
            xc_hinfo *in = n->_private;
            if (in->junk)
                junk_depth--;
            finish(n, in, junk_depth > 0);
        }
        while (n != root && !n->next) {
            xc_hinfo *in;
            n = n->parent;
            if ((in = xc_html_info(n)) != NULL) {
                if (in->junk)
                    junk_depth--;
                finish(n, in, junk_depth > 0);
            }
        }
        if (n == root)
            break;
        n = n->next;
    }
    return XC_OK;
}

/* ---- choosing ---------------------------------------------------------------------- */

static float final_score(const xmlNode *n, const xc_hinfo *in)
{
    const tag *t = tag_of(n);
    /* a class that names content counts for blocks that hold prose */
    float hint = in->good >= 140 ? 25.0f * (float)in->hint : 0.0f;
    float s = in->score + (t ? (float)t->bonus : 0.0f) + hint;
    return s * (1.0f - density(in));
}

static int same_class(const xmlNode *a, const xmlNode *b)
{
    const char *x = xc_html_attr(a, "class"), *y = xc_html_attr(b, "class");
    return x && y && *x && strcmp(x, y) == 0;
}

/* The sentence end of the text below N? (a short prose sibling) */
static int ends_sentence(const xmlNode *n)
{
    const xmlNode *last = n;
    while (last->last && last->type == XML_ELEMENT_NODE)
        last = last->last;
    if (last->type == XML_TEXT_NODE && last->content) {
        const char *s = (const char *)last->content;
        size_t k = strlen(s);
        while (k && strchr(" \t\r\n", s[k - 1]))
            k--;
        return k && strchr(".!?\"", s[k - 1]);
    }
    return 0;
}

size_t xc_html_choose(xc_hpage *page)
{
    xmlNode *root = page->body ? page->body : page->root, *top = NULL, *n;
    xc_hinfo *ti;
    float best = 0.0f, threshold;
    const tag *t;
    size_t chosen = 0;
    uint32_t itemprop_text = 0;

    for (n = root; n; n = xc_html_next(root, n, 0)) {
        xc_hinfo *in = xc_html_info(n);
        if (!in)
            continue;
        if (in->hint == 2 && in->text > itemprop_text && in->text >= 200) {
            itemprop_text = in->text;
            top = n;
        }
    }
    if (top) {
        xc_html_info(top)->keep = 1;
        return 1;
    }
    for (n = root; n; n = xc_html_next(root, n, 0)) {
        xc_hinfo *in = xc_html_info(n);
        float f;
        if (!in || in->score <= 0.0f || in->junk)
            continue;
        if ((t = tag_of(n)) != NULL && (t->flags & T_LIST))
            continue; /* a list's items score it high: its parent may be
                         the article, a list alone rarely is */
        f = final_score(n, in);
        if (f > best) {
            best = f;
            top = n;
        }
    }
    if (!top)
        return 0;
    ti = xc_html_info(top);
    if (top == root || !top->parent) {
        ti->keep = 1;
        return 1;
    }
    /* the article may be split among blocks (sections, a table inside
       it): climb while an ancestor holds much more prose */
    for (n = top->parent; n && n != root->parent; n = n->parent) {
        xc_hinfo *ai = xc_html_info(n);
        if (!ai || ai->junk)
            break;
        if (ai->good * 2 >= ti->good * 3 && density(ai) < 0.3f) {
            top = n;
            ti = ai;
        }
    }
    if (top == root || !top->parent) {
        ti->keep = 1;
        return 1;
    }
    threshold = best * 0.2f > 10.0f ? best * 0.2f : 10.0f;
    for (n = top->parent->children; n; n = n->next) {
        xc_hinfo *in = xc_html_info(n);
        int take = 0;
        if (!in || in->junk)
            continue;
        if (n == top) {
            take = 1;
        } else {
            float bonus = same_class(n, top) ? best * 0.2f : 0.0f;
            float ld = density(in);
            if (in->score > 0.0f && final_score(n, in) + bonus >= threshold)
                take = 1;
            else if (in->kind == XC_HK_BLOCK && !in->blocks) {
                if (in->text > 80 && ld < 0.25f)
                    take = 1;
                else if (in->text && in->text <= 80 && ld == 0.0f && ends_sentence(n))
                    take = 1;
            }
        }
        if (take) {
            in->keep = 1;
            chosen++;
        }
    }
    return chosen;
}

int xc_html_skip(const xc_hpage *page, const xmlNode *n)
{
    const xc_hinfo *in = xc_html_info(n);
    const tag *t;
    float ld;
    (void)page;
    if (!in)
        return 1;
    if (in->junk)
        return 1;
    t = tag_of(n);
    if (t && (t->flags & T_FORM) && in->good == 0)
        return 1;
    if (!in->text)
        return 0;
    ld = density(in);
    if (t && (t->flags & T_LIST) && ld > 0.5f)
        return 1;
    if (in->kind == XC_HK_ITEM && ld > 0.7f && in->good == 0)
        return 1;
    if ((in->kind == XC_HK_BLOCK || in->kind == XC_HK_CELL) && ld > 0.5f && in->good == 0)
        return 1;
    return 0;
}
