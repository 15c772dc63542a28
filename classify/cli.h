/* cli.h — chude-classify's command line: options, defaults and help text.
 *
 * Parses argv into a plain struct; prints only usage errors and --help/--version. */
#ifndef CHUDE_CLASSIFY_CLI_H
#define CHUDE_CLASSIFY_CLI_H

#include <stddef.h>

typedef enum { FMT_TEXT = 0, FMT_JSON, FMT_JSONL, FMT_TSV } out_format;

typedef struct {
    const char *model;
    int jsonl;
    out_format format;
    int format_given;
    int top_k;
    double threshold;        /* < 0: the model's */
    int all_scores;
    int explain;             /* 0 = off */
    const char *eval;
    int threads;
    size_t max_doc_bytes;
    int quiet;
    char **inputs;
    int n_inputs;
    /* batch labeling */
    const char *manifest;     /* write a manifest (JSONL) here instead of results on stdout */
    int resume;               /* skip inputs already in the manifest */
    const char *include[32];  /* globs a file must match (any) */
    int n_include;
    const char *exclude[32];  /* globs a file must not match */
    int n_exclude;
    const char *files_from;   /* list of input paths ("-" = stdin) */
    int null_sep;             /* --files-from list is NUL-separated */
    int sidecar;              /* write <file>.themes.json beside each input */
    const char *sort_into;    /* hard-link (or copy) inputs into DIR/<theme>/ */
    int progress;             /* -1 auto (stderr is a terminal), 0 off, 1 on */
} classify_cli;

enum { CLI_OK = 0, CLI_EXIT_OK = -1, CLI_USAGE = 2 };

int classify_cli_parse(int argc, char **argv, classify_cli *cli);

#endif
