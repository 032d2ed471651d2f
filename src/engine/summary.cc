#include "engine/summary.h"

#include <algorithm>
#include <array>
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
  // child(parent, keys[i]) for every i, in one pass over the members instead of one per key
  // (the same answer: the last member of that name).
  template <std::size_t N>
  std::array<std::uint32_t, N> children(std::uint32_t parent,
                                        const std::array<std::string_view, N>& keys) const {
    std::array<std::uint32_t, N> found;
    found.fill(JsonDocument::kNone);
    if (type(parent) != rapidjson::kObjectType) return found;
    for (auto c = doc.node(parent).first_child; c != JsonDocument::kNone; c = doc.node(c).next_sibling) {
      std::string_view key = doc.key(doc.node(c));
      for (std::size_t i = 0; i < N; ++i)
        if (key == keys[i]) found[i] = c;
    }
    return found;
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
  // First truthy node among `members` (the consumer's `a or b or c`).
  std::uint32_t first_truthy(std::initializer_list<std::uint32_t> members) const {
    for (std::uint32_t n : members)
      if (truthy(n)) return n;
    return JsonDocument::kNone;
  }
};

void summarize_quantization(const Reader& r, std::uint32_t q, bool side_car, FileSummary& s) {
  if (r.type(q) != rapidjson::kObjectType) return;
  s.has_quant_section = true;
  s.quant_at = r.anchor(q, true);
  // Every member read below, found in one pass.
  enum {
    kQuantAlgo, kQuantizationAlgo, kQuantMethod, kQuantizationMethod, kKvAlgo, kKvMethod, kKvDtype,
    kKvScheme, kWeightBlockSize, kExcludeModules, kIgnore, kModulesToNotConvert, kCount
  };
  const auto m = r.children<kCount>(
      q, {"quant_algo", "quantization_algo", "quant_method", "quantization_method",
          "kv_cache_quant_algo", "kv_cache_quant_method", "kv_cache_dtype", "kv_cache_scheme",
          "weight_block_size", "exclude_modules", "ignore", "modules_to_not_convert"});
  std::uint32_t algo = side_car ? r.first_truthy({m[kQuantAlgo], m[kQuantizationAlgo]})
                                : r.first_truthy({m[kQuantAlgo], m[kQuantMethod], m[kQuantizationMethod]});
  if (side_car) {
    std::uint32_t raw = m[kQuantAlgo];
    s.quant_algo_null = raw != JsonDocument::kNone && r.type(raw) == rapidjson::kNullType &&
                        algo == JsonDocument::kNone;
    if (raw != JsonDocument::kNone && algo == JsonDocument::kNone) s.quant_algo_at = r.anchor(raw);
  }
  if (algo != JsonDocument::kNone) {
    s.quant_algo = normalize_quant_algo(r.string_at(algo));
    s.quant_algo_at = r.anchor(algo);
    // The consumer turns fp8 into block FP8 when the config has weight_block_size.
    if (!side_car && s.quant_algo == "fp8" && r.truthy(m[kWeightBlockSize])) s.quant_algo = "fp8_block";
  }
  std::uint32_t kv = side_car ? r.first_truthy({m[kKvAlgo]})
                              : r.first_truthy({m[kKvAlgo], m[kKvMethod], m[kKvDtype]});
  if (kv != JsonDocument::kNone) {
    s.kv_cache_quant_algo = normalize_kv_cache_algo(r.string_at(kv));
    s.kv_cache_quant_algo_at = r.anchor(kv);
  } else if (!side_car) {
    std::uint32_t scheme = m[kKvScheme];
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
  s.quant_excludes = r.truthy(m[kExcludeModules]) || r.truthy(m[kIgnore]) ||
                     (!side_car && r.truthy(m[kModulesToNotConvert]));
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
  const bool side_car = summary.kind == FileKind::side_car;
  // The top-level members read below, found in one pass (then text_config's, if nested).
  enum { kArchitectures, kTextConfig, kModelType, kNameOrPath, kQuantization, kCount };
  const auto top = r.children<kCount>(root, {"architectures", "text_config", "model_type", "_name_or_path",
                                             side_car ? "quantization" : "quantization_config"});
  std::uint32_t arch = top[kArchitectures];
  if (r.type(arch) == rapidjson::kArrayType) {
    std::uint32_t first = doc.element(arch, 0);
    if (r.type(first) == rapidjson::kStringType) {
      summary.architecture = r.string_at(first);
      summary.architecture_at = r.anchor(first);
    }
  }
  std::uint32_t text = top[kTextConfig];
  if (r.type(text) != rapidjson::kObjectType) text = JsonDocument::kNone;
  enum { kNestedModelType, kNestedNameOrPath, kNestedQuantization, kNestedCount };
  const auto nested =
      r.children<kNestedCount>(text, {"model_type", "_name_or_path", "quantization_config"});
  summary.model_type = r.string_at(top[kModelType]);
  if (summary.model_type.empty()) summary.model_type = r.string_at(nested[kNestedModelType]);

  for (std::uint32_t n : {top[kNameOrPath], nested[kNestedNameOrPath]}) {
    if (std::string name = r.string_at(n); !name.empty()) {
      summary.name_or_path = std::move(name);
      summary.name_or_path_at = r.anchor(n);
      break;
    }
  }

  if (side_car) {
    std::uint32_t q = top[kQuantization];
    summary.quant_section_present = q != JsonDocument::kNone;
    summarize_quantization(r, q, true, summary);
  } else {
    // The consumer promotes text_config's quantization_config when the top level has none.
    std::uint32_t q = top[kQuantization];
    if (q == JsonDocument::kNone) q = nested[kNestedQuantization];
    summarize_quantization(r, q, false, summary);
  }
}

}  // namespace aic
