#pragma once
// The front end's fast path: a scanner for plain, clean JSON (what nearly every config is), which
// builds the same node index and DOM as the full RapidJSON pass, or gives up. (The index leaves
// out what is inside a container wider than max_indexed_children, indexed later if asked for:
// see JsonDocument::first_child.)
//
// Why not RapidJSON alone: version 1.1 copies every string byte by byte even in situ, and gives no
// token positions, so the full pass re-lexes the text to find them. This scanner finds string ends
// with SSE2, takes positions as it goes and writes nothing into an in-place text. It accepts only
// a strict subset: no backslash anywhere (the caller checks), no comment, trailing comma, NaN or
// Infinity, control character in a string, number out of double's range or nesting past the
// limit. Anything else makes it return false, and the caller parses again with RapidJSON, which
// reports what is wrong. So it never decides what is an error: it only has to agree with
// RapidJSON on what it accepts (tests/unit/clean_json_scanner_test.cc compares the two).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/json_document.h"
#include "core/rapidjson.h"

namespace aic {

struct CleanScanInput {
  std::string_view text;    // the whole text, NUL-terminated just past its end
  std::size_t base = 0;     // where the value starts (3 after a byte order mark)
  // The buffer the DOM's strings point into (offset i of the text is strings[i]): the text itself
  // (nothing is written), or a private copy in which each string's closing quote becomes NUL.
  char* strings = nullptr;
  bool terminate_strings = false;
  std::size_t max_depth = 128;
  // A container with more children than this gets none indexed: its node is marked lazy (see
  // JsonDocument::first_child) and the scan goes on feeding the DOM alone.
  std::size_t max_indexed_children = SIZE_MAX;
};

// Appends the nodes of the text to `nodes` (empty on entry) and feeds the DOM through `dom`'s SAX
// interface (call it from GenericDocument::Populate). False: not clean JSON as defined above;
// `nodes` and `dom` are then partly built and must be discarded. `lazy` tells whether some node
// was marked lazy.
bool scan_clean_json(const CleanScanInput& in, std::vector<JsonDocument::Node>& nodes,
                     rapidjson::Document& dom, bool& lazy);

}  // namespace aic
