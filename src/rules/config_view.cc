#include "rules/config_view.h"

#include "core/json_rules.h"

namespace aic {

namespace {

// Calls f(part) for each dot-separated part of `key`, without allocating; stops when f returns false.
template <typename F>
void for_each_dot_part(std::string_view key, F&& f) {
  for (std::size_t at = 0;;) {
    std::size_t dot = key.find('.', at);
    if (!f(key.substr(at, dot == std::string_view::npos ? dot : dot - at))) return;
    if (dot == std::string_view::npos) return;
    at = dot + 1;
  }
}

}  // namespace

const rapidjson::Value* ConfigView::get(std::string_view dotted_key) const {
  // Most keys have no dot: one read of the key gives both the answer to that and the hash.
  const ShortKey k = ShortKey::of(dotted_key);
  if (!key_holds(k, dotted_key, '.')) return llm_members().find(dotted_key, k);
  const rapidjson::Value* v = nullptr;
  bool first = true;  // the first part is looked up in the LLM object through its index
  for_each_dot_part(dotted_key, [&](std::string_view part) {
    if (first) {
      first = false;
      v = llm_members().find(part);
    } else if (v->IsObject()) {
      auto it = v->FindMember(rapidjson::Value(rapidjson::StringRef(part.data(), part.size())));
      v = it == v->MemberEnd() ? nullptr : &it->value;
    } else {
      v = nullptr;
    }
    return v != nullptr;
  });
  return v;
}

const rapidjson::Value* ConfigView::top(std::string_view key) const {
  if (root_members) return root_members->find(key);
  auto it = root->FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  return it == root->MemberEnd() ? nullptr : &it->value;
}

std::string ConfigView::pointer(std::string_view dotted_key) const {
  std::string p = llm.pointer;
  for_each_dot_part(dotted_key, [&](std::string_view part) {
    p += '/';
    p += escape_pointer_token(part);
    return true;
  });
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

namespace {

// Fills `view`; false when the file has no registered view.
bool make_config_view(const FileContext& context, ConfigView& view) {
  if (context.kind != FileKind::config || !context.data.registry) return false;
  if (loader_rejects(context)) return false;
  const rapidjson::Value& root = context.doc.root();
  if (!root.IsObject()) return false;
  auto it = root.FindMember("architectures");
  if (it == root.MemberEnd() || !it->value.IsArray() || it->value.Empty() || !it->value[0].IsString())
    return false;
  view.registry = context.data.registry.get();
  view.root = &root;
  view.architecture = view.registry->find_architecture(
      std::string_view(it->value[0].GetString(), it->value[0].GetStringLength()));
  if (!view.architecture) return false;
  view.profile = &view.registry->profile_of(*view.architecture);
  view.llm = view.registry->llm_level(root, view.architecture);
  if (!view.llm.object) return false;
  view.root_members = context.doc.root_members();
  if (view.llm.object == &root) view.document_index = view.root_members;
  if (!view.document_index) view.own_index = MemberIndex(view.llm.object);
  return true;
}

}  // namespace

void FileContext::ConfigViewDelete::operator()(const ConfigView* view) const { delete view; }

const ConfigView* registered_config_view(const FileContext& context) {
  if (!context.config_view_done) {
    ConfigView view;
    if (make_config_view(context, view)) context.config_view.reset(new ConfigView(std::move(view)));
    context.config_view_done = true;
  }
  return context.config_view.get();
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
  // kWriteNanAndInfFlag: a number past double's range is inf in the DOM (written Infinity).
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                    rapidjson::kWriteNanAndInfFlag>
      writer(buffer);
  v.Accept(writer);
  std::string s = buffer.GetString();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

const std::string& empty_key() {
  static const std::string empty;
  return empty;
}

ExpertCount expert_count(const ConfigView& view) {
  ExpertCount out;
  const auto& keys = view.registry->generic().expert_count_keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const rapidjson::Value* v = view.get(keys[i]);
    bool last = i + 1 == keys.size();
    if (v && (truthy(*v) || last)) {
      out.value = v;
      out.key_ptr = &keys[i];
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
      out.key_ptr = &key;
      break;
    }
  }
  if (out.is_set()) return out;
  for (const auto& key : view.profile->extra_topk_keys) {
    const rapidjson::Value* v = view.get(key);
    if (v && truthy(*v)) {
      out.value = v;
      out.key_ptr = &key;
      return out;
    }
  }
  return out;
}

}  // namespace aic
