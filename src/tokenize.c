/* tokenize.c — syllable tokens by ICU word-break iteration over UTF-8.
 *
 * A token is a word-break segment whose rule status says letter or number; everything
 * else (spaces, punctuation, symbols) is a gap, and a gap holding anything but spaces
 * breaks n-gram chains. It must not change the text or look at what tokens mean. */
#include "chude/tokenize.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct chude_tokenizer {
    UBreakIterator *bi;
    UText *ut;
    chude_token *tok;
    size_t cap;
};

chude_status chude_tokenizer_new(chude_tokenizer **out)
{
    if (!out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    chude_tokenizer *t = calloc(1, sizeof *t);
    if (!t) return CHUDE_ERR_NOMEM;
    UErrorCode e = U_ZERO_ERROR;
    t->bi = ubrk_open(UBRK_WORD, "vi", NULL, 0, &e);
    if (U_FAILURE(e)) { free(t); return CHUDE_ERR_ICU; }
    *out = t;
    return CHUDE_OK;
}

void chude_tokenizer_free(chude_tokenizer *t)
{
    if (!t) return;
    if (t->bi) ubrk_close(t->bi);
    if (t->ut) utext_close(t->ut);
    free(t->tok);
    free(t);
}

chude_status chude_tokenize(chude_tokenizer *t, const char *text, size_t len,
                            const chude_token **tokens, size_t *count)
{
    if (!t || !tokens || !count || (!text && len)) return CHUDE_ERR_ARGUMENT;
    *tokens = t->tok;
    *count = 0;
    if (len == 0) return CHUDE_OK;
    if (len > (size_t)INT32_MAX) return CHUDE_ERR_LIMIT;
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
        if (n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 256;
            chude_token *nt = realloc(t->tok, cap * sizeof *nt);
            if (!nt) return CHUDE_ERR_NOMEM;
            t->tok = nt;
            t->cap = cap;
        }
        size_t off = (size_t)start;
        int joins = have_prev;
        for (size_t k = prev_end; joins && k < off; k++)
            if (text[k] != ' ') joins = 0;
        t->tok[n].offset = off;
        t->tok[n].length = (size_t)(end - start);
        t->tok[n].joins_previous = joins;
        n++;
        prev_end = (size_t)end;
        have_prev = 1;
    }
    *tokens = t->tok;
    *count = n;
    return CHUDE_OK;
}
