/* main.c — chude-classify: load a model, classify files, stdin or JSONL, print results.
 *
 * Inputs are processed in chunks: read in order, classified by worker threads (one
 * classifier each), written in input order. A failed input becomes an error record and the
 * run goes on. This file does I/O and exit codes only; the library does the work. */
#define _DEFAULT_SOURCE
#include "cli.h"
#include "output.h"
#include "chude/classify.h"
#include "chude/corpus.h"
#include "chude/decode.h"
#include "chude/digest.h"
#include "chude/eval.h"
#include "chude/jsonl.h"
#include "chude/model.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <fnmatch.h>
#include <libgen.h>
#include <time.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { ITEM_PATH, ITEM_TEXT, ITEM_LINE, ITEM_ERROR } item_kind;

typedef struct {
    item_kind kind;
    char *name;       /* display name (path, "-", or line number) */
    char *data;       /* ITEM_TEXT / ITEM_LINE: bytes; ITEM_ERROR: reason */
    size_t len;
    size_t lineno;
    obuf out;
    char *warning;    /* message for stderr, or NULL */
    int failed;
    /* batch mode */
    char *key;        /* manifest "input": the path, or "file:line" for JSONL lines */
    int is_file;
    uint32_t labels[64];
    size_t nlabels;
} item;

typedef struct {
    const classify_cli *cli;
    const chude_model *model;
    chude_classifier **cls;
    item *items;
    size_t n;
    size_t next;
    pthread_mutex_t mu;
} work;

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d) { fputs("chude-classify: out of memory\n", stderr); exit(2); }
    return d;
}

static char *fmt_alloc(const char *fmt, const char *a, const char *b)
{
    size_t n = strlen(fmt) + strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (!s) { fputs("chude-classify: out of memory\n", stderr); exit(2); }
    snprintf(s, n, fmt, a, b);
    return s;
}

static void fail_item_sized(work *w, item *it, const char *id_json, const char *reason, size_t size, const char *sha)
{
    it->failed = 1;
    if (w->cli->manifest)
        format_manifest(&it->out, w->model, it->key, it->kind == ITEM_LINE ? id_json : NULL, size, sha, NULL, 0, reason);
    else
        format_error(&it->out, w->cli, id_json, it->name, reason);
    /* a JSONL line is named file:line, as parse errors are (it->name may be its id) */
    it->warning = fmt_alloc("%s: %s", it->kind == ITEM_LINE && it->key ? it->key : it->name, reason);
}

static void fail_item(work *w, item *it, const char *id_json, const char *reason)
{
    fail_item_sized(w, it, id_json, reason, 0, NULL);
}

static void classify_text(work *w, chude_classifier *c, item *it, const char *id_json, const char *text, size_t len,
                          size_t size, const char *sha)
{
    chude_predict_options po = chude_predict_defaults();
    po.top_k = w->cli->top_k;
    po.threshold = w->cli->threshold;
    const chude_label_score *all, *pred;
    size_t np;
    chude_status s = chude_classify(c, text, len, &po, &all, &pred, &np);
    if (s) { fail_item_sized(w, it, id_json, chude_strerror(s), size, sha); return; }
    if (w->cli->manifest) {
        format_manifest(&it->out, w->model, it->key, it->kind == ITEM_LINE ? id_json : NULL, size, sha, pred, np, NULL);
        for (size_t k = 0; k < np && k < 64; k++) it->labels[it->nlabels++] = pred[k].label;
    } else {
        format_result(&it->out, w->cli, w->model, id_json, it->name, pred, np, all, c);
    }
}

/* ---- JSONL ids, exactly as given ---------------------------------------------------------
 * cJSON keeps numbers as doubles, so an id like 20160622113730761 would come back as
 * 20160622113730760: a numeric id is copied from the line's own text instead. */

static const char *js_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/* p at '"': just past the closing quote, or NULL. *escaped is set when it holds a backslash. */
static const char *js_string(const char *p, const char *e, int *escaped)
{
    for (p++; p < e; p++) {
        if (*p == '\\') { *escaped = 1; p++; continue; }
        if (*p == '"') return p + 1;
    }
    return NULL;
}

static int js_digit(const char *p, const char *e) { return p < e && *p >= '0' && *p <= '9'; }

/* Length of the JSON number (strict grammar) at p; 0 if there is none. */
static size_t js_number(const char *p, const char *e)
{
    const char *q = p;
    if (q < e && *q == '-') q++;
    if (q < e && *q == '0') q++;
    else if (js_digit(q, e)) while (js_digit(q, e)) q++;
    else return 0;
    if (q < e && *q == '.') {
        if (!js_digit(++q, e)) return 0;
        while (js_digit(q, e)) q++;
    }
    if (q < e && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < e && (*q == '+' || *q == '-')) q++;
        if (!js_digit(q, e)) return 0;
        while (js_digit(q, e)) q++;
    }
    return (size_t)(q - p);
}

/* Skips one JSON value at p; NULL if it is malformed. */
static const char *js_value(const char *p, const char *e, int depth)
{
    int esc = 0;
    p = js_ws(p, e);
    if (p >= e || depth > 256) return NULL;
    if (*p == '"') return js_string(p, e, &esc);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = js_ws(p + 1, e);
        if (p < e && *p == close) return p + 1;
        for (;;) {
            if (close == '}') {
                if (p >= e || *p != '"' || !(p = js_string(p, e, &esc))) return NULL;
                p = js_ws(p, e);
                if (p >= e || *p != ':') return NULL;
                p++;
            }
            if (!(p = js_value(p, e, depth + 1))) return NULL;
            p = js_ws(p, e);
            if (p < e && *p == ',') { p = js_ws(p + 1, e); continue; }
            if (p < e && *p == close) return p + 1;
            return NULL;
        }
    }
    const char *q = p;   /* a number or a literal */
    while (q < e && *q != ',' && *q != '}' && *q != ']' && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n') q++;
    return q > p ? q : NULL;
}

