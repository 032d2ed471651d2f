#include "config/config_file.h"

#include "core/edit_distance.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>

#include "core/rapidjson.h"

#include <valijson/schema.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/assets.h"
#include "core/embedded_schema.h"
#include "core/errors.h"
#include "core/file_diagnostics.h"
#include "core/json_document.h"
#include "core/source_file.h"

namespace fs = std::filesystem;

namespace aic {

namespace {

constexpr std::string_view kSchemaAsset = "schemas/aic-lint-config.schema.json";
const char* const kTopLevelKeys[] = {"$schema", "select",     "ignore",  "severity", "overrides",
                                     "registry", "schema-dir", "fail-on", "format"};
const char* const kOverrideKeys[] = {"files", "pointer", "select", "ignore", "severity"};

const valijson::Schema& config_schema() {
  static const std::unique_ptr<valijson::Schema> schema = compile_embedded_schema(kSchemaAsset);
  return *schema;
}


class Problems {
 public:
  Problems(const SourceFile& source, const JsonDocument& doc) : source_(source), doc_(doc) {}

  // At the value of `pointer` (its key when `at_key`), or the nearest existing parent.
  void add(std::string_view pointer, const std::string& message, bool at_key = false) {
    std::string where = source_.path();
    Location loc;
    std::uint32_t node = doc_.nearest(pointer);
    if (node != JsonDocument::kNone) {
      const auto& n = doc_.node(node);
      bool exact = doc_.find(pointer) == node;
      loc = source_.location(exact && at_key && n.has_key() ? n.key_begin : n.begin);
      where += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
    }
    add_line(where + ": error: " + message, loc);
  }
  void add_line(std::string line, Location loc = {}) {
    for (const Line& l : lines_)
      if (l.text == line) return;  // valijson may say the same thing twice (oneOf branches)
    lines_.push_back({loc.line, loc.column, std::move(line)});
  }
  // All problems, in file order.
  void throw_if_any() {
    if (lines_.empty()) return;
    std::stable_sort(lines_.begin(), lines_.end(), [](const Line& a, const Line& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    std::string text;
    for (const auto& l : lines_) text += (text.empty() ? "" : "\n") + l.text;
    throw PositionedError(text);
  }

 private:
  const SourceFile& source_;
  const JsonDocument& doc_;
  struct Line {
    std::size_t line, column;
    std::string text;
  };
  std::vector<Line> lines_;
};

std::string closest_key(std::string_view key, bool in_override) {
  std::string best;
  std::size_t best_score = 3;
  auto consider = [&](std::string_view candidate) {
    std::size_t d = edit_distance_icase(key, candidate);
    if (d < best_score) {
      best_score = d;
      best = std::string(candidate);
    }
  };
  if (in_override)
    for (const char* k : kOverrideKeys) consider(k);
  else
    for (const char* k : kTopLevelKeys) consider(k);
  return best;
}

// What a setting holds, by its key (the last token of the pointer).
std::string expected_for(const std::string& pointer) {
  std::string key = pointer.substr(pointer.rfind('/') + 1);
  bool in_severity = pointer.find("/severity/") != std::string::npos;
  if (in_severity) return "one of \"error\", \"warning\", \"info\", \"off\"";
  if (!key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::string parent = pointer.substr(0, pointer.rfind('/'));
    parent = parent.substr(parent.rfind('/') + 1);
    if (parent == "select" || parent == "ignore") return "a rule code, name or code prefix (a string)";
    if (parent == "overrides") return "an object with \"files\" and settings";
    if (parent == "files") return "a glob (a string)";
    if (parent == "format") return "a format (text, json, sarif, github, junit; NAME:FILE writes to FILE)";
  }
  if (key == "select" || key == "ignore") return "a list of rule codes, names or code prefixes";
  if (key == "severity") return "an object mapping rules to \"error\", \"warning\", \"info\" or \"off\"";
  if (key == "overrides") return "a list of objects with \"files\" and settings";
  if (key == "files") return "a glob or a list of globs";
  if (key == "pointer") return "a JSON pointer: \"\" or starting with '/'";
  if (key == "registry" || key == "schema-dir") return "a path";
  if (key == "fail-on") return "one of \"error\", \"warning\", \"info\"";
  if (key == "format") return "a format (text, json, sarif, github, junit; NAME:FILE writes to FILE) or a list of them";
  if (pointer.empty()) return "an object";
  return "";
}

// valijson's text, unless we can say what the setting expects.
std::string friendly(const std::string& pointer, const std::string& description) {
  std::string expected = expected_for(pointer);
  std::string name = pointer.empty() ? "the configuration" : "'" + pointer.substr(1) + "'";
  bool value_problem = description.rfind("Value type not permitted", 0) == 0 ||
                       description.rfind("Failed to match against any enum", 0) == 0 ||
                       description.rfind("Failed to match regex", 0) == 0 ||
                       description.rfind("Failed to validate against exactly one", 0) == 0 ||
                       description.rfind("String should be", 0) == 0 || description.rfind("Array should", 0) == 0;
  if (value_problem && !expected.empty()) return name + " must be " + expected;
  if (auto q = description.find("Missing required property '"); q == 0) {
    std::string key = description.substr(27, description.find('\'', 27) - 27);
    return name + " needs \"" + key + "\"";
  }
  return description + " (at " + name + "; see schemas/aic-lint-config.schema.json)";
}

void check_schema(const JsonDocument& doc, Problems& problems) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::RapidJsonAdapter adapter(doc.root());
  if (validator.validate(config_schema(), adapter, &results)) return;
  std::vector<std::pair<std::string, std::string>> errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) errors.emplace_back(valijson_context_pointer(error.context), error.description);
  std::set<std::string> seen;
  for (auto& [pointer, description] : errors) {
    if (description.rfind("Failed to validate against", 0) == 0) continue;  // wrappers of deeper ones
    if (!seen.insert(pointer + "\n" + description).second) continue;
    if (auto q = description.find("constraints: '"); q != std::string::npos) {
      std::size_t begin = q + 14, end = description.rfind('\'');
      std::string key = end > begin ? description.substr(begin, end - begin) : "";
      std::string message = "unknown setting '" + key + "'";
      std::string near = closest_key(key, pointer.rfind("/overrides/", 0) == 0);
      message += near.empty() ? " (see schemas/aic-lint-config.schema.json)" : "; did you mean '" + near + "'?";
      problems.add(pointer + "/" + escape_pointer_token(key), message, true);
      continue;
    }
    if (description.rfind("Failed to validate item", 0) == 0) continue;  // the item says why
    problems.add(pointer, friendly(pointer, description));
  }
}

std::string resolve(const std::string& directory, const std::string& value) {
  fs::path p(value);
  if (p.is_absolute() || directory.empty()) return value;
  return (fs::path(directory) / p).lexically_normal().string();
}

std::vector<RuleSelector> read_selectors(const JsonDocument& doc, const rapidjson::Value& list,
                                         const std::string& pointer, Problems& problems) {
  std::vector<RuleSelector> out;
  if (!list.IsArray()) return out;  // the schema check has said so
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    if (!list[i].IsString()) continue;
    std::string text = list[i].GetString();
    if (auto error = check_selector(text)) problems.add(pointer + "/" + std::to_string(i), *error);
    out.push_back({text});
  }
  (void)doc;
  return out;
}

std::vector<SeveritySetting> read_severity(const rapidjson::Value& map, const std::string& pointer,
                                           Problems& problems) {
  std::vector<SeveritySetting> out;
  if (!map.IsObject()) return out;
  for (auto it = map.MemberBegin(); it != map.MemberEnd(); ++it) {
    std::string key = it->name.GetString();
    if (auto error = check_selector(key)) problems.add(pointer + "/" + escape_pointer_token(key), *error, true);
    if (!it->value.IsString()) continue;
    SeveritySetting s{{key}, parse_severity(it->value.GetString())};
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::optional<std::string> discover_config_file() {
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (ec) return std::nullopt;
  std::string up;
  while (true) {
    if (fs::is_regular_file(dir / kConfigFileName, ec)) return up + kConfigFileName;
    if (fs::exists(dir / ".git", ec)) return std::nullopt;
    fs::path parent = dir.parent_path();
    if (parent == dir || parent.empty()) return std::nullopt;
    dir = parent;
    up += "../";
  }
}

ConfigFile load_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || fs::is_directory(path, ec)) throw UsageError("cannot read configuration file '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  SourceFile source(path, buffer.str());
  FileDiagnostics json_problems(source);
  JsonDocument doc = JsonDocument::parse(source, json_problems);
  Problems problems(source, doc);
  for (const Diagnostic& d : json_problems.diagnostics()) {
    if (d.severity != Severity::error) continue;
    std::string where = path;
    if (d.begin.known()) where += ":" + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column);
    // The front end explains what aiconfigurator does with a bad model config; irrelevant here.
    std::string message = d.message;
    for (const char* tail : {": aiconfigurator", "; aiconfigurator"})
      if (auto cut = message.find(tail); cut != std::string::npos) message.resize(cut);
    problems.add_line(where + ": error: " + make_printable(message), d.begin);
  }
  problems.throw_if_any();
  if (!doc.has_root()) problems.add_line(path + ": error: empty configuration file");
  problems.throw_if_any();
  check_schema(doc, problems);
  // Read on even after schema errors (skipping what has the wrong type), so one run reports
  // unknown rule names too.
  if (!doc.root().IsObject()) problems.throw_if_any();

  ConfigFile config;
  config.path = path;
  config.directory = fs::path(path).parent_path().string();
  const rapidjson::Value& root = doc.root();
  if (root.HasMember("select")) config.select = read_selectors(doc, root["select"], "/select", problems);
  if (root.HasMember("ignore")) config.ignore = read_selectors(doc, root["ignore"], "/ignore", problems);
  if (root.HasMember("severity")) config.severity = read_severity(root["severity"], "/severity", problems);
  if (root.HasMember("overrides") && root["overrides"].IsArray()) {
    const rapidjson::Value& list = root["overrides"];
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      const rapidjson::Value& o = list[i];
      if (!o.IsObject()) continue;
      std::string at = "/overrides/" + std::to_string(i);
      PathOverride override_;
      auto files = o.FindMember("files");
      if (files != o.MemberEnd() && files->value.IsString()) override_.files.push_back(files->value.GetString());
      else if (files != o.MemberEnd() && files->value.IsArray())
        for (const auto& f : files->value.GetArray())
          if (f.IsString()) override_.files.push_back(f.GetString());
      if (o.HasMember("pointer") && o["pointer"].IsString()) override_.pointer = o["pointer"].GetString();
      if (o.HasMember("select")) override_.select = read_selectors(doc, o["select"], at + "/select", problems);
      if (o.HasMember("ignore")) override_.ignore = read_selectors(doc, o["ignore"], at + "/ignore", problems);
      if (o.HasMember("severity")) override_.severity = read_severity(o["severity"], at + "/severity", problems);
      config.overrides.push_back(std::move(override_));
    }
  }
  problems.throw_if_any();
  if (root.HasMember("registry")) config.registry = resolve(config.directory, root["registry"].GetString());
  if (root.HasMember("schema-dir")) config.schema_dir = resolve(config.directory, root["schema-dir"].GetString());
  if (root.HasMember("fail-on")) config.fail_on = root["fail-on"].GetString();
  if (root.HasMember("format")) {
    std::vector<std::string> formats;
    const rapidjson::Value& f = root["format"];
    if (f.IsString()) formats.push_back(f.GetString());
    else
      for (const auto& v : f.GetArray()) formats.push_back(v.GetString());
    for (std::string& spec : formats) {
      std::size_t colon = spec.find(':');
      if (colon != std::string::npos) spec = spec.substr(0, colon + 1) + resolve(config.directory, spec.substr(colon + 1));
    }
    config.formats = std::move(formats);
  }
  problems.throw_if_any();
  return config;
}

}  // namespace aic
