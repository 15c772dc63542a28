/* status.h — status codes and diagnostics shared by every chude module.
 *
 * Every library function returns a chude_status; chude_strerror() turns it into words.
 * Where a failure has a place (file, line, byte offset), the callee fills a chude_diag
 * that the caller owns. Nothing here allocates, prints or keeps global state. */
#ifndef CHUDE_STATUS_H
#define CHUDE_STATUS_H

#include <stddef.h>

typedef enum {
    CHUDE_OK = 0,
    CHUDE_ERR_NOMEM,          /* out of memory */
    CHUDE_ERR_IO,             /* reading or writing a file failed */
    CHUDE_ERR_ENCODING,       /* bytes are not text in a supported encoding */
    CHUDE_ERR_JSON,           /* a JSON line is malformed or lacks a field */
    CHUDE_ERR_MODEL_FORMAT,   /* not a chude model, or a corrupt one */
    CHUDE_ERR_MODEL_VERSION,  /* a chude model of a format version this build cannot read */
    CHUDE_ERR_LIMIT,          /* an input exceeds a configured limit */
    CHUDE_ERR_ARGUMENT,       /* a caller passed an invalid argument or setting */
    CHUDE_ERR_ICU,            /* ICU reported an error */
    CHUDE_ERR_TRAIN,          /* training failed (no data, one class, solver error) */
    CHUDE_ERR_EMPTY           /* the input holds nothing to work on */
} chude_status;

/* A static English description of s; never NULL. */
const char *chude_strerror(chude_status s);

/* Where a failure happened. file may be NULL (e.g. stdin); line and offset are 0 when
 * unknown. message is a NUL-terminated detail ("expected a string in \"text\""). */
typedef struct {
    const char *file;   /* not owned: points at the caller's path string */
    size_t line;        /* 1-based line number, 0 if none */
    size_t offset;      /* byte offset in the file or document, 0 if none */
    char message[256];
} chude_diag;

/* Clears d (NULL is fine). */
void chude_diag_clear(chude_diag *d);
/* Fills d->message with printf-style text (NULL d is fine); returns s for tail calls. */
chude_status chude_diag_set(chude_diag *d, chude_status s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
