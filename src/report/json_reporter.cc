#include "report/json_reporter.h"

#include "core/rapidjson.h"

#include <rapidjson/prettywriter.h>

#include "report/escape.h"

namespace aic {

void JsonReporter::write(std::ostream& out, const Report& report) const {
  rapidjson::StringBuffer buffer;
  // ASCII output: every non-ASCII code point is written as \uXXXX, so the report is plain ASCII
  // whatever the input (no C1 control or bidirectional override reaches a terminal).
  rapidjson::PrettyWriter<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::ASCII<>> w(buffer);
  w.SetIndent(' ', 2);
  auto str = [&](std::string_view s) {
    std::string safe = valid_utf8(s);  // the ASCII transcoder stops at invalid UTF-8
    w.String(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
  };
  auto position = [&](const char* key, std::size_t v) {
    w.Key(key);
    if (v) w.Uint64(v);
    else w.Null();
  };
  w.StartObject();
  w.Key("version");
  w.Int(1);
  w.Key("tool");
  w.StartObject();
  w.Key("name");
  str("aic-lint");
  w.Key("version");
  str(AIC_VERSION);
  w.EndObject();
  w.Key("diagnostics");
  w.StartArray();
  for (const Diagnostic& d : report.diagnostics) {
    w.StartObject();
    w.Key("file");
    str(d.file);
    position("line", d.begin.line);
    position("column", d.begin.column);
    position("end_line", d.end.line);
    position("end_column", d.end.column);
    w.Key("severity");
    str(severity_name(d.severity));
    w.Key("code");
    str(d.code);
    w.Key("rule");
    str(d.rule);
    w.Key("message");
    str(d.message);
    w.Key("pointer");
    str(d.pointer);
    w.Key("notes");
    w.StartArray();
    for (const Note& n : d.notes) {
      w.StartObject();
      w.Key("kind");
      str(n.kind);
      w.Key("message");
      str(n.message);
      position("line", n.location.line);
      position("column", n.location.column);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  SeverityCounts c = count_severities(report.diagnostics);
  w.Key("summary");
  w.StartObject();
  w.Key("files");
  w.Uint64(report.files);
  w.Key("errors");
  w.Uint64(c.errors);
  w.Key("warnings");
  w.Uint64(c.warnings);
  w.Key("infos");
  w.Uint64(c.infos);
  w.EndObject();
  w.EndObject();
  std::string json(buffer.GetString(), buffer.GetSize());
  defuse_workflow_commands_in_json(json);
  out << json << '\n';
}

}  // namespace aic