/* The first top-level "id" member of a JSON object line, as written, when it is a number;
 * NULL when it is not, or when the line is too unusual to be sure (an escaped key). */
static char *raw_number_id(const char *line, size_t len)
{
    const char *p = js_ws(line, line + len), *e = line + len;
    if (p >= e || *p != '{') return NULL;
    p = js_ws(p + 1, e);
    while (p < e && *p == '"') {
        const char *k = p;
        int esc = 0;
        if (!(p = js_string(p, e, &esc)) || esc) return NULL;   /* "\u0069d" is "id" too: leave it to cJSON */
        int is_id = p - k == 4 && memcmp(k, "\"id\"", 4) == 0;
        p = js_ws(p, e);
        if (p >= e || *p != ':') return NULL;
        p = js_ws(p + 1, e);
        if (is_id) {
            size_t n = js_number(p, e);
            const char *after = js_ws(p + n, e);
            if (!n || after >= e || (*after != ',' && *after != '}')) return NULL;
            char *id = malloc(n + 1);
            if (!id) return NULL;
            memcpy(id, p, n);
            id[n] = 0;
            return id;
        }
        if (!(p = js_value(p, e, 0))) return NULL;
        p = js_ws(p, e);
        if (p >= e || *p != ',') return NULL;
        p = js_ws(p + 1, e);
    }
    return NULL;
}

/* The id of a line that is a JSON object but not a usable record (no "text", ...), as JSON
 * text; NULL when the line is not a JSON object or has no id. */
static char *id_of_rejected_line(const char *line, size_t len)
{
    if (!chude_utf8_valid(line, len)) return NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(line, len, NULL, 0);   /* as chude_record_parse does */
    char *id = NULL;
    cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, "id") : NULL;
    if (cJSON_IsNumber(v)) id = raw_number_id(line, len);
    if (v && !id) id = cJSON_PrintUnformatted(v);
    cJSON_Delete(o);
    return id;
}

/* Reads a whole file, bounded. Returns 0 and fills buf/len, or sets *why. */
static int read_file(const char *path, size_t max, char **buf, size_t *len, const char **why)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    if (fd < 0) { *why = strerror(errno); return -1; }
    size_t cap = 65536, n = 0;
    char *b = malloc(cap);
    if (!b) { if (fd) close(fd); *why = "out of memory"; return -1; }
    for (;;) {
        if (n == cap) {
            if (cap > max) break;           /* holds max + 1 bytes: too large */
            cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *nb = realloc(b, cap);
            if (!nb) { free(b); if (fd) close(fd); *why = "out of memory"; return -1; }
            b = nb;
        }
        ssize_t r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { *why = strerror(errno); free(b); if (fd) close(fd); return -1; }
        if (r == 0) break;
        n += (size_t)r;
        if (n > max) break;
    }
    if (fd) close(fd);
    if (n > max) { free(b); *why = "larger than --max-doc-bytes"; return -1; }
    *buf = b;
    *len = n;
    return 0;
}

static void process(work *w, chude_classifier *c, item *it)
{
    const classify_cli *cli = w->cli;
    obuf idj = { 0 };
    ob_json_string(&idj, it->name, strlen(it->name));
    const char *id_json = idj.p ? idj.p : "null";
    if (it->kind == ITEM_ERROR) {
        fail_item(w, it, cli->jsonl ? "null" : id_json, it->data);
    } else if (it->kind == ITEM_LINE) {
        chude_record rec;
        chude_diag d;
        chude_diag_clear(&d);
        chude_status s = chude_record_parse(it->data, it->len, 1, &rec, &d);
        if (s) {
            /* keep the id when the object parsed but is not a usable record (no text, ...) */
            char *id = s == CHUDE_ERR_JSON ? id_of_rejected_line(it->data, it->len) : NULL;
            fail_item(w, it, id ? id : "null", *d.message ? d.message : chude_strerror(s));
            free(id);
        } else {
            /* a numeric id exactly as written, not as a double */
            char *raw = *rec.id_json == '-' || (*rec.id_json >= '0' && *rec.id_json <= '9')
                            ? raw_number_id(it->data, it->len) : NULL;
            const char *rec_id_json = raw ? raw : rec.id_json;
            char *name = it->name;
            it->name = xstrdup(raw ? raw : rec.id);   /* text and TSV output name the record by its id */
            char sha[65] = "";
            if (cli->manifest) chude_sha256_of(rec.text, rec.text_len, sha);   /* only manifests record it */
            if (rec.text_len > cli->max_doc_bytes) fail_item_sized(w, it, rec_id_json, "text larger than --max-doc-bytes", rec.text_len, sha);
            else classify_text(w, c, it, rec_id_json, rec.text, rec.text_len, rec.text_len, sha);
            free(it->name);
            it->name = name;
            free(raw);
            chude_record_clear(&rec);
        }
    } else {
        char *bytes = NULL, *text = NULL;
        size_t blen = 0, tlen = 0;
        const char *why = NULL;
        if (it->kind == ITEM_TEXT) { bytes = it->data; blen = it->len; it->data = NULL; }
        else if (read_file(it->name, cli->max_doc_bytes, &bytes, &blen, &why)) {
            fail_item(w, it, id_json, why);
            ob_free(&idj);
            return;
        }
        chude_decode_info info;
        chude_diag d;
        chude_diag_clear(&d);
        char sha[65] = "";
        if (cli->manifest) chude_sha256_of(bytes, blen, sha);   /* only manifests record it */
        chude_status s = chude_decode(bytes, blen, &text, &tlen, &info, &d);
        free(bytes);
        if (s) fail_item_sized(w, it, id_json, *d.message ? d.message : chude_strerror(s), blen, sha);
        else {
            if (info.invalid_count && !cli->quiet) {
                char msg[160];
                snprintf(msg, sizeof msg, "%zu invalid byte sequence(s) replaced, first at byte %zu", info.invalid_count,
                         info.first_invalid_offset);
                it->warning = fmt_alloc("%s: %s", it->name, msg);
            }
            classify_text(w, c, it, id_json, text, tlen, blen, sha);
        }
        free(text);
    }
    ob_free(&idj);
}

