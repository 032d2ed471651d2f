// Hostile and odd inputs: every one is a diagnostic, never a crash, a hang or a read outside.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>

#include "core/source_file.h"
#include "core/utf8.h"
#include "engine/lint_data_loader.h"
#include "engine/file_reader.h"
#include "engine/linter.h"
#include "report/reporter.h"
#include "test_support.h"

namespace aic {
namespace {

using testing::TempDir;

namespace fs = std::filesystem;

// Runs `check` in a child process and fails the test if it does not finish within `seconds`
// (a blocked open() or read() cannot be interrupted in-process). The child's exit status is the
// result: 0 when `check` returned true.
void expect_finishes(int seconds, const std::function<bool()>& check) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) ::_exit(check() ? 0 : 1);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      FAIL() << "did not finish within " << seconds << " s (blocked?)";
    }
    ::usleep(10000);
  }
  ASSERT_TRUE(WIFEXITED(status)) << "child crashed, signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0) << "unexpected diagnostics (see the child's output above)";
}

// Codes of the file-level and JSON-level findings (AIC0xx, AIC1xx), what these tests are about;
// schema and semantic rules (AIC2xx and up) also run, and may report on the sample files.
std::vector<std::string> codes(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> v;
  for (const auto& d : diagnostics)
    if (d.code < "AIC2") v.push_back(d.code);
  return v;
}

std::vector<Diagnostic> lint_text(const std::string& text, LintOptions options = {},
                                  const std::string& name = "Qwen--Qwen3-8B_config.json") {
  FileSummary summary;
  static const LintData data = load_lint_data({});
  return lint_bytes(name, text, options, data, summary);
}

// Every report format over the diagnostics, concatenated.
std::string render_all(const LintResult& r) {
  std::string all;
  for (const std::string& format : report_formats()) {
    std::ostringstream out;
    make_reporter(format, {})->write(out, Report{r.diagnostics, r.files});
    all += out.str();
  }
  return all;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long max_rss_kib() {
  struct rusage u {};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::vector<std::string> codes(const LintResult& r) { return codes(r.diagnostics); }

TEST(Reliability, FifoIsReportedNotOpened) {  // AIC003
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path / "Qwen--Qwen3-8B_config.json").c_str(), 0644), 0);
  LintResult r = lint_paths({dir.path.string()}, LintOptions{}, load_lint_data({}));
  EXPECT_EQ(codes(r), std::vector<std::string>{"AIC003"});
  // Named explicitly, too.
  r = lint_paths({(dir.path / "Qwen--Qwen3-8B_config.json").string()}, LintOptions{}, load_lint_data({}));
  EXPECT_EQ(codes(r), std::vector<std::string>{"AIC003"});
}

TEST(Reliability, FileOverTheSizeLimitIsNotRead) {  // AIC002
  TempDir dir;
  dir.write("Qwen--Qwen3-8B_config.json", "{\"architectures\": [\"x\"], \"pad\": \"" + std::string(5000, 'a') + "\"}");
  LintOptions options;
  options.max_file_size = 1024;
  LintResult r = lint_paths({dir.path.string()}, options, load_lint_data({}));
  ASSERT_EQ(codes(r), std::vector<std::string>{"AIC002"});
  EXPECT_NE(r.diagnostics[0].message.find("over the limit of 1024 bytes"), std::string::npos);
}

TEST(Reliability, FileThatVanishesIsUnreadable) {  // AIC001
  TempDir dir;
  WalkEntry entry{(dir.path / "gone_config.json").string(), "gone_config.json", 10, true, nullptr};
  FileSummary summary;
  auto diagnostics = lint_file(entry, LintOptions{}, load_lint_data({}), summary);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "AIC001");
  EXPECT_NE(diagnostics[0].message.find("No such file"), std::string::npos);
}


// Permission denied, tested for real: as root (CI containers), mode bits do not stop open(), so
// the lint runs in a child that has dropped to user 'nobody'.
TEST(Reliability, UnreadableFileIsReported) {  // AIC001
  TempDir dir;
  dir.write("Qwen--Qwen3-8B_config.json", "{}");
  fs::permissions(dir.path / "Qwen--Qwen3-8B_config.json", fs::perms::none);
  fs::permissions(dir.path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
  std::string root = dir.path.string();
  expect_finishes(30, [root] {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) return false;
    LintResult r = lint_paths({root}, LintOptions{}, load_lint_data({}));
    bool ok = codes(r) == std::vector<std::string>{"AIC001"} &&
              r.diagnostics[0].message.find("Permission denied") != std::string::npos;
    if (!ok)
      for (const auto& d : r.diagnostics) std::fprintf(stderr, "%s %s\n", d.code.c_str(), d.message.c_str());
    return ok;
  });
}

