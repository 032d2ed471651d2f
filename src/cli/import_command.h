#pragma once
// `aic-lint import CONFIG.json --hf-id ORG/MODEL`: the mechanical part of adding a model (the seed
// guide's Phase 1): copy the config (and side-car) under the right names, lint them among their
// future siblings, and say which fields are new, whether the parser's fields are all there, and
// what registering a new architecture takes.
#include <string>

#include <CLI/CLI.hpp>

namespace aic {

struct ImportOptions {
  std::string config;            // the model's config.json
  std::string hf_id;             // ORG/MODEL
  std::string quant;             // optional hf_quant_config.json
  std::string into = "model_configs";
  bool force = false;
  std::string fail_on = "error";
  std::string registry_file;     // --registry
  std::string registry_source;   // --registry-source
};

void add_import_command(CLI::App& app, ImportOptions& options);
// Exit codes as check: 0 clean, 1 findings at or above --fail-on, 2 usage (bad id, refusal to
// overwrite, unreadable input).
int run_import(const ImportOptions& options);

}  // namespace aic