typedef struct { work *w; int id; } warg;

static void *worker(void *arg)
{
    warg *a = arg;
    work *w = a->w;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        size_t i = w->next++;
        pthread_mutex_unlock(&w->mu);
        if (i >= w->n) break;
        process(w, w->cls[a->id], &w->items[i]);
    }
    return NULL;
}

static int out_failed;    /* stdout or the manifest could not be written: stop */
static int out_errno;     /* errno of the first failed stdout write (0: already reported) */
static size_t n_results;

/* ---- batch mode: manifest, sidecars, sorting, progress, summary ------------------------ */

typedef struct {
    int fd;                 /* manifest, O_APPEND */
    size_t done, total, bytes, errors, none;
    size_t *per_label;
    double t0, last;
    int show_progress;
} batch_state;

static batch_state batch;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t r = write(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Writes path atomically (temp file + fsync + rename). */
static int write_file_atomic(const char *path, const char *data, size_t n)
{
    char *tmp = fmt_alloc("%s%s", path, ".tmp-chude");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644), rc = -1;
    if (fd >= 0) {
        if (write_all(fd, data, n) == 0 && fsync(fd) == 0) rc = 0;
        if (close(fd) != 0) rc = -1;
        if (rc == 0 && rename(tmp, path) != 0) rc = -1;
        if (rc) { int e = errno; unlink(tmp); errno = e; }
    }
    free(tmp);
    return rc;
}

static int mkdirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') { *s = 0; mkdir(p, 0755); *s = '/'; }
    int rc = mkdir(p, 0755) == 0 || errno == EEXIST ? 0 : -1;
    free(p);
    return rc;
}

static int copy_file(const char *src, const char *dst)
{
    char *buf = NULL;
    size_t n = 0;
    const char *why;
    if (read_file(src, (size_t)1 << 40, &buf, &n, &why)) return -1;
    int rc = write_file_atomic(dst, buf, n);
    free(buf);
    return rc;
}

/* Hard-links (or copies) src into dir, under its base name or name~N; never overwrites. */
static int place_into(const char *src, const char *dir)
{
    if (mkdirs(dir)) return -1;
    char *tmp = xstrdup(src);
    const char *base = basename(tmp);
    struct stat ss, ds;
    if (stat(src, &ss) != 0) { free(tmp); return -1; }
    int rc = -1;
    for (int k = 1; k < 10000; k++) {
        char suffix[16] = "";
        if (k > 1) snprintf(suffix, sizeof suffix, "~%d", k);
        size_t len = strlen(dir) + strlen(base) + strlen(suffix) + 2;
        char *dst = malloc(len);
        if (!dst) break;
        snprintf(dst, len, "%s/%s%s", dir, base, suffix);
        if (lstat(dst, &ds) == 0) {
            int same = ds.st_ino == ss.st_ino && ds.st_dev == ss.st_dev;
            free(dst);
            if (same) { rc = 0; break; }   /* already placed (resumed run) */
            continue;
        }
        if (link(src, dst) == 0) rc = 0;
        else if (errno == EXDEV || errno == EPERM || errno == EMLINK) rc = copy_file(src, dst);
        free(dst);
        break;
    }
    free(tmp);
    return rc;
}

/* The first failed write, sync or close of the manifest stops the run. */
static void manifest_failed(const classify_cli *cli, const char *what, int err)
{
    if (out_failed) return;
    out_failed = 1;
    fprintf(stderr, "%schude-classify: %s: cannot %s the manifest: %s\n", batch.show_progress ? "\r\033[K" : "",
            cli->manifest, what, strerror(err));
}

/* Writes the sidecar and the --sort-into links of a labeled file. 0, or -1 after reporting
 * the failure on stderr. */
static int place_outputs(work *w, item *it)
{
    const classify_cli *cli = w->cli;
    int rc = 0;
    if (cli->sidecar) {
        char *side = fmt_alloc("%s%s", it->name, ".themes.json");
        if (write_file_atomic(side, it->out.p, it->out.n)) {
            fprintf(stderr, "%schude-classify: %s: cannot write sidecar: %s\n", batch.show_progress ? "\r\033[K" : "",
                    side, strerror(errno));
            rc = -1;
        }
        free(side);
    }
    if (cli->sort_into && rc == 0) {
        for (size_t k = 0; k <= it->nlabels; k++) {
            if (k == it->nlabels && it->nlabels) break;
            const char *label = it->nlabels ? chude_model_label(w->model, it->labels[k]) : "_none";
            char *dir = fmt_alloc("%s/%s", cli->sort_into, label);
            if (place_into(it->name, dir)) {
                fprintf(stderr, "%schude-classify: %s: cannot place into %s: %s\n", batch.show_progress ? "\r\033[K" : "",
                        it->name, dir, strerror(errno));
                rc = -1;
            }
            free(dir);
            if (rc) break;
        }
    }
    return rc;
}

static void batch_output(work *w, item *it)
{
    const classify_cli *cli = w->cli;
    if (out_failed) return;
    if (!it->failed && it->is_file && (cli->sidecar || cli->sort_into) && place_outputs(w, it)) {
        /* an error, and no record: the manifest does not say it is done, so --resume retries it */
        it->failed = 1;
        batch.done++;
        batch.errors++;
        return;
    }
    if (write_all(batch.fd, it->out.p, it->out.n)) { manifest_failed(cli, "write", errno ? errno : EIO); return; }
    batch.done++;
    if (it->failed) { batch.errors++; return; }
    if (!it->nlabels) batch.none++;
    for (size_t k = 0; k < it->nlabels; k++) batch.per_label[it->labels[k]]++;
}