TEST(Reliability, MillionLevelsDeepStopsAtMaxDepth) {  // AIC112, iterative parsing
  auto t0 = std::chrono::steady_clock::now();
  for (const std::string& open : {std::string("["), std::string("{\"a\":")}) {
    std::string text;
    for (int i = 0; i < 1000000; ++i) text += open;
    auto d = lint_text(text);
    ASSERT_EQ(codes(d), std::vector<std::string>{"AIC112"});
    EXPECT_EQ(d[0].begin.column, 128u * open.size() + 1);
    LintOptions deeper;
    deeper.parse.max_depth = 1000;
    EXPECT_EQ(codes(lint_text(text, deeper)), std::vector<std::string>{"AIC112"});
  }
  EXPECT_LT(seconds_since(t0), 20.0);
}

TEST(Reliability, DeepestAllowedNestingGoesThroughTheWholePipeline) {
  // --max-depth is capped at 1000; a valid config nesting 999 levels reaches every rule.
  std::string text = "{\"architectures\": [\"Qwen3ForCausalLM\"], \"x\": ";
  text += std::string(998, '[') + "1" + std::string(998, ']') + "}";
  LintOptions options;
  options.parse.max_depth = 1000;
  for (const auto& d : lint_text(text, options)) EXPECT_NE(d.code, "AIC112") << d.message;
  options.parse.max_depth = 998;
  EXPECT_EQ(codes(lint_text(text, options)), std::vector<std::string>{"AIC112"});
}

// A sparse 200 MB file: reported from its size, never read, at the default limit.
TEST(Reliability, FileOf200MbIsNotReadAtTheDefaultLimit) {  // AIC002
  TempDir dir;
  fs::path big = dir.path / "Qwen--Qwen3-8B_config.json";
  dir.write(big.filename().string(), "{\"architectures\": [\"Qwen3ForCausalLM\"], \"pad\": \"");
  fs::resize_file(big, 200ull << 20);  // sparse: no disk, no time
  LintData data = load_lint_data({});  // before the baseline: its memory is not the file's
  long rss = max_rss_kib();
  auto t0 = std::chrono::steady_clock::now();
  LintResult r = lint_paths({dir.path.string()}, LintOptions{}, data);
  ASSERT_EQ(codes(r), std::vector<std::string>{"AIC002"});
  EXPECT_NE(r.diagnostics[0].message.find("209715200 bytes, over the limit of 67108864"), std::string::npos);
  EXPECT_LT(seconds_since(t0), 2.0);
  EXPECT_LT(max_rss_kib() - rss, 64 * 1024) << "KiB: the file was read (it is 200 MiB)";
}

// With the limit raised, the same file is read and linted in bounded time and memory. Needs
// ~1 GB of free memory; where there is less, the test says so (SKIPPED), it does not pass.
TEST(Reliability, FileOf200MbIsReadWithinBoundsWhenTheLimitIsRaised) {
  long available_kib = 0;
  std::ifstream meminfo("/proc/meminfo");
  for (std::string key; meminfo >> key;) {
    long value;
    meminfo >> value;
    if (key == "MemAvailable:") available_kib = value;
    meminfo.ignore(100, '\n');
  }
  if (available_kib < (1l << 20))
    GTEST_SKIP() << "SKIPPED: needs 1 GiB of free memory, " << available_kib << " KiB available";
  TempDir dir;
  fs::path big = dir.path / "Qwen--Qwen3-8B_config.json";
  dir.write(big.filename().string(), "{\"architectures\": [\"Qwen3ForCausalLM\"], \"pad\": \"");
  fs::resize_file(big, 200ull << 20);  // the string runs into 200 MB of NUL bytes
  LintOptions options;
  options.max_file_size = 256ull << 20;
  LintData data = load_lint_data({});
  long rss = max_rss_kib();
  auto t0 = std::chrono::steady_clock::now();
  LintResult r = lint_paths({dir.path.string()}, options, data);
  double elapsed = seconds_since(t0);
  ASSERT_EQ(codes(r), std::vector<std::string>{"AIC101"});
  EXPECT_NE(r.diagnostics[0].message.find("NUL"), std::string::npos);
  EXPECT_LE(count_code_points(r.diagnostics[0].snippet), 120u);
  EXPECT_LT(elapsed, 60.0);
  // The file's bytes a few times at most (the text, and the copy parsed in situ); under
  // AddressSanitizer its redzones and quarantine of freed blocks add more.
#if defined(__SANITIZE_ADDRESS__)
  constexpr long kCopies = 6;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  constexpr long kCopies = 6;
#else
  constexpr long kCopies = 3;
#endif
#else
  constexpr long kCopies = 3;
#endif
  EXPECT_LT(max_rss_kib() - rss, kCopies * 200 * 1024) << "KiB";
}

