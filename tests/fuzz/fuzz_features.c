/* fuzz_features.c — tokenizer and n-gram extractor on any (decoded) text, with 1..4-grams. */
#include <stdint.h>
#include <stdlib.h>
#include "chude/decode.h"
#include "chude/features.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    chude_feature_options f = chude_feature_defaults();
    f.ngram_max = 1 + data[0] % 4;
    char *text = NULL;
    size_t len = 0;
    if (chude_decode((const char *)data + 1, size - 1, &text, &len, NULL, NULL) != CHUDE_OK) return 0;
    chude_extractor *ex;
    if (chude_extractor_new(NULL, &f, 1, &ex) != CHUDE_OK) abort();
    const uint64_t *h;
    const uint32_t *c;
    size_t n;
    if (chude_extract_ngrams(ex, text, len, &h, &c, &n) == CHUDE_OK)
        for (size_t i = 0; i < n; i++) {
            if (i && h[i] <= h[i - 1]) abort();
            if (!chude_extractor_string(ex, h[i], NULL)) abort();
        }
    chude_extractor_free(ex);
    free(text);
    return 0;
}
