/* fuzz_model.c — the model loader on any bytes; a model that loads must also classify.
 * For half of the inputs the header's payload size and CRC-32 are made consistent first, so
 * the fuzzer also reaches the validation behind the checksum. */
#include <stdint.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>
#include "chude/classify.h"
#include "chude/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chude_model *m = NULL;
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    if (size >= 64 && (data[size - 1] & 1)) {
        uint64_t psize = size - 64;
        uint32_t crc = (uint32_t)crc32(0L, copy + 64, (uInt)psize);
        memcpy(copy + 16, &psize, 8);
        memcpy(copy + 24, &crc, 4);
    }
    chude_status st = chude_model_load_bytes(copy, size, &m, NULL);
    free(copy);
    if (st != CHUDE_OK) return 0;
    chude_classifier *c;
    if (chude_classifier_new(m, &c) == CHUDE_OK) {
        const chude_label_score *all, *pred;
        size_t n;
        const char *t = "cải cách thủ tục hành chính tại bộ phận một cửa";
        if (chude_classify(c, t, strlen(t), NULL, &all, &pred, &n) == CHUDE_OK && n) {
            const chude_contribution *e;
            size_t k;
            chude_classify_explain(c, pred[0].label, 5, &e, &k);
            for (size_t i = 0; i < k; i++) chude_model_ngram(m, e[i].feature, NULL);
        }
        chude_classifier_free(c);
    }
    chude_model_free(m);
    return 0;
}
