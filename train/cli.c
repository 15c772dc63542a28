/* cli.c — parsing chude-train's options (getopt_long) and its --help text.
 *
 * Every option is listed in --help with its default; errors name the option. It does no
 * training and opens no file. */
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
"Usage: chude-train --input DATA [--output MODEL] [options]\n"
"Train a chude model (syllable n-grams + linear SVMs) from labeled texts.\n"
"\n"
"Input and output:\n"
"  -i, --input DATA          JSONL or JSONL.gz with \"id\", \"text\" and \"label\" (one label:\n"
"                            single-label model) or \"labels\" (a list: multi-label model);\n"
"                            fastText lines (\"__label__x text\", *.txt); or a directory\n"
"                            tree <label>/<file> (any encoding chude reads)\n"
"      --format F            auto|jsonl|fasttext|dir (default: auto, by path)\n"
"  -o, --output MODEL        model file to write (atomically); omit to only evaluate\n"
"      --meta JSON           a JSON object stored in the model (e.g. '{\"name\":\"themes\"}')\n"
"      --max-doc-bytes N     skip documents larger than N bytes (default: 64 MiB)\n"
"\n"
"Evaluation (printed to stdout):\n"
"      --dev-split F         hold out fraction F of the documents (by hash of id), train on\n"
"                            the rest and report on them; the written model is that one\n"
"      --cv K                K-fold cross-validation report (then train on all for --output)\n"
"      --report FILE         also write the evaluation report as JSON to FILE (atomically;\n"
"                            needs --dev-split or --cv)\n"
"\n"
"Model settings (stored in the model):\n"
"      --engine E            dcd (default; dual coordinate descent for the L2-loss SVM,\n"
"                            liblinear's -s 1 method; 'liblinear' is accepted for it) or\n"
"                            libsvm (C-SVC; slow beyond ~10k documents)\n"
"      --kernel K            linear (default) or rbf (needs --engine libsvm; the model keeps\n"
"                            its support vectors and classifies more slowly)\n"
"      --gamma G             RBF kernel gamma (default: 1)\n"
"  -c, --cost C              SVM cost C (default: 1)\n"
"      --balanced            weight each label's positives by negatives/positives\n"
"                            (between 1 and 10: a label is never weighted down)\n"
"      --weight LABEL=W      multiply the cost of LABEL's positives by W (repeatable)\n"
"      --ngrams N            longest syllable n-gram, 1..4 (default: 2)\n"
"      --min-df N            keep n-grams seen in at least N documents (default: 2)\n"
"      --max-df F            and in at most fraction F of them (default: 1.0)\n"
"      --max-features N      keep only the N most frequent n-grams (default: 0 = all)\n"
"      --no-sublinear        raw term frequency instead of 1 + ln(tf)\n"
"      --title-weight W      also give the first line's n-grams (the title) a feature block of\n"
"                            their own, weighted W against the text (default: 0.3; 0 = off)\n"
"      --lead N              that block holds the first N syllables of the text (title and\n"
"                            lead paragraph) instead of the first line (default: 0 = title)\n"
"      --tone STYLE          first (\"hòa\", default) or second (\"hoà\") tone placement\n"
"      --keep-boilerplate    do not drop web boilerplate lines\n"
"      --no-placeholders     keep numbers, dates, URLs and e-mails as they are\n"
"      --calibration-folds K folds for score calibration and thresholds (default: 3; 0 = none)\n"
"\n"
"Running:\n"
"  -t, --threads N           worker threads (default: number of cores)\n"
"      --seed N              fold and split seed (default: 1)\n"
"  -q, --quiet               no progress on stderr\n"
"  -h, --help                this text\n"
"      --version             version\n"
"\n"
"Exit status: 0 success; 1 training or I/O failed; 2 usage error or unreadable input.\n", f);
}

