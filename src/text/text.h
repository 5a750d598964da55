/*
 * text.h: the text layer.  Everything later stages know of characters goes
 * through here: decoding input bytes to UTF-8 (with iconv for other
 * encodings), validating UTF-8, folding text for matching (utf8proc: NFC
 * and case folding), and cutting text into tokens, sentences and paragraphs
 * with byte offsets into the original text.  Internal; prefix xc_text_,
 * xc_utf8_ and xc_tok.
 */
#ifndef XC_TEXT_H
#define XC_TEXT_H

#include "crosscheck.h"

#include <stddef.h>
#include <stdint.h>

/* ---- Encoding ---------------------------------------------------------- */

/*
 * Length of the valid UTF-8 prefix of S[0..N): N when all of S is valid.
 * Rejects overlong forms, surrogates (U+D800..U+DFFF), code points above
 * U+10FFFF and truncated sequences.
 */
size_t xc_utf8_valid_prefix(const char *s, size_t n);

/* Decode one code point at S (N bytes left); sets *len to its byte length
   (1 for an invalid byte, whose value is then returned as -1). */
int32_t xc_utf8_decode(const char *s, size_t n, size_t *len);

typedef struct xc_decoded {
    char *text;       /* UTF-8, NUL-terminated; caller frees with free() */
    size_t len;
    const char *from; /* NULL when the input was UTF-8 (text is then the
                         input bytes exactly, a UTF-8 BOM included); else a
                         static name: "UTF-16LE", "UTF-16BE", "WINDOWS-1252" */
} xc_decoded;

/*
 * Turn raw input bytes into UTF-8 text.
 *   - valid UTF-8 (with or without BOM): copied unchanged;
 *   - UTF-16 with a BOM: converted with iconv, the BOM dropped;
 *   - bytes that are not UTF-8 and hold no valid multi-byte UTF-8 sequence:
 *     read as Windows-1252 (a superset of Latin-1's printable range);
 *   - otherwise (valid UTF-8 with invalid bytes inside): XC_ERR_ENCODING,
 *     the message naming the byte offset of the first invalid byte.
 * Also fails with XC_ERR_EMPTY (no bytes or only whitespace) and
 * XC_ERR_BINARY (NUL bytes outside UTF-16, or many control characters).
 */
xc_code xc_text_decode(const char *raw, size_t n, xc_decoded *out,
                       xc_error *err);

/*
 * The matching form of S[0..N): NFC-normalized and case-folded with
 * utf8proc.  Returns a new NUL-terminated string (caller frees with free())
 * and sets *outlen, or NULL when S is not valid UTF-8 or memory runs out.
 * Used only for comparing; offsets always refer to the original text.
 */
char *xc_text_fold(const char *s, size_t n, size_t *outlen);

/* ---- Tokens and sentences ---------------------------------------------- */

typedef enum xc_tok_kind {
    XC_TOK_WORD = 0,  /* letters, with inner apostrophes, hyphens, periods
                         of abbreviations and initials ("U.S.", "J.D.",
                         "Mr.", "Nagorno-Karabakh", "Aliyev's") */
    XC_TOK_NUMBER,    /* digits with inner separators: 1,000  3.5  2022-2023 is
                         three tokens: 2022 - 2023 */
    XC_TOK_PUNCT,     /* . , ; : ! ? ( ) [ ] and other punctuation */
    XC_TOK_QUOTE,     /* a quotation mark: " ' “ ” ‘ ’ « » „ ‚ ‹ › */
    XC_TOK_DASH,      /* - – — ― used as a dash, not inside a word */
    XC_TOK_ELLIPSIS,  /* ... or … */
    XC_TOK_SYMBOL     /* anything else: % $ € & / # @ emoji ... */
} xc_tok_kind;

enum {
    XC_TF_PARA_START = 1,  /* first token of a paragraph */
    XC_TF_LINE_START = 2,  /* first token on its line */
    XC_TF_SENT_START = 4,  /* first token of a sentence */
    XC_TF_UPPER_INIT = 8,  /* begins with an upper-case letter */
    XC_TF_ABBREV = 16      /* a word ending in a period that is not a
                              sentence end (abbreviation or initial) */
};

typedef struct xc_token {
    uint32_t start, end; /* byte offsets into the text */
    uint8_t kind;        /* xc_tok_kind */
    uint8_t flags;       /* XC_TF_* */
} xc_token;

typedef struct xc_sentence {
    uint32_t start, end; /* byte offsets: first token's start, last token's end */
    uint32_t first;      /* index of the first token */
    uint32_t count;      /* number of tokens */
    uint32_t para;       /* paragraph number, from 0 */
} xc_sentence;

typedef struct xc_tokens {
    xc_token *tok;
    size_t ntok, captok;
    xc_sentence *sent;
    size_t nsent, capsent;
    size_t npara;
} xc_tokens;

/*
 * Cut TEXT[0..LEN) (valid UTF-8, LEN < 4 GiB) into tokens and sentences.
 * OUT must be zeroed or previously used (it is reset and its memory reused).
 * Paragraphs are separated by blank lines; a single line break also ends a
 * sentence unless the text is hard-wrapped (most lines of similar length
 * under 100 bytes).  Sentences end at . ! ? and … (with closing quotes or
 * brackets that follow), but not after abbreviations (Mr. Gen. Feb. U.S.),
 * initials (J. D.), or decimal points.  Fails only with XC_ERR_NOMEM or
 * XC_ERR_TOO_BIG.  Free with xc_tokens_free.
 */
xc_code xc_tokenize(const char *text, size_t len, xc_tokens *out);
void xc_tokens_free(xc_tokens *t);

#endif
