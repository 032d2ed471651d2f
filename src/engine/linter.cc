#include "engine/linter.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>
#include <thread>

#include "core/huge_pages.h"
#include "core/truncation_guard.h"
#include "core/json_rules.h"
#include "core/source_file.h"
#include "engine/content_identity.h"
#include "engine/core_warmup.h"
#include "engine/file_queue.h"
#include "engine/file_reader.h"
#include "engine/schema_stage.h"
#include "engine/summary.h"
#include "rules/registry.h"

namespace fs = std::filesystem;

namespace aic {

namespace {


void init_summary(FileSummary& summary, const std::string& fs_path, const std::string& display) {
  summary.path = fs_path;
  summary.display_path = display;
  // fs::path(p).filename(): what follows the last '/' (file paths never end with one).
  std::size_t slash = fs_path.rfind('/');
  summary.name_offset = slash == std::string::npos ? 0 : static_cast<std::uint32_t>(slash + 1);
  summary.kind = classify_file_name(summary.name());
}

// Runs `worker` on `threads` threads, this one among them, and waits for all.
void run_on_threads(unsigned threads, const std::function<void()>& worker) {
  std::vector<std::thread> others;
  for (unsigned t = 1; t < threads; ++t) others.emplace_back(worker);
  worker();
  for (auto& t : others) t.join();
}

// Runs `work(i)` for every i in [0, count) on `jobs` threads.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work) {
  if (jobs <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  run_on_threads(static_cast<unsigned>(std::min<std::size_t>(jobs, count)), [&] {
    for (std::size_t i = next++; i < count; i = next++) work(i);
  });
}

}  // namespace

std::vector<Diagnostic> lint_bytes(const std::string& display, FileBytes bytes,
                                   const LintOptions& options, const LintData& data,
                                   FileSummary& summary, const std::string& fs_path,
                                   bool run_checks, bool hash_content) {
  init_summary(summary, fs_path.empty() ? display : fs_path, display);
  summary.size = bytes.size();
  summary.bytes_read = true;
  if (hash_content) summary.content_hash = content_hash(bytes.view());
  SourceFile source(display, std::move(bytes));
  FileDiagnostics out(source);
  JsonDocument doc = JsonDocument::parse_in_place(source, out, options.parse);
  if (doc.has_root() && doc.root().IsObject()) {
    summary.parsed = true;
    summarize_document(doc, source, summary);
    if (!run_checks) return {};
    FileContext context{source, doc, out, summary.kind, data, summary.path};
    check_schema(context);
    for (const Rule* rule : file_rules()) rule->check(context);
  }
  return out.take();
}

std::vector<Diagnostic> lint_mapped(const std::string& display, FileBytes mapped, const LintOptions& options,
                                    const LintData& data, FileSummary& summary, const std::string& fs_path,
                                    bool run_checks, bool hash_content) {
  TruncationGuard guard(mapped);
  auto found = lint_bytes(display, std::move(mapped), options, data, summary, fs_path, run_checks, hash_content);
  if (!guard.truncated()) return found;
  summary = FileSummary();  // what was read is not the file
  init_summary(summary, fs_path.empty() ? display : fs_path, display);
  return {file_level_diagnostic(display, json_rules::kFileUnreadable,
                                "cannot read file: it was truncated by another process while being read "
                                "(or the file system failed to read it)")};
}

namespace {

OpenedFile open_entry(const WalkEntry& entry) {
  return entry.directory ? OpenedFile(entry.directory->fd(), entry.name(), entry.size)
                         : OpenedFile(entry.path, entry.size);
}

std::vector<Diagnostic> lint_opened(const WalkEntry& entry, OpenedFile& file, const LintOptions& options,
                                    const LintData& data, FileSummary& summary, bool run_checks,
                                    bool hash_content) {
  // A large file is mapped rather than read (see FileBytes); read if that fails.
  if (file.large())
    if (FileBytes mapped = file.map(options.max_file_size); mapped.mapped())
      return lint_mapped(entry.display_path, std::move(mapped), options, data, summary, entry.path, run_checks,
                         hash_content);
  ReadResult read = file.read(options.max_file_size);
  if (read.status == ReadResult::Status::ok)  // lint_bytes fills the summary's names
    return lint_bytes(entry.display_path, std::move(read.bytes), options, data, summary, entry.path,
                      run_checks, hash_content);
  init_summary(summary, entry.path, entry.display_path);
  switch (read.status) {
    case ReadResult::Status::ok:
      break;
    case ReadResult::Status::unreadable:
      return {file_level_diagnostic(entry.display_path, json_rules::kFileUnreadable,
                         "cannot read file: " + read.error)};
    case ReadResult::Status::not_regular:
      return {file_level_diagnostic(entry.display_path, json_rules::kNotRegularFile,
                         "not a regular file (FIFO, socket or device); not read")};
    case ReadResult::Status::too_large:
      return {file_level_diagnostic(entry.display_path, json_rules::kFileTooLarge,
                         "file is " + std::to_string(read.size) + " bytes, over the limit of " +
                             std::to_string(options.max_file_size) +
                             " bytes (--max-file-size); not read")};
  }
  return {};
}

}  // namespace

std::vector<Diagnostic> lint_file(const WalkEntry& entry, const LintOptions& options,
                                  const LintData& data, FileSummary& summary, bool run_checks,
                                  bool hash_content) {
  if (entry.skipped) {
    init_summary(summary, entry.path, entry.display_path);
    return {*entry.skipped};
  }
  OpenedFile file = open_entry(entry);
  return lint_opened(entry, file, options, data, summary, run_checks, hash_content);
}

namespace {

// Files beside the named ones that repository rules need (a pre-commit hook passes only the
// changed files): every *.json in their directories that the run does not already hold. Listed
// as the walk lists (readdir's types, names sorted as views, fstatat relative to the directory,
// which is kept open for the reads): a hook naming one file in a directory of 10,000 costs the
// listing, not a path object and a full-path stat per sibling.
std::vector<WalkEntry> context_siblings(const std::vector<WalkEntry>& entries) {
  // The named files' directories, one spelling per normal form (the first named).
  std::map<std::string, std::string> directories;  // normal form -> as named
  for (const auto& e : entries)
    if (e.named) directories.emplace(normal_directory_of(e.path), fs::path(e.path).parent_path().string());
  std::vector<WalkEntry> siblings;
  if (directories.empty()) return siblings;  // only walked directories: nothing beside them
  std::vector<std::string> have;  // every entry, normalized (named files and walked ones)
  have.reserve(entries.size());
  for (const auto& e : entries) have.push_back(fs::path(e.path).lexically_normal().string());
  std::sort(have.begin(), have.end());
  // Directories kept open for the reads, as many as the walk keeps at most (descriptors are
  // limited; a hook can name files in thousands of directories): past that, by path.
  const std::size_t to_keep = directories_to_keep_open();
  std::size_t kept_directories = 0;
  std::string normal_path;
  for (const auto& [normal, dir] : directories) {
    std::unique_ptr<DIR, int (*)(DIR*)> handle(::opendir(dir.empty() ? "." : dir.c_str()), ::closedir);
    if (!handle) continue;  // as before: a directory that cannot be listed gives no context
    // Candidate names, sorted (the entries then come out in path order): regular files only, not
    // symbolic links, by the type readdir gave or (file systems that give none) by a stat.
    std::vector<std::pair<std::string, bool>> names;  // name, type unknown
    while (const dirent* e = ::readdir(handle.get())) {
      std::string_view name = e->d_name;
      if ((e->d_type == DT_REG || e->d_type == DT_UNKNOWN) && name.size() > 5 && name.ends_with(".json"))
        names.emplace_back(name, e->d_type == DT_UNKNOWN);
    }
    std::sort(names.begin(), names.end());
    std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + '/';
    std::string normal_prefix = normal.empty() || normal.back() == '/' ? normal : normal + '/';
    std::shared_ptr<const DirectoryHandle> kept;
    for (const auto& [name, type_unknown] : names) {
      normal_path.assign(normal_prefix).append(name);
      if (std::binary_search(have.begin(), have.end(), normal_path)) continue;
      // Sizes matter for configs only (a byte-identical copy has the same size): a side-car
      // is not stat'ed unless its type is unknown. A stat is most of a sibling's cost.
      struct stat st {};
      bool stat_it = type_unknown || classify_file_name(name) == FileKind::config;
      bool regular = stat_it && ::fstatat(::dirfd(handle.get()), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                     S_ISREG(st.st_mode);
      if (type_unknown && !regular) continue;
      if (!kept && kept_directories < to_keep) {
        if (int fd = ::fcntl(::dirfd(handle.get()), F_DUPFD_CLOEXEC, 0); fd >= 0) {
          kept = std::make_shared<const DirectoryHandle>(fd);
          ++kept_directories;
        }
      }
      std::string path = prefix + name;
      std::string shown = display_path(path);
      siblings.push_back({std::move(path), std::move(shown),
                          regular ? std::optional<std::uint64_t>(st.st_size) : std::nullopt, false, nullptr, kept});
    }
  }
  if (directories.size() > 1)  // each directory's are in order already
    std::sort(siblings.begin(), siblings.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return siblings;
}

// The id a file name stands for ("Org--Model" for both the config and its side-car).
std::string_view file_id(std::string_view name) {
  for (std::string_view suffix : {"_hf_quant_config.json", "_config.json"})
    if (name.size() > suffix.size() && name.ends_with(suffix)) return name.substr(0, name.size() - suffix.size());
  return name;
}

// Which context siblings repository rules can use: the pair (config <-> side-car) of a linted
// file, and configs of the same size as a linted config (a byte-identical copy must have the same
// size) with their side-cars. Only those are read; the rest are known by name and size alone, so
// a hook run on one file does not parse the whole directory.
std::vector<bool> siblings_to_read(const std::vector<WalkEntry>& entries, std::size_t reported) {
  if (reported == entries.size()) return std::vector<bool>(entries.size(), true);  // no siblings
  std::unordered_set<std::string_view> ids;  // of the reported files, then of same-size configs
  std::set<std::optional<std::uint64_t>> config_sizes;  // sizes of named files are known
  for (std::size_t i = 0; i < reported; ++i) {
    std::string_view name = entries[i].name();
    ids.insert(file_id(name));
    if (classify_file_name(name) == FileKind::config) config_sizes.insert(entries[i].size);
  }
  std::vector<bool> read(entries.size(), true);
  for (std::size_t i = reported; i < entries.size(); ++i) {
    std::string_view name = entries[i].name();
    if (classify_file_name(name) == FileKind::config && config_sizes.count(entries[i].size))
      ids.insert(file_id(name));
  }
  for (std::size_t i = reported; i < entries.size(); ++i) read[i] = ids.count(file_id(entries[i].name())) != 0;
  return read;
}

// The file stage: every entry read, parsed, checked and summarized on `jobs` threads;
// per_file[i] gets a reported entry's findings, summaries[i] every entry's summary.
void run_file_stage(std::vector<WalkEntry>& entries, std::size_t reported, const std::vector<bool>& read,
                    unsigned jobs, const LintOptions& options, const LintData& data,
                    std::vector<FileSummary>& summaries, std::vector<std::vector<Diagnostic>>& per_file) {
  // Largest first, so that a big file does not finish last on one core. Walked files have no
  // size yet (the walk does not stat them): they follow in name order, and one that its first
  // read finds large (OpenedFile::large(), over 64 KiB: far above a typical config of a few KiB,
  // far below the files that decide how two cores share the work, the real corpus's three of 0.9
  // to 3 MB) is put back and taken again before any further file, largest first (FileQueue).
  std::vector<std::size_t> order(entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto known_size_plus_one = [&](std::size_t i) { return entries[i].size ? *entries[i].size + 1 : 0; };
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return known_size_plus_one(a) > known_size_plus_one(b); });
  const std::vector<bool> hash_wanted = content_hash_wanted(entries);  // by the sizes known before
  FileQueue queue(std::move(order));

  auto lint_entry = [&](std::size_t i, bool may_put_back) {
    bool is_reported = i < reported;
    WalkEntry& entry = entries[i];
    if (!is_reported && !read[i]) {
      init_summary(summaries[i], entry.path, entry.display_path);  // name and size only
      summaries[i].size = entry.size.value_or(0);
    } else if (entry.skipped) {
      init_summary(summaries[i], entry.path, entry.display_path);
      if (is_reported) per_file[i] = {*entry.skipped};
    } else {
      OpenedFile file = open_entry(entry);
      bool size_was_unknown = !entry.size;
      bool hash = hash_wanted[i];
      if (size_was_unknown) {
        bool large = file.large();  // reads a small file whole
        if (file.status() == ReadResult::Status::ok) entry.size = file.size();
        if (large && may_put_back) {
          queue.put_back(i, file.size());  // taken again before any further file
          return;
        }
        // Hashing a small config costs next to nothing (its twin, same size, is small too and
        // hashed likewise); a large one is hashed only if settle_content_identity finds it a
        // file of the same size.
        hash = !large && classify_file_name(entry.path) == FileKind::config;
      }
      auto diagnostics = lint_opened(entry, file, options, data, summaries[i], is_reported, hash);
      if (is_reported) per_file[i] = std::move(diagnostics);
    }
    summaries[i].reported = is_reported;
  };
  run_on_threads(jobs, [&] {
    while (auto item = queue.next()) lint_entry(item->index, item->may_put_back);
  });
}

}  // namespace

LintResult lint_paths(const std::vector<std::string>& paths, const LintOptions& options,
                      const LintData& data) {
  struct WorkingSet {
    std::vector<WalkEntry> entries;
    std::vector<FileSummary> summaries;
  };
  auto working_set = std::make_shared<WorkingSet>();
  std::vector<WalkEntry>& entries = working_set->entries;
  auto mark = [&](const char* phase) {
    if (options.timer) options.timer->mark(phase);
  };
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  // The other cores kept awake for the file stage's threads, unless this is one file (the
  // pre-commit case, linted on this thread alone).
  std::error_code not_a_directory;
  const bool one_file = paths.size() == 1 && !std::filesystem::is_directory(paths.front(), not_a_directory);
  CoreWarmup warmup(one_file ? 0 : jobs - 1);
  entries = walk_paths(paths, options.walk);
  mark("walk");
  std::vector<WalkEntry> siblings = context_siblings(entries);
  std::size_t reported = entries.size();
  std::move(siblings.begin(), siblings.end(), std::back_inserter(entries));

  std::vector<std::vector<Diagnostic>> per_file(entries.size());
  std::vector<FileSummary>& summaries = working_set->summaries;
  // Megabytes on 10,000 files, touched once right here: huge pages before the first touch.
  summaries.reserve(entries.size());
  advise_huge_pages(summaries.data(), summaries.capacity() * sizeof(FileSummary));
  summaries.resize(entries.size());
  std::vector<bool> read = siblings_to_read(entries, reported);
  // No more threads than files to read: a pre-commit call on one file starts none (siblings
  // known by name and size alone cost next to nothing).
  std::size_t to_read = reported + static_cast<std::size_t>(std::count(read.begin() + reported, read.end(), true));
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, to_read));