TEST(Reliability, TenMegabyteStringIsFastAndItsSnippetBounded) {
  auto t0 = std::chrono::steady_clock::now();
  std::string text = "{\"architectures\": [\"Qwen3ForCausalLM\"], \"s\": \"" +
                     std::string(10 << 20, 'x') + " NaN\", \"s\": 1}";
  auto d = lint_text(text);
  ASSERT_EQ(codes(d), (std::vector<std::string>{"AIC111", "AIC104"}));  // unsorted: one file
  for (const auto& x : d) EXPECT_LE(count_code_points(x.snippet), 120u);
  EXPECT_EQ(d[0].begin.column, text.find(" NaN") + 2);  // the word NaN, counted from the line start
  EXPECT_LT(seconds_since(t0), 10.0);
}

// One long line with many findings: each location and code frame costs O(width), not O(line),
// and the findings of one file are capped.
TEST(Reliability, ManyFindingsOnOneHugeLineAreBoundedAndCapped) {
  std::string text = "{";
  for (int i = 0; i < 40000; ++i)
    text += "\"k" + std::to_string(i % 20000) + "\":\"" + std::string(200, 'v') + "\",";
  text += "\"architectures\": [\"Qwen3ForCausalLM\"]}";
  auto t0 = std::chrono::steady_clock::now();
  auto d = lint_text(text);
  EXPECT_LT(seconds_since(t0), 20.0);
  ASSERT_EQ(d.size(), FileDiagnostics::kMaxPerFile);
  const std::string& note = d.back().notes.back().message;
  EXPECT_GE(std::stoul(note), 19000u) << note;  // 20000 duplicates and more
  EXPECT_NE(note.find(" more findings in this file not shown (at most 1000 per file)"), std::string::npos);
}

TEST(Reliability, SnippetOfALongLineMatchesTheSimpleComputation) {
  std::mt19937 random(7);
  const std::string pieces[] = {"a", "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80", "\xff", "\x80", "\t", "\x1b"};
  for (int round = 0; round < 200; ++round) {
    std::string line;
    std::size_t n = 500 + random() % 20000;
    while (line.size() < n) line += pieces[random() % 8];
    SourceFile source("t.json", "first line\n" + line + "\nlast");
    for (int k = 0; k < 20; ++k) {
      std::size_t offset = 11 + random() % (line.size() + 1);
      Location at = source.location(offset);
      Snippet fast = source.snippet_at(offset);
      Snippet simple = make_snippet(source.line_text(at.line), at.column);
      ASSERT_EQ(fast.first_column, simple.first_column) << round << " " << offset;
      ASSERT_EQ(fast.text, simple.text) << round << " " << offset;
      // The column, by the definition: code points from the line start.
      ASSERT_EQ(at.column, count_code_points(std::string_view(line).substr(0, offset - 11)) + 1);
    }
  }
}

TEST(Reliability, NulBytesAreSyntaxErrors) {  // AIC101
  for (const std::string& text : {std::string("{\"a\0b\": 1}", 11), std::string("\0\0\0", 3),
                                   std::string("{\"architectures\": [\"X\"]}\0junk", 29)}) {
    auto d = lint_text(text);
    ASSERT_EQ(codes(d), std::vector<std::string>{"AIC101"}) << text.size();
    EXPECT_NE(d[0].message.find("NUL"), std::string::npos) << d[0].message;
    EXPECT_NE(d[0].snippet.find("\xe2\x90\x80"), std::string::npos);  // U+2400 shown, not a raw NUL
  }
}

