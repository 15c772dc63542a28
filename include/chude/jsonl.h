/* jsonl.h — reading lines from plain or gzip files and JSONL records from them.
 *
 * The line reader accepts a path or "-" (standard input), plain or gzip-compressed
 * (detected by content), and bounds every line: a line longer than max_line is reported
 * with CHUDE_ERR_LIMIT and skipped, and the next call goes on with the following line.
 * Records are parsed with cJSON. The reader owns its buffers; no printing. */
#ifndef CHUDE_JSONL_H
#define CHUDE_JSONL_H

#include <stddef.h>
#include "chude/status.h"

typedef struct chude_line_reader chude_line_reader;

/* Opens path ("-" = stdin). max_line 0 means 64 MiB. *out owned by the caller. */
chude_status chude_line_reader_open(const char *path, size_t max_line, chude_line_reader **out,
                                    chude_diag *diag);
/* Next line without its "\n" (and "\r"). *line is owned by r, valid until the next call;
 * at end of input returns CHUDE_OK with *line = NULL. *lineno is 1-based. A too-long line
 * returns CHUDE_ERR_LIMIT with *lineno set (the line is consumed); CHUDE_ERR_IO on a read
 * error or a corrupt gzip stream. */
chude_status chude_line_reader_next(chude_line_reader *r, const char **line, size_t *len,
                                    size_t *lineno);
void chude_line_reader_close(chude_line_reader *r);   /* NULL is fine */

/* A parsed JSONL record. id_json is the "id" value as compact JSON text (a string keeps
 * its quotes; "null" when absent), id is the string form (for strings, the value; else
 * the JSON text). text is the "text" field. labels are from "label" (one) or "labels"
 * (a list); has_labels says which was present (0 none, 1 label, 2 labels). All owned by
 * the record; release with chude_record_clear. */
typedef struct {
    char *id_json;
    char *id;
    char *text;
    size_t text_len;
    char **labels;
    size_t n_labels;
    int has_labels;
} chude_record;

/* Parses one JSONL line. need_text: a missing or non-string "text" is an error.
 * Errors are CHUDE_ERR_JSON with diag->message saying what is wrong; rec is cleared. */
chude_status chude_record_parse(const char *line, size_t len, int need_text, chude_record *rec,
                                chude_diag *diag);
void chude_record_clear(chude_record *rec);

#endif
