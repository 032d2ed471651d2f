#include "core/string_table.h"

#include "core/key_hash.h"

namespace aic {

std::size_t StringTable::find(std::string_view key) const {
  if (slots_.empty()) return npos;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = key_hash(key) & mask; slots_[i]; i = (i + 1) & mask)
    if (keys_[slots_[i] - 1] == key) return slots_[i] - 1;
  return npos;
}

std::size_t StringTable::insert(std::string_view key) {
  if (std::size_t found = find(key); found != npos) return found;
  keys_.emplace_back(key);
  if (2 * keys_.size() > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
  else {
    std::size_t mask = slots_.size() - 1;
    std::size_t i = key_hash(key) & mask;
    while (slots_[i]) i = (i + 1) & mask;
    slots_[i] = static_cast<std::uint32_t>(keys_.size());
  }
  return keys_.size() - 1;
}

void StringTable::rehash(std::size_t size) {
  slots_.assign(size, 0);
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    std::size_t i = key_hash(keys_[k]) & (size - 1);
    while (slots_[i]) i = (i + 1) & (size - 1);
    slots_[i] = static_cast<std::uint32_t>(k + 1);
  }
}

}  // namespace aic