TEST(Reliability, RandomBytesAlwaysGiveAFindingAndNeverCrash) {
  std::mt19937 random(20240601);
  for (int i = 0; i < 300; ++i) {
    std::string bytes(random() % 4096, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    if (i % 3 == 0 && !bytes.empty()) bytes[0] = '{';
    LintResult r;
    r.diagnostics = lint_text(bytes);
    r.files = 1;
    bool error = false;
    for (const auto& d : r.diagnostics) error |= d.severity == Severity::error;
    EXPECT_TRUE(error) << "random file " << i << " linted clean";
    EXPECT_FALSE(render_all(r).empty());
  }
}

TEST(Reliability, InvalidUtf8IsReportedAndTheOutputStaysValid) {  // AIC106
  LintResult r;
  r.diagnostics = lint_text("{\"k\xff\": \"\xc0\x80\", \"k\xff\": 1}");
  r.files = 1;
  EXPECT_EQ(codes(r), (std::vector<std::string>{"AIC106", "AIC104"}));
  EXPECT_EQ(find_invalid_utf8(render_all(r)), std::string::npos);
}

TEST(Reliability, EmptyFileIsReported) {  // AIC107
  EXPECT_EQ(codes(lint_text("")), std::vector<std::string>{"AIC107"});
  EXPECT_EQ(codes(lint_text(" \r\n\t")), std::vector<std::string>{"AIC107"});
}

TEST(Reliability, FifoAndDevicesInTheTreeNeverBlock) {  // AIC003
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path / "a_config.json").c_str(), 0644), 0);
  // A character device: a real one where we may create it (root), and links to /dev/zero and a
  // FIFO outside the tree, followed on request.
  bool device = ::mknod((dir.path / "b_config.json").c_str(), S_IFCHR | 0644, makedev(1, 5)) == 0;
  fs::create_symlink("/dev/zero", dir.path / "c_config.json");
  TempDir outside;
  ASSERT_EQ(::mkfifo((outside.path / "fifo").c_str(), 0644), 0);
  fs::create_symlink(outside.path / "fifo", dir.path / "d_config.json");
  std::string root = dir.path.string();
  expect_finishes(20, [root, device] {
    LintOptions follow;
    follow.walk.follow_symlinks = true;
    LintResult r = lint_paths({root}, follow, load_lint_data({}));
    std::vector<std::string> expected(device ? 4 : 3, "AIC003");
    LintResult named = lint_paths({root + "/a_config.json", root + "/c_config.json"}, follow,
                                  load_lint_data({}));
    return codes(r) == expected && codes(named) == std::vector<std::string>{"AIC003", "AIC003"};
  });
}

TEST(Reliability, FileReplacedByAFifoAfterTheWalkIsNotRead) {  // AIC003
  TempDir dir;
  std::string path = (dir.path / "a_config.json").string();
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
  expect_finishes(20, [path] {
    WalkEntry entry{path, "a_config.json", 10, true, nullptr};  // the walk saw a regular file
    FileSummary summary;
    return codes(lint_file(entry, LintOptions{}, load_lint_data({}), summary)) ==
           std::vector<std::string>{"AIC003"};
  });
}

TEST(Reliability, FileReplacedByAFifoAfterTheWalkSawItEmptyIsNotRead) {  // AIC003
  TempDir dir;
  std::string path = (dir.path / "a_config.json").string();
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
  WalkEntry entry{path, "a_config.json", 0, true, nullptr};  // the walk saw an empty file
  FileSummary summary;
  EXPECT_EQ(codes(lint_file(entry, LintOptions{}, load_lint_data({}), summary)), std::vector<std::string>{"AIC003"});
}

TEST(Reliability, FileThatChangedSizeAfterTheWalkIsReadWhole) {
  TempDir dir;
  std::string text = "{\"architectures\": [\"LlamaForCausalLM\"]}";
  dir.write("a_config.json", text);
  for (std::uint64_t walked : {std::uint64_t{0}, std::uint64_t{5}, text.size() - 1, text.size() + 1, std::uint64_t{4096}}) {
    ReadResult r = read_file_bounded((dir.path / "a_config.json").string(), 1 << 20, walked);
    EXPECT_EQ(r.status, ReadResult::Status::ok) << walked;
    EXPECT_EQ(r.bytes, text) << walked;
  }
}

TEST(Reliability, FileThatGrewPastTheLimitAfterTheWalkIsNotRead) {  // AIC002
  TempDir dir;
  dir.write("a_config.json", "{\"pad\": \"" + std::string(5000, 'x') + "\"}");
  WalkEntry entry{(dir.path / "a_config.json").string(), "a_config.json", 10, true, nullptr};
  LintOptions options;
  options.max_file_size = 1000;
  FileSummary summary;
  EXPECT_EQ(codes(lint_file(entry, options, load_lint_data({}), summary)),
            std::vector<std::string>{"AIC002"});
}

