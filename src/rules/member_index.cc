#include "rules/member_index.h"

#include "core/key_hash.h"

namespace aic {

namespace {
std::string_view name_of(const rapidjson::Value::Member& m) {
  return {m.name.GetString(), m.name.GetStringLength()};
}
}  // namespace

MemberIndex::MemberIndex(const rapidjson::Value* object) {
  if (!object || !object->IsObject() || object->MemberCount() == 0) return;
  std::size_t size = 8;
  while (size < 2 * static_cast<std::size_t>(object->MemberCount())) size *= 2;
  slots_.assign(size, nullptr);
  for (auto m = object->MemberBegin(); m != object->MemberEnd(); ++m) {
    std::string_view name = name_of(*m);
    for (std::size_t i = key_hash(name) & (size - 1);; i = (i + 1) & (size - 1)) {
      if (!slots_[i]) {
        slots_[i] = &*m;
        break;
      }
      if (name_of(*slots_[i]) == name) break;  // keep the first, as FindMember does
    }
  }
}

const rapidjson::Value* MemberIndex::find(std::string_view key) const {
  if (slots_.empty()) return nullptr;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = key_hash(key) & mask; slots_[i]; i = (i + 1) & mask)
    if (name_of(*slots_[i]) == key) return &slots_[i]->value;
  return nullptr;
}

}  // namespace aic
