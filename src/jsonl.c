/* jsonl.c — bounded line reading (plain, gzip, stdin) and JSONL record parsing.
 *
 * Lines are read with zlib's gzread, which passes uncompressed input through unchanged.
 * No line may make memory grow past max_line; records are checked field by field. It must
 * not print and must never return a line it did not fully read. */
#include "chude/jsonl.h"
#include "chude/decode.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

struct chude_line_reader {
    gzFile gz;
    size_t max_line;
    char *buf;            /* read buffer */
    size_t cap, start, end;
    int eof;
    char *line;           /* assembled line */
    size_t line_cap;
    size_t lineno;
};

chude_status chude_line_reader_open(const char *path, size_t max_line, chude_line_reader **out,
                                    chude_diag *diag)
{
    if (!path || !out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    if (diag) diag->file = path;
    chude_line_reader *r = calloc(1, sizeof *r);
    if (!r) return CHUDE_ERR_NOMEM;
    r->max_line = max_line ? max_line : (size_t)64 << 20;
    r->cap = 1 << 16;
    r->buf = malloc(r->cap);
    if (!r->buf) { free(r); return CHUDE_ERR_NOMEM; }
    int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY);
    if (fd < 0) {
        chude_status s = chude_diag_set(diag, CHUDE_ERR_IO, "cannot open: %s", strerror(errno));
        free(r->buf);
        free(r);
        return s;
    }
    r->gz = gzdopen(fd, "rb");
    if (!r->gz) { close(fd); free(r->buf); free(r); return CHUDE_ERR_NOMEM; }
    gzbuffer(r->gz, 1 << 17);
    *out = r;
    return CHUDE_OK;
}

void chude_line_reader_close(chude_line_reader *r)
{
    if (!r) return;
    if (r->gz) gzclose(r->gz);
    free(r->buf);
    free(r->line);
    free(r);
}

static chude_status fill(chude_line_reader *r)
{
    if (r->eof) return CHUDE_OK;
    int n = gzread(r->gz, r->buf, (unsigned)r->cap);
    if (n < 0) return CHUDE_ERR_IO;
    int err;
    gzerror(r->gz, &err);
    if (err != Z_OK) return CHUDE_ERR_IO;   /* includes a truncated gzip stream (Z_BUF_ERROR) */
    r->start = 0;
    r->end = (size_t)n;
    if (n == 0) r->eof = 1;
    return CHUDE_OK;
}

chude_status chude_line_reader_next(chude_line_reader *r, const char **line, size_t *len,
                                    size_t *lineno)
{
    if (!r || !line || !len) return CHUDE_ERR_ARGUMENT;
    *line = NULL;
    *len = 0;
    size_t n = 0;
    int too_long = 0, any = 0;
    for (;;) {
        if (r->start == r->end) {
            chude_status s = fill(r);
            if (s) return s;
            if (r->eof) break;
        }
        any = 1;
        char *p = r->buf + r->start;
        size_t avail = r->end - r->start;
        char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        if (!too_long) {
            if (n + take > r->max_line) too_long = 1;
            else {
                if (n + take + 1 > r->line_cap) {
                    size_t cap = (n + take + 1) * 2;
                    if (cap > r->max_line + 1) cap = r->max_line + 1;
                    char *b = realloc(r->line, cap);
                    if (!b) return CHUDE_ERR_NOMEM;
                    r->line = b;
                    r->line_cap = cap;
                }
                memcpy(r->line + n, p, take);
                n += take;
            }
        }
        r->start += take + (nl ? 1 : 0);
        if (nl) break;
    }
    if (!any) return CHUDE_OK;   /* end of input */
    r->lineno++;
    if (lineno) *lineno = r->lineno;
    if (too_long) return CHUDE_ERR_LIMIT;
    if (n && r->line[n - 1] == '\r') n--;
    if (!r->line) {
        r->line = malloc(1);
        if (!r->line) return CHUDE_ERR_NOMEM;
        r->line_cap = 1;
    }
    r->line[n] = 0;
    *line = r->line;
    *len = n;
    return CHUDE_OK;
}

