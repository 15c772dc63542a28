/* tokenize.c — syllable tokens by ICU word-break iteration over UTF-8.
 *
 * A token is a word-break segment whose rule status says letter or number; everything
 * else (spaces, punctuation, symbols) is a gap, and a gap holding anything but spaces
 * breaks n-gram chains. It must not change the text or look at what tokens mean.
 *
 * Fast path: for text whose characters all fall in the small set of util.h's fast tables
 * (ASCII, Vietnamese letters, common punctuation) the word-break rules of UAX #29 that can
 * apply there are evaluated directly, with each character's Word_Break class taken from ICU
 * when the tokenizer is created. Anything else (format or combining characters, other
 * scripts, pictographs, invalid UTF-8) goes through ICU's break iterator, and the tests
 * compare the two. */
#include "chude/tokenize.h"
#include "tokenize_ref.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

/* Word_Break classes the fast path handles; WB_NONE sends the text to ICU. */
enum { WB_NONE = 0, WB_LETTER, WB_DIGIT, WB_MIDLETTER, WB_MIDNUMLET, WB_MIDNUM, WB_ENL, WB_SPACE,
       WB_LF, WB_OTHER };

struct chude_tokenizer {
    UBreakIterator *bi;
    UText *ut;
    chude_token *tok;
    size_t cap;
    uint8_t wb[CHUDE_FAST_TABLE];   /* class per fast-table code point */
    uint8_t *cls;                   /* fast path: class per code point of the text */
    uint32_t *off;                  /* fast path: byte offset per code point (+1 at the end) */
    size_t ccap;
};

static uint8_t wb_class(UChar32 c)
{
    if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) return WB_NONE;
    if (c == '@') return WB_LETTER;   /* ICU's root rules count '@' as a letter (handles, e-mail) */
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return WB_LETTER;
    case U_WB_NUMERIC: return WB_DIGIT;
    /* ICU's root rules leave the colon out of MidLetter (UAX #29 tailoring) */
    case U_WB_MIDLETTER: return c == ':' ? WB_OTHER : WB_MIDLETTER;
    case U_WB_MIDNUMLET: case U_WB_SINGLE_QUOTE: return WB_MIDNUMLET;
    case U_WB_MIDNUM: return WB_MIDNUM;
    case U_WB_EXTENDNUMLET: return WB_ENL;
    case U_WB_WSEGSPACE: return WB_SPACE;
    case U_WB_LF: return WB_LF;
    case U_WB_OTHER: case U_WB_DOUBLE_QUOTE: return WB_OTHER;
    default: return WB_NONE;
    }
}