  mark("prepare");
  warmup.release();
  run_file_stage(entries, reported, read, jobs, options, data, summaries, per_file);
  mark("files");
  number_directories(summaries);
  settle_content_identity(summaries, options.max_file_size);
  mark("content identity");

  LintResult result;
  result.files = reported;
  result.file_names.reserve(reported);
  for (std::size_t i = 0; i < reported; ++i) result.file_names.push_back(entries[i].display_path);
  // The walk's order already (by display path): a sort would still compare n log n times.
  if (!std::is_sorted(result.file_names.begin(), result.file_names.end()))
    std::sort(result.file_names.begin(), result.file_names.end());
  for (std::size_t i = 0; i < reported; ++i)
    for (auto& d : per_file[i]) result.diagnostics.push_back(std::move(d));

  // Repository rules are independent of one another and read the summaries only: they run in
  // parallel too (on 10,000 files they are a serial phase otherwise), each into its own list,
  // merged in rule order.
  const auto& rules = repository_rules();
  std::vector<std::vector<Diagnostic>> by_rule(rules.size());
  parallel_for(rules.size(), jobs, [&](std::size_t r) {
    RepositoryContext context{summaries, data, by_rule[r]};
    rules[r]->check(context);
  });
  mark("repository rules");
  // Findings on context siblings are dropped (with no siblings, every file is reported).
  std::set<std::string> reported_files;
  if (reported < entries.size())
    for (std::size_t i = 0; i < reported; ++i) reported_files.insert(summaries[i].display_path);
  for (auto& repository : by_rule)
    for (auto& d : repository)
      if (reported == entries.size() || reported_files.count(d.file))
        result.diagnostics.push_back(std::move(d));

  std::sort(result.diagnostics.begin(), result.diagnostics.end(), diagnostic_less);
  mark("merge and sort");
  result.working_set = std::move(working_set);
  return result;
}

}  // namespace aic
