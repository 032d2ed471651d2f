#pragma once
// Finds the files to lint: named files as they are, directories walked recursively for *.json,
// in a deterministic order. Never opens a file for reading.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace aic {

struct WalkOptions {
  bool follow_symlinks = false;  // follow links that leave the walked tree
};

// A directory the walk listed, kept open so that its files are opened relative to it (openat):
// the kernel then looks up one path component per file, not every one (about 1 us a file).
class DirectoryHandle {
 public:
  explicit DirectoryHandle(int fd) : fd_(fd) {}
  ~DirectoryHandle();
  DirectoryHandle(const DirectoryHandle&) = delete;
  DirectoryHandle& operator=(const DirectoryHandle&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// How many directories the walk (and, apart, a hook's context) keeps open at most: a quarter of
// the limit on open descriptors (RLIMIT_NOFILE), at most 256.
std::size_t directories_to_keep_open();

struct WalkEntry {
  std::string path;          // to open
  std::string display_path;  // to report (printable)
  // Known where a stat was needed anyway (named files, links, file systems whose listing gives no
  // type); a regular file found in a directory is not stat'ed: opening it tells (on 10,000 files
  // a stat each was a third of the run, and serial).
  std::optional<std::uint64_t> size;
  bool named = false;  // named on the command line (not found by walking a directory)
  std::unique_ptr<Diagnostic> skipped;  // set when the entry is reported but not read
  // The open directory `path` is in, for regular files found by the walk (the first directories
  // only: open descriptors are limited); `path` then ends with the file's name in it.
  std::shared_ptr<const DirectoryHandle> directory;

  const char* name() const;  // after the last '/'
};

// Raises UsageError (exit 2) for a named path that does not exist.
std::vector<WalkEntry> walk_paths(const std::vector<std::string>& paths, const WalkOptions& options);

// A path as printed: control characters and invalid UTF-8 made visible.
std::string display_path(const std::string& path);

// The directory `file_path` is in, in one spelling per directory as far as the text of the path
// can tell (no file-system access): lexically normal, no trailing '/', "" for the current one.
// "d/./f", "d/f" and "x/../d/f" all give "d".
std::string normal_directory_of(const std::string& file_path);

}  // namespace aic
