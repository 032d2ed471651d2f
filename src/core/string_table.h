#pragma once
// A set of strings looked up by string_view with open addressing: one ShortKey per lookup
// (core/short_key.h: two loads for the hash, and integer compares instead of memcmp for keys of
// up to 16 bytes), no node chasing. For the fixed key sets the rules test every
// key of every file against.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/short_key.h"

namespace aic {

class StringTable {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // The key's index (insertion order), new or already there.
  std::size_t insert(std::string_view key);
  bool contains(std::string_view key) const { return find(key) != npos; }
  std::size_t find(std::string_view key) const;  // its index, or npos
  void clear() {
    keys_.clear();
    slots_.clear();
  }
  std::size_t size() const { return keys_.size(); }
  const std::string& at(std::size_t i) const { return keys_[i]; }  // in insertion order

 private:
  void rehash(std::size_t size);
  struct Slot {
    ShortKey key;
    std::uint32_t index = 0;  // into keys_ + 1; 0 = empty
  };
  void place(const ShortKey& k, std::uint32_t index);
  std::vector<std::string> keys_;  // in insertion order
  std::vector<Slot> slots_;
};

}  // namespace aic
