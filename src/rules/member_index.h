#pragma once
// A hash index over one object's members. The semantic rules ask the LLM-level object for dozens
// of keys per file; FindMember is a linear scan of it (tens of members), this is one probe.
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/rapidjson.h"

namespace aic {

class MemberIndex {
 public:
  MemberIndex() = default;
  explicit MemberIndex(const rapidjson::Value* object);
  // The member's value, as object->FindMember would find it (the first of that name), or nullptr.
  const rapidjson::Value* find(std::string_view key) const;

 private:
  std::vector<const rapidjson::Value::Member*> slots_;  // open addressing, power-of-two size
};

}  // namespace aic
