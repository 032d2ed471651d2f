#pragma once
// `aic-lint fields [PATH]`: a census of the keys of a model_configs directory: how many configs
// carry each key, in which families, and whether aiconfigurator reads it. A reviewer spots a new
// field or a stray spelling across the repository at a glance.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace aic {

struct FieldsOptions {
  std::vector<std::string> paths;  // directories (walked) or config files; default ./model_configs
  std::string format = "text";
  std::string registry_file;       // --registry
  std::string registry_source;     // --registry-source
};

void add_fields_command(CLI::App& app, FieldsOptions& options);
int run_fields(const FieldsOptions& options);

}  // namespace aic
