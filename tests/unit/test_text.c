/*
 * test_text.c: unit tests for the text layer (src/text): UTF-8 validation
 * and decoding, input decoding (UTF-16, Windows-1252, binary, empty),
 * folding, and the tokenizer and sentence splitter.
 *
 * Besides the cases written here in C, it runs the sentence-splitter
 * fixtures in tests/cases/sentences (path relative to the repository root,
 * where tests run).  Each *.txt file there is
 *
 *     === option        zero or more option lines: "=== note: ..." is a
 *     ...                comment, "=== crlf" turns the input's line breaks
 *                        into CR LF before splitting
 *     input text         everything up to the marker line is the input
 *     === sentences
 *     expected sentence  one per line, in order
 *
 * An expected sentence is the text [start,end) of the sentence with every
 * run of ASCII white space that holds a line break (CR or LF) written as
 * one space; nothing else is changed.  Empty expected lines are ignored.
 * tests/cases/sentences/README says the same for people adding cases.
 */
#include "harness.h"

#include "core/util.h"
#include "text/text.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE_DIR "tests/cases/sentences"

/* ---- helpers ------------------------------------------------------------ */

static size_t vp(const char *s)
{
    return xc_utf8_valid_prefix(s, strlen(s));
}

/* Tokens of S rendered as "text/K text/K ...", K one letter per kind. */
static char *render_tokens(const char *s)
{
    static const char kinds[] = "WNPQDES";
    xc_tokens t = {0};
    xc_buf b;
    size_t i;
    xc_buf_init(&b, 1 << 20);
    if (xc_tokenize(s, strlen(s), &t) != XC_OK)
        return NULL;
    for (i = 0; i < t.ntok; i++) {
        const xc_token *k = &t.tok[i];
        xc_buf_printf(&b, "%s%.*s/%c", i ? " " : "", (int)(k->end - k->start),
                      s + k->start, kinds[k->kind]);
    }
    xc_tokens_free(&t);
    return xc_buf_take(&b, NULL);
}

#define CHECK_TOKENS(text, want)                                           \
    do {                                                                   \
        char *h_got = render_tokens(text);                                 \
        CHECK_STR(h_got, want);                                            \
        free(h_got);                                                       \
    } while (0)

/* Sentence I of T over S, in the fixtures' one-line form. */
static char *sentence_line(const char *s, const xc_tokens *t, size_t i)
{
    const xc_sentence *z = &t->sent[i];
    xc_buf b;
    size_t p = z->start;
    xc_buf_init(&b, 0);
    while (p < z->end) {
        size_t q = p;
        int brk = 0;
        while (q < z->end && strchr(" \t\r\n\f\v", s[q]) && s[q]) {
            if (s[q] == '\r' || s[q] == '\n')
                brk = 1;
            q++;
        }
        if (q > p && brk) {
            xc_buf_append(&b, " ", 1);
            p = q;
        } else {
            xc_buf_append(&b, s + p, 1);
            p++;
        }
    }
    return xc_buf_take(&b, NULL);
}

/* Sentences of S joined with " | ". */
static char *render_sentences(const char *s)
{
    xc_tokens t = {0};
    xc_buf b;
    size_t i;
    xc_buf_init(&b, 0);
    if (xc_tokenize(s, strlen(s), &t) != XC_OK)
        return NULL;
    for (i = 0; i < t.nsent; i++) {
        char *line = sentence_line(s, &t, i);
        xc_buf_printf(&b, "%s%s", i ? " | " : "", line);
        free(line);
    }
    xc_tokens_free(&t);
    return xc_buf_take(&b, NULL);
}

#define CHECK_SENTS(text, want)                                            \
    do {                                                                   \
        char *h_got = render_sentences(text);                              \
        CHECK_STR(h_got, want);                                            \
        free(h_got);                                                       \
    } while (0)

/* The structural promises of xc_tokenize, checked on any text. */
static int tokens_consistent(const char *s, size_t len, const xc_tokens *t)
{
    size_t i, next = 0, para = 0;
    for (i = 0; i < t->ntok; i++) {
        const xc_token *k = &t->tok[i];
        if (k->start >= k->end || k->end > len)
            return 0;
        if (i && k->start < t->tok[i - 1].end)
            return 0;
        if (k->kind > XC_TOK_SYMBOL)
            return 0;
        if ((k->flags & XC_TF_PARA_START) && !(k->flags & XC_TF_LINE_START))
            return 0;
        if (s[k->start] == ' ' || s[k->start] == '\n')
            return 0;
    }
    for (i = 0; i < t->nsent; i++) {
        const xc_sentence *z = &t->sent[i];
        size_t j;
        if (z->first != next || z->count == 0 || z->first + z->count > t->ntok)
            return 0;
        if (z->start != t->tok[z->first].start ||
            z->end != t->tok[z->first + z->count - 1].end)
            return 0;
        if (z->para < para || z->para >= t->npara)
            return 0;
        para = z->para;
        for (j = z->first; j < z->first + z->count; j++) {
            int want = j == z->first;
            if (!!(t->tok[j].flags & XC_TF_SENT_START) != want)
                return 0;
            if (j > z->first && (t->tok[j].flags & XC_TF_PARA_START))
                return 0;
        }
        next = z->first + z->count;
    }
    return next == t->ntok;
}

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    xc_buf b;
    char tmp[8192];
    size_t r;
    if (!f)
        return NULL;
    xc_buf_init(&b, 64u << 20);
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (xc_buf_append(&b, tmp, r) != XC_OK)
            break;
    fclose(f);
    return xc_buf_take(&b, n);
}