static void batch_progress(int final)
{
    if (!batch.show_progress) return;
    double t = now_s();
    if (!final && t - batch.last < 0.25) return;
    batch.last = t;
    double el = t - batch.t0, rate = el > 0 ? (double)batch.done / el : 0;
    char eta[32] = "";
    if (batch.total && rate > 0 && batch.done <= batch.total)
        snprintf(eta, sizeof eta, ", ETA %.0fs", (double)(batch.total - batch.done) / rate);
    if (batch.total)
        fprintf(stderr, "\r\033[Kchude-classify: %zu/%zu items, %.0f docs/s, %.1f MB/s%s", batch.done, batch.total, rate,
                el > 0 ? (double)batch.bytes / 1e6 / el : 0.0, eta);
    else
        fprintf(stderr, "\r\033[Kchude-classify: %zu items, %.0f docs/s, %.1f MB/s", batch.done, rate,
                el > 0 ? (double)batch.bytes / 1e6 / el : 0.0);
    if (final) fputc('\n', stderr);
}

/* Classifies and writes a chunk of items in order; frees them. Returns failures. */
static void free_item(item *it)
{
    free(it->name);
    free(it->data);
    free(it->warning);
    free(it->key);
    ob_free(&it->out);
}

static size_t run_chunk(work *w, item *items, size_t n)
{
    w->items = items;
    w->n = n;
    w->next = 0;
    int nt = w->cli->threads;
    if ((size_t)nt > n) nt = (int)n;
    pthread_t th[256];
    warg args[256];
    int started = 0;
    for (int t = 1; t < nt; t++) {
        args[t].w = w;
        args[t].id = t;
        if (pthread_create(&th[t], NULL, worker, &args[t]) != 0) break;
        started = t;
    }
    args[0].w = w;
    args[0].id = 0;
    worker(&args[0]);
    for (int t = 1; t <= started; t++) pthread_join(th[t], NULL);
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) {
        item *it = &items[i];
        if (it->out.oom) { fputs("chude-classify: out of memory\n", stderr); exit(2); }
        if (w->cli->manifest) {
            if (out_failed) { free_item(it); continue; }
            batch.bytes += it->len;
            batch_output(w, it);
            if (it->warning && !w->cli->quiet) fprintf(stderr, "%schude-classify: %s\n", batch.show_progress ? "\r\033[K" : "", it->warning);
            failed += (size_t)it->failed;
            free_item(it);
            continue;
        }
        errno = 0;
        if (w->cli->format == FMT_JSON && it->out.n) {
            if (fputs(n_results ? ",\n  " : "\n  ", stdout) < 0 && !out_failed) { out_failed = 1; out_errno = errno ? errno : EIO; }
        }
        if (it->out.n && fwrite(it->out.p, 1, it->out.n, stdout) != it->out.n && !out_failed) {
            out_failed = 1;
            out_errno = errno ? errno : EIO;
        }
        n_results++;
        if (it->warning && !w->cli->quiet) fprintf(stderr, "chude-classify: %s\n", it->warning);
        failed += (size_t)it->failed;
        free_item(it);
    }
    if (w->cli->manifest && !out_failed) {
        /* a device or pipe cannot be synced (EINVAL): nothing is lost */
        if (fdatasync(batch.fd) != 0 && errno != EINVAL && errno != EROFS) manifest_failed(w->cli, "sync", errno);
        batch_progress(0);
    }
    return failed;
}

/* ---- input enumeration ---------------------------------------------------------------- */

typedef struct { char **v; size_t n, cap; } strvec;

static void sv_push(strvec *s, char *p)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        char **v = realloc(s->v, s->cap * sizeof *v);
        if (!v) { fputs("chude-classify: out of memory\n", stderr); exit(2); }
        s->v = v;
    }
    s->v[s->n++] = p;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static const classify_cli *g_cli;   /* for the glob filters while walking */

static int have_manifest_id;   /* the manifest's device and inode: it is never an input */
static dev_t manifest_dev;
static ino_t manifest_ino;

static void walk_note(const char *path, const char *what)
{
    if (!g_cli->quiet) fprintf(stderr, "chude-classify: %s: %s\n", path, what);
}

/* NULL when path is to be labeled, else why it is not. */
static const char *unwanted(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int ok = g_cli->n_include == 0;
    for (int i = 0; i < g_cli->n_include && !ok; i++)
        ok = fnmatch(g_cli->include[i], strchr(g_cli->include[i], '/') ? path : base, 0) == 0;
    if (!ok) return "skipped: matches no --include";
    for (int i = 0; i < g_cli->n_exclude; i++)
        if (fnmatch(g_cli->exclude[i], strchr(g_cli->exclude[i], '/') ? path : base, 0) == 0)
            return "skipped: matches --exclude";
    size_t n = strlen(path);   /* never label our own sidecars */
    if (n >= 12 && strcmp(path + n - 12, ".themes.json") == 0) return "skipped: a chude sidecar";
    return NULL;
}

typedef struct dir_id { dev_t dev; ino_t ino; const struct dir_id *up; } dir_id;

/* Adds path to out: a file, or a directory's files (recursively, in name order). A path the
 * user named (argument or --files-from line) is followed if it is a symbolic link and is read
 * whatever it is (a FIFO is read like `cat` reads it). Inside directories, symbolic links to
 * directories are not followed, a directory met again (a bind-mount loop) is not re-entered,
 * and FIFOs, sockets and devices are skipped with a warning. Returns the number of inputs
 * added; a named input that adds none is warned about. */
