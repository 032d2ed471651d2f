#include "cli/import_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "assist/field_census.h"
#include "assist/phase1_advice.h"
#include "cli/exit_codes.h"
#include "core/errors.h"
#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "report/reporter.h"
#include "rules/model_id.h"

namespace aic {

namespace fs = std::filesystem;

void add_import_command(CLI::App& app, ImportOptions& o) {
  CLI::App* import = app.add_subcommand(
      "import", "Add a model's config.json to model_configs/ under its HuggingFace id, lint it, and report "
                "new fields, missing fields and registration (Phase 1)");
  import->add_option("config", o.config, "The model's config.json")->required();
  import->add_option("--hf-id", o.hf_id, "The model's HuggingFace id, ORG/MODEL")->required();
  import->add_option("--quant", o.quant, "The model's hf_quant_config.json (ModelOpt side-car)");
  import->add_option("--into", o.into, "The model_configs directory (default ./model_configs)");
  import->add_flag("--force", o.force, "Overwrite existing files");
  import->add_option("--fail-on", o.fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->default_str("error");
  import->add_option("--registry", o.registry_file,
                     "Architecture registry JSON to use instead of the embedded rules/architectures.json");
  import->add_option("--registry-source", o.registry_source,
                     "aiconfigurator's sdk/common.py: use the architectures it registers");
}

namespace {

std::string read_bytes(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(std::string("cannot read ") + what + " '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw UsageError(std::string("cannot read ") + what + " '" + path + "'");
  return text.str();
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush())
    throw UsageError("cannot write '" + path + "'");
}

void print_advice(std::ostream& out, const Phase1Advice& a, const std::string& hf_id, const std::string& dir,
                  const ArchitectureRegistry& registry) {
  out << "\nPhase 1 report for " << hf_id << "\n";
  if (a.architecture.empty()) {
    out << "  architectures[0] is missing or not a string (see AIC301 above): nothing more to say\n";
    return;
  }
  if (a.registered)
    out << "  architecture " << a.architecture << ": registered (family " << a.registered->family
        << ", profile " << a.registered->profile << ")\n";
  else
    out << "  architecture " << a.architecture << ": NOT registered (read below as profile "
        << (a.profile ? a.profile->name : "?") << ")\n";

  out << "\n  new fields (step 3): ";
  if (a.compared_with == 0) {
    out << dir << " holds no other config to compare with\n";
  } else if (a.new_fields.empty()) {
    out << "none; every field is in another config of " << dir << " (" << a.compared_with << " compared)\n";
  } else {
    out << "in no other config of " << dir << " (" << a.compared_with << " compared)\n";
    for (const auto& f : a.new_fields) {
      out << "    " << f.key << ": ";
      if (f.read) out << "read by aiconfigurator" << (f.per_layer ? " (a per-layer pattern)" : "");
      else if (!f.alias_note.empty()) out << "not read; " << f.alias_note;
      else if (!f.typo_of.empty()) out << "not read; looks like a misspelling of '" << f.typo_of << "'";
      else out << "not read by aiconfigurator for this architecture";
      out << "\n";
    }
  }

  out << "\n  fields the parser needs (step 4): ";
  if (a.missing_required.empty()) {
    out << "all present\n";
  } else {
    out << a.missing_required.size() << " missing\n";
    for (const auto& m : a.missing_required) out << "    " << m.key << ": " << m.consequence << "\n";
  }
  if (!a.missing_recommended.empty()) {
    out << "  read with a default that is wrong for this family:\n";
    for (const auto& m : a.missing_recommended) out << "    " << m.key << ": " << m.consequence << "\n";
  }

  if (a.guess) {
    const FamilyGuess& g = *a.guess;
    out << "\n  registration (Phase 2): aiconfigurator raises \"architecture " << a.architecture
        << " not supported\" until it is added to ARCHITECTURE_TO_MODEL_FAMILY in sdk/common.py";
    bool nested = g.entry_json.find("\"text_config\": true") != std::string::npos;
    if (nested) out << " (and to MULTIMODAL_TEXT_CONFIG_KEY: its LLM fields are under text_config)";
    out << "\n  closest family: " << g.family << " (profile " << g.profile << ")\n";
    if (!g.by_model_type.empty())
      out << "    by model_type: the model_type of " << g.by_model_type << " ("
          << registry.find_architecture(g.by_model_type)->family << ")\n";
    if (!g.by_name.empty())
      out << "    by name: closest registered architecture " << g.by_name << " ("
          << registry.find_architecture(g.by_name)->family << ")\n";
    if (!g.by_keys.empty()) out << "    by fields: the config's keys fit family " << g.by_keys << " best\n";
    out << "  then add to \"architectures\" in rules/architectures.json (or your --registry file):\n"
        << g.entry_json << "\n";
  }
}

}  // namespace

int run_import(const ImportOptions& o) {
  if (std::string problem = model_id::hf_id_problem(o.hf_id); !problem.empty())
    throw UsageError("--hf-id: " + problem);
  std::string id = o.hf_id.substr(0, o.hf_id.find('/')) + "--" + o.hf_id.substr(o.hf_id.find('/') + 1);
  std::string config_bytes = read_bytes(o.config, "config");
  std::string quant_bytes = o.quant.empty() ? std::string() : read_bytes(o.quant, "side-car");

  std::error_code ec;
  if (!fs::is_directory(o.into, ec)) {
    if (fs::exists(o.into, ec)) throw UsageError("--into: '" + o.into + "' is not a directory");
    fs::create_directories(o.into, ec);
    if (ec) throw UsageError("--into: cannot create '" + o.into + "': " + ec.message());
  }
  std::string config_path = (fs::path(o.into) / (id + std::string(model_id::kConfigSuffix))).string();
  std::string quant_path = (fs::path(o.into) / (id + std::string(model_id::kSideCarSuffix))).string();
  std::vector<std::string> targets = {config_path};
  if (!o.quant.empty()) targets.push_back(quant_path);
  if (!o.force)
    for (const auto& t : targets)
      if (fs::exists(fs::symlink_status(t, ec)))
        throw UsageError("'" + t + "' already exists; not overwritten (pass --force to replace it)");
  // Load the registry before writing anything: a bad --registry must not leave files behind.
  LintData data = load_lint_data({o.registry_file, "", o.registry_source});

  write_bytes(config_path, config_bytes);
  std::cout << "wrote " << config_path << " (" << config_bytes.size() << " bytes, as given)\n";
  if (!o.quant.empty()) {
    write_bytes(quant_path, quant_bytes);
    std::cout << "wrote " << quant_path << " (" << quant_bytes.size() << " bytes, as given)\n";
  }
  std::cout << "\n";

  // Lint the new files; repository rules read their siblings in the directory from disk.
  LintResult result = lint_paths(targets, LintOptions{}, data);
  auto reporter = make_reporter("text", ReportOptions{});
  reporter->write(std::cout, Report{result.diagnostics, result.files, result.file_names});

  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseNanAndInfFlag>(config_bytes.data(), config_bytes.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    std::cout << "\nPhase 1 report for " << o.hf_id
              << ": the config is not a JSON object aiconfigurator can load (see above); fix that first\n";
  } else {
    std::vector<ConfigFields> others;
    for (const auto& path : config_files_in(o.into, false)) {
      if (fs::equivalent(path, config_path, ec)) continue;
      if (auto f = read_config_fields(path, path, *data.registry)) others.push_back(std::move(*f));
    }
    print_advice(std::cout, phase1_advice(doc, others, *data.registry), o.hf_id, o.into, *data.registry);
  }
  std::cout.flush();

  Severity threshold = parse_severity(o.fail_on).value_or(Severity::error);
  for (const Diagnostic& d : result.diagnostics)
    if (d.severity >= threshold) return exit_code::kFindings;
  return exit_code::kClean;
}

}  // namespace aic
