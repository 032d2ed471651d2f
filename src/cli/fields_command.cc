#include "cli/fields_command.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "assist/field_census.h"
#include "cli/exit_codes.h"
#include "core/errors.h"
#include "engine/lint_data_loader.h"

namespace aic {

namespace fs = std::filesystem;

void add_fields_command(CLI::App& app, FieldsOptions& o) {
  CLI::App* fields = app.add_subcommand(
      "fields", "Census of the keys of model configs: how many carry each, per family, and whether aiconfigurator reads it");
  fields->add_option("paths", o.paths, "Directories (walked) or config files (default: ./model_configs)");
  fields->add_option("-f,--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  fields->add_option("--registry", o.registry_file,
                     "Architecture registry JSON to use instead of the embedded rules/architectures.json");
  fields->add_option("--registry-source", o.registry_source,
                     "aiconfigurator's sdk/common.py: use the architectures it registers");
}

namespace {

std::string families_text(const FieldRow& row) {
  std::string out;
  for (const auto& [family, n] : row.families) out += (out.empty() ? "" : ", ") + family + " " + std::to_string(n);
  return out;
}

std::string read_text(const FieldRow& row) {
  if (row.read_in == 0) return "no";
  if (row.read_in == row.configs) return "yes";
  return std::to_string(row.read_in) + " of " + std::to_string(row.configs);
}

void write_text(std::ostream& out, const std::vector<FieldRow>& rows, std::size_t configs,
                const std::vector<std::string>& unreadable) {
  std::size_t width = 3;
  for (const auto& r : rows) width = std::max(width, r.key.size());
  auto pad = [](std::string s, std::size_t n) { return s.size() < n ? s + std::string(n - s.size(), ' ') : s; };
  out << pad("key", width) << "  configs  read        families\n";
  for (const auto& r : rows)
    out << pad(r.key, width) << "  " << pad(std::to_string(r.configs), 7) << "  " << pad(read_text(r), 10) << "  "
        << families_text(r) << "\n";
  out << rows.size() << " keys in " << configs << (configs == 1 ? " config" : " configs");
  if (!unreadable.empty()) out << " (" << unreadable.size() << " not readable as JSON objects, skipped)";
  out << "\n";
}

void write_json(std::ostream& out, const std::vector<FieldRow>& rows, std::size_t configs,
                const std::vector<std::string>& unreadable) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&](const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartObject();
  w.Key("version");
  w.Int(1);
  w.Key("configs");
  w.Uint64(configs);
  w.Key("skipped");
  w.StartArray();
  for (const auto& u : unreadable) str(u);
  w.EndArray();
  w.Key("fields");
  w.StartArray();
  for (const auto& r : rows) {
    w.StartObject();
    w.Key("key");
    str(r.key);
    w.Key("configs");
    w.Uint64(r.configs);
    w.Key("read_in");
    w.Uint64(r.read_in);
    w.Key("families");
    w.StartObject();
    for (const auto& [family, n] : r.families) {
      str(family);
      w.Uint64(n);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << "\n";
}

}  // namespace

int run_fields(const FieldsOptions& o) {
  std::vector<std::string> paths = o.paths;
  std::error_code ec;
  if (paths.empty()) {
    if (!fs::is_directory("model_configs", ec))
      throw UsageError("no PATH given and ./model_configs does not exist; try: aic-lint fields path/to/model_configs");
    paths.push_back("model_configs");
  }
  LintData data = load_lint_data({o.registry_file, "", o.registry_source});
  std::vector<std::string> files;
  for (const auto& p : paths) {
    if (fs::is_directory(p, ec)) {
      for (auto& f : config_files_in(p, true)) files.push_back(std::move(f));
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      throw UsageError("'" + p + "' does not exist");
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  std::vector<ConfigFields> configs;
  std::vector<std::string> unreadable;
  for (const auto& f : files) {
    if (auto c = read_config_fields(f, f, *data.registry)) configs.push_back(std::move(*c));
    else unreadable.push_back(f);
  }
  std::vector<FieldRow> rows = field_census(configs);
  if (o.format == "json") write_json(std::cout, rows, configs.size(), unreadable);
  else write_text(std::cout, rows, configs.size(), unreadable);
  return exit_code::kClean;
}

}  // namespace aic
