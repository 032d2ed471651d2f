#pragma once
// The children of a lazy container (see JsonDocument::first_child): the clean-text fast path
// leaves a wide object or array (a quantized_layers map of 22,000 layers) without a node per
// child, and they are found here, by a scan of its text, when something first asks for them.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/json_document.h"

namespace aic {

// Appends to `out` one node per child of `container` (an object or array node over `text`),
// each with `parent` as its parent, linked by next_sibling from `first_index` on (the index the
// first appended node will have); a child that is a non-empty object or array is lazy in turn.
// `text` is what the fast path read: clean JSON (no escape, no comment), in which a string ends
// at `string_end` ('"', or NUL in a private copy whose closing quotes were overwritten).
void index_children(std::string_view text, char string_end, const JsonDocument::Node& container,
                    std::uint32_t parent, std::uint32_t first_index, std::vector<JsonDocument::Node>& out);

}  // namespace aic