/* ---- UTF-8 -------------------------------------------------------------- */

static void test_valid_prefix(void)
{
    CHECK(xc_utf8_valid_prefix("", 0) == 0);
    CHECK(vp("abc") == 3);
    CHECK(vp("caf\xC3\xA9") == 5);
    CHECK(vp("\xE2\x82\xAC 5") == 5);                /* € */
    CHECK(vp("\xF0\x9F\x98\x80!") == 5);             /* U+1F600 */
    CHECK(vp("\xF4\x8F\xBF\xBF") == 4);              /* U+10FFFF */
    CHECK(vp("ab\xED\x9F\xBF") == 5);                /* U+D7FF */
    CHECK(vp("\xEE\x80\x80") == 3);                  /* U+E000 */
    /* overlongs */
    CHECK(vp("\xC0\xAF") == 0);
    CHECK(vp("\xC1\xBF") == 0);
    CHECK(vp("x\xE0\x80\xAF") == 1);
    CHECK(vp("xy\xF0\x80\x80\xAF") == 2);
    /* surrogates, past U+10FFFF */
    CHECK(vp("\xED\xA0\x80") == 0);
    CHECK(vp("ok\xED\xBF\xBF") == 2);
    CHECK(vp("\xF4\x90\x80\x80") == 0);
    CHECK(vp("\xF5\x80\x80\x80") == 0);
    CHECK(vp("\xFF") == 0);
    CHECK(vp("\xFE") == 0);
    /* stray continuation, truncated sequences */
    CHECK(vp("a\x80") == 1);
    CHECK(vp("ab\xE2\x82") == 2);
    CHECK(vp("\xF0\x9F\x98") == 0);
    CHECK(vp("\xC3") == 0);
    CHECK(vp("\xE2\x28\xA1") == 0); /* bad second byte */
    CHECK(vp("\xE2\x82\x28") == 0); /* bad third byte */
    /* the eight-byte fast path must find an error right after it */
    CHECK(vp("0123456789abcdef\x80") == 16);
    CHECK(vp("01234567\xC3\xA9" "89abcdef\xE9xyz") == 18);
    CHECK(xc_utf8_valid_prefix("abc\0def", 7) == 7); /* NUL is valid UTF-8 */
}

static void test_decode_cp(void)
{
    size_t len = 99;
    CHECK(xc_utf8_decode("A", 1, &len) == 'A' && len == 1);
    CHECK(xc_utf8_decode("\xC3\xA9", 2, &len) == 0xE9 && len == 2);
    CHECK(xc_utf8_decode("\xE2\x82\xAC", 3, &len) == 0x20AC && len == 3);
    CHECK(xc_utf8_decode("\xF0\x9F\x98\x80", 4, &len) == 0x1F600 && len == 4);
    CHECK(xc_utf8_decode("\xC0\xAF", 2, &len) == -1 && len == 1);
    CHECK(xc_utf8_decode("\xED\xA0\x80", 3, &len) == -1 && len == 1);
    CHECK(xc_utf8_decode("\xE2\x82\xAC", 2, &len) == -1 && len == 1);
    CHECK(xc_utf8_decode("\x80", 1, &len) == -1 && len == 1);
    CHECK(xc_utf8_decode("", 0, &len) == -1 && len == 0);
}

/* ---- xc_text_decode ---------------------------------------------------- */

static xc_code dec(const char *raw, size_t n, xc_decoded *d, xc_error *e)
{
    memset(d, 0, sizeof *d);
    xc_error_clear(e);
    return xc_text_decode(raw, n, d, e);
}

static void test_text_decode_utf8(void)
{
    xc_decoded d;
    xc_error e;
    static const char bom[] = "\xEF\xBB\xBFHello";

    CHECK(dec("Caf\xC3\xA9 au lait", 13, &d, &e) == XC_OK);
    CHECK_STR(d.text, "Caf\xC3\xA9 au lait");
    CHECK(d.len == 13 && d.from == NULL);
    free(d.text);

    CHECK(dec(bom, sizeof bom - 1, &d, &e) == XC_OK);
    CHECK(d.len == sizeof bom - 1 && memcmp(d.text, bom, d.len) == 0);
    CHECK(d.from == NULL);
    free(d.text);

    /* a tab, a form feed and one stray control character are still text */
    CHECK(dec("a\tb\fc\x1b d e f g h i j k l m n o p", 32, &d, &e) == XC_OK);
    free(d.text);
}

