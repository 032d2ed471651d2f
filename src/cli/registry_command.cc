#include "cli/registry_command.h"

#include <iostream>

#include "cli/exit_codes.h"
#include "engine/lint_data_loader.h"
#include "registry/architecture_registry.h"
#include "registry/registry_source.h"

namespace aic {

void add_registry_command(CLI::App& app, RegistryOptions& o) {
  CLI::App* registry = app.add_subcommand("registry", "Compare the architecture registry with aiconfigurator's");
  registry->require_subcommand(1);
  CLI::App* diff = registry->add_subcommand(
      "diff", "Print what differs between aiconfigurator's sdk/common.py tables and aic-lint's registry");
  diff->add_option("source", o.source, "aiconfigurator's sdk/common.py")->required();
  diff->add_option("--registry", o.registry_file,
                   "Architecture registry JSON to compare instead of the embedded rules/architectures.json");
}

namespace {

std::string nesting_name(const std::string& key) { return key.empty() ? "the top level" : "'" + key + "'"; }

}  // namespace

int run_registry(const RegistryOptions& o) {
  RegistrySource source = load_registry_source(o.source);
  ArchitectureRegistry registry = load_registry(o.registry_file);
  RegistryDiff d = diff_registry(source, registry);
  std::string ours = o.registry_file.empty() ? "aic-lint's embedded rules/architectures.json" : o.registry_file;
  std::ostream& out = std::cout;
  out << "upstream: " << source.path << " (" << source.families.size() << " architectures, "
      << source.nesting.size() << " nested)\n";
  out << "aic-lint: " << ours << " (" << registry.architectures().size() << " architectures)\n";

  if (!d.only_upstream.empty()) {
    out << "\nonly upstream (aiconfigurator accepts them, aic-lint reports them as unregistered):\n";
    for (const auto& name : d.only_upstream) {
      const auto& e = source.families.at(name);
      out << "  " << name << ": family " << e.value << " (" << source.path << ":" << e.line << ":" << e.column << ")\n";
    }
    out << "  add to \"architectures\" in rules/architectures.json (fill in model_types from real "
           "checkpoints' model_type):\n";
    for (std::size_t i = 0; i < d.only_upstream.size(); ++i) {
      const std::string& name = d.only_upstream[i];
      Architecture a;
      a.name = name;
      a.family = source.families.at(name).value;
      const Family* f = registry.find_family(a.family);
      a.profile = f ? f->default_profile : "GENERIC";
      a.text_config = source.nesting.count(name) > 0;
      a.model_types = {"<model_type>"};
      out << registry_entry_json(a) << (i + 1 < d.only_upstream.size() ? ",\n" : "\n");
    }
  }
  if (!d.only_ours.empty()) {
    out << "\nonly in aic-lint's registry (aiconfigurator rejects them: remove, or they were removed upstream):\n";
    for (const auto& name : d.only_ours)
      out << "  " << name << ": family " << registry.find_architecture(name)->family << "\n";
  }
  if (!d.family_changes.empty()) {
    out << "\nfamily differs:\n";
    for (const auto& c : d.family_changes)
      out << "  " << c.architecture << ": upstream " << c.upstream << ", aic-lint " << c.ours << "\n";
  }
  if (!d.nesting_changes.empty()) {
    out << "\nnesting differs (where the LLM fields are read):\n";
    for (const auto& c : d.nesting_changes)
      out << "  " << c.architecture << ": upstream " << nesting_name(c.upstream) << ", aic-lint "
          << nesting_name(c.ours) << "\n";
  }
  if (!d.unknown_families.empty()) {
    out << "\nupstream families aic-lint has no entry for (add them under \"families\" with a default_profile):\n";
    for (const auto& f : d.unknown_families) out << "  " << f << "\n";
  }
  if (!d.nesting_unregistered.empty()) {
    out << "\nnote: MULTIMODAL_TEXT_CONFIG_KEY lists architectures ARCHITECTURE_TO_MODEL_FAMILY does not "
           "register (never used upstream):\n";
    for (const auto& name : d.nesting_unregistered) out << "  " << name << "\n";
  }
  if (d.empty()) {
    out << "\nno differences\n";
    return exit_code::kClean;
  }
  out << "\n" << d.count() << (d.count() == 1 ? " difference\n" : " differences\n");
  return exit_code::kFindings;
}

}  // namespace aic