static int parse_num(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi)) {
        fprintf(stderr, "chude-train: %s: '%s' is not a number in [%g, %g]\n", opt, s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

/* A whole number in [lo, hi] (lo >= 0): "2.5" is refused, not truncated. */
static int parse_int(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi) || (double)(unsigned long long)v != v) {
        fprintf(stderr, "chude-train: %s: '%s' is not a whole number in [%.0f, %.0f]\n", opt, s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

int train_cli_parse(int argc, char **argv, train_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->train = chude_train_defaults();
    long nproc = sysconf(_SC_NPROCESSORS_ONLN);
    cli->train.threads = nproc > 0 ? (int)(nproc > 64 ? 64 : nproc) : 1;
    enum { O_FORMAT = 256, O_DEV, O_CV, O_REPORT, O_ENGINE, O_BAL, O_NGRAMS, O_MINDF, O_MAXDF,
           O_MAXF, O_NOSUB, O_TONE, O_KEEPBP, O_NOPH, O_CALIB, O_SEED, O_META, O_MAXDOC, O_VERSION, O_KERNEL, O_GAMMA, O_WEIGHT, O_TITLE, O_LEAD };
    static const struct option longopts[] = {
        { "input", required_argument, 0, 'i' }, { "output", required_argument, 0, 'o' },
        { "format", required_argument, 0, O_FORMAT }, { "dev-split", required_argument, 0, O_DEV },
        { "cv", required_argument, 0, O_CV }, { "report", required_argument, 0, O_REPORT },
        { "engine", required_argument, 0, O_ENGINE }, { "cost", required_argument, 0, 'c' },
        { "balanced", no_argument, 0, O_BAL }, { "ngrams", required_argument, 0, O_NGRAMS },
        { "min-df", required_argument, 0, O_MINDF }, { "max-df", required_argument, 0, O_MAXDF },
        { "max-features", required_argument, 0, O_MAXF }, { "no-sublinear", no_argument, 0, O_NOSUB },
        { "title-weight", required_argument, 0, O_TITLE },
        { "lead", required_argument, 0, O_LEAD },
        { "tone", required_argument, 0, O_TONE }, { "keep-boilerplate", no_argument, 0, O_KEEPBP },
        { "no-placeholders", no_argument, 0, O_NOPH }, { "calibration-folds", required_argument, 0, O_CALIB },
        { "threads", required_argument, 0, 't' }, { "seed", required_argument, 0, O_SEED },
        { "meta", required_argument, 0, O_META }, { "max-doc-bytes", required_argument, 0, O_MAXDOC },
        { "quiet", no_argument, 0, 'q' }, { "help", no_argument, 0, 'h' },
        { "version", no_argument, 0, O_VERSION }, { "kernel", required_argument, 0, O_KERNEL },
        { "gamma", required_argument, 0, O_GAMMA }, { "weight", required_argument, 0, O_WEIGHT }, { 0, 0, 0, 0 } };
    double v = 0;
    int c;
    opterr = 0;
    optind = 0;   /* 0, not 1: glibc then also resets its position inside a clustered option */
    while ((c = getopt_long(argc, argv, ":i:o:c:t:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': cli->input = optarg; break;
        case 'o': cli->output = optarg; break;
        case O_FORMAT:
            if (!strcmp(optarg, "auto")) cli->format = CHUDE_CORPUS_AUTO;
            else if (!strcmp(optarg, "jsonl")) cli->format = CHUDE_CORPUS_JSONL;
            else if (!strcmp(optarg, "fasttext")) cli->format = CHUDE_CORPUS_FASTTEXT;
            else if (!strcmp(optarg, "dir")) cli->format = CHUDE_CORPUS_DIR;
            else { fprintf(stderr, "chude-train: --format: unknown format '%s' (auto, jsonl, fasttext, dir)\n", optarg); return CLI_USAGE; }
            break;
        case O_DEV: if (!parse_num("--dev-split", optarg, 0.001, 0.9, &cli->dev_split)) return CLI_USAGE; break;
        case O_CV: if (!parse_int("--cv", optarg, 2, 20, &v)) return CLI_USAGE; cli->cv = (int)v; break;
        case O_REPORT: cli->report = optarg; break;
        case O_ENGINE:
            if (!strcmp(optarg, "dcd") || !strcmp(optarg, "liblinear")) cli->train.engine = CHUDE_ENGINE_DCD;
            else if (!strcmp(optarg, "libsvm")) cli->train.engine = CHUDE_ENGINE_LIBSVM;
            else { fprintf(stderr, "chude-train: --engine: unknown engine '%s' (dcd, libsvm)\n", optarg); return CLI_USAGE; }
            break;
        case O_WEIGHT: {
            const char *eq = strrchr(optarg, '=');
            if (!eq || eq == optarg || !parse_num("--weight", eq + 1, 1e-3, 1e3, &v)) {
                if (!eq || eq == optarg) fprintf(stderr, "chude-train: --weight: expected LABEL=W, not '%s'\n", optarg);
                return CLI_USAGE;
            }
            if (cli->n_weights == 64) { fprintf(stderr, "chude-train: --weight: at most 64\n"); return CLI_USAGE; }
            cli->weights[cli->n_weights++] = optarg;
            break;
        }
        case O_KERNEL:
            if (!strcmp(optarg, "linear")) cli->train.kernel = CHUDE_KERNEL_LINEAR;
            else if (!strcmp(optarg, "rbf")) cli->train.kernel = CHUDE_KERNEL_RBF;
            else { fprintf(stderr, "chude-train: --kernel: unknown kernel '%s' (linear, rbf)\n", optarg); return CLI_USAGE; }
            break;
        case O_GAMMA: if (!parse_num("--gamma", optarg, 1e-6, 1e5, &cli->train.gamma)) return CLI_USAGE; break;
        case 'c': if (!parse_num("--cost", optarg, 1e-6, 1e5, &cli->train.C)) return CLI_USAGE; break;
        case O_BAL: cli->train.balanced = 1; break;
        case O_NGRAMS: if (!parse_int("--ngrams", optarg, 1, 4, &v)) return CLI_USAGE; cli->train.features.ngram_max = (int)v; break;
        case O_MINDF: if (!parse_int("--min-df", optarg, 1, 1e9, &v)) return CLI_USAGE; cli->train.features.min_df = (uint32_t)v; break;
        case O_MAXDF: if (!parse_num("--max-df", optarg, 1e-6, 1, &cli->train.features.max_df)) return CLI_USAGE; break;
        case O_MAXF: if (!parse_int("--max-features", optarg, 0, 1e9, &v)) return CLI_USAGE; cli->train.features.max_features = (uint32_t)v; break;
        case O_NOSUB: cli->train.features.sublinear_tf = 0; break;
        case O_TITLE: if (!parse_num("--title-weight", optarg, 0, 10, &cli->train.features.title_weight)) return CLI_USAGE; break;
        case O_LEAD: if (!parse_int("--lead", optarg, 0, 100000, &v)) return CLI_USAGE; cli->train.features.lead_tokens = (uint32_t)v; break;
        case O_TONE:
            if (!strcmp(optarg, "first")) cli->train.normalize.tone_style = CHUDE_TONE_FIRST;
            else if (!strcmp(optarg, "second")) cli->train.normalize.tone_style = CHUDE_TONE_SECOND;
            else { fprintf(stderr, "chude-train: --tone: '%s' is not first or second\n", optarg); return CLI_USAGE; }
            break;
        case O_KEEPBP: cli->train.normalize.strip_boilerplate = 0; break;
        case O_NOPH: cli->train.normalize.placeholders = 0; break;
        case O_CALIB:
            if (!parse_int("--calibration-folds", optarg, 0, 20, &v)) return CLI_USAGE;
            if (v == 1) { fprintf(stderr, "chude-train: --calibration-folds: use 0 or 2..20\n"); return CLI_USAGE; }
            cli->train.calibration_folds = (int)v;
            break;
        case 't': if (!parse_int("--threads", optarg, 1, 256, &v)) return CLI_USAGE; cli->train.threads = (int)v; break;
        case O_SEED: if (!parse_int("--seed", optarg, 0, 4294967295.0, &v)) return CLI_USAGE; cli->train.seed = (uint64_t)v; break;
        case O_META: cli->meta = optarg; break;
        case O_MAXDOC: if (!parse_int("--max-doc-bytes", optarg, 1, 4e9, &v)) return CLI_USAGE; cli->max_doc_bytes = (size_t)v; break;
        case 'q': cli->quiet = 1; break;
        case 'h': usage(stdout); return CLI_EXIT_OK;
        case O_VERSION: printf("chude-train %s (model format %u)\n", CHUDE_VERSION, CHUDE_MODEL_FORMAT_VERSION); return CLI_EXIT_OK;
        case ':': fprintf(stderr, "chude-train: option '%s' needs a value\n", argv[optind - 1]); return CLI_USAGE;
        default: fprintf(stderr, "chude-train: unknown option '%s' (see --help)\n", argv[optind - 1]); return CLI_USAGE;
        }
    }
    if (optind < argc) { fprintf(stderr, "chude-train: unexpected argument '%s' (see --help)\n", argv[optind]); return CLI_USAGE; }
    if (!cli->input) { fprintf(stderr, "chude-train: --input is required (see --help)\n"); return CLI_USAGE; }
    if (!cli->output && cli->dev_split <= 0 && !cli->cv) {
        fprintf(stderr, "chude-train: nothing to do: give --output, --dev-split or --cv\n");
        return CLI_USAGE;
    }
    if (cli->report && cli->dev_split <= 0 && !cli->cv) {
        fprintf(stderr, "chude-train: --report needs --cv or --dev-split (there is no evaluation to report)\n");
        return CLI_USAGE;
    }
    if (cli->dev_split > 0 && cli->cv) { fprintf(stderr, "chude-train: --dev-split and --cv exclude each other\n"); return CLI_USAGE; }
    if (cli->train.features.lead_tokens > 0 && !(cli->train.features.title_weight > 0)) {
        fprintf(stderr, "chude-train: --lead needs --title-weight above 0\n");
        return CLI_USAGE;
    }
    return CLI_OK;
}
