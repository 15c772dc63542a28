/* decode.h — bytes in any supported encoding to UTF-8.
 *
 * Detects UTF-8 (with or without BOM), UTF-16LE/BE (with BOM, or without one when the
 * zero bytes make it plain), and falls back to Windows-1258 for legacy Vietnamese files
 * that are not UTF-8. Invalid sequences are replaced by U+FFFD and reported (count and
 * first offset), never a crash. Binary data (NUL bytes that are not UTF-16) is refused.
 * Pure: no I/O, no globals, thread-safe. */
#ifndef CHUDE_DECODE_H
#define CHUDE_DECODE_H

#include <stddef.h>
#include "chude/status.h"

typedef enum {
    CHUDE_ENC_UTF8 = 0,
    CHUDE_ENC_UTF8_BOM,
    CHUDE_ENC_UTF16LE,
    CHUDE_ENC_UTF16BE,
    CHUDE_ENC_CP1258
} chude_encoding;

typedef struct {
    chude_encoding encoding;      /* what the bytes were taken to be */
    size_t invalid_count;         /* sequences replaced by U+FFFD */
    size_t first_invalid_offset;  /* byte offset in the input of the first one */
} chude_decode_info;

/* Name of an encoding ("UTF-16LE"); static string. */
const char *chude_encoding_name(chude_encoding e);

/* Decodes len bytes at bytes. On CHUDE_OK, *out is a new NUL-terminated UTF-8 string
 * owned by the caller (release with free()) of *out_len bytes, and info (may be NULL) says
 * what was found. Returns CHUDE_ERR_ENCODING with diag->offset set for binary input,
 * CHUDE_ERR_NOMEM when memory runs out. Empty input gives an empty string. */
chude_status chude_decode(const char *bytes, size_t len, char **out, size_t *out_len,
                          chude_decode_info *info, chude_diag *diag);

/* Nonzero when len bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int chude_utf8_valid(const char *s, size_t len);

#endif
