#pragma once
// A key read as two words: its first and last eight bytes (every byte of it up to 16 bytes). For
// the hash tables that look JSON keys up per file: the hash takes two loads whatever the length,
// and two keys of up to 16 bytes (nearly every key) are equal exactly when their words and sizes
// are, so a lookup compares three integers instead of calling memcmp. Longer keys compare their
// middle bytes too, and carry a hash of them: keys that share their length and both ends (the
// layer names of a quantized_layers map, "model.layers.12.mlp.experts.3.down_proj", or a hostile
// file's) must still spread over a table, or every lookup would probe them all.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/key_hash.h"

namespace aic {

struct ShortKey {
  std::uint64_t head = 0;  // bytes [0, 8), or a packing of all of them when shorter
  std::uint64_t tail = 0;  // bytes [size - 8, size), or the rest of the packing
  std::uint32_t size = 0;
  std::uint32_t middle = 0;  // keys over 16 bytes: a hash of bytes [8, size - 8); 0 otherwise

  static ShortKey of(std::string_view s) {
    ShortKey k;
    const char* p = s.data();
    const std::size_t n = s.size();
    k.size = static_cast<std::uint32_t>(n);
    if (n >= 8) {
      std::memcpy(&k.head, p, 8);
      std::memcpy(&k.tail, p + n - 8, 8);
      if (n > 16) {
        std::uint64_t h = key_hash(s.substr(8, n - 16));
        k.middle = static_cast<std::uint32_t>(h ^ (h >> 32));
      }
    } else if (n >= 4) {  // two 4-byte loads cover the key (they overlap when n < 8)
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      k.head = lo;
      k.tail = hi;
    } else if (n > 0) {  // bytes 0, n/2 and n-1: every byte for n <= 3
      const auto* u = reinterpret_cast<const unsigned char*>(p);
      k.head = (std::uint64_t{u[0]} << 16) | (std::uint64_t{u[n / 2]} << 8) | u[n - 1];
    }
    return k;
  }

  bool operator==(const ShortKey&) const = default;

  std::uint64_t hash() const {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = (((std::uint64_t{middle} << 32) | size) + 1) * kMul;
    h = (h ^ head) * kMul;
    h = (h ^ tail) * 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 32);  // the table index takes the low bits: fold the well-mixed high ones in
  }

  // True when the 8-byte word `w` holds byte `c`.
  static bool word_holds(std::uint64_t w, char c) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    const std::uint64_t x = w ^ (kOnes * static_cast<unsigned char>(c));
    return ((x - kOnes) & ~x & kHigh) != 0;  // exact as a yes/no: some byte of x is 0
  }
};

// Two keys with equal ShortKeys are equal when they are at most 16 bytes long; longer ones are
// when their middle bytes [8, size - 8) are too. `a` and `b` are the keys' bytes.
inline bool same_middle(std::uint32_t size, const char* a, const char* b) {
  return size <= 16 || std::memcmp(a + 8, b + 8, size - 16) == 0;
}

// The key `s` (whose ShortKey is k) holds `c` anywhere: the two words, then for keys over 16
// bytes their middle, a word at a time. `c` must not be 0 (the padding of a short key's words).
inline bool key_holds(const ShortKey& k, std::string_view s, char c) {
  if (ShortKey::word_holds(k.head, c) || ShortKey::word_holds(k.tail, c)) return true;
  for (std::size_t i = 8; i + 8 < s.size(); i += 8) {  // bytes [i, i + 8), all before the end
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (ShortKey::word_holds(w, c)) return true;
  }
  return false;
}

}  // namespace aic
