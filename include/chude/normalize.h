/* normalize.h — canonical Vietnamese text for feature extraction.
 *
 * Turns decoded UTF-8 into the one form every later stage expects: NFC, case-folded,
 * tone marks placed in one style (both "hoà" and "hòa" become one spelling), look-alike
 * and invisible characters replaced, line breaks unified, optionally web boilerplate lines
 * dropped and numbers, dates, URLs and e-mail addresses turned into placeholder tokens.
 * Pure: no I/O, no globals; one normalizer per thread. */
#ifndef CHUDE_NORMALIZE_H
#define CHUDE_NORMALIZE_H

#include <stddef.h>
#include "chude/status.h"

/* Where the tone mark of open "oa", "oe", "uy" syllables goes. */
enum {
    CHUDE_TONE_FIRST = 0,   /* "hòa", "khỏe", "thủy" (the default) */
    CHUDE_TONE_SECOND = 1   /* "hoà", "khoẻ", "thuỷ" */
};

typedef struct {
    int tone_style;          /* CHUDE_TONE_FIRST or CHUDE_TONE_SECOND */
    int case_fold;           /* nonzero: full Unicode case folding */
    int placeholders;        /* nonzero: numbers, dates, URLs, e-mails become _num_ ... */
    int strip_boilerplate;   /* nonzero: drop web furniture lines (see normalize.c) */
} chude_normalize_options;

/* The defaults: first-vowel tones, case folding, placeholders, boilerplate stripping. */
chude_normalize_options chude_normalize_defaults(void);

typedef struct chude_normalizer chude_normalizer;   /* opaque; one per thread */

/* Sets *out to a new normalizer with a copy of *opt. Returns CHUDE_OK, CHUDE_ERR_ARGUMENT
 * for an unknown tone style, CHUDE_ERR_ICU if ICU's data cannot be loaded. */
chude_status chude_normalizer_new(const chude_normalize_options *opt, chude_normalizer **out);
void chude_normalizer_free(chude_normalizer *n);   /* NULL is fine */

/* Normalizes len bytes of UTF-8 at text (invalid sequences become U+FFFD). The result
 * stays owned by n and is valid until the next call on n or its free; *out_len receives its
 * length in bytes (the string is also NUL-terminated). Paragraphs stay on separate lines. */
chude_status chude_normalize(chude_normalizer *n, const char *text, size_t len,
                             const char **out, size_t *out_len);

#endif
