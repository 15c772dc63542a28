/* corpus.h — labeled documents for training and evaluation.
 *
 * Reads JSONL or JSONL.gz with "id", "text" and either "label" (a string: single-label) or
 * "labels" (a list: multi-label), fastText-style lines ("__label__a __label__b text"), and
 * directory trees "<label>/<file>" in any encoding chude_decode() knows. The corpus is a
 * plain struct owned by the caller; chude_corpus_free() releases it. No printing. */
#ifndef CHUDE_CORPUS_H
#define CHUDE_CORPUS_H

#include <stddef.h>
#include <stdint.h>
#include "chude/status.h"

typedef struct {
    char *id;            /* owned, NUL-terminated */
    char *text;          /* owned UTF-8, NUL-terminated */
    size_t text_len;
    uint32_t *labels;    /* owned; indices into chude_corpus.label_names */
    uint32_t n_labels;
} chude_document;

typedef struct {
    chude_document *docs;
    size_t n_docs;
    char **label_names;  /* owned */
    uint32_t n_label_names;
    int multilabel;      /* nonzero when the input used "labels" lists or several __label__ */
    size_t skipped;      /* lines or files skipped (reported through the callback) */
} chude_corpus;

typedef enum { CHUDE_CORPUS_AUTO = 0, CHUDE_CORPUS_JSONL, CHUDE_CORPUS_FASTTEXT, CHUDE_CORPUS_DIR } chude_corpus_format;

/* Called for every record that is skipped (bad JSON, missing field, undecodable file, and in
 * a directory tree anything that is not a regular file: FIFOs, devices, sockets, symbolic
 * links to directories, a label directory already read under another name); diag names the
 * file, line (0 for a tree) and reason. Return nonzero to stop reading. */
typedef int (*chude_corpus_warn_fn)(void *ctx, const chude_diag *diag);

/* Reads path into a new corpus (*out owned by the caller). max_doc_bytes bounds one
 * document (0 = 64 MiB). An unreadable path is an error; bad records are skipped. */
chude_status chude_corpus_read(const char *path, chude_corpus_format fmt, size_t max_doc_bytes,
                               chude_corpus_warn_fn warn, void *ctx, chude_corpus **out,
                               chude_diag *diag);
void chude_corpus_free(chude_corpus *c);   /* NULL is fine */

/* Index of a label name, adding it when absent; -1 when memory runs out. */
int64_t chude_corpus_label_intern(chude_corpus *c, const char *name);

#endif
