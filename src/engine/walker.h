#pragma once
// Finds the files to lint: named files as they are, directories walked recursively for *.json,
// in a deterministic order. Never opens a file for reading.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace aic {

struct WalkOptions {
  bool follow_symlinks = false;  // follow links that leave the walked tree
};

struct WalkEntry {
  std::string path;          // to open
  std::string display_path;  // to report (printable)
  std::uintmax_t size = 0;
  std::string root;          // the directory argument this file was found under ("" if named)
  std::optional<Diagnostic> skipped;  // set when the entry is reported but not read
};

// Raises UsageError (exit 2) for a named path that does not exist.
std::vector<WalkEntry> walk_paths(const std::vector<std::string>& paths, const WalkOptions& options);

// A path as printed: control characters and invalid UTF-8 made visible.
std::string display_path(const std::string& path);

}  // namespace aic
