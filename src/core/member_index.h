#pragma once
// A hash index over one object's members. The semantic rules ask the LLM-level object for dozens
// of keys per file; FindMember is a linear scan of it (tens of members), this is one probe. The
// front end's duplicate-key check builds the root object's (JsonDocument::root_members), so the
// keys of a config whose LLM fields are at the top level are hashed once.
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/rapidjson.h"
#include "core/short_key.h"

namespace aic {

class MemberIndex {
 public:
  MemberIndex() = default;
  explicit MemberIndex(const rapidjson::Value* object) { build(object, false); }
  // Indexes `object` (an object), whose names should all differ: false, and an empty index, as
  // soon as one repeats. Reuses the index's memory.
  bool build_unique(const rapidjson::Value& object) { return build(&object, true); }

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
  // False when `unique` and a name repeats (the index is then cleared); otherwise the first of
  // each name is indexed, as FindMember finds it.
  bool build(const rapidjson::Value* object, bool unique);

  // The member's name as a ShortKey beside it: a probe reads neither the name nor its flags.
  struct Slot {
    ShortKey key;
    const rapidjson::Value::Member* member = nullptr;
  };
  std::vector<Slot> slots_;  // open addressing, power-of-two size
};

}  // namespace aic
