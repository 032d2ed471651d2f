#include "engine/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

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

std::string normal_directory_of(const std::string& file_path) {
  std::string dir = fs::path(file_path).parent_path().lexically_normal().string();
  // lexically_normal keeps a trailing '/' where the path ended with "." or ".." ("d/." -> "d/").
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (dir == ".") dir.clear();
  return dir;
}

DirectoryHandle::~DirectoryHandle() { ::close(fd_); }

std::size_t directories_to_keep_open() {
  // A quarter of the descriptors a process may open, at most 256 (the usual limit is 1,024): the
  // walk and the hook's context each keep at most this many, and the file stage opens one file
  // per thread besides.
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 256;
  return std::min<std::size_t>(256, static_cast<std::size_t>(limit.rlim_cur / 4));
}

const char* WalkEntry::name() const {
  std::size_t slash = path.rfind('/');
  return path.c_str() + (slash == std::string::npos ? 0 : slash + 1);
}

namespace {



// An entry reported but not read (a link out of the tree, a FIFO, an unreadable directory).
WalkEntry skipped_entry(std::string path, std::string shown, bool named, const RuleInfo& rule,
                        std::string message) {
  auto diagnostic = std::make_unique<Diagnostic>(file_level_diagnostic(shown, rule, std::move(message)));
  return {std::move(path), std::move(shown), std::nullopt, named, std::move(diagnostic), nullptr};
}

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
    visited_.clear();
    walk_dir(fs::path(arg), root_);
  }

 private:
  // One directory: readdir gives each entry's type, so a regular *.json costs nothing more here
  // (no stat); only links, directories and file systems that report no type take the
  // std::filesystem path.
  void walk_dir(const fs::path& dir, const fs::path& canonical) {
    if (!visited_.insert(canonical.string()).second) return;  // a loop through links inside the tree
    const std::string dir_string = dir.string();
    DIR* handle = ::opendir(dir_string.empty() ? "." : dir_string.c_str());
    if (!handle) {
      if (errno == EACCES) return;  // as directory_options::skip_permission_denied does
      std::string shown = display_path(dir_string);
      out_.push_back(skipped_entry(dir_string, shown, false, json_rules::kFileUnreadable,
                                    "cannot read directory: " + std::error_code(errno, std::generic_category()).message()));
      return;
    }
    // The names in one buffer, sorted as views: one allocation per directory, not one per name.
    struct Listed {
      std::string_view name;  // into `names`, once it is complete
      std::size_t offset;
      unsigned char type;  // d_type
      bool operator<(const Listed& o) const { return name < o.name; }
    };
    std::string names;
    std::vector<Listed> listed;
    while (const dirent* e = ::readdir(handle)) {
      std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      listed.push_back({name, names.size(), e->d_type});
      names += name;
    }
    for (Listed& l : listed) l.name = std::string_view(names.data() + l.offset, l.name.size());
    std::sort(listed.begin(), listed.end());  // by name (names in a directory are unique)
    // dir / name, as fs::path's operator/ joins them.
    std::string prefix = dir_string;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    std::shared_ptr<const DirectoryHandle> kept;
    if (directories_kept_ < directories_to_keep_) {
      int fd = ::fcntl(::dirfd(handle), F_DUPFD_CLOEXEC, 0);
      if (fd >= 0) {
        kept = std::make_shared<const DirectoryHandle>(fd);
        ++directories_kept_;
      }
    }
    for (const Listed& l : listed) visit(handle, kept, prefix, l.name, l.type);
    ::closedir(handle);
  }

  void visit(DIR* dir, const std::shared_ptr<const DirectoryHandle>& kept, const std::string& prefix,
             std::string_view name, unsigned char d_type) {
    // path.extension() == ".json", without building paths: ".json" alone is a stem, no extension.
    bool is_json = name.size() > 5 && name.ends_with(".json");
    if (d_type == DT_REG && !is_json) return;  // the common case of a file to leave alone
    std::string path_string = prefix;
    path_string += name;
    std::optional<std::uint64_t> size;
    if (d_type == DT_UNKNOWN) {  // some file systems: ask
      struct stat st {};
      if (::fstatat(::dirfd(dir), path_string.c_str() + prefix.size(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return;  // vanished
      d_type = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
      if (d_type == DT_REG) size = static_cast<std::uint64_t>(st.st_size);
    }
    if (d_type == DT_REG) {
      // No stat: the reader's fstat says whether it is still regular, and its size.
      if (is_json) {
        std::string shown = display_path(path_string);
        out_.push_back({std::move(path_string), std::move(shown), size, false, nullptr, kept});
      }
      return;
    }
    fs::path path(path_string);
    std::error_code ec;
    if (d_type == DT_DIR) {
      if (!name.empty() && name[0] == '.') return;  // .git, .cache, ...
      walk_dir(path, fs::weakly_canonical(path, ec));
      return;
    }
    if (d_type == DT_LNK) {
      std::string shown = display_path(path_string);
      fs::path target = fs::canonical(path, ec);
      if (ec) {
        if (is_json)
          out_.push_back(skipped_entry(path_string, shown, false, json_rules::kSymlinkOutside,
                                    "symbolic link that dangles or loops; not followed"));
        return;
      }
      bool inside = is_within(target, root_);
      auto status = fs::status(target, ec);
      if (!inside && !options_.follow_symlinks) {
        if (is_json || status.type() == fs::file_type::directory)
          out_.push_back(skipped_entry(path_string, shown, false, json_rules::kSymlinkOutside,
                                    "symbolic link to a path outside the linted tree; not followed "
                                     "(use --follow-symlinks to lint it)"));
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
    if (!is_json) return;  // FIFO, socket, device
    add_file(path, display_path(path_string), fs::file_status(fs::file_type::unknown));
  }

  void add_file(const fs::path& path, const std::string& shown, const fs::file_status& status) {
    if (status.type() != fs::file_type::regular) {
      out_.push_back(skipped_entry(path.string(), shown, false, json_rules::kNotRegularFile,
                                    "not a regular file (FIFO, socket or device); not read"));
      return;
    }
    std::error_code ec;
    auto size = fs::file_size(path, ec);  // the one stat per file
    if (ec == std::errc::no_such_file_or_directory) return;  // vanished since the listing
    out_.push_back({path.string(), shown, ec ? std::nullopt : std::optional<std::uint64_t>(size), false, nullptr, nullptr});
  }

  const WalkOptions& options_;
  std::vector<WalkEntry>& out_;
  fs::path root_;
  std::set<std::string> visited_;
  std::size_t directories_kept_ = 0;
  const std::size_t directories_to_keep_ = directories_to_keep_open();
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
        out.push_back(skipped_entry(arg, shown, true, json_rules::kSymlinkOutside,
                                    "symbolic link to a path outside the working directory; not "
                                  "followed (use --follow-symlinks to lint it)"));
        continue;
      }
    }
    if (status.type() != fs::file_type::regular) {
      out.push_back(skipped_entry(arg, shown, true, json_rules::kNotRegularFile,
                                    "not a regular file (FIFO, socket or device); not read"));
      continue;
    }
    auto size = fs::file_size(arg, ec);
    out.push_back({arg, shown, ec ? std::nullopt : std::optional<std::uint64_t>(size), true, nullptr, nullptr});
  }
  // Deterministic order; a file named twice (or reached twice) is linted once.
  auto by_display = [](const WalkEntry& a, const WalkEntry& b) { return a.display_path < b.display_path; };
  // One walked directory comes out sorted already: skip the merge sort's moves of every entry.
  if (!std::is_sorted(out.begin(), out.end(), by_display)) std::stable_sort(out.begin(), out.end(), by_display);
  out.erase(std::unique(out.begin(), out.end(),
                        [](const WalkEntry& a, const WalkEntry& b) {
                          return a.display_path == b.display_path;
                        }),
            out.end());
  return out;
}

}  // namespace aic
