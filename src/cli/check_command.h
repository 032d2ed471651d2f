#pragma once
// `aic-lint check [PATH...]`: lint files and directories, report, and set the exit code.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/diagnostic.h"

namespace aic {

struct CheckOptions {
  std::vector<std::string> paths;
  std::vector<std::string> formats;  // NAME or NAME:FILE; none: the config file's, else text
  std::string output;                // -o: where formats without :FILE go; empty = stdout
  std::string fail_on;               // empty: the config file's, else error
  bool exit_zero = false;
  bool quiet = false;
  std::string color = "auto";
  unsigned jobs = 0;
  std::uint64_t max_file_size = 64ull << 20;
  std::size_t max_depth = 128;
  bool follow_symlinks = false;
  std::string registry_file;  // --registry
  std::string schema_dir;     // --schema-dir
  std::string registry_source;  // --registry-source: aiconfigurator's sdk/common.py
  std::string config_file;    // --config; empty: discover .aic-lint.json
  bool no_config = false;     // --no-config
  std::vector<std::string> select, ignore;  // comma-separated rule codes, names, prefixes
  bool statistics = false;
  bool show_settings = false;
};

void add_check_command(CLI::App& app, CheckOptions& options);
int run_check(const CheckOptions& options);

}  // namespace aic