TEST(Reliability, SymlinkLoopsInTheTreeEndTheWalk) {  // AIC004
  TempDir dir;
  fs::create_directory(dir.path / "sub");
  dir.write("sub/Qwen--Qwen3-8B_config.json", "{\"architectures\": [\"Qwen3ForCausalLM\"]}");
  fs::create_directory_symlink("..", dir.path / "sub" / "up");       // a loop through the root
  fs::create_directory_symlink(".", dir.path / "self");
  fs::create_symlink("l2_config.json", dir.path / "l1_config.json");  // a loop of two links
  fs::create_symlink("l1_config.json", dir.path / "l2_config.json");
  std::string root = dir.path.string();
  expect_finishes(20, [root] {
    LintResult r = lint_paths({root}, LintOptions{}, load_lint_data({}));
    return codes(r) == std::vector<std::string>{"AIC004", "AIC004"} && r.files == 3;
  });
}

// CI logs are public: a link to a secret outside the tree is reported, never read, and nothing
// of the target appears in any format.
TEST(Reliability, SymlinkOutOfTheTreeIsNotFollowedAndNeverLeaks) {  // AIC004
  TempDir outside;
  const std::string secret = "TOPSECRET-4f9c2e";
  outside.write("secret", "{\"" + secret + "\": 1, \"" + secret + "\": 2}\n" + secret);
  outside.write("leak_config.json", "{\"" + secret + "\" 1}");
  TempDir dir;
  dir.write("Qwen--Qwen3-8B_config.json", "{\"architectures\": [\"Qwen3ForCausalLM\"]}");
  fs::create_symlink(outside.path / "secret", dir.path / "secret_config.json");
  fs::create_directory_symlink(outside.path, dir.path / "models");
  LintResult r = lint_paths({dir.path.string()}, LintOptions{}, load_lint_data({}));
  EXPECT_EQ(codes(r), (std::vector<std::string>{"AIC004", "AIC004"}));
  EXPECT_EQ(render_all(r).find(secret), std::string::npos);
  // Named on the command line (as a pre-commit hook does) from inside the tree: not followed.
  auto cwd = fs::current_path();
  fs::current_path(dir.path);
  LintResult named = lint_paths({"secret_config.json", "Qwen--Qwen3-8B_config.json"}, LintOptions{},
                                load_lint_data({}));
  fs::current_path(cwd);
  EXPECT_EQ(codes(named), std::vector<std::string>{"AIC004"});
  EXPECT_EQ(render_all(named).find(secret), std::string::npos);
  // --follow-symlinks reads it (and then reports what is in it).
  LintOptions follow;
  follow.walk.follow_symlinks = true;
  LintResult followed = lint_paths({dir.path.string()}, follow, load_lint_data({}));
  EXPECT_NE(render_all(followed).find(secret), std::string::npos);
}

TEST(Reliability, NonUtf8FileNamesAreShownEscapedAndStillLinted) {
  TempDir dir;
  dir.write("bad\xff\xfe\x1b[1m--name_config.json", "{\"architectures\": [\"X\"], \"a\": 1, \"a\": 2}");
  LintResult r = lint_paths({dir.path.string()}, LintOptions{}, load_lint_data({}));
  ASSERT_EQ(codes(r), std::vector<std::string>{"AIC104"});
  EXPECT_NE(r.diagnostics[0].file.find("bad\xef\xbf\xbd\xef\xbf\xbd\xe2\x90\x9b[1m--name_config.json"),
            std::string::npos)
      << r.diagnostics[0].file;
  EXPECT_EQ(find_invalid_utf8(render_all(r)), std::string::npos);
}

// aic-lint only reads: after a run over a tree, every file has its content and mtime, and no
// file was added.
TEST(Reliability, LintingNeverWritesToTheTree) {
  TempDir dir;
  fs::copy(fs::path(AIC_SOURCE_DIR) / "examples" / "model_configs", dir.path / "model_configs",
           fs::copy_options::recursive);
  dir.write("model_configs/broken--x-nul_config.json", std::string("{\"a\": 1}\0", 9));
  dir.write("model_configs/broken--x-deep_config.json", std::string(5000, '['));
  auto snapshot = [&] {
    std::map<std::string, std::pair<std::string, fs::file_time_type>> files;
    for (const auto& e : fs::recursive_directory_iterator(dir.path)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream content;
      content << in.rdbuf();
      files[e.path().string()] = {content.str(), fs::last_write_time(e.path())};
    }
    return files;
  };
  auto before = snapshot();
  ASSERT_GT(before.size(), 10u);
  for (unsigned jobs : {1u, 2u}) {
    LintOptions options;
    options.jobs = jobs;
    LintResult r = lint_paths({(dir.path / "model_configs").string()}, options, load_lint_data({}));
    EXPECT_FALSE(r.diagnostics.empty());
    render_all(r);
  }
  EXPECT_TRUE(snapshot() == before);
}
}  // namespace
}  // namespace aic
