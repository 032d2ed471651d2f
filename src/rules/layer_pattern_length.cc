#include "rules/layer_pattern_length.h"

#include <algorithm>
#include <map>
#include <optional>

#include "rules/config_view.h"
#include "rules/profile_cache.h"
#include "rules/layer_id_coverage.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC306", "layer-pattern-length", Severity::warning,
    "A per-layer array does not have exactly one allowed entry per decoder layer.",
    R"(What it checks: every per-layer field rules/architectures.json lists for the config's
architecture (layer_types, layers_block_type, hybrid_override_pattern (one character per
layer), hybrid_layer_pattern, moe_layer_freq in list form, attn_type_list, indexer_types,
mlp_layer_types, block_configs, compress_ratios):
  * its shape: a list (a string for hybrid_override_pattern; moe_layer_freq may be a scalar,
    which the parser replicates to every layer);
  * its length: exactly the layer count (num_hidden_layers, or the layers_block_type /
    hybrid_override_pattern length the parser falls back to), or layer count +
    num_nextn_predict_layers where published configs carry the MTP layers too (Step-3.7
    layer_types, DeepSeek-V4 compress_ratios), nothing else;
  * its values: only the ones the consumer knows (MiMo-V2 0/1, DeepSeek-V4 compress_ratios
    0/4/128, Nemotron-H M/E/*/-, Gemma-4 and Step sliding_attention/full_attention, ...).
For Kimi-K3 it also checks linear_attn_config.kda_layers / full_attn_layers: 1-based ids within
[1, layers], kda_layers not empty, and the two lists together naming every layer exactly once.

Why: where the parser checks a length or a value (MiMo-V2, Gemma-4, Qwen3.5, Step, DeepSeek-V4
shorter than the layer count, Nemotron-H layers_block_type, Kimi-K3 kda_layers) it raises a bare
ValueError: an error here, with the position. Everywhere else a wrong length or value is
silently absorbed and the layer plan is wrong (a GLM config whose indexer_types had 74 entries
for 78 layers was caught only in review): a warning.

Example: gpt-oss-20b with 24 layers and 23 layer_types
  warning: 'layer_types' has 23 entries, but num_hidden_layers is 24: aiconfigurator does not
  check this length, so the layer plan it describes is silently wrong
A MiMo-V2 pattern written as a string ("GSGS...", as a guide suggests) is an error: the parser
needs a list of 0/1.

Fix: copy the array from the model's published config.json, or make it exactly one entry per
decoder layer with the allowed values; keep num_hidden_layers in step with it.)"};

struct LayerCount {
  std::int64_t value = 0;
  const std::string* key = nullptr;  // the registry's key the count comes from
  bool from_length = false;          // the length of that key's list or string
  // "num_hidden_layers is 24" or "the layer count (len(layers_block_type)) is 108": built only
  // for a finding (nearly every file has none).
  std::string how() const {
    return from_length ? "the layer count (len(" + *key + ")) is " + std::to_string(value)
                       : *key + " is " + std::to_string(value);
  }
};

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> split_code_points(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string_view str(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

// The layer count as the parser computes it; nullopt when it cannot be known here (required-fields
// and the schema report a missing or mistyped count).
std::optional<LayerCount> layer_count(const ConfigView& view) {
  const LayerCountSource& source = view.registry->generic().layer_count;
  const rapidjson::Value* v = view.get(source.key);
  if (v && !v->IsNull()) {
    auto n = as_integer(v);
    if (!n || *n <= 0) return std::nullopt;
    return LayerCount{*n, &source.key, false};
  }
  for (const auto& f : source.fallbacks) {
    const rapidjson::Value* fv = view.get(f.key);
    if (!fv) continue;
    if (f.kind == LayerCountSource::Fallback::Kind::list && fv->IsArray() && !fv->Empty())
      return LayerCount{static_cast<std::int64_t>(fv->Size()), &f.key, true};
    if (f.kind == LayerCountSource::Fallback::Kind::string && fv->IsString() && fv->GetStringLength()) {
      auto n = static_cast<std::int64_t>(code_points(str(*fv)));
      return LayerCount{n, &f.key, true};
    }
  }
  return std::nullopt;
}

// Python's == between a JSON value and an allowed value: numbers and booleans compare by value
// (true == 1, 1.0 == 1), strings exactly.
bool python_equal(const rapidjson::Value& v, const AllowedValue& allowed) {
  if (const auto* s = std::get_if<std::string>(&allowed)) return v.IsString() && str(v) == *s;
  std::int64_t n = std::get<std::int64_t>(allowed);
  if (v.IsBool()) return (v.IsTrue() ? 1 : 0) == n;
  if (v.IsInt64()) return v.GetInt64() == n;
  if (v.IsNumber()) return v.GetDouble() == static_cast<double>(n);
  return false;
}

bool allows(const PerLayerField& f, const rapidjson::Value& v) {
  if (f.allowed.empty()) return true;
  for (const auto& a : f.allowed)
    if (python_equal(v, a)) return true;
  return false;
}

bool has_value_type(const rapidjson::Value& v, PerLayerField::ValueType t) {
  switch (t) {
    case PerLayerField::ValueType::any: return true;
    case PerLayerField::ValueType::string: return v.IsString();
    case PerLayerField::ValueType::integer: return v.IsInt64();
    case PerLayerField::ValueType::object: return v.IsObject();
  }
  return true;
}

std::string type_name(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kNumberType: return "a number";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kArrayType: return "a list";
    case rapidjson::kObjectType: return "an object";
  }
  return "a value";
}

// "an integer", for "is null, not an integer".
std::string value_type_name(PerLayerField::ValueType t) {
  switch (t) {
    case PerLayerField::ValueType::string: return "a string";
    case PerLayerField::ValueType::integer: return "an integer";
    case PerLayerField::ValueType::object: return "an object";
    case PerLayerField::ValueType::any: break;
  }
  return "a value";
}

// "0, 1" or "'sliding_attention', 'full_attention'".
std::string allowed_list(const PerLayerField& f) {
  std::string out;
  for (const auto& a : f.allowed) {
    if (!out.empty()) out += ", ";
    if (const auto* s = std::get_if<std::string>(&a)) out += "'" + *s + "'";
    else out += std::to_string(std::get<std::int64_t>(a));
  }
  return out;
}

std::string join_ids(const std::vector<std::int64_t>& ids, std::size_t max = 12) {
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < max; ++i) out += (i ? ", " : "") + std::to_string(ids[i]);
  if (ids.size() > max) out += ", ... (" + std::to_string(ids.size()) + " in all)";
  return out;
}

void add_note(Diagnostic& d, const std::string& note) {
  if (!note.empty()) FileDiagnostics::note(d, note);
}

class LayerPatternLength final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    auto view = registered_config_view(c);
    if (!view) return;
    std::optional<LayerCount> layers = layer_count(*view);
    std::int64_t mtp = 0;
    if (auto n = as_integer(view->get("num_nextn_predict_layers")); n && *n > 0) mtp = *n;
    for (const PerLayerField& f : per_layer_fields(*view->registry, *view->profile))
      check_field(c, *view, f, layers ? &*layers : nullptr, mtp);
    if (view->profile->layer_id_sets) check_id_sets(c, *view, *view->profile->layer_id_sets, layers);
  }

 private:
  // Nemotron-H reads layers_block_type only when hybrid_override_pattern is not a string, so only
  // then does the parser check its values.
  static bool parser_checks_values(const ConfigView& view, const PerLayerField& f) {
    if (!f.values_checked_by_parser) return false;
    if (f.key == "layers_block_type") {
      const rapidjson::Value* pattern = view.get("hybrid_override_pattern");
      if (pattern && pattern->IsString()) return false;
    }
    return true;
  }

  static void check_field(const FileContext& c, const ConfigView& view, const PerLayerField& f,
                          const LayerCount* layers, std::int64_t mtp) {
    const rapidjson::Value* v = view.get(f.key);
    if (!v || v->IsNull()) return;  // a missing or null required pattern: required-fields
    const std::string pointer = view.pointer(f.key);
    using Kind = PerLayerField::Kind;
    bool shape_ok = f.kind == Kind::list     ? v->IsArray()
                    : f.kind == Kind::string ? v->IsString()
                                             : !(v->IsObject() || v->IsString());
    if (!shape_ok) return report_shape(c, view, f, *v, pointer);
    if (f.kind == Kind::list_or_scalar && !v->IsArray()) {
      // A scalar is replicated to every layer: only its value can be wrong.
      if (!allows(f, *v)) {
        bool error = parser_checks_values(view, f);
        auto& d = c.report(kInfo, pointer,
                           "'" + f.key + "' is " + show(*v) + ", not one of " + allowed_list(f) +
                               (error ? ": aiconfigurator replicates it to every layer and raises ValueError"
                                      : ": aiconfigurator replicates it to every layer without checking it"));
        if (error) d.severity = Severity::error;
        FileDiagnostics::help(d, "use one of " + allowed_list(f) + ", or a list with one entry per layer");
        add_note(d, f.note);
      }
      return;
    }
    if (layers) check_length(c, view, f, *v, pointer, *layers, mtp);
    check_values(c, view, f, *v, pointer);
  }

  static void report_shape(const FileContext& c, const ConfigView& view, const PerLayerField& f,
                           const rapidjson::Value& v, const std::string& pointer) {
    using Kind = PerLayerField::Kind;
    std::string wanted = f.kind == Kind::string ? "a string with one character per layer"
                                                : "a list with one entry per layer";
    if (f.kind != Kind::string && !f.allowed.empty()) wanted = "a list of " + allowed_list(f) + ", one per layer";
    std::string message = "'" + f.key + "' is " + type_name(v) + " (" + show(v) + "), not " + wanted;
    bool error = f.checked_by_parser;
    if (error) {
      // tuple() of a string or object gives characters or keys, which fail the value check;
      // tuple() or len() of a number fails outright.
      message += std::string(": aiconfigurator raises ") +
                 (v.IsString() || v.IsObject() ? "ValueError" : "TypeError");
    } else if (f.kind == Kind::string) {
      message += ": aiconfigurator ignores it as a layer pattern";
    } else {
      message += ": aiconfigurator cannot read a per-layer plan from it";
    }
    auto& d = c.report(kInfo, pointer, std::move(message));
    if (error) d.severity = Severity::error;
    FileDiagnostics::help(d, "write " + wanted + ", as in the model's published config.json");
    add_note(d, f.note);
    (void)view;
  }

  static void check_length(const FileContext& c, const ConfigView& view, const PerLayerField& f,
                           const rapidjson::Value& v, const std::string& pointer,
                           const LayerCount& layers, std::int64_t mtp) {
    const bool is_string = v.IsString();
    const auto n = static_cast<std::int64_t>(is_string ? code_points(str(v)) : v.Size());
    const std::int64_t L = layers.value;
    const bool with_mtp = f.mtp_extra_allowed && mtp > 0;
    if (n == L || (with_mtp && n == L + mtp)) return;
    const std::string unit = is_string ? "characters" : "entries";
    std::string message = "'" + f.key + "' has " + std::to_string(n) + " " + unit + ", but " + layers.how();
    if (with_mtp)
      message += " (" + std::to_string(L) + " + " + std::to_string(mtp) +
                 " num_nextn_predict_layers = " + std::to_string(L + mtp) + " is accepted too)";
    bool error = false;
    if (f.checked_by_parser && f.parser_length_check == PerLayerField::LengthCheck::at_least) {
      error = n < L;
      message += error ? ": aiconfigurator needs at least " + std::to_string(L) + " and raises ValueError"
                       : ": aiconfigurator silently drops the last " + std::to_string(n - L) + " " + unit;
    } else if (f.checked_by_parser) {
      error = true;
      message += ": aiconfigurator raises ValueError";
    } else {
      message += ": aiconfigurator does not check this length, so the layer plan it describes is "
                 "silently wrong";
    }
    auto& d = c.report(kInfo, pointer, std::move(message));
    if (error) d.severity = Severity::error;
    FileDiagnostics::help(d, "give exactly one " + std::string(is_string ? "character" : "entry") +
                                 " per decoder layer (" + std::to_string(L) +
                                 (with_mtp ? ", or " + std::to_string(L + mtp) + " with the MTP layers" : "") +
                                 "), as in the model's published config.json");
    (void)view;
  }

  static void check_values(const FileContext& c, const ConfigView& view, const PerLayerField& f,
                           const rapidjson::Value& v, const std::string& pointer) {
    const bool error = parser_checks_values(view, f);
    if (v.IsString()) {
      if (f.allowed.empty()) return;
      // One finding per distinct bad character, at the string (a character has no pointer).
      std::map<std::string, std::pair<std::size_t, std::size_t>> bad;  // char -> (first layer, count)
      auto chars = split_code_points(str(v));
      for (std::size_t i = 0; i < chars.size(); ++i) {
        bool ok = false;
        for (const auto& a : f.allowed)
          if (const auto* s = std::get_if<std::string>(&a); s && *s == chars[i]) ok = true;
        if (ok) continue;
        auto [it, inserted] = bad.emplace(chars[i], std::make_pair(i, std::size_t{0}));
        ++it->second.second;
      }
      for (const auto& [ch, where] : bad) {
        auto& d = c.report(kInfo, pointer,
                           "'" + f.key + "' has '" + ch + "' at index " + std::to_string(where.first) +
                               (where.second > 1 ? " (and " + std::to_string(where.second - 1) + " more)" : "") +
                               "; the allowed characters are " + allowed_list(f) +
                               (error ? ": aiconfigurator raises ValueError"
                                      : " (aiconfigurator does not check them, so the layer is silently mis-modelled)"));
        if (error) d.severity = Severity::error;
        FileDiagnostics::help(d, "use only " + allowed_list(f) + ", one per layer");
        add_note(d, f.note);
      }
      return;
    }
    // A list: one finding per distinct bad value, at its first element.
    struct Bad {
      std::size_t first;
      std::size_t count;
      bool wrong_type;
    };
    std::map<std::string, Bad> bad;
    std::vector<std::string> order;
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      const rapidjson::Value& e = v[i];
      bool value_ok = allows(f, e);
      bool type_ok = !f.allowed.empty() || has_value_type(e, f.value_type);
      if (value_ok && type_ok) continue;
      std::string key = show(e);
      auto [it, inserted] = bad.emplace(key, Bad{i, 0, !type_ok});
      if (inserted) order.push_back(key);
      ++it->second.count;
    }
    // Block objects are read with .get(): anything else crashes the parser (AttributeError).
    const bool blocks_read = f.value_type == PerLayerField::ValueType::object &&
                             !view.profile->block_config_reads.empty();
    for (const auto& key : order) {
      const Bad& b = bad.at(key);
      std::string where = pointer + "/" + std::to_string(b.first);
      std::string more = b.count > 1 ? " (and " + std::to_string(b.count - 1) +
                                            (b.count == 2 ? " more entry)" : " more entries)")
                                      : "";
      std::string message;
      bool is_error = error;
      if (b.wrong_type) {
        is_error = blocks_read;
        message = "'" + f.key + "'[" + std::to_string(b.first) + "] is " + key + more + ", not " +
                  value_type_name(f.value_type) +
                  (blocks_read ? ": aiconfigurator reads each block with .get() and raises AttributeError"
                               : ": the layer plan it describes is wrong");
      } else {
        message = "'" + f.key + "'[" + std::to_string(b.first) + "] is " + key + more +
                  "; the allowed values are " + allowed_list(f) +
                  (error ? ": aiconfigurator raises ValueError"
                         : " (aiconfigurator does not check them, so the layer is silently mis-modelled)");
      }
      auto& d = c.report(kInfo, where, std::move(message));
      if (is_error) d.severity = Severity::error;
      FileDiagnostics::help(d, b.wrong_type ? "write " + value_type_name(f.value_type) + " for every layer"
                                            : "use only " + allowed_list(f));
      add_note(d, f.note);
    }
  }

  static void check_id_sets(const FileContext& c, const ConfigView& view, const LayerIdSets& s,
                            const std::optional<LayerCount>& layers) {
    const rapidjson::Value* parent = view.get(s.parent);
    if (!parent || !parent->IsObject()) return;  // required-fields
    auto in = [](const KeyList& list, const std::string& key) {
      return std::find(list.begin(), list.end(), key) != list.end();
    };
    std::vector<std::vector<std::int64_t>> ids;
    std::vector<std::string> names;
    bool usable = true;
    for (const std::string& name : s.sets) {
      const std::string dotted = s.parent + "." + name;
      const rapidjson::Value* v = view.get(dotted);
      ids.emplace_back();
      names.push_back(dotted);
      if (!v || v->IsNull()) continue;  // absent: an empty list (a required one: required-fields)
      const bool parser_reads = in(s.non_empty, name) || in(s.range_checked_by_parser, name);
      if (!v->IsArray()) {
        auto& d = c.report(kInfo, view.pointer(dotted),
                           "'" + dotted + "' is " + type_name(*v) + " (" + show(*v) + "), not a list of " +
                               std::to_string(s.index_base) + "-based layer ids" +
                               (parser_reads ? ": aiconfigurator raises on it" : ""));
        if (parser_reads) d.severity = Severity::error;
        FileDiagnostics::help(d, "write the layer ids as a list of integers");
        usable = false;
        continue;
      }
      for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
        const rapidjson::Value& e = (*v)[i];
        if (e.IsInt64()) {
          ids.back().push_back(e.GetInt64());
          continue;
        }
        auto& d = c.report(kInfo, view.pointer(dotted) + "/" + std::to_string(i),
                           "'" + dotted + "'[" + std::to_string(i) + "] is " + show(e) +
                               ", not an integer layer id" +
                               (parser_reads && !e.IsNumber() ? ": aiconfigurator raises TypeError comparing it"
                                                              : ": it names no layer"));
        if (parser_reads && !e.IsNumber()) d.severity = Severity::error;
        FileDiagnostics::help(d, "write layer ids as integers");
        usable = false;
      }
      if (v->Empty() && in(s.non_empty, name)) {
        auto& d = c.report(kInfo, view.pointer(dotted),
                           "'" + dotted + "' is empty: aiconfigurator raises ValueError (it needs at "
                                          "least one layer id)");
        d.severity = Severity::error;
        usable = false;  // the error says it all; no coverage report on top
        FileDiagnostics::help(d, "list the " + std::to_string(s.index_base) +
                                     "-based ids of the layers this list describes");
        add_note(d, s.note);
      }
    }
    if (!layers) return;
    const std::int64_t L = layers->value;
    LayerIdCoverage cov = check_layer_id_coverage(ids, L, s.index_base);
    const std::string range = "[" + std::to_string(s.index_base) + ", " + std::to_string(s.index_base + L - 1) + "]";
    bool any_out = false;
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (cov.out_of_range[k].empty()) continue;
      any_out = true;
      const bool error = in(s.range_checked_by_parser, s.sets[k]);
      const auto& bad = cov.out_of_range[k];
      auto& d = c.report(kInfo, view.pointer(names[k]),
                         "'" + names[k] + "' names " + (bad.size() == 1 ? "layer " : "layers ") +
                             join_ids(bad) + ", outside " + range + " (" + std::to_string(s.index_base) +
                             "-based ids; " + layers->how() + ")" +
                             (error ? ": aiconfigurator raises ValueError"
                                    : ": aiconfigurator does not check it, so the layer plan is silently wrong"));
      if (error) d.severity = Severity::error;
      FileDiagnostics::help(d, "use " + std::to_string(s.index_base) + "-based ids within " + range);
      add_note(d, s.note);
    }
    if (!s.must_cover_all_layers || !usable || cov.covers_exactly_once()) return;
    std::string lists;
    for (std::size_t k = 0; k < s.sets.size(); ++k)
      lists += (k == 0 ? "" : k + 1 == s.sets.size() ? " and " : ", ") + s.sets[k];
    std::string problems;
    if (!cov.missing.empty())
      problems += std::string(cov.missing.size() == 1 ? "layer " : "layers ") + join_ids(cov.missing) +
                  (cov.missing.size() == 1 ? " is" : " are") + " in no list";
    if (!cov.duplicated.empty())
      problems += std::string(problems.empty() ? "" : "; ") +
                  (cov.duplicated.size() == 1 ? "layer " : "layers ") + join_ids(cov.duplicated) +
                  (cov.duplicated.size() == 1 ? " is" : " are") + " listed more than once";
    auto& d = c.report(kInfo, view.pointer(s.parent),
                       "'" + s.parent + "' " + lists + " do not name each of the " + std::to_string(L) +
                           " layers exactly once" + (any_out ? " within " + range : "") + ": " + problems +
                           " (" + std::to_string(s.index_base) + "-based ids)");
    FileDiagnostics::help(d, "give every layer " + range + " to exactly one of " + lists);
    add_note(d, s.note);
  }
};

}  // namespace

const Rule& layer_pattern_length_rule() {
  static const LayerPatternLength rule;
  return rule;
}

}  // namespace aic
