#include "core/member_index.h"

namespace aic {

bool MemberIndex::build(const rapidjson::Value* object, bool unique) {
  slots_.clear();
  if (!object || !object->IsObject() || object->MemberCount() == 0) return true;
  std::size_t size = 8;
  while (size < 2 * static_cast<std::size_t>(object->MemberCount())) size *= 2;
  slots_.assign(size, Slot{});
  const std::size_t mask = size - 1;
  for (auto m = object->MemberBegin(); m != object->MemberEnd(); ++m) {
    const char* name = m->name.GetString();
    const ShortKey k = ShortKey::of({name, m->name.GetStringLength()});
    for (std::size_t i = k.hash() & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.member) {
        s = {k, &*m};
        break;
      }
      if (s.key == k && same_middle(k.size, s.member->name.GetString(), name)) {
        if (!unique) break;  // keep the first, as FindMember does
        slots_.clear();
        return false;
      }
    }
  }
  return true;
}

}  // namespace aic