static size_t walk(const char *path, strvec *out, const dir_id *up, int named)
{
    struct stat st;
    int ok = (named ? stat(path, &st) : lstat(path, &st)) == 0;
    if (ok && S_ISLNK(st.st_mode)) {
        struct stat t;
        if (stat(path, &t) != 0) ok = 0;   /* dangling: an input that fails, with an error record */
        else if (S_ISDIR(t.st_mode)) { walk_note(path, "skipped: a symbolic link to a directory (not followed)"); return 0; }
        else st = t;
    }
    if (ok && S_ISDIR(st.st_mode)) {
        for (const dir_id *a = up; a; a = a->up)
            if (a->dev == st.st_dev && a->ino == st.st_ino) { walk_note(path, "skipped: a directory loop"); return 0; }
        DIR *d = opendir(path);
        if (!d) { sv_push(out, xstrdup(path)); return 1; }   /* an error record says why */
        dir_id me = { st.st_dev, st.st_ino, up };
        strvec names = { 0 };
        struct dirent *e;
        while ((e = readdir(d)))
            if (e->d_name[0] != '.') sv_push(&names, xstrdup(e->d_name));
        closedir(d);
        if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_str);
        size_t plen = strlen(path), added = 0;
        int has_slash = plen && path[plen - 1] == '/';   /* "dir/" + name, not "dir//name" */
        for (size_t i = 0; i < names.n; i++) {
            char *p = has_slash ? fmt_alloc("%s%s", path, names.v[i]) : fmt_alloc("%s/%s", path, names.v[i]);
            added += walk(p, out, &me, 0);
            free(p);
            free(names.v[i]);
        }
        free(names.v);
        if (named && !added)
            walk_note(path, g_cli->n_include || g_cli->n_exclude ? "no input files in this directory (after --include/--exclude)"
                                                                 : "no input files in this directory");
        return added;
    }
    if (ok && !named && !S_ISREG(st.st_mode)) {
        walk_note(path, S_ISFIFO(st.st_mode) ? "skipped: a FIFO, not a regular file"
                        : S_ISSOCK(st.st_mode) ? "skipped: a socket, not a regular file"
                                                : "skipped: a device, not a regular file");
        return 0;
    }
    if (ok && have_manifest_id && st.st_dev == manifest_dev && st.st_ino == manifest_ino) {
        if (named) walk_note(path, "skipped: it is the manifest");
        return 0;
    }
    const char *why = unwanted(path);
    if (why) {
        if (named) walk_note(path, why);
        return 0;
    }
    sv_push(out, xstrdup(path));
    return 1;
}

/* The manifest key of an input: its path without "." segments and doubled slashes, so that
 * "./arch//a.txt" and "arch/a.txt" are one input. ".." is kept (it may cross a symlink). */
static char *input_key(const char *path)
{
    size_t o = 0;
    char *d = malloc(strlen(path) + 2);
    if (!d) { fputs("chude-classify: out of memory\n", stderr); exit(2); }
    if (*path == '/') d[o++] = '/';
    for (const char *p = path; *p;) {
        while (*p == '/') p++;
        const char *q = p;
        while (*q && *q != '/') q++;
        size_t len = (size_t)(q - p);
        if (len && !(len == 1 && *p == '.')) {
            if (o && d[o - 1] != '/') d[o++] = '/';
            memcpy(d + o, p, len);
            o += len;
        }
        p = q;
    }
    if (!o) d[o++] = '.';
    d[o] = 0;
    return d;
}

/* A set of input keys (64-bit FNV-1a hashes; a collision would need ~2^32 inputs). */
typedef struct { uint64_t *v; size_t mask, n; } keyset;

static uint64_t key_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) { h ^= (unsigned char)*s; h *= 0x100000001b3ULL; }
    return h ? h : 1;
}

static void keyset_add(keyset *k, const char *path)
{
    if ((k->n + 1) * 2 > k->mask + 1 || !k->v) {
        size_t cap = k->v ? (k->mask + 1) * 2 : 1024;
        uint64_t *nv = calloc(cap, sizeof *nv);
        if (!nv) { fputs("chude-classify: out of memory\n", stderr); exit(2); }
        for (size_t i = 0; k->v && i <= k->mask; i++) {
            if (!k->v[i]) continue;
            size_t j = (size_t)(k->v[i] * 0x9E3779B97F4A7C15ULL >> 20) & (cap - 1);
            while (nv[j]) j = (j + 1) & (cap - 1);
            nv[j] = k->v[i];
        }
        free(k->v);
        k->v = nv;
        k->mask = cap - 1;
    }
    char *key = input_key(path);   /* however the path was spelled */
    uint64_t h = key_hash(key);
    free(key);
    size_t j = (size_t)(h * 0x9E3779B97F4A7C15ULL >> 20) & k->mask;
    while (k->v[j]) { if (k->v[j] == h) return; j = (j + 1) & k->mask; }
    k->v[j] = h;
    k->n++;
}

static int keyset_has(const keyset *k, const char *path)
{
    if (!k->v) return 0;
    char *key = input_key(path);
    uint64_t h = key_hash(key);
    free(key);
    size_t j = (size_t)(h * 0x9E3779B97F4A7C15ULL >> 20) & k->mask;
    while (k->v[j]) { if (k->v[j] == h) return 1; j = (j + 1) & k->mask; }
    return 0;
}

static void keyset_free(keyset *k) { free(k->v); memset(k, 0, sizeof *k); }

/* A chude manifest record starts so; a torn last line is a prefix of a record. */
static const char record_head[] = "{\"input\":";

/* Opens the manifest for appending. With --resume: checks that every complete line is a
 * chude manifest record, cuts a torn last line and loads the inputs already recorded;
 * without it, an existing non-empty manifest is an error. Nothing is changed in a file that
 * is not a chude manifest. */
