/* tokenize.h — syllables from normalized text.
 *
 * Splits normalized UTF-8 into syllable tokens (letters and numbers only) with ICU word
 * break iteration. Each token records whether an n-gram may join it to the previous one:
 * punctuation, sentence ends and line (paragraph) breaks end an n-gram. Tokens point into
 * the caller's text; nothing is copied. One tokenizer per thread; no globals, no I/O. */
#ifndef CHUDE_TOKENIZE_H
#define CHUDE_TOKENIZE_H

#include <stddef.h>
#include "chude/status.h"

typedef struct {
    size_t offset;       /* byte offset in the text */
    size_t length;       /* bytes */
    int joins_previous;  /* nonzero: only spaces separate it from the previous token */
} chude_token;

typedef struct chude_tokenizer chude_tokenizer;   /* opaque; one per thread */

chude_status chude_tokenizer_new(chude_tokenizer **out);
void chude_tokenizer_free(chude_tokenizer *t);   /* NULL is fine */

/* Tokenizes len bytes of UTF-8 at text. *tokens stays owned by t, valid until the next
 * call on t; *count receives the number of tokens. */
chude_status chude_tokenize(chude_tokenizer *t, const char *text, size_t len,
                            const chude_token **tokens, size_t *count);

#endif
