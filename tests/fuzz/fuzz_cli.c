/* fuzz_cli.c — both programs' option parsers on any argument vector (NUL-separated words),
 * each followed by a second, fixed parse (state left over between parses was a real bug:
 * getopt's position inside a clustered option; corpus/cli/regression-getopt-state).
 * Standard output goes to /dev/null; standard error stays, for sanitizer reports. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../classify/cli.h"

int train_cli_parse_fuzz(int argc, char **argv);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    if (!init) { (void)!freopen("/dev/null", "w", stdout); init = 1; }
    if (size > 4096) return 0;
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = 0;
    char *argv[66];
    int argc = 0;
    argv[argc++] = "chude";
    for (size_t i = 0; i <= size && argc < 64;) {
        argv[argc++] = buf + i;
        i += strlen(buf + i) + 1;
    }
    argv[argc] = NULL;
    classify_cli cli;
    classify_cli_parse(argc, argv, &cli);
    train_cli_parse_fuzz(argc, argv);
    free(buf);   /* the next parses must not look at the freed words */
    char a0[] = "chude", a1[] = "-k", a2[] = "3", a3[] = "--jsonl";
    char *again[] = { a0, a1, a2, a3, NULL };
    classify_cli_parse(4, again, &cli);
    train_cli_parse_fuzz(4, again);
    return 0;
}