static int manifest_open(const classify_cli *cli, const chude_model *m, keyset *done)
{
    struct stat st;
    int have = stat(cli->manifest, &st) == 0;
    if (have && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "chude-classify: %s: is a directory; --manifest needs a file\n", cli->manifest);
        return -1;
    }
    int exists = have && S_ISREG(st.st_mode) && st.st_size > 0;
    if (exists && !cli->resume) {
        fprintf(stderr, "chude-classify: %s: manifest exists; use --resume to continue it or remove it\n", cli->manifest);
        return -1;
    }
    int fd = open(cli->manifest, O_RDWR | O_CREAT | O_APPEND, 0644);
    if (fd < 0) { fprintf(stderr, "chude-classify: %s: %s\n", cli->manifest, strerror(errno)); return -1; }
    if (exists) {
        FILE *f = fopen(cli->manifest, "r");
        if (!f) { fprintf(stderr, "chude-classify: %s: %s\n", cli->manifest, strerror(errno)); close(fd); return -1; }
        char *line = NULL;
        size_t cap = 0, no = 0, bad = 0, other_model = 0;
        off_t cut = 0;
        ssize_t r;
        while ((r = getline(&line, &cap, f)) > 0) {
            no++;
            size_t n = (size_t)r, head = sizeof record_head - 1;
            if (line[n - 1] != '\n') {   /* torn last line: it must look like the start of a record */
                if (memcmp(line, record_head, n < head ? n : head) != 0) bad = no;
                break;
            }
            cJSON *o = cJSON_ParseWithLength(line, n - 1);
            cJSON *in = cJSON_GetObjectItemCaseSensitive(o, "input");
            cJSON *mid = cJSON_GetObjectItemCaseSensitive(o, "model");
            if (!cJSON_IsObject(o) || !cJSON_IsString(in) || !cJSON_IsString(mid)) {
                cJSON_Delete(o);
                bad = no;
                break;
            }
            keyset_add(done, in->valuestring);   /* error records count: one per input */
            if (strcmp(mid->valuestring, chude_model_id(m)) != 0) other_model++;
            cJSON_Delete(o);
            cut += (off_t)n;
        }
        int read_err = ferror(f) ? errno : 0;
        free(line);
        fclose(f);
        if (read_err) {
            fprintf(stderr, "chude-classify: %s: %s\n", cli->manifest, strerror(read_err));
            close(fd);
            return -1;
        }
        if (bad) {
            fprintf(stderr, "chude-classify: %s: not a chude manifest (line %zu)\n", cli->manifest, bad);
            close(fd);
            return -1;
        }
        if (cut < st.st_size) {
            if (ftruncate(fd, cut) != 0) { fprintf(stderr, "chude-classify: %s: cannot repair: %s\n", cli->manifest, strerror(errno)); close(fd); return -1; }
            if (!cli->quiet) fprintf(stderr, "chude-classify: %s: removed a torn last record (%lld bytes)\n", cli->manifest, (long long)(st.st_size - cut));
        }
        if (other_model && !cli->quiet)
            fprintf(stderr, "chude-classify: %s: warning: %zu records were made with another model\n", cli->manifest, other_model);
    }
    struct stat ms;
    if (fstat(fd, &ms) == 0) {
        have_manifest_id = 1;
        manifest_dev = ms.st_dev;
        manifest_ino = ms.st_ino;
    }
    batch.fd = fd;
    return 0;
}

/* Reads a list of paths (newline- or NUL-separated) into out, walking directories. */
static int read_list(const char *path, int nul, strvec *out)
{
    char *buf = NULL;
    size_t n = 0;
    const char *why;
    if (read_file(path, (size_t)1 << 32, &buf, &n, &why)) {
        fprintf(stderr, "chude-classify: %s: %s\n", path, why);
        return -1;
    }
    char sep = nul ? '\0' : '\n';
    size_t s = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && buf[i] != sep) continue;
        size_t e = i;
        if (!nul && e > s && buf[e - 1] == '\r') e--;
        if (e > s) {
            char *p = malloc(e - s + 1);
            if (!p) { free(buf); return -1; }
            memcpy(p, buf + s, e - s);
            p[e - s] = 0;
            walk(p, out, NULL, 1);
            free(p);
        }
        s = i + 1;
    }
    free(buf);
    return 0;
}

static chude_model *load_model(const classify_cli *cli)
{
    const char *path = cli->model;
    const char *env = getenv("CHUDE_MODEL");
    const char *candidates[] = { CHUDE_MODEL_DIR_INSTALLED "/themes.chude", CHUDE_MODEL_DIR_SOURCE "/themes.chude" };
    if (!path && env && *env) path = env;
    if (!path) {
        for (size_t i = 0; i < 2 && !path; i++)
            if (access(candidates[i], R_OK) == 0) path = candidates[i];
        if (!path) {
            fprintf(stderr, "chude-classify: no model: give --model FILE or set CHUDE_MODEL (looked for %s and %s)\n",
                    candidates[0], candidates[1]);
            return NULL;
        }
    }
    chude_model *m = NULL;
    chude_diag d;
    chude_diag_clear(&d);
    chude_status s = chude_model_load(path, &m, &d);
    if (s) {
        fprintf(stderr, "chude-classify: %s: %s%s%s\n", path, chude_strerror(s), *d.message ? ": " : "", d.message);
        return NULL;
    }
    return m;
}

static int warn_record(void *ctx, const chude_diag *d)
{
    const classify_cli *cli = ctx;
    if (!cli->quiet) fprintf(stderr, "chude-classify: %s:%zu: %s\n", d->file ? d->file : "-", d->line, d->message);
    return 0;
}

