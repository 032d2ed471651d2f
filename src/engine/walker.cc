#include "engine/walker.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "core/errors.h"
#include "core/json_rules.h"
#include "core/source_file.h"

namespace fs = std::filesystem;

namespace aic {

std::string display_path(const std::string& path) {
  std::string_view shown = path;
  while (shown.size() > 2 && shown.substr(0, 2) == "./") shown.remove_prefix(2);
  return make_printable_path(shown);
}

namespace {


bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return o == outer.end();
}

class Walker {
 public:
  Walker(const WalkOptions& options, std::vector<WalkEntry>& out) : options_(options), out_(out) {}

  void walk_root(const std::string& arg) {
    std::error_code ec;
    root_ = fs::weakly_canonical(fs::path(arg), ec);  // the root itself may be a symlink
    root_arg_ = arg;
    visited_.clear();
    walk_dir(fs::path(arg), root_);
  }

 private:
  void walk_dir(const fs::path& dir, const fs::path& canonical) {
    if (!visited_.insert(canonical.string()).second) return;  // a loop through links inside the tree
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      entries.push_back(*it);
      names.push_back(entries.back().path().filename().string());
    }
    if (ec) {
      std::string shown = display_path(dir.string());
      out_.push_back({dir.string(), shown, 0, root_arg_,
                      file_level_diagnostic(shown, json_rules::kFileUnreadable,
                                 "cannot read directory: " + ec.message())});
      return;
    }
    // By name, compared as strings (comparing paths builds new paths on every comparison).
    std::vector<std::size_t> order(entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
    for (std::size_t i : order) visit(entries[i], names[i]);
  }

  void visit(const fs::directory_entry& entry, const std::string& name) {
    const fs::path& path = entry.path();
    std::error_code ec;
    // The type readdir reported (an lstat only where the file system gives none).
    auto link_status = entry.symlink_status(ec);
    if (ec) return;  // vanished between listing and stat: nothing to lint
    if (link_status.type() == fs::file_type::directory) {
      if (!name.empty() && name[0] == '.') return;  // .git, .cache, ...
      walk_dir(path, fs::weakly_canonical(path, ec));
      return;
    }
    // path.extension() == ".json", without building paths: ".json" alone is a stem, no extension.
    bool is_json = name.size() > 5 && name.ends_with(".json");
    if (link_status.type() == fs::file_type::symlink) {
      std::string shown = display_path(path.string());
      fs::path target = fs::canonical(path, ec);
      if (ec) {
        if (is_json)
          out_.push_back({path.string(), shown, 0, root_arg_,
                          file_level_diagnostic(shown, json_rules::kSymlinkOutside,
                                     "symbolic link that dangles or loops; not followed")});
        return;
      }
      bool inside = is_within(target, root_);
      auto status = fs::status(target, ec);
      if (!inside && !options_.follow_symlinks) {
        if (is_json || status.type() == fs::file_type::directory)
          out_.push_back({path.string(), shown, 0, root_arg_,
                          file_level_diagnostic(shown, json_rules::kSymlinkOutside,
                                     "symbolic link to a path outside the linted tree; not followed "
                                     "(use --follow-symlinks to lint it)")});
        return;
      }
      if (status.type() == fs::file_type::directory) {
        walk_dir(path, target);
        return;
      }
      if (!is_json) return;
      add_file(path, shown, status);
      return;
    }
    if (!is_json) return;
    add_file(path, display_path(path.string()), link_status);
  }

  void add_file(const fs::path& path, const std::string& shown, const fs::file_status& status) {
    if (status.type() != fs::file_type::regular) {
      out_.push_back({path.string(), shown, 0, root_arg_,
                      file_level_diagnostic(shown, json_rules::kNotRegularFile,
                                 "not a regular file (FIFO, socket or device); not read")});
      return;
    }
    std::error_code ec;
    auto size = fs::file_size(path, ec);  // the one stat per file
    if (ec == std::errc::no_such_file_or_directory) return;  // vanished since the listing
    out_.push_back({path.string(), shown, ec ? 0 : size, root_arg_, std::nullopt});
  }

  const WalkOptions& options_;
  std::vector<WalkEntry>& out_;
  fs::path root_;
  std::string root_arg_;
  std::set<std::string> visited_;
};

}  // namespace

std::vector<WalkEntry> walk_paths(const std::vector<std::string>& paths, const WalkOptions& options) {
  std::vector<WalkEntry> out;
  Walker walker(options, out);
  for (const std::string& arg : paths) {
    std::error_code ec;
    auto status = fs::status(arg, ec);  // follows a symlinked root, as the consumer does
    if (ec || status.type() == fs::file_type::not_found) {
      if (fs::symlink_status(arg, ec).type() == fs::file_type::symlink)
        throw UsageError("path '" + display_path(arg) + "' is a dangling symbolic link");
      throw UsageError("path '" + display_path(arg) + "' does not exist");
    }
    if (status.type() == fs::file_type::directory) {
      walker.walk_root(arg);
      continue;
    }
    std::string shown = display_path(arg);
    // A named file that is a link out of the working directory: a pre-commit hook passes the
    // files of a stranger's change by name, and one of them may point at a secret.
    if (!options.follow_symlinks && fs::symlink_status(arg, ec).type() == fs::file_type::symlink) {
      fs::path target = fs::canonical(arg, ec);
      if (ec || !is_within(target, fs::current_path(ec))) {
        out.push_back({arg, shown, 0, "",
                       file_level_diagnostic(shown, json_rules::kSymlinkOutside,
                                  "symbolic link to a path outside the working directory; not "
                                  "followed (use --follow-symlinks to lint it)")});
        continue;
      }
    }
    if (status.type() != fs::file_type::regular) {
      out.push_back({arg, shown, 0, "",
                     file_level_diagnostic(shown, json_rules::kNotRegularFile,
                                "not a regular file (FIFO, socket or device); not read")});
      continue;
    }
    out.push_back({arg, shown, fs::file_size(arg, ec), "", std::nullopt});
  }
  // Deterministic order; a file named twice (or reached twice) is linted once.
  std::stable_sort(out.begin(), out.end(),
                   [](const WalkEntry& a, const WalkEntry& b) { return a.display_path < b.display_path; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const WalkEntry& a, const WalkEntry& b) {
                          return a.display_path == b.display_path;
                        }),
            out.end());
  return out;
}

}  // namespace aic
