/* normalize_ref.h — the ICU-only normalization, for tests that compare it with the fast path.
 *
 * Internal (not installed). chude_normalize_reference() gives what chude_normalize() gives,
 * always through ICU's UTF-16 steps; the two must agree on every input. */
#ifndef CHUDE_NORMALIZE_REF_H
#define CHUDE_NORMALIZE_REF_H

#include "chude/normalize.h"

/* Same contract as chude_normalize(). */
chude_status chude_normalize_reference(chude_normalizer *n, const char *text, size_t len,
                                       const char **out, size_t *out_len);

#endif