void chude_record_clear(chude_record *rec)
{
    if (!rec) return;
    free(rec->id_json);
    free(rec->id);
    free(rec->text);
    for (size_t i = 0; i < rec->n_labels; i++) free(rec->labels[i]);
    free(rec->labels);
    memset(rec, 0, sizeof *rec);
}

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) { memcpy(d, s, n); d[n] = 0; }
    return d;
}

chude_status chude_record_parse(const char *line, size_t len, int need_text, chude_record *rec,
                                chude_diag *diag)
{
    if (!line || !rec) return CHUDE_ERR_ARGUMENT;
    memset(rec, 0, sizeof *rec);
    if (!chude_utf8_valid(line, len))
        return chude_diag_set(diag, CHUDE_ERR_JSON, "line is not valid UTF-8");
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    if (!root) {
        size_t off = end && end >= line ? (size_t)(end - line) : 0;
        const char *ep = cJSON_GetErrorPtr();
        if (ep && ep >= line && ep <= line + len) off = (size_t)(ep - line);
        if (diag) diag->offset = off;
        return chude_diag_set(diag, CHUDE_ERR_JSON, "invalid JSON near byte %zu", off + 1);
    }
    chude_status s = CHUDE_OK;
    if (!cJSON_IsObject(root)) { s = chude_diag_set(diag, CHUDE_ERR_JSON, "expected a JSON object"); goto out; }
    cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    cJSON *text = cJSON_GetObjectItemCaseSensitive(root, "text");
    cJSON *label = cJSON_GetObjectItemCaseSensitive(root, "label");
    cJSON *labels = cJSON_GetObjectItemCaseSensitive(root, "labels");
    if (id) {
        rec->id_json = cJSON_PrintUnformatted(id);
        rec->id = cJSON_IsString(id) ? strdup(id->valuestring) : strdup(rec->id_json ? rec->id_json : "");
    } else {
        rec->id_json = strdup("null");
        rec->id = strdup("");
    }
    if (!rec->id_json || !rec->id) { s = CHUDE_ERR_NOMEM; goto out; }
    if (text && cJSON_IsString(text)) {
        rec->text_len = strlen(text->valuestring);
        rec->text = dupn(text->valuestring, rec->text_len);
        if (!rec->text) { s = CHUDE_ERR_NOMEM; goto out; }
    } else if (need_text) {
        s = chude_diag_set(diag, CHUDE_ERR_JSON, text ? "\"text\" is not a string" : "no \"text\" field");
        goto out;
    }
    if (labels) {
        if (!cJSON_IsArray(labels)) { s = chude_diag_set(diag, CHUDE_ERR_JSON, "\"labels\" is not a list"); goto out; }
        int n = cJSON_GetArraySize(labels);
        rec->labels = calloc((size_t)n + 1, sizeof *rec->labels);
        if (!rec->labels) { s = CHUDE_ERR_NOMEM; goto out; }
        cJSON *it;
        cJSON_ArrayForEach(it, labels) {
            if (!cJSON_IsString(it) || !*it->valuestring) {
                s = chude_diag_set(diag, CHUDE_ERR_JSON, "\"labels\" must hold non-empty strings");
                goto out;
            }
            if (!(rec->labels[rec->n_labels++] = strdup(it->valuestring))) { s = CHUDE_ERR_NOMEM; goto out; }
        }
        rec->has_labels = 2;
    } else if (label) {
        if (!cJSON_IsString(label)) { s = chude_diag_set(diag, CHUDE_ERR_JSON, "\"label\" is not a string"); goto out; }
        rec->labels = calloc(1, sizeof *rec->labels);
        if (!rec->labels || !(rec->labels[0] = strdup(label->valuestring))) { s = CHUDE_ERR_NOMEM; goto out; }
        rec->n_labels = *label->valuestring ? 1 : 0;
        if (!rec->n_labels) { free(rec->labels[0]); rec->labels[0] = NULL; }
        rec->has_labels = 1;
    }
out:
    cJSON_Delete(root);
    if (s) chude_record_clear(rec);
    return s;
}
