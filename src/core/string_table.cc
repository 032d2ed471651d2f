#include "core/string_table.h"

namespace aic {

std::size_t StringTable::find(std::string_view key) const {
  if (slots_.empty()) return npos;
  std::size_t mask = slots_.size() - 1;
  const ShortKey k = ShortKey::of(key);
  for (std::size_t i = k.hash() & mask; slots_[i].index; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.key == k && same_middle(k.size, keys_[s.index - 1].data(), key.data())) return s.index - 1;
  }
  return npos;
}

std::size_t StringTable::insert(std::string_view key) {
  if (std::size_t found = find(key); found != npos) return found;
  keys_.emplace_back(key);
  if (2 * keys_.size() > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
  else place(ShortKey::of(key), static_cast<std::uint32_t>(keys_.size()));
  return keys_.size() - 1;
}

void StringTable::place(const ShortKey& k, std::uint32_t index) {
  std::size_t mask = slots_.size() - 1;
  std::size_t i = k.hash() & mask;
  while (slots_[i].index) i = (i + 1) & mask;
  slots_[i] = {k, index};
}

void StringTable::rehash(std::size_t size) {
  slots_.assign(size, Slot{});
  for (std::size_t k = 0; k < keys_.size(); ++k) place(ShortKey::of(keys_[k]), static_cast<std::uint32_t>(k + 1));
}

}  // namespace aic
