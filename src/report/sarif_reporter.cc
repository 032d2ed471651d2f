#include "report/sarif_reporter.h"

#include <filesystem>
#include <map>

#include "core/rapidjson.h"

#include <rapidjson/prettywriter.h>

#include "report/escape.h"
#include "rules/registry.h"

namespace fs = std::filesystem;

namespace aic {

namespace {

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "none";
}

// Message text: the finding, then its notes and help lines (SARIF has no place for help per
// result, and viewers show the text as is).
std::string message_text(const Diagnostic& d) {
  std::string text = d.message;
  for (const Note& n : d.notes) {
    text += "\n" + n.kind + ": " + n.message;
    if (n.location.known())
      text += " (line " + std::to_string(n.location.line) + ", column " + std::to_string(n.location.column) + ")";
  }
  return valid_utf8(text);
}

}  // namespace

std::string sarif_artifact_uri(const std::string& file, const std::string& base, bool& relative) {
  fs::path base_path = base.empty() ? fs::current_path() : fs::path(base);
  fs::path p = fs::path(file).lexically_normal();
  fs::path rel = p.is_absolute() ? p.lexically_relative(base_path) : p;
  bool outside = rel.empty() || *rel.begin() == "..";
  if (!outside) {
    relative = true;
    return uri_escape_path(rel.generic_string());
  }
  relative = false;
  fs::path absolute = p.is_absolute() ? p : (base_path / p).lexically_normal();
  return "file://" + uri_escape_path(absolute.generic_string());
}

void SarifReporter::write(std::ostream& out, const Report& report) const {
  const std::vector<const RuleInfo*>& rules = options_.rules ? *options_.rules : all_rule_infos();
  std::map<std::string_view, std::size_t> rule_index;
  for (std::size_t i = 0; i < rules.size(); ++i) rule_index.emplace(rules[i]->code, i);

  rapidjson::StringBuffer buffer;
  // ASCII output, as in the json format: no C1 control or bidirectional override reaches a
  // terminal; every string is made valid UTF-8 first (the transcoder stops at invalid bytes).
  rapidjson::PrettyWriter<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::ASCII<>> w(buffer);
  w.SetIndent(' ', 2);
  auto str = [&](std::string_view s) {
    std::string safe = valid_utf8(s);
    w.String(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
  };
  auto text_object = [&](const char* key, std::string_view text) {
    w.Key(key);
    w.StartObject();
    w.Key("text");
    str(valid_utf8(text));
    w.EndObject();
  };

  w.StartObject();
  w.Key("$schema");
  str("https://json.schemastore.org/sarif-2.1.0.json");
  w.Key("version");
  str("2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();

  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  w.Key("name");
  str("aic-lint");
  w.Key("version");
  str(AIC_VERSION);
  w.Key("informationUri");
  str(AIC_HOMEPAGE);
  w.Key("rules");
  w.StartArray();
  for (const RuleInfo* r : rules) {
    w.StartObject();
    w.Key("id");
    str(r->code);
    w.Key("name");
    str(r->name);
    text_object("shortDescription", r->summary);
    text_object("fullDescription", r->doc);
    text_object("help", r->doc);
    w.Key("defaultConfiguration");
    w.StartObject();
    w.Key("level");
    str(sarif_level(r->severity));
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();  // driver
  w.EndObject();  // tool

  w.Key("columnKind");
  str("unicodeCodePoints");

  w.Key("results");
  w.StartArray();
  for (const Diagnostic& d : report.diagnostics) {
    w.StartObject();
    w.Key("ruleId");
    str(d.code);
    if (auto it = rule_index.find(d.code); it != rule_index.end()) {
      w.Key("ruleIndex");
      w.Uint64(it->second);
    }
    w.Key("level");
    str(sarif_level(d.severity));
    text_object("message", message_text(d));
    w.Key("locations");
    w.StartArray();
    w.StartObject();
    w.Key("physicalLocation");
    w.StartObject();
    w.Key("artifactLocation");
    w.StartObject();
    bool relative = false;
    std::string uri = sarif_artifact_uri(d.file, options_.base_directory, relative);
    w.Key("uri");
    str(valid_utf8(uri));
    if (relative) {
      w.Key("uriBaseId");
      str("SRCROOT");
    }
    w.EndObject();
    if (d.begin.known()) {
      w.Key("region");
      w.StartObject();
      w.Key("startLine");
      w.Uint64(d.begin.line);
      w.Key("startColumn");
      w.Uint64(d.begin.column);
      if (d.end.known()) {
        w.Key("endLine");
        w.Uint64(d.end.line);
        w.Key("endColumn");
        w.Uint64(d.end.column);
      }
      w.EndObject();
    }
    w.EndObject();  // physicalLocation
    if (!d.pointer.empty()) {
      // The JSON pointer as a logical location: the same finding keeps it when lines move.
      w.Key("logicalLocations");
      w.StartArray();
      w.StartObject();
      w.Key("fullyQualifiedName");
      str(valid_utf8(d.pointer));
      w.Key("kind");
      str("member");
      w.EndObject();
      w.EndArray();
    }
    w.EndObject();
    w.EndArray();  // locations
    w.EndObject();
  }
  w.EndArray();  // results

  w.EndObject();
  w.EndArray();  // runs
  w.EndObject();
  std::string json(buffer.GetString(), buffer.GetSize());
  defuse_workflow_commands_in_json(json);
  out << json << '\n';
}

}  // namespace aic
