/* output.h — formatting one classified item in chude-classify's output formats.
 *
 * Appends text to a growable buffer; never writes to a stream itself. */
#ifndef CHUDE_CLASSIFY_OUTPUT_H
#define CHUDE_CLASSIFY_OUTPUT_H

#include <stddef.h>
#include "chude/classify.h"
#include "cli.h"

typedef struct { char *p; size_t n, cap; int oom; } obuf;

void ob_printf(obuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ob_json_string(obuf *b, const char *s, size_t n);
void ob_free(obuf *b);

/* Appends the record of one classified item. id_json is the id as JSON text, name its
 * display form. explain may be NULL. */
void format_result(obuf *b, const classify_cli *cli, const chude_model *m, const char *id_json,
                   const char *name, const chude_label_score *pred, size_t npred,
                   const chude_label_score *all, chude_classifier *explainer);
/* Appends one manifest line: input key, id (JSONL inputs), size, sha256, labels or error,
 * model id. error NULL for a classified item. */
void format_manifest(obuf *b, const chude_model *m, const char *input, const char *id_json, size_t size,
                     const char *sha, const chude_label_score *pred, size_t npred, const char *error);
/* Appends an error record for an item that could not be classified. */
void format_error(obuf *b, const classify_cli *cli, const char *id_json, const char *name, const char *reason);

#endif
