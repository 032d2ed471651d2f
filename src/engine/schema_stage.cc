#include "engine/schema_stage.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>
#include <utility>

#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/source_file.h"
#include "engine/schema_lookup.h"
#include "engine/schema_set.h"
#include "rules/schema_rules.h"

namespace aic {

namespace {

using Value = rapidjson::Value;

// A valijson context resolved against the document.
struct Place {
  std::string pointer;
  std::vector<InstanceStep> steps;
  const Value* value = nullptr;  // nullptr when the path leaves the document (should not happen)
};

Place resolve(const JsonDocument& doc, const std::vector<std::string>& context) {
  Place place;
  place.value = &doc.root();
  for (std::size_t k = 1; k < context.size(); ++k) {  // context[0] is "<root>"
    std::string_view token = context[k];
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']')
      token = token.substr(1, token.size() - 2);
    InstanceStep step;
    step.key = std::string(token);
    const Value* next = nullptr;
    if (place.value && place.value->IsArray()) {
      std::size_t index = 0;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec == std::errc() && end == token.data() + token.size()) {
        step.is_index = true;
        step.index = index;
        if (index < place.value->Size()) next = &(*place.value)[static_cast<rapidjson::SizeType>(index)];
      }
    } else if (place.value && place.value->IsObject()) {
      auto it = place.value->FindMember(Value(rapidjson::StringRef(token.data(), token.size())));
      if (it != place.value->MemberEnd()) next = &it->value;
    }
    place.value = next;
    place.pointer += "/" + escape_pointer_token(token);
    place.steps.push_back(std::move(step));
  }
  return place;
}

// text_config.num_hidden_layers, block_configs[3].attention
std::string display_path(const std::vector<InstanceStep>& steps) {
  std::string out;
  for (const InstanceStep& s : steps) {
    if (s.is_index) {
      out += "[" + std::to_string(s.index) + "]";
    } else {
      if (!out.empty()) out += '.';
      out += s.key;
    }
  }
  return out.empty() ? "the top level" : out;
}

std::string format_number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

std::string json_text(const Value& v) {
  rapidjson::StringBuffer buffer;
  // kWriteNanAndInfFlag: a number past double's range is inf in the DOM (written Infinity).
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                    rapidjson::kWriteNanAndInfFlag>
      writer(buffer);
  v.Accept(writer);
  return buffer.GetString();
}

