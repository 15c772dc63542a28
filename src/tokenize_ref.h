/* tokenize_ref.h — the ICU-only tokenizer, for tests that compare it with the fast path.
 *
 * Internal (not installed). chude_tokenize_reference() gives what chude_tokenize() gives,
 * always through ICU's break iterator; the two must agree on every input. */
#ifndef CHUDE_TOKENIZE_REF_H
#define CHUDE_TOKENIZE_REF_H

#include "chude/tokenize.h"

/* Same contract as chude_tokenize(). */
chude_status chude_tokenize_reference(chude_tokenizer *t, const char *text, size_t len,
                                      const chude_token **tokens, size_t *count);

#endif
