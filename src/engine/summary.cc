#include "engine/summary.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace aic {

std::string content_hash(std::string_view bytes) {
  // Eight bytes per step (a byte-at-a-time hash costs as much as parsing the 3 MB files).
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ bytes.size();
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    h = (h ^ word) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001B3ull;
  h ^= h >> 33;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

namespace {
std::string string_member(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return {};
  auto m = object.FindMember(key);
  if (m == object.MemberEnd() || !m->value.IsString()) return {};
  return {m->value.GetString(), m->value.GetStringLength()};
}
}  // namespace

void summarize_document(const rapidjson::Value& root, FileSummary& summary) {
  auto arch = root.FindMember("architectures");
  if (arch != root.MemberEnd() && arch->value.IsArray() && !arch->value.Empty() &&
      arch->value[0].IsString())
    summary.architecture = arch->value[0].GetString();
  summary.model_type = string_member(root, "model_type");
  auto text = root.FindMember("text_config");
  if (summary.model_type.empty() && text != root.MemberEnd())
    summary.model_type = string_member(text->value, "model_type");
}

}  // namespace aic
