/* corpus.c — reading labeled training data: JSONL(.gz), fastText lines, label folders.
 *
 * Bad records are skipped and reported through the caller's callback with file and line;
 * only an unreadable input is an error. Texts are decoded with chude_decode (folders) or
 * taken as the UTF-8 that JSON holds. It must not print or normalise text. */
#include "chude/corpus.h"
#include "chude/decode.h"
#include "chude/jsonl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int64_t chude_corpus_label_intern(chude_corpus *c, const char *name)
{
    for (uint32_t i = 0; i < c->n_label_names; i++)
        if (strcmp(c->label_names[i], name) == 0) return i;
    if (c->n_label_names >= 65535) return -1;
    char **n = realloc(c->label_names, (c->n_label_names + 1) * sizeof *n);
    if (!n) return -1;
    c->label_names = n;
    if (!(n[c->n_label_names] = strdup(name))) return -1;
    return c->n_label_names++;
}

void chude_corpus_free(chude_corpus *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n_docs; i++) {
        free(c->docs[i].id);
        free(c->docs[i].text);
        free(c->docs[i].labels);
    }
    free(c->docs);
    for (uint32_t i = 0; i < c->n_label_names; i++) free(c->label_names[i]);
    free(c->label_names);
    free(c);
}

/* Appends a document taking ownership of id and text; label names are interned. */
static chude_status add_doc(chude_corpus *c, size_t *cap, char *id, char *text, size_t len,
                            char *const *labels, size_t nl)
{
    if (c->n_docs == *cap) {
        size_t nc = *cap ? *cap * 2 : 1024;
        chude_document *d = realloc(c->docs, nc * sizeof *d);
        if (!d) { free(id); free(text); return CHUDE_ERR_NOMEM; }
        c->docs = d;
        *cap = nc;
    }
    chude_document *d = &c->docs[c->n_docs];
    memset(d, 0, sizeof *d);
    d->id = id;
    d->text = text;
    d->text_len = len;
    d->labels = malloc((nl ? nl : 1) * sizeof *d->labels);
    if (!d->labels) { free(id); free(text); return CHUDE_ERR_NOMEM; }
    for (size_t i = 0; i < nl; i++) {
        int64_t k = chude_corpus_label_intern(c, labels[i]);
        if (k < 0) { free(id); free(text); free(d->labels); return CHUDE_ERR_NOMEM; }
        int dup = 0;
        for (uint32_t j = 0; j < d->n_labels; j++) if (d->labels[j] == (uint32_t)k) dup = 1;
        if (!dup) d->labels[d->n_labels++] = (uint32_t)k;
    }
    c->n_docs++;
    return CHUDE_OK;
}

static int warn(chude_corpus_warn_fn fn, void *ctx, chude_corpus *c, const char *file,
                size_t line, chude_status s, const char *msg)
{
    chude_diag d;
    chude_diag_clear(&d);
    d.file = file;
    d.line = line;
    chude_diag_set(&d, s, "%s", msg);
    c->skipped++;
    return fn ? fn(ctx, &d) : 0;
}

static chude_status read_lines(const char *path, int fasttext, size_t max_doc, chude_corpus_warn_fn wf,
                               void *ctx, chude_corpus *c, chude_diag *diag)
{
    chude_line_reader *r;
    chude_status s = chude_line_reader_open(path, max_doc, &r, diag);
    if (s) return s;
    size_t cap = 0;
    int saw_list = 0;
    for (;;) {
        const char *line;
        size_t len, lineno = 0;
        s = chude_line_reader_next(r, &line, &len, &lineno);
        if (s == CHUDE_ERR_LIMIT) {
            if (warn(wf, ctx, c, path, lineno, s, "line longer than the document size limit; skipped")) break;
            continue;
        }
        if (s) { chude_diag_set(diag, s, "read error (corrupt gzip stream?)"); if (diag) diag->line = lineno; break; }
        if (!line) break;
        if (len == 0) continue;
        if (fasttext) {
            if (!chude_utf8_valid(line, len)) {
                if (warn(wf, ctx, c, path, lineno, CHUDE_ERR_ENCODING, "line is not valid UTF-8; skipped")) break;
                continue;
            }
            char *labels[64];
            size_t nl = 0, pos = 0;
            while (pos < len && strncmp(line + pos, "__label__", 9) == 0) {
                size_t e = pos + 9;
                while (e < len && line[e] != ' ' && line[e] != '\t') e++;
                if (nl < 64 && e > pos + 9) {
                    labels[nl] = malloc(e - pos - 9 + 1);
                    if (!labels[nl]) { s = CHUDE_ERR_NOMEM; break; }
                    memcpy(labels[nl], line + pos + 9, e - pos - 9);
                    labels[nl][e - pos - 9] = 0;
                    nl++;
                }
                pos = e;
                while (pos < len && (line[pos] == ' ' || line[pos] == '\t')) pos++;
            }
            if (s) break;
            if (nl > 1) saw_list = 1;
            char id[32];
            snprintf(id, sizeof id, "line-%zu", lineno);
            char *idc = strdup(id), *text = malloc(len - pos + 1);
            if (!idc || !text) { free(idc); free(text); s = CHUDE_ERR_NOMEM; }
            else {
                memcpy(text, line + pos, len - pos);
                text[len - pos] = 0;
                s = add_doc(c, &cap, idc, text, len - pos, labels, nl);
            }
            for (size_t i = 0; i < nl; i++) free(labels[i]);
            if (s) break;
            continue;
        }
        chude_record rec;
        chude_diag d;
        chude_diag_clear(&d);
        s = chude_record_parse(line, len, 1, &rec, &d);
        if (s == CHUDE_ERR_NOMEM) break;
        if (s) {
            s = CHUDE_OK;
            if (warn(wf, ctx, c, path, lineno, CHUDE_ERR_JSON, d.message)) break;
            continue;
        }
        if (!rec.has_labels) {
            chude_record_clear(&rec);
            if (warn(wf, ctx, c, path, lineno, CHUDE_ERR_JSON, "no \"label\" or \"labels\" field; skipped")) break;
            continue;
        }
        if (rec.has_labels == 2) saw_list = 1;
        if (!*rec.id) {
            free(rec.id);
            char id[32];
            snprintf(id, sizeof id, "line-%zu", lineno);
            rec.id = strdup(id);
            if (!rec.id) { chude_record_clear(&rec); s = CHUDE_ERR_NOMEM; break; }
        }
        s = add_doc(c, &cap, rec.id, rec.text, rec.text_len, rec.labels, rec.n_labels);
        rec.id = NULL;
        rec.text = NULL;
        chude_record_clear(&rec);
        if (s) break;
    }
    chude_line_reader_close(r);
    if (saw_list) c->multilabel = 1;
    return s;
}

