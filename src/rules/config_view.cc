#include "rules/config_view.h"

#include "core/json_rules.h"

namespace aic {

namespace {

std::vector<std::string_view> split_dots(std::string_view key) {
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    std::size_t dot = key.find('.', at);
    parts.push_back(key.substr(at, dot == std::string_view::npos ? dot : dot - at));
    if (dot == std::string_view::npos) return parts;
    at = dot + 1;
  }
}

}  // namespace

const rapidjson::Value* ConfigView::get(std::string_view dotted_key) const {
  const rapidjson::Value* v = llm.object;
  for (std::string_view part : split_dots(dotted_key)) {
    if (!v || !v->IsObject()) return nullptr;
    auto it = v->FindMember(rapidjson::Value(rapidjson::StringRef(part.data(), part.size())));
    if (it == v->MemberEnd()) return nullptr;
    v = &it->value;
  }
  return v;
}

std::string ConfigView::pointer(std::string_view dotted_key) const {
  std::string p = llm.pointer;
  for (std::string_view part : split_dots(dotted_key)) p += "/" + escape_pointer_token(part);
  return p;
}

std::string ConfigView::level_name() const {
  return llm.nested ? registry->text_config_key() : std::string("the top level");
}

bool loader_rejects(const FileContext& context) {
  using namespace json_rules;
  static const RuleInfo* const fatal[] = {&kSyntax,     &kComment,   &kTrailingComma,
                                          &kBom,        &kInvalidUtf8, &kEmptyFile,
                                          &kTopLevelNotObject, &kNegativeInfinity, &kNestingTooDeep};
  for (const Diagnostic& d : context.out.diagnostics())
    for (const RuleInfo* rule : fatal)
      if (d.code == rule->code) return true;
  return false;
}

std::optional<ConfigView> registered_config_view(const FileContext& context) {
  if (context.kind != FileKind::config || !context.data.registry) return std::nullopt;
  if (loader_rejects(context)) return std::nullopt;
  const rapidjson::Value& root = context.doc.root();
  if (!root.IsObject()) return std::nullopt;
  auto it = root.FindMember("architectures");
  if (it == root.MemberEnd() || !it->value.IsArray() || it->value.Empty() || !it->value[0].IsString())
    return std::nullopt;
  ConfigView view;
  view.registry = context.data.registry.get();
  view.root = &root;
  view.architecture = view.registry->find_architecture(
      std::string_view(it->value[0].GetString(), it->value[0].GetStringLength()));
  if (!view.architecture) return std::nullopt;
  view.profile = &view.registry->profile_of(*view.architecture);
  view.llm = view.registry->llm_level(root, view.architecture);
  if (!view.llm.object) return std::nullopt;
  return view;
}

bool truthy(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
    case rapidjson::kFalseType: return false;
    case rapidjson::kTrueType: return true;
    case rapidjson::kNumberType: return v.GetDouble() != 0.0;
    case rapidjson::kStringType: return v.GetStringLength() != 0;
    case rapidjson::kArrayType: return !v.Empty();
    case rapidjson::kObjectType: return v.MemberCount() != 0;
  }
  return false;
}

std::optional<std::int64_t> as_integer(const rapidjson::Value* v) {
  if (!v || !v->IsInt64()) return std::nullopt;
  return v->GetInt64();
}

std::string show(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  std::string s = buffer.GetString();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

ExpertCount expert_count(const ConfigView& view) {
  ExpertCount out;
  const auto& keys = view.registry->generic().expert_count_keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const rapidjson::Value* v = view.get(keys[i]);
    bool last = i + 1 == keys.size();
    if (v && (truthy(*v) || last)) {
      out.value = v;
      out.key = keys[i];
      return out;
    }
  }
  return out;
}

TopK top_k(const ConfigView& view) {
  TopK out;
  for (const auto& key : view.registry->generic().topk_keys) {
    const rapidjson::Value* v = view.get(key);
    if (v && !v->IsNull()) {
      out.value = v;
      out.key = key;
      break;
    }
  }
  if (out.is_set()) return out;
  for (const auto& key : view.profile->extra_topk_keys) {
    const rapidjson::Value* v = view.get(key);
    if (v && truthy(*v)) {
      out.value = v;
      out.key = key;
      return out;
    }
  }
  return out;
}

}  // namespace aic
