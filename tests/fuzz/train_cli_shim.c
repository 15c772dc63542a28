/* train_cli_shim.c — exposes chude-train's parser to fuzz_cli under another name (the two
 * programs' cli.h files share enum names, so they cannot be included together). */
#include "../../train/cli.h"
int train_cli_parse_fuzz(int argc, char **argv);
int train_cli_parse_fuzz(int argc, char **argv)
{
    train_cli cli;
    return train_cli_parse(argc, argv, &cli);
}
