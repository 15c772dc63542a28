/* cli.c — parsing chude-classify's options (getopt_long) and its --help text.
 *
 * Every option is listed in --help with its default; errors name the option. It loads no
 * model and reads no input. */
#define _DEFAULT_SOURCE
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fputs(
"Usage: chude-classify [options] [FILE|DIR|-]...\n"
"Tag Vietnamese texts with the labels of a chude model (default: the shipped theme model).\n"
"With no FILE, or when FILE is -, read standard input. Directories are read recursively;\n"
"symbolic links to directories inside them are not followed, and FIFOs, sockets and devices\n"
"found in them are skipped with a warning (a FIFO named on the command line is read).\n"
"Files may be UTF-8 (with or without BOM), UTF-16LE/BE or Windows-1258.\n"
"\n"
"  -m, --model FILE        model to use (default: $CHUDE_MODEL, else the installed\n"
"                          themes.chude, else models/themes.chude of the source tree)\n"
"      --jsonl             inputs are JSONL: one object per line with \"id\" and \"text\";\n"
"                          exactly one output line per input line, in input order\n"
"  -f, --format F          text (default), json, jsonl (default with --jsonl), tsv (in the\n"
"                          name/id field tab, newline, CR and \\ are written \\t \\n \\r \\\\)\n"
"  -k, --top K             at most K labels per text (single-label models: the K best;\n"
"                          default 1 for single-label, all above threshold for multi-label)\n"
"  -T, --threshold S       one score threshold in [0,1] for every label (default: the\n"
"                          model's per-label thresholds)\n"
"      --all-scores        also print every label's score\n"
"  -x, --explain N         for each predicted label, the N n-grams that raised its score most\n"
"      --eval FILE         evaluate on labeled JSONL[.gz] (\"label\" or \"labels\"): accuracy,\n"
"                          per-label precision/recall/F1, averages, confusion matrix\n"
"  -t, --threads N         worker threads (default: number of cores)\n"
"      --max-doc-bytes N   larger inputs are errors (default: 16 MiB; JSONL lines too)\n"
"  -q, --quiet             no warnings, progress or summary on stderr\n"
"\n"
"Batch labeling (archives):\n"
"      --manifest FILE     write one JSONL record per input to FILE (input, size, sha256,\n"
"                          labels with scores or an error, model id); each record is\n"
"                          appended whole and synced per chunk; nothing goes to stdout\n"
"      --resume            keep FILE's records (repairing a torn last line) and label only\n"
"                          the inputs not in it (inputs recorded with an error are not retried;\n"
"                          paths match whatever their spelling of ./ and //); FILE must be a\n"
"                          chude manifest, else nothing is changed and the exit status is 2\n"
"      --include GLOB      only files whose name (or path, if GLOB has a '/') matches\n"
"      --exclude GLOB      skip files that match (both repeatable)\n"
"      --files-from LIST   read input paths from LIST (one per line; - = stdin)\n"
"  -0, --null              paths in LIST are separated by NUL bytes\n"
"      --sidecar           also write <file>.themes.json beside each input file (needs\n"
"                          --manifest)\n"
"      --sort-into DIR     hard-link each input file into DIR/<theme>/ (DIR/_none/ when no\n"
"                          theme; copied when a link is impossible); originals are untouched\n"
"                          (needs --manifest). An input whose sidecar or link fails is an\n"
"                          error and gets no record, so --resume retries it\n"
"      --progress / --no-progress   progress on stderr (default: when it is a terminal)\n"
"  -h, --help              this text\n"
"      --version           version\n"
"\n"
"Scores are calibrated estimates in [0,1]. A multi-label model prints every label whose\n"
"score reaches its threshold, or says that none applies.\n"
"\n"
"Exit status: 0 every input classified; 1 some inputs failed (each is reported, the others\n"
"are classified); 2 usage error, model missing or unreadable, or output failed.\n", f);
}