/* Reads a regular file. The file is opened without blocking and checked after opening, so
 * a FIFO or device swapped in after the walk looked at it cannot hang or feed the reader. */
static chude_status read_file_bytes(const char *path, size_t max, char **buf, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return CHUDE_ERR_IO;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { close(fd); return CHUDE_ERR_IO; }
    if ((size_t)st.st_size > max) { close(fd); return CHUDE_ERR_LIMIT; }
    char *b = malloc((size_t)st.st_size + 1);
    if (!b) { close(fd); return CHUDE_ERR_NOMEM; }
    size_t n = 0, want = (size_t)st.st_size;
    while (n < want) {
        ssize_t r = read(fd, b + n, want - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { close(fd); free(b); return CHUDE_ERR_IO; }
        if (r == 0) break;
        n += (size_t)r;
    }
    close(fd);
    *buf = b;
    *len = n;
    return CHUDE_OK;
}

/* What a directory entry is, for a "skipped" message; NULL for a regular file (or a
 * symbolic link to one), which is read. lst is the entry's lstat. */
static const char *not_a_file(const char *path, const struct stat *lst)
{
    struct stat st = *lst;
    if (S_ISLNK(lst->st_mode) && stat(path, &st) != 0)
        return errno == ELOOP ? "symbolic link loop; skipped" : "broken symbolic link; skipped";
    if (S_ISREG(st.st_mode)) return NULL;
    if (S_ISDIR(st.st_mode))
        return S_ISLNK(lst->st_mode) ? "symbolic link to a directory; not followed, skipped"
                                     : "a directory below a label directory; not read, skipped";
    if (S_ISFIFO(st.st_mode)) return "a FIFO, not a regular file; skipped";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "a device, not a regular file; skipped";
    if (S_ISSOCK(st.st_mode)) return "a socket, not a regular file; skipped";
    return "not a regular file; skipped";
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorted entry names of a directory (no dot files). */
static chude_status list_dir(const char *path, char ***names, size_t *n)
{
    DIR *d = opendir(path);
    if (!d) return CHUDE_ERR_IO;
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(*names, cap * sizeof *nn);
            if (!nn) { closedir(d); return CHUDE_ERR_NOMEM; }
            *names = nn;
        }
        if (!((*names)[(*n)++] = strdup(e->d_name))) { closedir(d); return CHUDE_ERR_NOMEM; }
    }
    closedir(d);
    if (*n) qsort(*names, *n, sizeof **names, cmp_str);
    return CHUDE_OK;
}

