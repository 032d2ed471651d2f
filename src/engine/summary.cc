#include "engine/summary.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace aic {

namespace {

std::string lower_trimmed(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  std::string s(v);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The document and its text, to turn nodes into anchors.
struct Reader {
  const JsonDocument& doc;
  const SourceFile& source;

  Anchor anchor(std::uint32_t n, bool at_key = false) const {
    Anchor a;
    if (n == JsonDocument::kNone) return a;
    const auto& node = doc.node(n);
    a.pointer = doc.pointer_of(n);
    std::size_t begin = node.begin, end = node.end;
    // Objects and arrays span lines: point at their key (or opening bracket) instead.
    if (at_key && node.has_key()) {
      begin = node.key_begin;
      end = node.key_end;
    } else if (node.type == rapidjson::kObjectType || node.type == rapidjson::kArrayType) {
      end = begin + 1;
    }
    a.begin = source.location(begin);
    a.end = source.location(end);
    if (a.end.line != a.begin.line || a.end.column <= a.begin.column) {
      a.end = a.begin;
      a.end.column = a.begin.column + 1;
    }
    Snippet s = make_snippet(source.line_text(a.begin.line), a.begin.column);
    a.snippet = std::move(s.text);
    a.snippet_column = s.first_column;
    return a;
  }
  std::uint32_t child(std::uint32_t parent, std::string_view key) const {
    return parent == JsonDocument::kNone ? JsonDocument::kNone : doc.child(parent, key);
  }
  rapidjson::Type type(std::uint32_t n) const {
    return n == JsonDocument::kNone ? rapidjson::kNullType : doc.node(n).type;
  }
  // The string value of a node (the DOM holds the loader's view: the last of duplicate keys).
  std::string string_at(std::uint32_t n) const {
    if (type(n) != rapidjson::kStringType) return {};
    const rapidjson::Value* v = doc.value_of(n);
    return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
  }
  // Python truthiness of a member, as `d.get(key) or ...` sees it.
  bool truthy(std::uint32_t n) const {
    if (n == JsonDocument::kNone) return false;
    const rapidjson::Value* v = doc.value_of(n);
    if (!v || v->IsNull()) return false;
    if (v->IsString()) return v->GetStringLength() > 0;
    if (v->IsBool()) return v->GetBool();
    if (v->IsArray()) return !v->Empty();
    if (v->IsObject()) return v->MemberCount() > 0;
    if (v->IsNumber()) return v->GetDouble() != 0;
    return true;
  }
  // First truthy member among `keys` (the consumer's `a or b or c`).
  std::uint32_t first_truthy(std::uint32_t object, std::initializer_list<const char*> keys) const {
    for (const char* k : keys) {
      std::uint32_t n = child(object, k);
      if (truthy(n)) return n;
    }
    return JsonDocument::kNone;
  }
};

void summarize_quantization(const Reader& r, std::uint32_t q, bool side_car, FileSummary& s) {
  if (r.type(q) != rapidjson::kObjectType) return;
  s.has_quant_section = true;
  s.quant_at = r.anchor(q, true);
  std::uint32_t algo = side_car ? r.first_truthy(q, {"quant_algo", "quantization_algo"})
                                : r.first_truthy(q, {"quant_algo", "quant_method", "quantization_method"});
  if (side_car) {
    std::uint32_t raw = r.child(q, "quant_algo");
    s.quant_algo_null = raw != JsonDocument::kNone && r.type(raw) == rapidjson::kNullType &&
                        algo == JsonDocument::kNone;
    if (raw != JsonDocument::kNone && algo == JsonDocument::kNone) s.quant_algo_at = r.anchor(raw);
  }
  if (algo != JsonDocument::kNone) {
    s.quant_algo = normalize_quant_algo(r.string_at(algo));
    s.quant_algo_at = r.anchor(algo);
    // The consumer turns fp8 into block FP8 when the config has weight_block_size.
    if (!side_car && s.quant_algo == "fp8" && r.truthy(r.child(q, "weight_block_size")))
      s.quant_algo = "fp8_block";
  }
  std::uint32_t kv = side_car ? r.first_truthy(q, {"kv_cache_quant_algo"})
                              : r.first_truthy(q, {"kv_cache_quant_algo", "kv_cache_quant_method",
                                                   "kv_cache_dtype"});
  if (kv != JsonDocument::kNone) {
    s.kv_cache_quant_algo = normalize_kv_cache_algo(r.string_at(kv));
    s.kv_cache_quant_algo_at = r.anchor(kv);
  } else if (!side_car) {
    std::uint32_t scheme = r.child(q, "kv_cache_scheme");
    if (r.type(scheme) == rapidjson::kStringType) {
      // The consumer reads only a dict here, but a string ("FP8") still tells what the file
      // declares, which is what comparing a config with its side-car needs.
      s.kv_cache_quant_algo = normalize_kv_cache_algo(r.string_at(scheme));
      s.kv_cache_quant_algo_at = r.anchor(scheme);
    } else if (r.type(scheme) == rapidjson::kObjectType) {
      std::string type = lower_trimmed(r.string_at(r.child(scheme, "type")));
      std::uint32_t bits_node = r.child(scheme, "num_bits");
      const rapidjson::Value* bits = r.doc.value_of(bits_node);
      if (type.find("fp8") != std::string::npos) s.kv_cache_quant_algo = "fp8";
      else if (type == "float" && bits && bits->IsInt())
        s.kv_cache_quant_algo = bits->GetInt() <= 8 ? "fp8" : bits->GetInt() >= 16 ? "bfloat16" : "";
      if (!s.kv_cache_quant_algo.empty()) s.kv_cache_quant_algo_at = r.anchor(scheme, true);
    }
  }
  s.quant_excludes = r.truthy(r.child(q, "exclude_modules")) || r.truthy(r.child(q, "ignore")) ||
                     (!side_car && r.truthy(r.child(q, "modules_to_not_convert")));
}

}  // namespace

std::string normalize_quant_algo(std::string_view value) {
  std::string a = lower_trimmed(value);
  if (a == "w4a16_mxfp4") return "mxfp4";
  if (a == "mixed-precision" || a == "mixedprecision") return "mixed_precision";
  return a;
}

std::string normalize_kv_cache_algo(std::string_view value) {
  std::string a = lower_trimmed(value);
  if (a == "fp8" || a == "e4m3" || a == "e5m2") return "fp8";
  if (a == "fp16" || a == "float16" || a == "bf16" || a == "bfloat16") return "bfloat16";
  return a;
}

void summarize_document(const JsonDocument& doc, const SourceFile& source, FileSummary& summary) {
  Reader r{doc, source};
  const std::uint32_t root = doc.find("");
  summary.root_at = r.anchor(root);
  std::uint32_t arch = r.child(root, "architectures");
  if (r.type(arch) == rapidjson::kArrayType) {
    std::uint32_t first = doc.element(arch, 0);
    if (r.type(first) == rapidjson::kStringType) {
      summary.architecture = r.string_at(first);
      summary.architecture_at = r.anchor(first);
    }
  }
  std::uint32_t text = r.child(root, "text_config");
  if (r.type(text) != rapidjson::kObjectType) text = JsonDocument::kNone;
  summary.model_type = r.string_at(r.child(root, "model_type"));
  if (summary.model_type.empty()) summary.model_type = r.string_at(r.child(text, "model_type"));

  for (std::uint32_t holder : {root, text}) {
    std::uint32_t n = r.child(holder, "_name_or_path");
    if (!r.string_at(n).empty()) {
      summary.name_or_path = r.string_at(n);
      summary.name_or_path_at = r.anchor(n);
      break;
    }
  }

  if (summary.kind == FileKind::side_car) {
    std::uint32_t q = r.child(root, "quantization");
    summary.quant_section_present = q != JsonDocument::kNone;
    summarize_quantization(r, q, true, summary);
  } else {
    // The consumer promotes text_config's quantization_config when the top level has none.
    std::uint32_t q = r.child(root, "quantization_config");
    if (q == JsonDocument::kNone) q = r.child(text, "quantization_config");
    summarize_quantization(r, q, false, summary);
  }
}

}  // namespace aic