static int parse_num(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi)) {
        fprintf(stderr, "chude-classify: %s: '%s' is not a number in [%g, %g]\n", opt, s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

/* A whole number in [lo, hi] (digits only): "-k 1.5" is an error, not 1. */
static int parse_int(const char *opt, const char *s, unsigned long long lo, unsigned long long hi,
                     unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = *s >= '0' && *s <= '9' ? strtoull(s, &end, 10) : 0;
    if (!(*s >= '0' && *s <= '9') || errno || *end || v < lo || v > hi) {
        fprintf(stderr, "chude-classify: %s: '%s' is not a whole number in [%llu, %llu]\n", opt, s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

int classify_cli_parse(int argc, char **argv, classify_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->threshold = -1;
    cli->max_doc_bytes = (size_t)16 << 20;
    long nproc = sysconf(_SC_NPROCESSORS_ONLN);
    cli->threads = nproc > 0 ? (int)(nproc > 64 ? 64 : nproc) : 1;
    enum { O_JSONL = 256, O_ALL, O_EVAL, O_MAXDOC, O_VERSION, O_MANIFEST, O_RESUME, O_INCLUDE, O_EXCLUDE,
           O_FILESFROM, O_SIDECAR, O_SORT, O_PROGRESS, O_NOPROGRESS };
    static const struct option longopts[] = {
        { "model", required_argument, 0, 'm' }, { "jsonl", no_argument, 0, O_JSONL },
        { "format", required_argument, 0, 'f' }, { "top", required_argument, 0, 'k' },
        { "threshold", required_argument, 0, 'T' }, { "all-scores", no_argument, 0, O_ALL },
        { "explain", required_argument, 0, 'x' }, { "eval", required_argument, 0, O_EVAL },
        { "threads", required_argument, 0, 't' }, { "max-doc-bytes", required_argument, 0, O_MAXDOC },
        { "quiet", no_argument, 0, 'q' }, { "help", no_argument, 0, 'h' },
        { "version", no_argument, 0, O_VERSION }, { "manifest", required_argument, 0, O_MANIFEST },
        { "resume", no_argument, 0, O_RESUME }, { "include", required_argument, 0, O_INCLUDE },
        { "exclude", required_argument, 0, O_EXCLUDE }, { "files-from", required_argument, 0, O_FILESFROM },
        { "null", no_argument, 0, '0' }, { "sidecar", no_argument, 0, O_SIDECAR },
        { "sort-into", required_argument, 0, O_SORT }, { "progress", no_argument, 0, O_PROGRESS },
        { "no-progress", no_argument, 0, O_NOPROGRESS }, { 0, 0, 0, 0 } };
    unsigned long long v = 0;
    int c;
    opterr = 0;
    optind = 0;   /* 0, not 1: glibc then also resets its position inside a clustered option */
    cli->progress = -1;
    while ((c = getopt_long(argc, argv, ":m:f:k:T:x:t:qh0", longopts, NULL)) != -1) {
        switch (c) {
        case O_MANIFEST: cli->manifest = optarg; break;
        case O_RESUME: cli->resume = 1; break;
        case O_INCLUDE:
        case O_EXCLUDE: {
            const char **globs = c == O_INCLUDE ? cli->include : cli->exclude;
            int *n = c == O_INCLUDE ? &cli->n_include : &cli->n_exclude;
            if (*n == 32) { fprintf(stderr, "chude-classify: at most 32 --include/--exclude globs each\n"); return CLI_USAGE; }
            globs[(*n)++] = optarg;
            break;
        }
        case O_FILESFROM: cli->files_from = optarg; break;
        case '0': cli->null_sep = 1; break;
        case O_SIDECAR: cli->sidecar = 1; break;
        case O_SORT: cli->sort_into = optarg; break;
        case O_PROGRESS: cli->progress = 1; break;
        case O_NOPROGRESS: cli->progress = 0; break;
        case 'm': cli->model = optarg; break;
        case O_JSONL: cli->jsonl = 1; break;
        case 'f':
            cli->format_given = 1;
            if (!strcmp(optarg, "text")) cli->format = FMT_TEXT;
            else if (!strcmp(optarg, "json")) cli->format = FMT_JSON;
            else if (!strcmp(optarg, "jsonl")) cli->format = FMT_JSONL;
            else if (!strcmp(optarg, "tsv")) cli->format = FMT_TSV;
            else { fprintf(stderr, "chude-classify: --format: unknown format '%s' (text, json, jsonl, tsv)\n", optarg); return CLI_USAGE; }
            break;
        case 'k': if (!parse_int("--top", optarg, 1, 65535, &v)) return CLI_USAGE; cli->top_k = (int)v; break;
        case 'T': if (!parse_num("--threshold", optarg, 0, 1, &cli->threshold)) return CLI_USAGE; break;
        case O_ALL: cli->all_scores = 1; break;
        case 'x': if (!parse_int("--explain", optarg, 1, 1000, &v)) return CLI_USAGE; cli->explain = (int)v; break;
        case O_EVAL: cli->eval = optarg; break;
        case 't': if (!parse_int("--threads", optarg, 1, 256, &v)) return CLI_USAGE; cli->threads = (int)v; break;
        case O_MAXDOC: if (!parse_int("--max-doc-bytes", optarg, 1, 4000000000ULL, &v)) return CLI_USAGE; cli->max_doc_bytes = (size_t)v; break;
        case 'q': cli->quiet = 1; break;
        case 'h': usage(stdout); return CLI_EXIT_OK;
        case O_VERSION: printf("chude-classify %s\n", CHUDE_VERSION); return CLI_EXIT_OK;
        case ':': fprintf(stderr, "chude-classify: option '%s' needs a value\n", argv[optind - 1]); return CLI_USAGE;
        default: fprintf(stderr, "chude-classify: unknown option '%s' (see --help)\n", argv[optind - 1]); return CLI_USAGE;
        }
    }
    if (cli->jsonl && !cli->format_given) cli->format = FMT_JSONL;
    cli->inputs = argv + optind;
    cli->n_inputs = argc - optind;
    if (cli->eval && cli->n_inputs) { fprintf(stderr, "chude-classify: --eval takes no other inputs\n"); return CLI_USAGE; }
    if (cli->resume && !cli->manifest) { fprintf(stderr, "chude-classify: --resume needs --manifest\n"); return CLI_USAGE; }
    if ((cli->sidecar || cli->sort_into) && cli->jsonl) {
        fprintf(stderr, "chude-classify: --sidecar and --sort-into work on files, not --jsonl\n");
        return CLI_USAGE;
    }
    if ((cli->sidecar || cli->sort_into) && !cli->manifest) {
        fprintf(stderr, "chude-classify: %s needs --manifest (sidecars and sorting are batch labeling)\n",
                cli->sidecar ? "--sidecar" : "--sort-into");
        return CLI_USAGE;
    }
    return CLI_OK;
}
