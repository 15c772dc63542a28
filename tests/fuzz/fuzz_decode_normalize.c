/* fuzz_decode_normalize.c — any bytes through the decoder, then the normalizer in both tone
 * styles; nothing may crash, hang or read out of bounds, and output must be valid UTF-8.
 * The fast paths of the normalizer and tokenizer must agree with their ICU reference paths,
 * on the raw bytes and on the decoded and normalized text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "chude/decode.h"
#include "chude/normalize.h"
#include "chude/tokenize.h"
#include "normalize_ref.h"
#include "tokenize_ref.h"

static void same_tokens(const char *text, size_t len)
{
    chude_tokenizer *a, *b;
    if (chude_tokenizer_new(&a) != CHUDE_OK || chude_tokenizer_new(&b) != CHUDE_OK) abort();
    const chude_token *x, *y;
    size_t xn, yn;
    if (chude_tokenize(a, text, len, &x, &xn) != CHUDE_OK) abort();
    if (chude_tokenize_reference(b, text, len, &y, &yn) != CHUDE_OK) abort();
    if (xn != yn) abort();
    for (size_t i = 0; i < xn; i++)
        if (x[i].offset != y[i].offset || x[i].length != y[i].length || x[i].joins_previous != y[i].joins_previous)
            abort();
    chude_tokenizer_free(a);
    chude_tokenizer_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    if (chude_decode((const char *)data, size, &text, &len, NULL, NULL) != CHUDE_OK) return 0;
    if (!chude_utf8_valid(text, len)) abort();
    same_tokens((const char *)data, size);
    same_tokens(text, len);
    for (int style = 0; style < 2; style++) {
        chude_normalize_options o = chude_normalize_defaults();
        o.tone_style = style;
        o.placeholders = style;
        chude_normalizer *n;
        if (chude_normalizer_new(&o, &n) != CHUDE_OK) abort();
        const char *out;
        size_t olen;
        if (chude_normalize(n, text, len, &out, &olen) == CHUDE_OK && !chude_utf8_valid(out, olen)) abort();
        same_tokens(out, olen);
        chude_normalizer *r;
        if (chude_normalizer_new(&o, &r) != CHUDE_OK) abort();
        const char *rout;
        size_t rlen;
        if (chude_normalize_reference(r, text, len, &rout, &rlen) != CHUDE_OK) abort();
        if (rlen != olen || memcmp(rout, out, olen) != 0) abort();
        if (chude_normalize_reference(r, (const char *)data, size, &rout, &rlen) == CHUDE_OK
            && chude_normalize(n, (const char *)data, size, &out, &olen) == CHUDE_OK
            && (rlen != olen || memcmp(rout, out, olen) != 0))
            abort();
        chude_normalizer_free(r);
        chude_normalizer_free(n);
    }
    free(text);
    return 0;
}
