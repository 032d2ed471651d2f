#pragma once
// A fast hash for short strings such as JSON keys, eight bytes per step (std::hash runs a
// byte-oriented hash whose cost per lookup showed in the per-file profile). Every byte counts, so
// keys that share a prefix and a suffix still spread.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace aic {

inline std::uint64_t key_hash(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    h = (h ^ word) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
  }
  // The last 0-7 bytes with fixed-size loads (a variable-length memcpy is a library call).
  const auto* p = reinterpret_cast<const unsigned char*>(s.data() + i);
  std::size_t rem = s.size() - i;
  std::uint64_t tail = 0;
  if (rem >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + rem - 4, 4);
    tail = (static_cast<std::uint64_t>(lo) << 32) | hi;
  } else if (rem > 0) {
    tail = (static_cast<std::uint64_t>(p[0]) << 16) | (static_cast<std::uint64_t>(p[rem / 2]) << 8) | p[rem - 1];
  }
  h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 32);
}

// For unordered containers of std::string looked up by std::string_view (no temporary string).
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return static_cast<std::size_t>(key_hash(s)); }
};

}  // namespace aic