static chude_status read_dir(const char *root, size_t max_doc, chude_corpus_warn_fn wf, void *ctx,
                             chude_corpus *c, chude_diag *diag)
{
    char **labels;
    size_t nl;
    chude_status s = list_dir(root, &labels, &nl);
    if (s) return chude_diag_set(diag, s, "cannot list directory");
    /* Each directory is read once, whatever the symbolic links: the root and every label
     * directory read so far, by device and inode. */
    struct stat rst;
    if (stat(root, &rst) != 0) rst.st_dev = 0, rst.st_ino = 0;
    struct { dev_t dev; ino_t ino; } *seen = malloc((nl + 1) * sizeof *seen);
    if (!seen) s = CHUDE_ERR_NOMEM;
    else seen[0].dev = rst.st_dev, seen[0].ino = rst.st_ino;
    size_t nseen = 1;
    size_t cap = 0;
    for (size_t i = 0; i < nl && !s; i++) {
        size_t plen = strlen(root) + strlen(labels[i]) + 2;
        char *ldir = malloc(plen);
        if (!ldir) { s = CHUDE_ERR_NOMEM; break; }
        snprintf(ldir, plen, "%s/%s", root, labels[i]);
        struct stat st, lst;
        if (lstat(ldir, &lst) != 0 || stat(ldir, &st) != 0 || !S_ISDIR(st.st_mode)) { free(ldir); continue; }
        int again = 0;
        for (size_t j = 0; j < nseen; j++)
            if (seen[j].dev == st.st_dev && seen[j].ino == st.st_ino) again = 1;
        if (again) {
            int stop = warn(wf, ctx, c, ldir, 0, CHUDE_ERR_IO,
                            S_ISLNK(lst.st_mode) ? "symbolic link to a directory already read; skipped"
                                                 : "directory already read; skipped");
            free(ldir);
            if (stop) break;
            continue;
        }
        seen[nseen].dev = st.st_dev;
        seen[nseen].ino = st.st_ino;
        nseen++;
        char **files;
        size_t nf;
        if (list_dir(ldir, &files, &nf)) { free(ldir); continue; }
        for (size_t k = 0; k < nf && !s; k++) {
            size_t fl = strlen(ldir) + strlen(files[k]) + 2;
            char *fp = malloc(fl);
            if (!fp) { s = CHUDE_ERR_NOMEM; break; }
            snprintf(fp, fl, "%s/%s", ldir, files[k]);
            const char *what = lstat(fp, &lst) == 0 ? not_a_file(fp, &lst) : NULL;
            if (what) {
                int stop = warn(wf, ctx, c, fp, 0, CHUDE_ERR_IO, what);
                free(fp);
                if (stop) break;
                continue;
            }
            char *bytes = NULL, *text = NULL;
            size_t blen = 0, tlen = 0;
            chude_status r = read_file_bytes(fp, max_doc, &bytes, &blen);
            chude_diag d;
            chude_diag_clear(&d);
            if (!r) r = chude_decode(bytes, blen, &text, &tlen, NULL, &d);
            free(bytes);
            if (r == CHUDE_ERR_NOMEM) { s = r; free(fp); break; }
            if (r) {
                int stop = warn(wf, ctx, c, fp, 0, r, r == CHUDE_ERR_LIMIT ? "file larger than the document size limit; skipped"
                                : r == CHUDE_ERR_IO ? "cannot read; skipped" : "not text; skipped");
                free(fp);
                if (stop) break;
                continue;
            }
            size_t il = strlen(labels[i]) + strlen(files[k]) + 2;
            char *id = malloc(il);
            if (!id) { free(text); free(fp); s = CHUDE_ERR_NOMEM; break; }
            snprintf(id, il, "%s/%s", labels[i], files[k]);
            s = add_doc(c, &cap, id, text, tlen, &labels[i], 1);
            free(fp);
        }
        for (size_t k = 0; k < nf; k++) free(files[k]);
        free(files);
        free(ldir);
    }
    for (size_t i = 0; i < nl; i++) free(labels[i]);
    free(labels);
    free(seen);
    return s;
}

chude_status chude_corpus_read(const char *path, chude_corpus_format fmt, size_t max_doc_bytes,
                               chude_corpus_warn_fn wf, void *ctx, chude_corpus **out,
                               chude_diag *diag)
{
    if (!path || !out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    if (diag) diag->file = path;
    size_t max_doc = max_doc_bytes ? max_doc_bytes : (size_t)64 << 20;
    chude_corpus *c = calloc(1, sizeof *c);
    if (!c) return CHUDE_ERR_NOMEM;
    struct stat st;
    int is_dir = strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    if (strcmp(path, "-") != 0 && !is_dir && stat(path, &st) != 0) {
        chude_corpus_free(c);
        return chude_diag_set(diag, CHUDE_ERR_IO, "cannot open: %s", strerror(errno));
    }
    if (fmt == CHUDE_CORPUS_AUTO) {
        size_t n = strlen(path);
        if (is_dir) fmt = CHUDE_CORPUS_DIR;
        else if ((n > 4 && strcmp(path + n - 4, ".txt") == 0) || (n > 3 && strcmp(path + n - 3, ".ft") == 0))
            fmt = CHUDE_CORPUS_FASTTEXT;
        else fmt = CHUDE_CORPUS_JSONL;
    }
    chude_status s;
    if (fmt == CHUDE_CORPUS_DIR) s = read_dir(path, max_doc, wf, ctx, c, diag);
    else s = read_lines(path, fmt == CHUDE_CORPUS_FASTTEXT, max_doc, wf, ctx, c, diag);
    if (s) { chude_corpus_free(c); return s; }
    if (!c->n_docs) { chude_corpus_free(c); return chude_diag_set(diag, CHUDE_ERR_EMPTY, "no labeled documents"); }
    if (!c->multilabel)
        for (size_t i = 0; i < c->n_docs; i++)
            if (c->docs[i].n_labels != 1) { c->multilabel = 1; break; }
    *out = c;
    return CHUDE_OK;
}
