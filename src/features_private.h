/* features_private.h — extractor settings only the trainer needs (internal, not installed).
 *
 * chude_extractor_keep_only() limits an extractor made with keep_strings to the n-grams
 * whose hashes are keys of *keep (the kept vocabulary), so collecting the strings of a large
 * corpus stores only what the model will hold. keep must outlive the extractor's use. */
#ifndef CHUDE_FEATURES_PRIVATE_H
#define CHUDE_FEATURES_PRIVATE_H

#include "chude/features.h"
#include "util.h"

void chude_extractor_keep_only(chude_extractor *ex, const chude_map64 *keep);

#endif
