// aic-lint: a linter and validation gate for aiconfigurator's model_configs/.
#include <algorithm>
#include <cstring>
#include <iterator>
#include <string_view>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/check_command.h"
#include "cli/exit_codes.h"
#include "cli/fields_command.h"
#include "cli/import_command.h"
#include "cli/registry_command.h"
#include "cli/rules_command.h"
#include "core/assets.h"
#include "core/errors.h"

namespace {

const char* const kSubcommands[] = {"check", "rules", "registry", "import", "fields"};

// `aic-lint PATH...` means `aic-lint check PATH...`.
std::vector<std::string> with_default_subcommand(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty()) {
    const std::string& first = args.front();
    for (const char* sub : kSubcommands)
      if (first == sub) return args;
    if (first == "--version" || first == "-V" || first == "--help" || first == "-h") return args;
  }
  args.insert(args.begin(), "check");
  return args;
}

std::string version_text() {
  return std::string("aic-lint ") + AIC_VERSION + " (schemas and rules data sha256:" +
         std::string(aic::embedded_assets_digest()) + ")";
}

}  // namespace

int main(int argc, char** argv) {
  auto logger = spdlog::stderr_color_mt("aic-lint");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::warn);
  spdlog::set_pattern("aic-lint: %l: %v");

  CLI::App app{"aic-lint: lint aiconfigurator model_configs/ (HuggingFace config.json files)"};
  app.set_version_flag("-V,--version", version_text());
  app.require_subcommand(1);
  int verbosity = 0;
  app.add_flag("-v,--verbose", verbosity, "Debug logging to stderr")->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  std::vector<std::string> args = with_default_subcommand(argc, argv);
  // Only the subcommand named is set up (all of them for the top-level --help and --version):
  // CLI11's set-up of the five was about a tenth of a pre-commit call on one small file.
  auto wanted = [&](std::string_view sub) {
    return std::find(std::begin(kSubcommands), std::end(kSubcommands), args.front()) ==
               std::end(kSubcommands) ||
           args.front() == sub;
  };
  aic::CheckOptions check;
  aic::RulesOptions rules;
  aic::RegistryOptions registry;
  aic::ImportOptions import;
  aic::FieldsOptions fields;
  if (wanted("check")) aic::add_check_command(app, check);
  if (wanted("rules")) aic::add_rules_command(app, rules);
  if (wanted("registry")) aic::add_registry_command(app, registry);
  if (wanted("import")) aic::add_import_command(app, import);
  if (wanted("fields")) aic::add_fields_command(app, fields);
  for (CLI::App* sub : app.get_subcommands({})) sub->fallthrough();

  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments reversed
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? aic::exit_code::kClean : aic::exit_code::kUsage;
  }
  if (verbosity > 0) spdlog::set_level(spdlog::level::debug);

  // The subcommand parsed (require_subcommand(1)); got_subcommand() would throw for one not set up.
  std::vector<CLI::App*> parsed = app.get_subcommands();
  std::string chosen = parsed.empty() ? "check" : parsed.front()->get_name();
  try {
    if (chosen == "rules") return aic::run_rules(rules);
    if (chosen == "registry") return aic::run_registry(registry);
    if (chosen == "import") return aic::run_import(import);
    if (chosen == "fields") return aic::run_fields(fields);
    return aic::run_check(check);
  } catch (const aic::PositionedError& e) {
    std::cerr << e.what() << '\n';
    return aic::exit_code::kUsage;
  } catch (const aic::UsageError& e) {
    std::cerr << "aic-lint: error: " << e.what() << '\n';
    return aic::exit_code::kUsage;
  } catch (const std::exception& e) {
    std::cerr << "aic-lint: internal error: " << e.what() << '\n';
    return aic::exit_code::kUsage;
  }
}
