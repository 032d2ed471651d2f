#pragma once
// A hash index over one object's members. The semantic rules ask the LLM-level object for dozens
// of keys per file; FindMember is a linear scan of it (tens of members), this is one probe.
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/rapidjson.h"
#include "core/short_key.h"

namespace aic {

class MemberIndex {
 public:
  MemberIndex() = default;
  explicit MemberIndex(const rapidjson::Value* object);
  // The member's value, as object->FindMember would find it (the first of that name), or nullptr.
  const rapidjson::Value* find(std::string_view key) const { return find(key, ShortKey::of(key)); }
  // The same, for a caller that already has the key's ShortKey. Inline: ConfigView::get calls it
  // dozens of times per file.
  const rapidjson::Value* find(std::string_view key, const ShortKey& k) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = k.hash() & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.member) return nullptr;
      if (s.key == k && same_middle(k.size, s.member->name.GetString(), key.data())) return &s.member->value;
    }
  }

 private:
  // The member's name as a ShortKey beside it: a probe reads neither the name nor its flags.
  struct Slot {
    ShortKey key;
    const rapidjson::Value::Member* member = nullptr;
  };
  std::vector<Slot> slots_;  // open addressing, power-of-two size
};

}  // namespace aic
