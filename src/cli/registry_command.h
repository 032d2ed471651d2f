#pragma once
// `aic-lint registry diff PATH/TO/common.py`: compare aiconfigurator's architecture tables
// (ARCHITECTURE_TO_MODEL_FAMILY, MULTIMODAL_TEXT_CONFIG_KEY) with the registry aic-lint uses.
#include <string>

#include <CLI/CLI.hpp>

namespace aic {

struct RegistryOptions {
  std::string source;         // path to aiconfigurator's sdk/common.py
  std::string registry_file;  // --registry; empty: embedded rules/architectures.json
};

void add_registry_command(CLI::App& app, RegistryOptions& options);
// Exit 0 when the tables agree, 1 when they differ; UsageError (exit 2) when a file is unreadable.
int run_registry(const RegistryOptions& options);

}  // namespace aic
