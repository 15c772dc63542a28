/* cli.h — chude-train's command line: options, defaults and help text.
 *
 * Parses argv into a plain struct; prints only usage errors and --help/--version. */
#ifndef CHUDE_TRAIN_CLI_H
#define CHUDE_TRAIN_CLI_H

#include <stddef.h>
#include "chude/corpus.h"
#include "chude/train.h"

typedef struct {
    const char *input;
    const char *output;
    chude_corpus_format format;
    double dev_split;        /* 0 = none */
    int cv;                  /* 0 = none */
    chude_train_options train;
    const char *meta;        /* extra JSON object text */
    const char *report;      /* write the evaluation report as JSON here */
    size_t max_doc_bytes;
    const char *weights[64];  /* "LABEL=W" strings from --weight */
    int n_weights;
    int quiet;
} train_cli;

enum { CLI_OK = 0, CLI_EXIT_OK = -1, CLI_USAGE = 2 };

/* Returns CLI_OK to go on, CLI_EXIT_OK after --help/--version, CLI_USAGE on a bad command line. */
int train_cli_parse(int argc, char **argv, train_cli *cli);

#endif
