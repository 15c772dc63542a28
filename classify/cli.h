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
} classify_cli;

enum { CLI_OK = 0, CLI_EXIT_OK = -1, CLI_USAGE = 2 };

int classify_cli_parse(int argc, char **argv, classify_cli *cli);

#endif
