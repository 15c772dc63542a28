/* fuzz_fasttext.c — the training-corpus reader on fastText-format and JSONL bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "chude/corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    char path[] = "/tmp/chude-fuzz-ft-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) { close(fd); unlink(path); return 0; }
    close(fd);
    chude_corpus *c = NULL;
    chude_corpus_format fmt = data[0] & 1 ? CHUDE_CORPUS_FASTTEXT : CHUDE_CORPUS_JSONL;
    if (chude_corpus_read(path, fmt, 4096, NULL, NULL, &c, NULL) == CHUDE_OK) {
        for (size_t i = 0; i < c->n_docs; i++)
            for (uint32_t k = 0; k < c->docs[i].n_labels; k++)
                if (c->docs[i].labels[k] >= c->n_label_names) abort();
        chude_corpus_free(c);
    }
    unlink(path);
    return 0;
}