static int run_eval(const classify_cli *cli, const chude_model *m)
{
    chude_corpus *c = NULL;
    chude_diag d;
    chude_diag_clear(&d);
    chude_status s = chude_corpus_read(cli->eval, CHUDE_CORPUS_AUTO, cli->max_doc_bytes, warn_record, (void *)cli, &c, &d);
    if (s) {
        char line[32] = "";   /* ":N" only when there is a line */
        if (d.line) snprintf(line, sizeof line, ":%zu", d.line);
        fprintf(stderr, "chude-classify: %s%s: %s%s%s\n", d.file ? d.file : cli->eval, line, chude_strerror(s),
                *d.message ? ": " : "", d.message);
        return 2;
    }
    uint32_t L = chude_model_label_count(m);
    const char **names = malloc(L * sizeof *names);
    uint32_t *map = malloc((c->n_label_names + 1) * sizeof *map), *gold = malloc((c->n_label_names + 1) * sizeof *gold),
             *pl = malloc(L * sizeof *pl);
    chude_eval *ev = NULL;
    chude_classifier *cl = NULL;
    if (!names || !map || !gold || !pl) {
        fputs("chude-classify: out of memory\n", stderr);
        free(names); free(map); free(gold); free(pl);
        chude_corpus_free(c);
        return 2;
    }
    for (uint32_t l = 0; l < L; l++) names[l] = chude_model_label(m, l);
    size_t unknown = 0;
    for (uint32_t i = 0; i < c->n_label_names; i++) {
        int64_t k = chude_model_label_find(m, c->label_names[i]);
        map[i] = k < 0 ? L : (uint32_t)k;
        if (k < 0) unknown++;
    }
    if (unknown && !cli->quiet)
        fprintf(stderr, "chude-classify: %s: %zu label(s) not in the model count as misses\n", cli->eval, unknown);
    int rc = 0;
    if ((s = chude_eval_new(L, names, chude_model_multilabel(m), &ev)) || (s = chude_classifier_new(m, &cl))) rc = 2;
    chude_predict_options po = chude_predict_defaults();
    po.top_k = cli->top_k;
    po.threshold = cli->threshold;
    for (size_t i = 0; i < c->n_docs && !rc; i++) {
        const chude_document *doc = &c->docs[i];
        const chude_label_score *all, *pred;
        size_t np;
        if ((s = chude_classify(cl, doc->text, doc->text_len, &po, &all, &pred, &np))) { rc = 2; break; }
        for (size_t k = 0; k < np; k++) pl[k] = pred[k].label;
        for (uint32_t k = 0; k < doc->n_labels; k++) gold[k] = map[doc->labels[k]];
        chude_eval_add(ev, gold, doc->n_labels, pl, np);
    }
    if (!rc) {
        char *rep = NULL;
        if (chude_eval_format(ev, cli->format == FMT_JSON || cli->format == FMT_JSONL, &rep)) rc = 2;
        else if (fputs(rep, stdout) < 0) rc = 2;
        free(rep);
    } else {
        fprintf(stderr, "chude-classify: %s: %s\n", cli->eval, chude_strerror(s));
    }
    chude_classifier_free(cl);
    chude_eval_free(ev);
    free(names); free(map); free(gold); free(pl);
    chude_corpus_free(c);
    return rc;
}

