#include "cli/settings.h"

#include <algorithm>
#include <optional>
#include <set>

#include "core/rapidjson.h"

#include <rapidjson/prettywriter.h>

#include "config/config_file.h"
#include "core/errors.h"
#include "report/reporter.h"

namespace aic {

namespace {

std::vector<RuleSelector> selectors_from_flags(const std::vector<std::string>& values, const char* flag) {
  std::vector<RuleSelector> out;
  for (const std::string& value : values)
    for (std::string& s : split_selectors(value)) {
      if (auto error = check_selector(s)) throw UsageError(std::string(flag) + ": " + *error);
      out.push_back({std::move(s)});
    }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

OutputTarget parse_output_target(const std::string& spec, const std::string& default_file) {
  std::size_t colon = spec.find(':');
  OutputTarget t{spec.substr(0, colon), colon == std::string::npos ? default_file : spec.substr(colon + 1)};
  const auto& formats = report_formats();
  if (std::find(formats.begin(), formats.end(), t.format) == formats.end())
    throw UsageError("unknown format '" + t.format + "' (choose from " + join(formats) + ")");
  if (colon != std::string::npos && t.file.empty())
    throw UsageError("--format " + spec + ": empty file name after ':'");
  return t;
}

Settings resolve_settings(const CheckOptions& o) {
  std::optional<ConfigFile> config;
  if (!o.config_file.empty()) {
    if (o.no_config) throw UsageError("--config and --no-config exclude each other");
    config = load_config_file(o.config_file);
  } else if (!o.no_config) {
    if (auto found = discover_config_file()) config = load_config_file(*found);
  }

  Settings s;
  // Selectors from the command line are checked first: a typo there is the likelier mistake.
  std::vector<RuleSelector> cli_select = selectors_from_flags(o.select, "--select");
  std::vector<RuleSelector> cli_ignore = selectors_from_flags(o.ignore, "--ignore");
  if (config) {
    s.config_path = config->path;
    if (config->select) s.filter.select = *config->select;
    if (config->ignore) s.filter.ignore = *config->ignore;
    s.filter.severity = config->severity;
    s.filter.overrides = config->overrides;
    s.filter.base_directory = config->directory;
    if (config->registry) s.registry_file = *config->registry;
    if (config->schema_dir) s.schema_dir = *config->schema_dir;
    if (config->fail_on) s.fail_on = *config->fail_on;
  }
  if (!o.select.empty()) s.filter.select = cli_select;
  if (!o.ignore.empty()) s.filter.ignore = cli_ignore;
  if (!o.registry_file.empty()) s.registry_file = o.registry_file;
  if (!o.schema_dir.empty()) s.schema_dir = o.schema_dir;
  if (!o.fail_on.empty()) s.fail_on = o.fail_on;

  // Outputs: --format (repeatable) wins over the file's "format"; text by default.
  std::vector<std::string> specs = o.formats;
  bool from_config = specs.empty() && config && config->formats;
  if (from_config) specs = *config->formats;
  if (specs.empty()) specs.push_back("text");
  std::set<std::string> destinations;
  for (const std::string& spec : specs) {
    OutputTarget t = parse_output_target(spec, o.output);
    std::string where = t.file.empty() ? "standard output" : "'" + t.file + "'";
    if (!destinations.insert(t.file).second)
      throw UsageError("two formats write to " + where +
                       "; give each format its own file: --format NAME:FILE (see --help)");
    s.outputs.push_back(std::move(t));
  }

  s.paths = o.paths;
  if (s.paths.empty()) s.paths.push_back("model_configs");
  return s;
}

void write_settings(std::ostream& out, const Settings& s) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  auto str = [&](std::string_view v) { w.String(v.data(), static_cast<rapidjson::SizeType>(v.size())); };
  auto str_or_null = [&](const std::string& v) {
    if (v.empty()) w.Null();
    else str(v);
  };
  auto selectors = [&](const std::vector<RuleSelector>& list) {
    w.StartArray();
    for (const auto& sel : list) str(sel.text);
    w.EndArray();
  };
  auto severities = [&](const std::vector<SeveritySetting>& list) {
    w.StartObject();
    for (const auto& sev : list) {
      w.Key(sev.selector.text.c_str());
      str(sev.severity ? severity_name(*sev.severity) : "off");
    }
    w.EndObject();
  };

  w.StartObject();
  w.Key("config");
  str_or_null(s.config_path);
  w.Key("select");
  if (s.filter.select.empty()) selectors({{"ALL"}});
  else selectors(s.filter.select);
  w.Key("ignore");
  selectors(s.filter.ignore);
  w.Key("severity");
  severities(s.filter.severity);
  w.Key("overrides");
  w.StartArray();
  for (const PathOverride& o : s.filter.overrides) {
    w.StartObject();
    w.Key("files");
    w.StartArray();
    for (const auto& f : o.files) str(f);
    w.EndArray();
    if (o.pointer) {
      w.Key("pointer");
      str(*o.pointer);
    }
    w.Key("select");
    selectors(o.select);
    w.Key("ignore");
    selectors(o.ignore);
    w.Key("severity");
    severities(o.severity);
    w.EndObject();
  }
  w.EndArray();
  w.Key("registry");
  str_or_null(s.registry_file);
  w.Key("schema-dir");
  str_or_null(s.schema_dir);
  w.Key("fail-on");
  str(s.fail_on);
  w.Key("format");
  w.StartArray();
  for (const OutputTarget& t : s.outputs) {
    w.StartObject();
    w.Key("format");
    str(t.format);
    w.Key("output");
    str_or_null(t.file);
    w.EndObject();
  }
  w.EndArray();
  w.Key("paths");
  w.StartArray();
  for (const auto& p : s.paths) str(p);
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << '\n';
}

}  // namespace aic