static void test_text_decode_utf16(void)
{
    xc_decoded d;
    xc_error e;
    static const char le[] = "\xFF\xFEH\0i\0 \0\xE9\0";
    static const char be[] = "\xFE\xFF\0H\0i\x20\xAC";
    static const char pair[] = "\xFF\xFE\x3D\xD8\x00\xDE!\0"; /* U+1F600 ! */
    static const char lone[] = "\xFF\xFEo\0k\0\x00\xD8x\0";  /* D800 alone */
    static const char odd[] = "\xFF\xFEo\0k";
    static const char nul[] = "\xFF\xFEo\0\0\0k\0";
    static const char blank[] = "\xFF\xFE \0\n\0\xA0\0";

    CHECK(dec(le, sizeof le - 1, &d, &e) == XC_OK);
    CHECK_STR(d.text, "Hi \xC3\xA9");
    CHECK(d.len == 5);
    CHECK_STR(d.from, "UTF-16LE");
    free(d.text);

    CHECK(dec(be, sizeof be - 1, &d, &e) == XC_OK);
    CHECK_STR(d.text, "Hi\xE2\x82\xAC");
    CHECK_STR(d.from, "UTF-16BE");
    free(d.text);

    CHECK(dec(pair, sizeof pair - 1, &d, &e) == XC_OK);
    CHECK_STR(d.text, "\xF0\x9F\x98\x80!");
    free(d.text);

    CHECK(dec(lone, sizeof lone - 1, &d, &e) == XC_ERR_ENCODING);
    CHECK(d.text == NULL);
    CHECK_MSG(strstr(e.msg, "UTF-16LE") && strstr(e.msg, "byte 6"), "%s",
              e.msg);
    CHECK(dec(odd, sizeof odd - 1, &d, &e) == XC_ERR_ENCODING);
    CHECK_MSG(strstr(e.msg, "byte 4") != NULL, "%s", e.msg);
    CHECK(dec(nul, sizeof nul - 1, &d, &e) == XC_ERR_BINARY);
    CHECK(dec(blank, sizeof blank - 1, &d, &e) == XC_ERR_EMPTY);
    CHECK(dec("\xFF\xFE", 2, &d, &e) == XC_ERR_EMPTY);
}

static void test_text_decode_cp1252(void)
{
    xc_decoded d;
    xc_error e;

    CHECK(dec("caf\xE9", 4, &d, &e) == XC_OK);
    CHECK_STR(d.text, "caf\xC3\xA9");
    CHECK(d.len == 5);
    CHECK_STR(d.from, "WINDOWS-1252");
    free(d.text);

    /* cp1252's own characters: quotes, euro, dash */
    CHECK(dec("\x93Hi\x94 \x80 5 \x96 ok", 13, &d, &e) == XC_OK);
    CHECK_STR(d.text, "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x82\xAC 5 \xE2\x80\x93 ok");
    free(d.text);

    /* bytes cp1252 leaves undefined become their Latin-1 code points */
    CHECK(dec("a\x81" "b\x8D" "c\x8F" "d\x90" "e\x9D", 10, &d, &e) == XC_OK);
    CHECK_STR(d.text, "a\xC2\x81" "b\xC2\x8D" "c\xC2\x8F" "d\xC2\x90" "e\xC2\x9D");
    free(d.text);

    /* an overlong alone is no valid multi-byte sequence: single-byte text */
    CHECK(dec("ab\xC0\xAF" "cd", 6, &d, &e) == XC_OK);
    CHECK_STR(d.text, "ab\xC3\x80\xC2\xAF" "cd");
    free(d.text);
}

