/* status.c — words for status codes and the diagnostic helper.
 *
 * Keeps no state and never prints: the programs decide how to show a chude_diag. */
#include "chude/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *chude_strerror(chude_status s)
{
    switch (s) {
    case CHUDE_OK: return "success";
    case CHUDE_ERR_NOMEM: return "out of memory";
    case CHUDE_ERR_IO: return "input/output error";
    case CHUDE_ERR_ENCODING: return "not text in a supported encoding";
    case CHUDE_ERR_JSON: return "invalid JSON";
    case CHUDE_ERR_MODEL_FORMAT: return "not a valid chude model file";
    case CHUDE_ERR_MODEL_VERSION: return "unsupported chude model version";
    case CHUDE_ERR_LIMIT: return "input exceeds a limit";
    case CHUDE_ERR_ARGUMENT: return "invalid argument";
    case CHUDE_ERR_ICU: return "Unicode library (ICU) error";
    case CHUDE_ERR_TRAIN: return "training failed";
    case CHUDE_ERR_EMPTY: return "nothing to process";
    }
    return "unknown error";
}

void chude_diag_clear(chude_diag *d)
{
    if (d) memset(d, 0, sizeof *d);
}

chude_status chude_diag_set(chude_diag *d, chude_status s, const char *fmt, ...)
{
    if (d) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(d->message, sizeof d->message, fmt, ap);
        va_end(ap);
    }
    return s;
}
