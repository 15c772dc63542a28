/* features_private.h — extractor settings only the trainer needs (internal, not installed).
 *
 * chude_extractor_strings_by_id() switches an extractor made with keep_strings to collecting
 * strings per vocabulary feature in chude_extract_vector (once per feature, only for features
 * of the vocabulary), instead of per hash for every n-gram it meets: what the trainer needs
 * to store the kept n-grams' strings cheaply. chude_extractor_string_of() then gives the
 * string of feature id, or NULL when no text so far contained it; owned by ex. */
#ifndef CHUDE_FEATURES_PRIVATE_H
#define CHUDE_FEATURES_PRIVATE_H

#include "chude/features.h"

void chude_extractor_strings_by_id(chude_extractor *ex);
const char *chude_extractor_string_of(const chude_extractor *ex, uint32_t id);

#endif