static void test_text_decode_errors(void)
{
    xc_decoded d;
    xc_error e;
    char *big;
    size_t i;

    /* UTF-8 with one invalid byte: an error naming the offset */
    CHECK(dec("Caf\xC3\xA9 and caf\xE9", 14, &d, &e) == XC_ERR_ENCODING);
    CHECK(d.text == NULL);
    CHECK_MSG(strstr(e.msg, "invalid UTF-8 at byte 13") != NULL, "%s", e.msg);

    big = malloc(3000);
    CHECK(big != NULL);
    if (big) {
        for (i = 0; i < 3000; i++)
            big[i] = (char)('a' + i % 26);
        memcpy(big + 100, "\xC3\xA9", 2);
        big[1234] = (char)0xFF;
        CHECK(dec(big, 3000, &d, &e) == XC_ERR_ENCODING);
        CHECK_MSG(strstr(e.msg, "invalid UTF-8 at byte 1234") != NULL, "%s",
                  e.msg);
        /* the same with a truncated sequence at the very end */
        big[1234] = 'x';
        big[2999] = (char)0xE2;
        CHECK(dec(big, 3000, &d, &e) == XC_ERR_ENCODING);
        CHECK_MSG(strstr(e.msg, "byte 2999") != NULL, "%s", e.msg);
        free(big);
    }
    /* surrogate encoded in UTF-8 inside otherwise valid text */
    CHECK(dec("\xC3\xA9 \xED\xA0\x80", 6, &d, &e) == XC_ERR_ENCODING);
    CHECK_MSG(strstr(e.msg, "byte 3") != NULL, "%s", e.msg);

    /* binary */
    CHECK(dec("ab\0cd", 5, &d, &e) == XC_ERR_BINARY);
    CHECK(e.code == XC_ERR_BINARY && e.msg[0]);
    CHECK(dec("\x01\x02\x03\x04 abcdefgh", 13, &d, &e) == XC_ERR_BINARY);
    CHECK(dec("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, &d, &e) == XC_ERR_BINARY);

    /* empty */
    CHECK(dec("", 0, &d, &e) == XC_ERR_EMPTY);
    CHECK(dec(NULL, 0, &d, &e) == XC_ERR_EMPTY);
    CHECK(dec("  \n\t \r\n", 7, &d, &e) == XC_ERR_EMPTY);
    CHECK(dec("\xC2\xA0\n\xE2\x80\x83", 6, &d, &e) == XC_ERR_EMPTY);
    CHECK(dec("\xEF\xBB\xBF \n", 5, &d, &e) == XC_ERR_EMPTY);
    CHECK(dec("\xA0\xA0", 2, &d, &e) == XC_ERR_EMPTY); /* cp1252 NBSPs */
    CHECK(d.text == NULL);

    /* a NULL error is allowed */
    memset(&d, 0, sizeof d);
    CHECK(xc_text_decode("x\xFF\xC3\xA9", 4, &d, NULL) == XC_ERR_ENCODING);
    CHECK(xc_text_decode("ok", 2, NULL, NULL) == XC_ERR_ARG);
}

/* ---- fold --------------------------------------------------------------- */

static void check_fold(const char *in, const char *want)
{
    size_t n = 123;
    char *f = xc_text_fold(in, strlen(in), &n);
    CHECK_STR(f, want);
    CHECK(f == NULL || n == strlen(want));
    free(f);
}

static void test_fold(void)
{
    size_t n;
    char *a, *b;

    check_fold("PASHINYAN", "pashinyan");
    check_fold("Pashinyan", "pashinyan");
    check_fold("\xC3\x84", "\xC3\xA4");          /* Ä composed */
    check_fold("A\xCC\x88", "\xC3\xA4");          /* A + combining diaeresis */
    check_fold("Stra\xC3\x9F" "e", "strasse");    /* Straße */
    check_fold("STRASSE", "strasse");
    check_fold("\xD0\x90\xD0\x9B\xD0\x98\xD0\x95\xD0\x92",
               "\xD0\xB0\xD0\xbb\xD0\xB8\xD0\xB5\xD0\xB2"); /* АЛИЕВ */
    check_fold("\xD4\xB1\xD5\xAC\xD5\xAB", "\xD5\xA1\xD5\xAC\xD5\xAB"); /* Ալի */
    check_fold("", "");

    a = xc_text_fold("Nagorno-Karabakh", 16, NULL);
    b = xc_text_fold("NAGORNO-KARABAKH", 16, &n);
    CHECK(a && b && strcmp(a, b) == 0 && n == 16);
    free(a);
    free(b);

    /* folding works on the given length, not up to a NUL */
    a = xc_text_fold("ABCDEF", 3, &n);
    CHECK_STR(a, "abc");
    free(a);

    n = 7;
    CHECK(xc_text_fold("bad \xFF", 5, &n) == NULL);
    CHECK(n == 0);
    CHECK(xc_text_fold("\xED\xA0\x80", 3, &n) == NULL);
    CHECK(xc_text_fold("\xC0\xAF", 2, NULL) == NULL);
    CHECK(xc_text_fold("ab\xE2\x82", 4, NULL) == NULL);
}

/* ---- tokens ------------------------------------------------------------- */

static void test_token_kinds(void)
{
    CHECK_TOKENS("Aliyev's Nagorno-Karabakh Vice-President don't",
                 "Aliyev's/W Nagorno-Karabakh/W Vice-President/W don't/W");
    CHECK_TOKENS("Aliyev\xE2\x80\x99s statement",
                 "Aliyev\xE2\x80\x99s/W statement/W");
    CHECK_TOKENS("U.S. J.D. Vance", "U.S./W J.D./W Vance/W");
    CHECK_TOKENS("J. D. Vance", "J./W D./W Vance/W");
    CHECK_TOKENS("Mr. Smith", "Mr./W Smith/W");
    CHECK_TOKENS("the end.", "the/W end/W ./P");
    CHECK_TOKENS("3.5 1,000.25 1,000,000 10:30 61.2%",
                 "3.5/N 1,000.25/N 1,000,000/N 10:30/N 61.2/N %/S");
    CHECK_TOKENS("2022-2023", "2022/N -/D 2023/N");
    CHECK_TOKENS("2022\xE2\x80\x93" "2023", "2022/N \xE2\x80\x93/D 2023/N");
    CHECK_TOKENS("20-year F-16 COVID-19 2nd 1990s",
                 "20-year/W F-16/W COVID-19/W 2nd/W 1990s/W");
    CHECK_TOKENS("$1.5 million", "$/S 1.5/N million/W");
    CHECK_TOKENS("in 2020, 13", "in/W 2020/N ,/P 13/N");
    CHECK_TOKENS("a,b 1,00 12,3456", "a/W ,/P b/W 1/N ,/P 00/N 12/N ,/P 3456/N");
    CHECK_TOKENS("\"a\" 'b' \xE2\x80\x9C" "c\xE2\x80\x9D \xE2\x80\x98" "d\xE2\x80\x99",
                 "\"/Q a/W \"/Q '/Q b/W '/Q \xE2\x80\x9C/Q c/W \xE2\x80\x9D/Q "
                 "\xE2\x80\x98/Q d/W \xE2\x80\x99/Q");
    CHECK_TOKENS("\xC2\xAB" "e\xC2\xBB \xE2\x80\x9E" "f \xE2\x80\x9A" "g \xE2\x80\xB9h\xE2\x80\xBA",
                 "\xC2\xAB/Q e/W \xC2\xBB/Q \xE2\x80\x9E/Q f/W \xE2\x80\x9A/Q g/W "
                 "\xE2\x80\xB9/Q h/W \xE2\x80\xBA/Q");
    CHECK_TOKENS("a - b \xE2\x80\x93 c \xE2\x80\x94 d \xE2\x80\x95 e -- f",
                 "a/W -/D b/W \xE2\x80\x93/D c/W \xE2\x80\x94/D d/W "
                 "\xE2\x80\x95/D e/W --/D f/W");
    CHECK_TOKENS("wait... so\xE2\x80\xA6 then . . . end",
                 "wait/W .../E so/W \xE2\x80\xA6/E then/W . . ./E end/W");
    CHECK_TOKENS("Really?! (yes) [no]; a: b",
                 "Really/W ?!/P (/P yes/W )/P [/P no/W ]/P ;/P a/W :/P b/W");
    CHECK_TOKENS("5% & / # @ \xE2\x82\xAC" "5",
                 "5/N %/S &/S //S #/S @/S \xE2\x82\xAC/S 5/N");
    CHECK_TOKENS("ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD yes",
                 "ok/W \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD/S yes/W");
    CHECK_TOKENS("\xF0\x9F\x87\xA6\xF0\x9F\x87\xB2!", "\xF0\x9F\x87\xA6\xF0\x9F\x87\xB2/S !/P");
    CHECK_TOKENS("\xD0\x90\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xB2 \xD5\x80\xD5\xA1\xD5\xB5",
                 "\xD0\x90\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xB2/W \xD5\x80\xD5\xA1\xD5\xB5/W");
    CHECK_TOKENS("Mediamax.am e.g. a.m. Ph.D.", "Mediamax.am/W e.g./W a.m./W Ph.D./W");
    CHECK_TOKENS("Sunday.The", "Sunday/W ./P The/W");
    CHECK_TOKENS("No. 10 no.5 No.", "No./W 10/N no./W 5/N No/W ./P");
    CHECK_TOKENS("U.S.-backed", "U.S./W -/D backed/W");
    CHECK_TOKENS("caf\x65\xCC\x81 ok", "caf\x65\xCC\x81/W ok/W"); /* combining accent */
    CHECK_TOKENS("pre- and post-war", "pre/W -/D and/W post-war/W");
    CHECK_TOKENS("'90s rock'n'roll", "'/Q 90s/W rock'n'roll/W");
    CHECK_TOKENS("a\xC2\xA0" "b\xE2\x80\x8B" "c", "a/W b/W c/W");
    CHECK_TOKENS("", "");
    CHECK_TOKENS(" \n\t ", "");
}

static void test_token_offsets_flags(void)
{
    const char *s = "Mr. Smith left.\nHe said no.\n\nU.S. officials";
    xc_tokens t = {0};
    size_t i;

    CHECK(xc_tokenize(s, strlen(s), &t) == XC_OK);
    CHECK(t.ntok == 10);
    if (t.ntok == 10) {
        CHECK(t.tok[0].start == 0 && t.tok[0].end == 3);
        CHECK(t.tok[0].flags == (XC_TF_PARA_START | XC_TF_LINE_START |
                                 XC_TF_SENT_START | XC_TF_UPPER_INIT |
                                 XC_TF_ABBREV));
        CHECK(t.tok[1].flags == XC_TF_UPPER_INIT);
        CHECK(t.tok[2].flags == 0);
        CHECK(t.tok[3].kind == XC_TOK_PUNCT && t.tok[3].start == 14);
        CHECK(t.tok[4].flags == (XC_TF_LINE_START | XC_TF_SENT_START |
                                 XC_TF_UPPER_INIT));
        CHECK(t.tok[8].flags == (XC_TF_PARA_START | XC_TF_LINE_START |
                                 XC_TF_SENT_START | XC_TF_UPPER_INIT |
                                 XC_TF_ABBREV));
        CHECK(t.tok[9].start == 34 && t.tok[9].end == 43 &&
              t.tok[9].kind == XC_TOK_WORD);
    }
    CHECK(t.nsent == 3 && t.npara == 2);
    if (t.nsent == 3) {
        CHECK(t.sent[0].start == 0 && t.sent[0].end == 15);
        CHECK(t.sent[0].first == 0 && t.sent[0].count == 4);
        CHECK(t.sent[0].para == 0);
        CHECK(t.sent[1].first == 4 && t.sent[1].count == 4 &&
              t.sent[1].para == 0);
        CHECK(t.sent[2].start == 29 && t.sent[2].end == (uint32_t)strlen(s));
        CHECK(t.sent[2].para == 1);
    }
    /* "U.S." here is followed by a lower-case word: an abbreviation */
    CHECK(t.ntok > 8 && (t.tok[8].flags & XC_TF_ABBREV));
    for (i = 0; i < t.ntok; i++)
        if (t.tok[i].kind != XC_TOK_WORD)
            CHECK(!(t.tok[i].flags & XC_TF_ABBREV));
    CHECK(tokens_consistent(s, strlen(s), &t));

    /* a sentence-final abbreviation is not flagged ABBREV */
    s = "They met in the U.S. The talks ended.";
    CHECK(xc_tokenize(s, strlen(s), &t) == XC_OK);
    CHECK(t.nsent == 2 && t.ntok == 9);
    if (t.ntok == 9) {
        CHECK(!(t.tok[4].flags & XC_TF_ABBREV));
        CHECK(t.tok[5].flags & XC_TF_SENT_START);
    }
    xc_tokens_free(&t);
    xc_tokens_free(&t); /* twice is fine */
    xc_tokens_free(NULL);
}

static void test_breaks(void)
{
    xc_tokens t = {0};
    const char *s;

    /* CRLF: the same as LF */
    CHECK_SENTS("One.\r\n\r\nTwo\r\nThree.", "One. | Two | Three.");
    s = "One.\r\n\r\nTwo\r\nThree.";
    CHECK(xc_tokenize(s, strlen(s), &t) == XC_OK);
    CHECK(t.npara == 2 && t.nsent == 3);
    CHECK(t.ntok == 5 && (t.tok[3].flags & XC_TF_LINE_START) &&
          !(t.tok[3].flags & XC_TF_PARA_START));
    CHECK(t.nsent == 3 && t.sent[2].para == 1);

    /* a lone CR is a line break too; CR CR a blank line */
    CHECK_SENTS("One\rTwo\r\rThree", "One | Two | Three");
    s = "One\rTwo\r\rThree";
    CHECK(xc_tokenize(s, strlen(s), &t) == XC_OK);
    CHECK(t.npara == 2);

    /* blank lines made of spaces, tabs, NBSP; U+2029 and U+2028 */
    s = "A\n \xC2\xA0\t\nB\xE2\x80\xA9" "C\xE2\x80\xA8" "D";
    CHECK(xc_tokenize(s, strlen(s), &t) == XC_OK);
    CHECK(t.npara == 3 && t.nsent == 4);
    CHECK(t.ntok == 4 && (t.tok[3].flags & XC_TF_LINE_START) &&
          !(t.tok[3].flags & XC_TF_PARA_START));

    /* a single line break ends a sentence in text that is not wrapped */
    CHECK_SENTS("Photo: REUTERS\nYerevan is cold", "Photo: REUTERS | Yerevan is cold");
    CHECK_SENTS("the page\nand more", "the page | and more");

    /* a break inside a quotation still ends the sentence */
    CHECK_SENTS("\xE2\x80\x9CWe left.\nThey stayed,\xE2\x80\x9D he said.",
                "\xE2\x80\x9CWe left. | They stayed,\xE2\x80\x9D he said.");

    /* leading and trailing white space */
    CHECK_SENTS("\n\n  Hello there.  \n\n", "Hello there.");
    s = "\n\n  Hello there.  \n\n";
    CHECK(xc_tokenize(s, strlen(s), &t) == XC_OK);
    CHECK(t.npara == 1 && t.nsent == 1 && t.sent[0].para == 0);
    CHECK(t.ntok && (t.tok[0].flags & XC_TF_PARA_START));
    xc_tokens_free(&t);
}

static void test_wrapped(void)
{
    /* wrapped: a single line break is a space */
    CHECK_SENTS("The talks in Baku lasted for several hours and covered the\n"
                "corridor, the peace agreement and the fate of the detainees\n"
                "held since 2023. Officials on both sides called them useful\n"
                "but said that no date had been set for the next round yet.\n",
                "The talks in Baku lasted for several hours and covered the "
                "corridor, the peace agreement and the fate of the detainees "
                "held since 2023. | Officials on both sides called them useful "
                "but said that no date had been set for the next round yet.");
    /* one line over 120 characters: not wrapped */
    CHECK_SENTS("The talks in Baku lasted for several hours and covered the\n"
                "corridor, the peace agreement and the fate of the detainees\n"
                "held since 2023, and officials on both sides called them useful but said that no date had been set for the next round of talks.\n",
                "The talks in Baku lasted for several hours and covered the | "
                "corridor, the peace agreement and the fate of the detainees | "
                "held since 2023, and officials on both sides called them useful "
                "but said that no date had been set for the next round of talks.");
    /* wrapped text with a dialogue: each turn starts after a blank line */
    CHECK_SENTS("- What do you mean by that, and when will the talks resume\n"
                "in Baku?\n\n- Soon.\n",
                "- What do you mean by that, and when will the talks resume | "
                "in Baku? | - Soon.");
}

static void test_sentences_misc(void)
{
    CHECK_SENTS("Gen. Jones met Sen. Smith. Rep. Brown was there.",
                "Gen. Jones met Sen. Smith. | Rep. Brown was there.");
    CHECK_SENTS("The U.S. Vice President spoke.", "The U.S. Vice President spoke.");
    CHECK_SENTS("They met in the U.S. and then in the U.K. Officials agreed.",
                "They met in the U.S. and then in the U.K. Officials agreed.");
    CHECK_SENTS("He was born in St. Petersburg. It was 1990.",
                "He was born in St. Petersburg. | It was 1990.");
    CHECK_SENTS("It is 3.5 km away. It is 4.5 km back.",
                "It is 3.5 km away. | It is 4.5 km back.");
    CHECK_SENTS("Why? Because. Ok!", "Why? | Because. | Ok!");
    CHECK_SENTS("\xE2\x80\x9CWhy?\xE2\x80\x9D he asked.",
                "\xE2\x80\x9CWhy?\xE2\x80\x9D he asked.");
    CHECK_SENTS("He said \"no.\" Then he left.", "He said \"no.\" | Then he left.");
    CHECK_SENTS("(See above.) Next.", "(See above.) | Next.");
    CHECK_SENTS("Wait... what? Fine\xE2\x80\xA6 Go.", "Wait... what? | Fine\xE2\x80\xA6 | Go.");
    CHECK_SENTS("He met John A. Smith on Jan. 5. The talks began.",
                "He met John A. Smith on Jan. 5. | The talks began.");
    CHECK_SENTS("It costs 5 p.m. The end.", "It costs 5 p.m. | The end.");
    CHECK_SENTS("Items:\n1. One.\n2. Two.", "Items: | 1. One. | 2. Two.");
    CHECK_SENTS("In 2020. 13 people died.", "In 2020. | 13 people died.");
    CHECK_SENTS("Yahoo! said nothing.", "Yahoo! said nothing.");
    CHECK_SENTS("Done.", "Done.");
    CHECK_SENTS(".", ".");
    CHECK_SENTS("...", "...");
    CHECK_SENTS("Mr.", "Mr.");
    CHECK_SENTS("\xE2\x80\x9C", "\xE2\x80\x9C");
    CHECK_SENTS("It ended; then it began. Then: nothing.",
                "It ended; then it began. | Then: nothing.");
    CHECK_SENTS("It was his idea (see p. 5). The end.",
                "It was his idea (see p. 5). | The end.");
    CHECK_SENTS("See fig. 3 and Fig. 4. Vol. 2 is out.",
                "See fig. 3 and Fig. 4. | Vol. 2 is out.");
}

static void test_long_and_limits(void)
{
    xc_tokens t = {0};
    xc_buf b;
    size_t i, n;
    char *s;

    /* 2500 words without a period: cut into sentences of 1000 tokens */
    xc_buf_init(&b, 0);
    for (i = 0; i < 2500; i++)
        xc_buf_puts(&b, "word ");
    s = xc_buf_take(&b, &n);
    CHECK(xc_tokenize(s, n, &t) == XC_OK);
    CHECK(t.ntok == 2500 && t.nsent == 3);
    if (t.nsent == 3) {
        CHECK(t.sent[0].count == 1000 && t.sent[1].count == 1000 &&
              t.sent[2].count == 500);
        CHECK(t.sent[1].para == 0);
    }
    CHECK(tokens_consistent(s, n, &t));

    /* reuse: a shorter text after a longer one */
    CHECK(xc_tokenize("Hi. Bye.", 8, &t) == XC_OK);
    CHECK(t.ntok == 4 && t.nsent == 2 && t.npara == 1);
    CHECK(xc_tokenize("", 0, &t) == XC_OK);
    CHECK(t.ntok == 0 && t.nsent == 0 && t.npara == 0);
    CHECK(xc_tokenize(NULL, 0, &t) == XC_OK);
    CHECK(xc_tokenize("   \n\n ", 6, &t) == XC_OK);
    CHECK(t.ntok == 0 && t.nsent == 0 && t.npara == 0);

#if SIZE_MAX > UINT32_MAX
    /* refused before a byte is read */
    CHECK(xc_tokenize(s, (size_t)UINT32_MAX + 1, &t) == XC_ERR_TOO_BIG);
    CHECK(t.ntok == 0 && t.nsent == 0);
#endif
    CHECK(xc_tokenize("x", 1, NULL) == XC_ERR_ARG);

    /* invalid UTF-8 (outside the contract) must not crash */
    CHECK(xc_tokenize("a\xFF\xC0 b\xE2\x82", 7, &t) == XC_OK);
    CHECK(tokens_consistent("a\xFF\xC0 b\xE2\x82", 7, &t));
    free(s);

    /* a long run of one character is one token, not a sentence per byte */
    s = malloc(100000);
    CHECK(s != NULL);
    if (s) {
        memset(s, '-', 100000);
        CHECK(xc_tokenize(s, 100000, &t) == XC_OK);
        CHECK(t.ntok == 1 && t.nsent == 1);
        memset(s, '!', 100000);
        CHECK(xc_tokenize(s, 100000, &t) == XC_OK);
        CHECK(t.ntok == 1);
        memset(s, '(', 100000);
        CHECK(xc_tokenize(s, 100000, &t) == XC_OK);
        CHECK(t.ntok == 100000 && t.nsent == 100);
        CHECK(tokens_consistent(s, 100000, &t));
        free(s);
    }
    xc_tokens_free(&t);
}

/* The example reports: every structural promise holds. */
static void test_examples_consistent(void)
{
    static const char *const files[] = {
        "examples/karabakh-detainees/000_7fdb04c85ca76e80.txt",
        "examples/karabakh-detainees/001_a54f99c3ef061391.txt",
        "examples/karabakh-detainees/002_bf5cbe84f216a6c4.txt",
        "examples/karabakh-detainees/003_6097c7d8f54cbfd9.txt",
        "examples/karabakh-detainees/004_65767b0fa52decaa.txt",
    };
    size_t i;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t n;
        char *s = read_all(files[i], &n);
        xc_tokens t = {0};
        xc_decoded d;
        xc_error e;
        CHECK_MSG(s != NULL, "cannot read %s", files[i]);
        if (!s)
            continue;
        CHECK(dec(s, n, &d, &e) == XC_OK && d.from == NULL && d.len == n);
        free(d.text);
        CHECK(xc_tokenize(s, n, &t) == XC_OK);
        CHECK(t.nsent > 5 && t.ntok > 200);
        CHECK_MSG(tokens_consistent(s, n, &t), "%s", files[i]);
        xc_tokens_free(&t);
        free(s);
    }
}

/* ---- fixtures ----------------------------------------------------------- */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Check one fixture file; its name is for messages. */
static void run_fixture(const char *path)
{
    static const char marker[] = "=== sentences\n";
    size_t n, i;
    char *raw = read_all(path, &n), *p, *m, *input, *exp_part;
    int crlf = 0, ok = 1;
    xc_tokens t = {0};
    xc_buf in;

    CHECK_MSG(raw != NULL, "cannot read %s", path);
    if (!raw)
        return;
    /* options */
    p = raw;
    while (strncmp(p, "=== ", 4) == 0 && strncmp(p, marker, sizeof marker - 1)) {
        char *eol = strchr(p, '\n');
        size_t l = eol ? (size_t)(eol - p) : strlen(p);
        if (l == 8 && strncmp(p, "=== crlf", 8) == 0)
            crlf = 1;
        else if (strncmp(p, "=== note:", 9) != 0)
            CHECK_MSG(0, "%s: unknown option line \"%.*s\"", path, (int)l, p);
        p += l + (eol != NULL);
    }
    if (strncmp(p, marker, sizeof marker - 1) == 0) {
        exp_part = p + sizeof marker - 1; /* empty input */
        *p = '\0';
    } else {
        m = strstr(p, "\n=== sentences\n");
        CHECK_MSG(m != NULL, "%s: no \"=== sentences\" line", path);
        if (!m) {
            free(raw);
            return;
        }
        exp_part = m + sizeof marker; /* past the newline and the marker */
        m[1] = '\0'; /* the input keeps its final line break */
    }

    xc_buf_init(&in, 0);
    for (input = p; *input; input++) {
        if (crlf && *input == '\n')
            xc_buf_append(&in, "\r", 1);
        xc_buf_append(&in, input, 1);
    }
    input = xc_buf_take(&in, &n);

    CHECK_MSG(xc_tokenize(input, n, &t) == XC_OK, "%s", path);
    CHECK_MSG(tokens_consistent(input, n, &t), "%s", path);
    i = 0;
    while (*exp_part) {
        char *eol = strchr(exp_part, '\n');
        size_t l = eol ? (size_t)(eol - exp_part) : strlen(exp_part);
        if (l > 0) {
            char *got = i < t.nsent ? sentence_line(input, &t, i) : NULL;
            if (!got || strlen(got) != l || memcmp(got, exp_part, l) != 0) {
                ok = 0;
                fprintf(stderr, "%s: sentence %zu\n  want: %.*s\n  got:  %s\n",
                        path, i + 1, (int)l, exp_part, got ? got : "(none)");
            }
            free(got);
            i++;
        }
        exp_part += l + (eol != NULL);
    }
    if (i != t.nsent) {
        size_t k;
        ok = 0;
        fprintf(stderr, "%s: want %zu sentences, got %zu:\n", path, i, t.nsent);
        for (k = 0; k < t.nsent; k++) {
            char *got = sentence_line(input, &t, k);
            fprintf(stderr, "  %zu: %s\n", k + 1, got);
            free(got);
        }
    }
    CHECK_MSG(ok, "%s", path);
    xc_tokens_free(&t);
    free(input);
    free(raw);
}

static void test_fixtures(void)
{
    DIR *d = opendir(FIXTURE_DIR);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0, i;

    CHECK_MSG(d != NULL, "cannot open %s (run from the repository root)",
              FIXTURE_DIR);
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l < 5 ||
            strcmp(de->d_name + l - 4, ".txt") != 0)
            continue;
        if (n == cap) {
            char **v;
            cap = cap ? cap * 2 : 32;
            v = realloc(names, cap * sizeof *v);
            if (!v)
                break;
            names = v;
        }
        names[n++] = xc_strdup(de->d_name);
    }
    closedir(d);
    CHECK_MSG(n >= 25, "only %zu fixtures in %s", n, FIXTURE_DIR);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", FIXTURE_DIR, names[i]);
        run_fixture(path);
        free(names[i]);
    }
    free(names);
}

int main(void)
{
    RUN(test_valid_prefix);
    RUN(test_decode_cp);
    RUN(test_text_decode_utf8);
    RUN(test_text_decode_utf16);
    RUN(test_text_decode_cp1252);
    RUN(test_text_decode_errors);
    RUN(test_fold);
    RUN(test_token_kinds);
    RUN(test_token_offsets_flags);
    RUN(test_breaks);
    RUN(test_wrapped);
    RUN(test_sentences_misc);
    RUN(test_long_and_limits);
    RUN(test_examples_consistent);
    RUN(test_fixtures);
    DONE();
}
