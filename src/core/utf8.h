#pragma once
// Strict UTF-8 checking, as Python's decoder does it.
#include <cstddef>
#include <string>
#include <string_view>

namespace aic {

// Offset of the first byte that is not part of valid UTF-8 (overlong forms and surrogates are
// invalid, as in Python), or npos.
std::size_t find_invalid_utf8(std::string_view text);

// "0A" style hex of one byte.
std::string hex_byte(unsigned char c);

}  // namespace aic