// The value as written in the file (so 32.0 stays 32.0), shortened for a one-line message.
std::string written(const FileContext& c, const std::string& pointer) {
  std::uint32_t n = c.doc.find(pointer);
  if (n == JsonDocument::kNone) return {};
  const auto& node = c.doc.node(n);
  std::string_view text = c.source.text().substr(node.begin, node.end - node.begin);
  constexpr std::size_t kMax = 60;
  std::string out = make_printable(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  return out;
}

bool is_float(const Value& v) { return v.IsNumber() && !v.IsInt64() && !v.IsUint64(); }

std::string type_word(const Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return "boolean";
  if (v.IsString()) return "string";
  if (v.IsArray()) return "an array";
  if (v.IsObject()) return "an object";
  return is_float(v) ? "float" : "integer";
}

// "found string \"61\"", "found float 32.0", "found an array"
std::string found_typed(const FileContext& c, const Place& p) {
  if (!p.value) return "found nothing";
  if (p.value->IsArray() || p.value->IsObject()) return "found " + type_word(*p.value);
  if (p.value->IsNull()) return "found null";
  return "found " + type_word(*p.value) + " " + written(c, p.pointer);
}

std::string found_plain(const FileContext& c, const Place& p) {
  if (!p.value) return "found nothing";
  if (p.value->IsArray() || p.value->IsObject()) return "found " + type_word(*p.value);
  return "found " + written(c, p.pointer);
}

std::string range_phrase(const SchemaFacts& f) {
  std::string out;
  auto add = [&](const char* op, const std::optional<double>& bound) {
    if (!bound) return;
    out += (out.empty() ? " " : " and ");
    out += op;
    out += " " + format_number(*bound);
  };
  add(">=", f.minimum);
  add(">", f.exclusive_minimum);
  add("<=", f.maximum);
  add("<", f.exclusive_maximum);
  return out;
}

// "an integer >= 1", "an integer >= 1 or null", "a string"
std::string expected_phrase(const SchemaFacts& f) {
  std::string out;
  for (const std::string& t : f.types) {
    if (!out.empty()) out += " or ";
    if (t == "integer") out += "an integer" + range_phrase(f);
    else if (t == "number") out += "a number" + range_phrase(f);
    else if (t == "string") out += "a string";
    else if (t == "boolean") out += "a boolean (true or false)";
    else if (t == "array") out += "an array";
    else if (t == "object") out += "an object";
    else if (t == "null") out += "null";
    else out += t;
  }
  if (out.empty()) out = "a value" + range_phrase(f);
  return out;
}

bool expects(const SchemaFacts& f, std::string_view type) {
  return std::find(f.types.begin(), f.types.end(), type) != f.types.end();
}

bool looks_numeric(std::string_view s) {
  if (s.empty()) return false;
  double d;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  return ec == std::errc() && end == s.data() + s.size();
}

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// The allowed values, with "FP8"/"fp8" pairs shown once: "fp8, fp8_block, ... (any case)".
std::string enum_phrase(const Value& values) {
  std::set<std::string> strings;
  for (const auto& v : values.GetArray())
    if (v.IsString()) strings.emplace(v.GetString(), v.GetStringLength());
  bool collapsed = false;
  std::string out;
  for (const auto& v : values.GetArray()) {
    if (!out.empty()) out += ", ";
    if (v.IsString()) {
      std::string s(v.GetString(), v.GetStringLength());
      if (s != lower(s) && strings.count(lower(s))) {
        collapsed = true;
        out.resize(out.size() - 2);
        continue;
      }
      out += "\"" + make_printable(s) + "\"";
    } else {
      out += json_text(v);
    }
  }
  if (collapsed) out += " (upper or lower case)";
  return out;
}

void describe(Diagnostic& d, const SchemaFacts& f) {
  if (f.description.empty()) return;
  FileDiagnostics::note(d, (f.title.empty() ? "" : f.title + ": ") + f.description);
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// valijson's messages for a constraint that failed because something below it did: the leaf
// error below says what is wrong, these only repeat it one level up.
bool is_parent_error(std::string_view m) {
  return starts_with(m, "Failed to validate against schema associated with property") ||
         starts_with(m, "Failed to validate against schema associated with pattern") ||
         starts_with(m, "Failed to validate item #") ||
         starts_with(m, "Failed to validate against additional properties schema") ||
         starts_with(m, "Failed to validate against child schema #") ||
         starts_with(m, "Failed to validate against dependent schema") ||
         starts_with(m, "Failed to validate against a conditional schema");
}

bool is_alternatives_error(std::string_view m) {
  return starts_with(m, "Failed to validate against any schemas allowed by anyOf") ||
         starts_with(m, "Failed to validate against any child schemas allowed by oneOf");
}

// The number in "Array should contain no fewer than 1 elements."
std::string first_number(std::string_view m) {
  std::size_t b = m.find_first_of("0123456789");
  if (b == std::string_view::npos) return {};
  std::size_t e = m.find_first_not_of("0123456789", b);
  return std::string(m.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
}

std::string quoted_name(std::string_view m) {
  std::size_t b = m.find('\'');
  std::size_t e = m.rfind('\'');
  if (b == std::string_view::npos || e <= b) return {};
  return std::string(m.substr(b + 1, e - b - 1));
}

std::string plural(const std::string& n, const char* word) {
  return n + " " + word + (n == "1" ? "" : "s");
}

class Translator {
 public:
  Translator(const FileContext& c, const SchemaSet::Compiled& schema)
      : c_(c), lookup_(schema.document) {}

  void translate(const valijson::ValidationResults& results) {
    std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
    // Required keys already reported as one "one of these keys" finding (anyOf of requireds).
    std::set<std::pair<std::string, std::string>> covered;
    for (const auto& e : errors) {
      if (!is_alternatives_error(e.description)) continue;
      Place p = resolve(c_.doc, e.context);
      SchemaFacts f = lookup_.facts(p.steps);
      if (f.required_alternatives.empty()) continue;
      for (const auto& key : f.required_alternatives) covered.insert({p.pointer, key});
      missing_one_of(p, f.required_alternatives);
    }
    for (const auto& e : errors) {
      const std::string& m = e.description;
      if (is_parent_error(m)) continue;
      Place p = resolve(c_.doc, e.context);
      if (is_alternatives_error(m)) {
        if (lookup_.facts(p.steps).required_alternatives.empty())
          emit(schema_rules::kConstraint, p.pointer,
               display_path(p.steps) + " does not match any of the forms the schema allows");
        continue;
      }
      if (starts_with(m, "Missing required property '")) {
        std::string key = quoted_name(m);
        if (!covered.count({p.pointer, key})) missing(p, key);
        continue;
      }
      leaf(p, m);
    }
  }

 private:
  // Reports once per (code, pointer, message): a property validated through two schemas (e.g.
  // properties and allOf) fails twice in valijson.
  Diagnostic* emit(const RuleInfo& rule, const std::string& pointer, std::string message) {
    if (!seen_.insert(std::string(rule.code) + '\0' + pointer + '\0' + message).second) return nullptr;
    return &c_.report(rule, pointer, std::move(message));
  }

  void missing(const Place& parent, const std::string& key) {
    std::string message = "missing required key '" + key + "'";
    if (!parent.steps.empty()) message += " in " + display_path(parent.steps);
    Diagnostic* d = emit(schema_rules::kRequired, parent.pointer + "/" + escape_pointer_token(key),
                         std::move(message));
    if (!d) return;
    std::vector<InstanceStep> steps = parent.steps;
    steps.push_back({false, 0, key});
    SchemaFacts f = lookup_.facts(steps);
    std::string help = "add \"" + key + "\"";
    if (!f.types.empty()) help += " (" + expected_phrase(f) + ")";
    if (!f.description.empty()) help += ": " + f.description;
    FileDiagnostics::help(*d, help);
  }

  void missing_one_of(const Place& parent, const std::vector<std::string>& keys) {
    std::string message = "missing required key '" + keys[0] + "'";
    for (std::size_t i = 1; i < keys.size(); ++i) message += " (or '" + keys[i] + "')";
    if (!parent.steps.empty()) message += " in " + display_path(parent.steps);
    Diagnostic* d = emit(schema_rules::kRequired,
                         parent.pointer + "/" + escape_pointer_token(keys[0]), std::move(message));
    if (d) FileDiagnostics::help(*d, "add \"" + keys[0] + "\"");
  }

  void leaf(const Place& p, const std::string& m) {
    SchemaFacts f = lookup_.facts(p.steps);
    std::string path = display_path(p.steps);
    if (starts_with(m, "Value type not permitted")) return type(p, f, path);
    if (m == "Failed to match against any enum values.") {
      std::string allowed = f.enum_values ? enum_phrase(*f.enum_values) : "the listed values";
      if (Diagnostic* d = emit(schema_rules::kEnum, p.pointer,
                               path + " must be one of " + allowed + ", " + found_plain(c_, p)))
        describe(*d, f);
      return;
    }
    if (starts_with(m, "Failed to match expected value set by 'const'")) {
      std::string want = f.const_value ? json_text(*f.const_value) : "the schema's constant";
      emit(schema_rules::kEnum, p.pointer, path + " must be " + want + ", " + found_plain(c_, p));
      return;
    }
    if (starts_with(m, "Expected number") || starts_with(m, "Value should be a multiple of")) {
      std::string expected = starts_with(m, "Value should be")
                                 ? "a multiple of " + first_number(m)
                                 : expected_phrase(f);
      if (Diagnostic* d = emit(schema_rules::kRange, p.pointer,
                               path + " must be " + expected + ", " + found_plain(c_, p)))
        describe(*d, f);
      return;
    }
    std::string n = first_number(m);
    std::size_t count = 0;
    if (p.value && p.value->IsArray()) count = p.value->Size();
    if (p.value && p.value->IsObject()) count = p.value->MemberCount();
    std::string message;
    if (starts_with(m, "Array should contain no fewer than"))
      message = path + " must have at least " + plural(n, "item") + ", found " + std::to_string(count);
    else if (starts_with(m, "Array should contain no more than"))
      message = path + " must have at most " + plural(n, "item") + ", found " + std::to_string(count);
    else if (starts_with(m, "String should be no fewer than"))
      message = path + " must be at least " + plural(n, "character") + " long, " + found_plain(c_, p);
    else if (starts_with(m, "String should be no more than"))
      message = path + " must be at most " + plural(n, "character") + " long, " + found_plain(c_, p);
    else if (starts_with(m, "Object should have no fewer than"))
      message = path + " must have at least " + plural(n, "key") + ", found " + std::to_string(count);
    else if (starts_with(m, "Object should have no more than"))
      message = path + " must have at most " + plural(n, "key") + ", found " + std::to_string(count);
    else if (starts_with(m, "Object contains a property that could not be validated"))
      message = "key '" + quoted_name(m) + "' is not allowed in " + path;
    else if (starts_with(m, "Elements at indexes"))
      message = path + " must not repeat items (" + lower(m.substr(0, m.find(" violate"))) + " are equal)";
    else if (starts_with(m, "Failed to match regex"))
      message = path + " does not match the pattern the schema requires, " + found_plain(c_, p);
    else if (starts_with(m, "Target should not validate"))
      message = path + " has a form the schema forbids ('not'), " + found_plain(c_, p);
    else
      message = path + ": " + m;  // a constraint this translator does not word (user schema)
    emit(schema_rules::kConstraint, p.pointer, std::move(message));
  }

  void type(const Place& p, const SchemaFacts& f, const std::string& path) {
    std::string message = path + " must be " + expected_phrase(f) + ", " + found_typed(c_, p);
    std::string help;
    if (p.value && (expects(f, "integer") || expects(f, "number"))) {
      if (p.value->IsString() && looks_numeric({p.value->GetString(), p.value->GetStringLength()})) {
        message += " (types are strict: a quoted number is a string, and aiconfigurator uses it as written)";
        help = "write " + std::string(p.value->GetString(), p.value->GetStringLength()) + " without quotes";
      } else if (is_float(*p.value) && expects(f, "integer") && !expects(f, "number")) {
        message += " (types are strict: a float is not an integer, even when it is whole)";
        double v = p.value->GetDouble();
        if (std::isfinite(v) && v == std::floor(v)) help = "write " + format_number(v);
      } else if (p.value->IsBool()) {
        message += " (types are strict: a boolean is not a number)";
      }
    } else if (p.value && p.value->IsString() && !f.if_string.empty()) {
      message += " (" + f.if_string + ")";
      if (expects(f, "array"))
        help = "write a list: [\"" + std::string(p.value->GetString(), p.value->GetStringLength()) + "\"]";
    } else if (p.value && expects(f, "boolean") && p.value->IsString()) {
      std::string s = lower(std::string(p.value->GetString(), p.value->GetStringLength()));
      if (s == "true" || s == "false") {
        message += " (types are strict: aiconfigurator reads it with bool(), and bool(\"false\") is True)";
        help = "write " + s + " without quotes";
      }
    }
    Diagnostic* d = emit(schema_rules::kType, p.pointer, std::move(message));
    if (!d) return;
    if (!help.empty()) FileDiagnostics::help(*d, help);
    describe(*d, f);
  }

  const FileContext& c_;
  SchemaLookup lookup_;
  std::set<std::string> seen_;
};

}  // namespace

std::string context_to_pointer(const JsonDocument& doc, const std::vector<std::string>& context) {
  return resolve(doc, context).pointer;
}

void check_schema(const FileContext& context) {
  if (!context.data.schemas || !context.doc.has_root()) return;
  const SchemaSet::Compiled* schema = context.data.schemas->for_kind(context.kind);
  if (!schema) return;
  // Nearly every file is valid: the allocation-free pre-check settles those. It never accepts
  // what valijson rejects, and valijson words every finding, so the output is the same. Even for
  // the first file of a run: compiling it costs an eighth of compiling valijson's schema, which
  // a run of valid files then never does.
  const SchemaFastPath* pre_check = schema->fast_path();
  if (pre_check && pre_check->certainly_valid(context.doc.root())) return;
  // A file that is not UTF-8 never reaches valijson: its UTF-8 decoder (utils::u8_nextchar, for
  // minLength) indexes past its 6-entry table on a run of continuation bytes (undefined
  // behaviour, found by the fuzzer), and the loader raises UnicodeDecodeError before it reads any
  // field, which AIC106 reports; schema findings on top would be moot.
  if (!context.doc.valid_utf8()) return;
  const valijson::Schema* validator = schema->validator();
  if (!validator) return;
  valijson::adapters::RapidJsonAdapter target(context.doc.root());
  // First pass without results: valijson stops at the first failure, which is all a valid file
  // (nearly every file) needs. Only an invalid file pays for the exhaustive second pass.
  valijson::Validator fast(valijson::Validator::kStrongTypes);
  if (fast.validate(*validator, target, nullptr)) return;
  valijson::Validator full(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  full.validate(*validator, target, &results);
  Translator(context, *schema).translate(results);
}

}  // namespace aic
