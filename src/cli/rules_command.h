#pragma once
// `aic-lint rules [CODE|NAME]`: list every rule, or print one rule's documentation.
#include <string>

#include <CLI/CLI.hpp>

namespace aic {

struct RulesOptions {
  std::string rule;
  std::string format = "text";
};

void add_rules_command(CLI::App& app, RulesOptions& options);
int run_rules(const RulesOptions& options);

}  // namespace aic