chude_status chude_tokenizer_new(chude_tokenizer **out)
{
    if (!out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    chude_tokenizer *t = calloc(1, sizeof *t);
    if (!t) return CHUDE_ERR_NOMEM;
    UErrorCode e = U_ZERO_ERROR;
    t->bi = ubrk_open(UBRK_WORD, "vi", NULL, 0, &e);
    if (U_FAILURE(e)) { free(t); return CHUDE_ERR_ICU; }
    for (size_t i = 0; i < CHUDE_FAST_TABLE; i++) t->wb[i] = wb_class((UChar32)chude_fast_char(i));
    *out = t;
    return CHUDE_OK;
}

void chude_tokenizer_free(chude_tokenizer *t)
{
    if (!t) return;
    if (t->bi) ubrk_close(t->bi);
    if (t->ut) utext_close(t->ut);
    free(t->tok);
    free(t->cls);
    free(t->off);
    free(t);
}

/* Appends the token text[start, end) to t->tok as token *n. */
static int add_token(chude_tokenizer *t, const char *text, size_t *n, size_t start, size_t end,
                     size_t *prev_end, int *have_prev)
{
    if (*n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        chude_token *nt = realloc(t->tok, cap * sizeof *nt);
        if (!nt) return 0;
        t->tok = nt;
        t->cap = cap;
    }
    int joins = *have_prev;
    for (size_t k = *prev_end; joins && k < start; k++)
        if (text[k] != ' ') joins = 0;
    t->tok[*n].offset = start;
    t->tok[*n].length = end - start;
    t->tok[*n].joins_previous = joins;
    (*n)++;
    *prev_end = end;
    *have_prev = 1;
    return 1;
}

static chude_status icu_tokenize(chude_tokenizer *t, const char *text, size_t len,
                                 const chude_token **tokens, size_t *count)
{
    UErrorCode e = U_ZERO_ERROR;
    t->ut = utext_openUTF8(t->ut, text, (int64_t)len, &e);
    if (U_FAILURE(e)) return CHUDE_ERR_ICU;
    ubrk_setUText(t->bi, t->ut, &e);
    if (U_FAILURE(e)) return CHUDE_ERR_ICU;
    size_t n = 0;
    int32_t start = ubrk_first(t->bi);
    size_t prev_end = 0;
    int have_prev = 0;
    for (int32_t end = ubrk_next(t->bi); end != UBRK_DONE; start = end, end = ubrk_next(t->bi)) {
        int32_t st = ubrk_getRuleStatus(t->bi);
        if (st < UBRK_WORD_NUMBER || st >= UBRK_WORD_IDEO_LIMIT) continue;
        if (!add_token(t, text, &n, (size_t)start, (size_t)end, &prev_end, &have_prev))
            return CHUDE_ERR_NOMEM;
    }
    *tokens = t->tok;
    *count = n;
    return CHUDE_OK;
}

static int is_mid_letter(uint8_t c) { return c == WB_MIDLETTER || c == WB_MIDNUMLET; }
static int is_mid_num(uint8_t c) { return c == WB_MIDNUM || c == WB_MIDNUMLET; }

/* No break between code points i-1 and i (0 < i < m)? The UAX #29 rules WB3a..WB13b for the
 * classes of the fast path. */
static int joined(const uint8_t *c, size_t m, size_t i)
{
    uint8_t a = c[i - 1], b = c[i];
    if (a == WB_LF || b == WB_LF) return 0;                                   /* WB3a, WB3b */
    if (a == WB_SPACE && b == WB_SPACE) return 1;                             /* WB3d */
    if ((a == WB_LETTER || a == WB_DIGIT) && (b == WB_LETTER || b == WB_DIGIT)) return 1; /* WB5, 8-10 */
    if (a == WB_LETTER && is_mid_letter(b) && i + 1 < m && c[i + 1] == WB_LETTER) return 1; /* WB6 */
    if (is_mid_letter(a) && b == WB_LETTER && i >= 2 && c[i - 2] == WB_LETTER) return 1;   /* WB7 */
    if (is_mid_num(a) && b == WB_DIGIT && i >= 2 && c[i - 2] == WB_DIGIT) return 1;         /* WB11 */
    if (a == WB_DIGIT && is_mid_num(b) && i + 1 < m && c[i + 1] == WB_DIGIT) return 1;      /* WB12 */
    if ((a == WB_LETTER || a == WB_DIGIT || a == WB_ENL) && b == WB_ENL) return 1;         /* WB13a */
    if (a == WB_ENL && (b == WB_LETTER || b == WB_DIGIT)) return 1;                          /* WB13b */
    return 0;
}

/* Returns 1 when done, 0 when the text needs ICU, -1 when out of memory. */
static int fast_tokenize(chude_tokenizer *t, const char *text, size_t len, size_t *count)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len + 1 > t->ccap) {
        size_t cap = len + len / 2 + 64;
        uint8_t *c = realloc(t->cls, cap);
        if (!c) return -1;
        t->cls = c;
        uint32_t *o = realloc(t->off, cap * sizeof *o);
        if (!o) return -1;
        t->off = o;
        t->ccap = cap;
    }
    size_t m = 0;
    for (size_t i = 0; i < len;) {
        t->off[m] = (uint32_t)i;
        uint32_t cp;
        size_t n = chude_utf8_decode(s + i, len - i, &cp);
        if (!n) return 0;   /* invalid UTF-8: ICU decides */
        i += n;
        size_t k = chude_fast_index(cp);
        if (k == SIZE_MAX || t->wb[k] == WB_NONE) return 0;
        t->cls[m++] = t->wb[k];
    }
    t->off[m] = (uint32_t)len;
    size_t n = 0, prev_end = 0;
    int have_prev = 0;
    for (size_t b = 0; b < m;) {
        size_t e = b + 1;
        while (e < m && joined(t->cls, m, e)) e++;
        int word = 0, enl = 0;
        for (size_t k = b; k < e; k++) {
            if (t->cls[k] == WB_LETTER || t->cls[k] == WB_DIGIT) word = 1;
            else if (t->cls[k] == WB_ENL) enl++;
        }
        if (!word && enl > 1) return 0;   /* a run of connectors only: leave its status to ICU */
        if (word && !add_token(t, text, &n, t->off[b], t->off[e], &prev_end, &have_prev)) return -1;
        b = e;
    }
    *count = n;
    return 1;
}

static chude_status tokenize_with(chude_tokenizer *t, const char *text, size_t len,
                                  const chude_token **tokens, size_t *count, int allow_fast)
{
    if (!t || !tokens || !count || (!text && len)) return CHUDE_ERR_ARGUMENT;
    *tokens = t->tok;
    *count = 0;
    if (len == 0) return CHUDE_OK;
    if (len > (size_t)INT32_MAX) return CHUDE_ERR_LIMIT;
    if (allow_fast) {
        int r = fast_tokenize(t, text, len, count);
        if (r < 0) return CHUDE_ERR_NOMEM;
        if (r > 0) { *tokens = t->tok; return CHUDE_OK; }
    }
    return icu_tokenize(t, text, len, tokens, count);
}

chude_status chude_tokenize(chude_tokenizer *t, const char *text, size_t len,
                            const chude_token **tokens, size_t *count)
{
    return tokenize_with(t, text, len, tokens, count, 1);
}

chude_status chude_tokenize_reference(chude_tokenizer *t, const char *text, size_t len,
                                      const chude_token **tokens, size_t *count)
{
    return tokenize_with(t, text, len, tokens, count, 0);
}
