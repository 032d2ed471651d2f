#pragma once
// The nodes under a lazy container (see JsonDocument::first_child): the clean-text fast path
// leaves a wide object or array (a quantized_layers map of 22,000 layers) without a node per
// descendant, and they are found here, by one scan of its text, when something first asks.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/json_document.h"

namespace aic {

// Appends to `out` a node for every value under `container` (an object or array node over
// `text`, numbered `parent`), all levels, in document order, linked as the parse links them; the
// first appended node is numbered `first_index` (and is container's first child, which the
// caller links). The whole subtree at once: a lookup deep under a wide container then costs one
// scan of it, not one per level. `text` is what the fast path read: clean JSON (no escape, no
// comment), in which a string ends at `string_end` ('"', or NUL in a private copy whose closing
// quotes were overwritten).
void index_subtree(std::string_view text, char string_end, const JsonDocument::Node& container,
                    std::uint32_t parent, std::uint32_t first_index, std::vector<JsonDocument::Node>& out);

}  // namespace aic
