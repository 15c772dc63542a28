/* fuzz_decode_normalize.c — any bytes through the decoder, then the normalizer in both tone
 * styles; nothing may crash, hang or read out of bounds, and output must be valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include "chude/decode.h"
#include "chude/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    if (chude_decode((const char *)data, size, &text, &len, NULL, NULL) != CHUDE_OK) return 0;
    if (!chude_utf8_valid(text, len)) abort();
    for (int style = 0; style < 2; style++) {
        chude_normalize_options o = chude_normalize_defaults();
        o.tone_style = style;
        o.placeholders = style;
        chude_normalizer *n;
        if (chude_normalizer_new(&o, &n) != CHUDE_OK) abort();
        const char *out;
        size_t olen;
        if (chude_normalize(n, text, len, &out, &olen) == CHUDE_OK && !chude_utf8_valid(out, olen)) abort();
        chude_normalizer_free(n);
    }
    free(text);
    return 0;
}
