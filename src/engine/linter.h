#pragma once
// The pipeline: walk -> read -> parse -> schema -> per-file rules -> repository rules -> sort.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/json_document.h"
#include "engine/lint_data.h"
#include "engine/phase_timer.h"
#include "engine/walker.h"
#include "rules/rule.h"

namespace aic {

struct LintOptions {
  ParseOptions parse;
  WalkOptions walk;
  std::uint64_t max_file_size = 64ull << 20;
  unsigned jobs = 0;  // 0: one per core
  PhaseTimer* timer = nullptr;  // marks the run's phases, if given
};

struct LintResult {
  std::vector<Diagnostic> diagnostics;  // sorted
  std::size_t files = 0;
  std::vector<std::string> file_names;  // display paths of the linted files, sorted
  // The run's per-file state (walk entries, summaries), handed over with the result rather than
  // freed on return, so that a caller about to exit can skip freeing it (cli/check_command.cc).
  std::shared_ptr<const void> working_set;
};

// Lints the given paths. Throws UsageError only for problems with the paths themselves.
LintResult lint_paths(const std::vector<std::string>& paths, const LintOptions& options,
                      const LintData& data);

// One file through the per-file pipeline. `summary` receives what repository rules need.
// With run_checks false (a sibling read only for repository rules), the file is parsed and
// summarized but neither validated nor checked. With hash_content, summary.content_hash is
// filled too (lint_paths asks for it only where AIC405 may need it: engine/content_identity.h).
std::vector<Diagnostic> lint_file(const WalkEntry& entry, const LintOptions& options,
                                  const LintData& data, FileSummary& summary, bool run_checks = true,
                                  bool hash_content = false);

// Per-file pipeline on bytes already in memory (used by the fuzzer and the import command).
std::vector<Diagnostic> lint_bytes(const std::string& display_path, FileBytes bytes,
                                   const LintOptions& options, const LintData& data,
                                   FileSummary& summary, const std::string& fs_path = {},
                                   bool run_checks = true, bool hash_content = false);

// lint_bytes on a file's mapping (FileBytes::map). A file that another process truncates
// meanwhile (or whose pages fail to read) is reported unreadable (AIC001), not linted: what was
// read of it is not the file.
std::vector<Diagnostic> lint_mapped(const std::string& display_path, FileBytes mapped,
                                    const LintOptions& options, const LintData& data,
                                    FileSummary& summary, const std::string& fs_path = {},
                                    bool run_checks = true, bool hash_content = false);

}  // namespace aic