int main(int argc, char **argv)
{
    signal(SIGXFSZ, SIG_IGN);   /* over a file-size limit, write() fails: report it */
    signal(SIGPIPE, SIG_IGN);   /* a closed pipe is a write error we report, not a silent death */
    classify_cli cli;
    int r = classify_cli_parse(argc, argv, &cli);
    if (r == CLI_EXIT_OK) return 0;
    if (r) return 2;
    chude_model *m = load_model(&cli);
    if (!m) return 2;
    if (cli.eval) {
        int rc = run_eval(&cli, m);
        chude_model_free(m);
        if (fflush(stdout) != 0 || ferror(stdout)) { fprintf(stderr, "chude-classify: cannot write output\n"); rc = 2; }
        return rc;
    }
    g_cli = &cli;
    /* everything below is released at "out", whatever the way there */
    int rc = 2, manifest_open_ok = 0;
    keyset done_keys = { 0 };
    work w;
    memset(&w, 0, sizeof w);
    w.cli = &cli;
    w.model = m;
    pthread_mutex_init(&w.mu, NULL);
    item *items = NULL;
    strvec files = { 0 };
    size_t next_file = 0;   /* files.v[next_file..] are not yet items */
    size_t failed = 0, n = 0;
    if (cli.manifest) {
        if (manifest_open(&cli, m, &done_keys)) goto out;
        manifest_open_ok = 1;
        batch.per_label = calloc(chude_model_label_count(m), sizeof *batch.per_label);
        if (!batch.per_label) { fputs("chude-classify: out of memory\n", stderr); goto out; }
        batch.t0 = now_s();
        batch.show_progress = cli.quiet ? 0 : cli.progress >= 0 ? cli.progress : isatty(2);
    }
    w.cls = calloc((size_t)cli.threads, sizeof *w.cls);
    if (!w.cls) { fputs("chude-classify: out of memory\n", stderr); goto out; }
    for (int t = 0; t < cli.threads; t++)
        if (chude_classifier_new(m, &w.cls[t])) { fputs("chude-classify: cannot create classifier\n", stderr); goto out; }
    const size_t chunk = cli.jsonl ? 1024 : 64;
    items = calloc(chunk, sizeof *items);
    if (!items) { fputs("chude-classify: out of memory\n", stderr); goto out; }
    char *stdin_only[] = { "-" };
    char **inputs = cli.n_inputs ? cli.inputs : stdin_only;
    int n_inputs = cli.n_inputs ? cli.n_inputs : 1;
    if (cli.files_from && !cli.n_inputs) n_inputs = 0;
    /* file mode: the whole list first (for progress totals and resume) */
    if (!cli.jsonl) {
        for (int a = 0; a < n_inputs; a++) {
            if (strcmp(inputs[a], "-") == 0) sv_push(&files, xstrdup("-"));
            else walk(inputs[a], &files, NULL, 1);
        }
        if (cli.files_from && read_list(cli.files_from, cli.null_sep, &files)) goto out;
    }
    if (cli.format == FMT_JSON && !cli.manifest) {
        obuf head = { 0 };
        const char *meta = chude_model_meta(m);
        ob_printf(&head, "{\"model\":{\"id\":\"%s\",\"multilabel\":%s,\"meta\":%s},\"results\":[", chude_model_id(m),
                  chude_model_multilabel(m) ? "true" : "false", meta);
        fputs(head.p ? head.p : "", stdout);
        ob_free(&head);
    }
    if (!cli.jsonl) {
        if (cli.manifest) {
            size_t k = 0;
            for (size_t i = 0; i < files.n; i++) {
                if (keyset_has(&done_keys, files.v[i])) free(files.v[i]);
                else files.v[k++] = files.v[i];
            }
            if (cli.resume && !cli.quiet)
                fprintf(stderr, "chude-classify: %s: %zu inputs already labeled, %zu to go\n", cli.manifest,
                        files.n - k, k);
            files.n = k;
        }
        batch.total = files.n;
        n_inputs = 0;   /* handled below from the list */
        while (next_file < files.n && !out_failed) {
            item *it = &items[n++];
            memset(it, 0, sizeof *it);
            it->kind = ITEM_PATH;
            it->name = files.v[next_file++];
            it->key = input_key(it->name);
            it->is_file = strcmp(it->name, "-") != 0;
            if (!it->is_file) {
                const char *why = NULL;
                it->kind = ITEM_TEXT;
                if (read_file("-", cli.max_doc_bytes, &it->data, &it->len, &why)) {
                    it->kind = ITEM_ERROR;
                    it->data = xstrdup(why);
                }
            } else {
                struct stat st;
                if (stat(it->name, &st) == 0) it->len = (size_t)st.st_size;
            }
            if (n == chunk) { failed += run_chunk(&w, items, n); n = 0; }
        }
    }
    for (int a = 0; a < n_inputs && !out_failed; a++) {
        if (cli.jsonl) {
            chude_line_reader *lr;
            chude_diag d;
            chude_diag_clear(&d);
            if (chude_line_reader_open(inputs[a], cli.max_doc_bytes + 4096, &lr, &d)) {
                fprintf(stderr, "chude-classify: %s: %s\n", inputs[a], d.message);
                failed++;
                continue;
            }
            char *file_key = input_key(inputs[a]);
            while (!out_failed) {
                const char *line;
                size_t len, lineno = 0;
                chude_status s = chude_line_reader_next(lr, &line, &len, &lineno);
                if (s == CHUDE_OK && !line) break;
                item *it = &items[n++];
                memset(it, 0, sizeof *it);
                char num[32];
                snprintf(num, sizeof num, "%zu", lineno);
                it->name = fmt_alloc("%s:%s", inputs[a], num);
                it->key = fmt_alloc("%s:%s", file_key, num);
                it->lineno = lineno;
                if (cli.manifest && keyset_has(&done_keys, it->key)) {
                    free(it->name); free(it->key);
                    n--;
                    continue;
                }
                if (s == CHUDE_ERR_LIMIT) { it->kind = ITEM_ERROR; it->data = xstrdup("line longer than --max-doc-bytes"); }
                else if (s) {
                    free(it->name);
                    it->name = xstrdup(inputs[a]);   /* no line: the stream itself failed */
                    it->kind = ITEM_ERROR;
                    it->data = xstrdup(s == CHUDE_ERR_IO ? "read error (corrupt gzip stream?)" : chude_strerror(s));
                    failed += run_chunk(&w, items, n);
                    n = 0;
                    break;
                } else {
                    it->kind = ITEM_LINE;
                    it->data = malloc(len + 1);
                    if (!it->data) { fputs("chude-classify: out of memory\n", stderr); exit(2); }
                    memcpy(it->data, line, len);
                    it->data[len] = 0;
                    it->len = len;
                }
                if (n == chunk) { failed += run_chunk(&w, items, n); n = 0; }
            }
            free(file_key);
            chude_line_reader_close(lr);
        }
    }
    if (n) failed += run_chunk(&w, items, n);   /* after a manifest write error it only frees them */
    n = 0;
    if (cli.format == FMT_JSON && !cli.manifest) fputs("\n]}\n", stdout);
    if (cli.manifest) {
        batch_progress(1);
        if (!cli.quiet) {
            fprintf(stderr, "chude-classify: %s: %zu items labeled in %.1fs: %zu with no label, %zu errors\n", cli.manifest,
                    batch.done, now_s() - batch.t0, batch.none, batch.errors);
            for (uint32_t l = 0; l < chude_model_label_count(m); l++)
                if (batch.per_label[l]) fprintf(stderr, "  %-28s %zu\n", chude_model_label(m, l), batch.per_label[l]);
        }
    }
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (!out_failed) out_errno = errno ? errno : EIO;
        out_failed = 1;
    }
    if (out_failed && out_errno) fprintf(stderr, "chude-classify: cannot write output: %s\n", strerror(out_errno));
    rc = out_failed ? 2 : failed ? 1 : 0;
out:
    if (manifest_open_ok && close(batch.fd) != 0 && rc != 2) {
        manifest_failed(&cli, "close", errno);
        rc = 2;
    }
    for (size_t k = next_file; k < files.n; k++) free(files.v[k]);
    free(files.v);
    free(batch.per_label);
    keyset_free(&done_keys);
    free(items);
    for (int t = 0; w.cls && t < cli.threads; t++) chude_classifier_free(w.cls[t]);
    free(w.cls);
    chude_model_free(m);
    pthread_mutex_destroy(&w.mu);
    return rc;
}
