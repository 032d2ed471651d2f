// Large files are mapped rather than read (core/file_bytes.h): the mapping holds the file's bytes
// exactly, followed by a NUL whatever the size; writes stay private; a file truncated by another
// process while mapped is reported, not a crash (core/truncation_guard.h).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "core/file_bytes.h"
#include "core/truncation_guard.h"
#include "engine/file_reader.h"
#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "test_support.h"

namespace aic {
namespace {

using testing::TempDir;

const std::size_t kPage = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));

std::string patterned(std::size_t size) {
  std::string text(size, ' ');
  for (std::size_t k = 0; k < size; ++k) text[k] = static_cast<char>('a' + k % 26);
  return text;
}

struct OpenFd {
  int fd;
  explicit OpenFd(const std::string& path) : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~OpenFd() { ::close(fd); }
};

// A file of `size` patterned bytes, open and mapped.
struct MappedFile {
  std::string path;
  OpenFd file;
  FileBytes bytes;
  MappedFile(const TempDir& dir, const std::string& name, std::size_t size)
      : path(dir.write(name, patterned(size))), file(path), bytes(FileBytes::map(file.fd, size)) {}
};

TEST(FileBytes, MappingHoldsTheBytesThenANul) {
  TempDir dir;
  for (std::size_t size : {std::size_t{1}, kPage - 1, kPage, kPage + 1, 17 * kPage, std::size_t{200001}}) {
    std::string text = patterned(size);
    OpenFd file(dir.write("f" + std::to_string(size), text));
    FileBytes bytes = FileBytes::map(file.fd, size);
    ASSERT_TRUE(bytes.mapped()) << size;
    EXPECT_EQ(bytes.view(), text) << size;
    EXPECT_EQ(bytes.data()[size], '\0') << "sentinel, size " << size;
    EXPECT_GE(bytes.mapped_length(), size + 1);
  }
}

TEST(FileBytes, NothingToMapIsNotMapped) {
  TempDir dir;
  OpenFd file(dir.write("empty", ""));
  EXPECT_FALSE(FileBytes::map(file.fd, 0).mapped());
  EXPECT_FALSE(FileBytes::map(-1, 100).mapped());
  EXPECT_FALSE(FileBytes(std::string("abc")).mapped());
  EXPECT_EQ(FileBytes(std::string("abc")).view(), "abc");
}

TEST(FileBytes, WritesStayPrivateAndMovesKeepTheMapping) {
  TempDir dir;
  std::string text = patterned(3 * kPage);
  std::string path = dir.write("f", text);
  OpenFd file(path);
  FileBytes bytes = FileBytes::map(file.fd, text.size());
  ASSERT_TRUE(bytes.mapped());
  bytes.data()[10] = '"';  // as the sentinel's write does
  FileBytes moved = std::move(bytes);
  EXPECT_FALSE(bytes.mapped());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  EXPECT_EQ(moved.view()[10], '"');
  EXPECT_EQ(testing::read_file(path), text);
}

// A file that grew after its size was taken: the mapping stops at that size, NUL after it.
TEST(FileBytes, AFileThatGrewStillEndsWithANul) {
  TempDir dir;
  std::string text = patterned(kPage + 100);
  OpenFd file(dir.write("f", text));
  FileBytes bytes = FileBytes::map(file.fd, kPage + 50);
  ASSERT_TRUE(bytes.mapped());
  EXPECT_EQ(bytes.view(), text.substr(0, kPage + 50));
  EXPECT_EQ(bytes.data()[kPage + 50], '\0');
}

// A file that grows while mapped: a private mapping shows the file's later writes on pages it
// has not written itself, so the sentinel's page must be the mapping's own.
TEST(FileBytes, TheSentinelHoldsWhenTheFileGrowsLater) {
  TempDir dir;
  MappedFile mapped(dir, "f", kPage + 50);
  FileBytes& bytes = mapped.bytes;
  ASSERT_TRUE(bytes.mapped());
  std::ofstream(mapped.path, std::ios::binary | std::ios::app) << "}}}}";
  EXPECT_EQ(bytes.data()[kPage + 50], '\0');
  EXPECT_EQ(bytes.view().size(), kPage + 50);
}

// OpenedFile::map takes the size from an fstat of the open file, not a stale size given by an
// earlier stat; and maps only a regular file.
TEST(FileBytes, OpenedFileMapsTheSizeItFindsNotTheOneItWasGiven) {
  TempDir dir;
  std::string grown = dir.write("grown", patterned(100000));
  OpenedFile a(grown, std::uint64_t{80000});
  FileBytes bytes = a.map(1 << 20);
  ASSERT_TRUE(bytes.mapped());
  EXPECT_EQ(bytes.view(), patterned(100000));
  std::string shrunk = dir.write("shrunk", patterned(70000));
  OpenedFile b(shrunk, std::uint64_t{70100});
  bytes = b.map(1 << 20);
  ASSERT_TRUE(bytes.mapped());
  EXPECT_EQ(bytes.view(), patterned(70000));
  OpenedFile c(grown, std::uint64_t{80000});
  EXPECT_FALSE(c.map(90000).mapped()) << "grown past the limit: read() reports it";
  EXPECT_EQ(c.read(90000).status, ReadResult::Status::too_large);
  OpenedFile device("/dev/zero", std::uint64_t{100000});
  EXPECT_FALSE(device.map(1 << 20).mapped());
  EXPECT_EQ(device.read(1 << 20).status, ReadResult::Status::not_regular);
}

TEST(TruncationGuard, ATruncatedMappingReadsZerosAndIsNoted) {
  TempDir dir;
  MappedFile mapped(dir, "f", 64 * kPage);
  FileBytes& bytes = mapped.bytes;
  ASSERT_TRUE(bytes.mapped());
  ASSERT_EQ(::truncate(mapped.path.c_str(), 2 * kPage), 0);
  TruncationGuard guard(bytes);
  EXPECT_EQ(bytes.view()[kPage], 'a' + kPage % 26);  // before the new end: still the file
  EXPECT_FALSE(guard.truncated());
  volatile char past = bytes.view()[40 * kPage];  // would be SIGBUS
  EXPECT_EQ(past, '\0');
  EXPECT_TRUE(guard.truncated());
  bytes.data()[50 * kPage] = 'x';  // writes too
  EXPECT_EQ(bytes.view()[50 * kPage], 'x');
}

TEST(TruncationGuard, AFreshGuardStartsClear) {
  TempDir dir;
  MappedFile mapped(dir, "f", 4 * kPage);
  FileBytes& bytes = mapped.bytes;
  ASSERT_TRUE(bytes.mapped());
  TruncationGuard guard(bytes);
  EXPECT_EQ(bytes.view()[3 * kPage], 'a' + (3 * kPage) % 26);
  EXPECT_FALSE(guard.truncated());
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUnderAsan = true;
#else
constexpr bool kUnderAsan = false;
#endif
#else
constexpr bool kUnderAsan = false;
#endif

// Killed by SIGBUS, or (under AddressSanitizer, whose SIGBUS handler was there first and is
// chained to) ended by the sanitizer's report.
bool ended_by_sigbus(int status) {
  return (WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS) ||
         (kUnderAsan && WIFEXITED(status) && WEXITSTATUS(status) != 0);
}

// Runs `body` on an 8-page file in a child process, which must end by SIGBUS (not by
// returning: the child then exits 0, which fails the test).
template <typename Body>
void expect_end_by_sigbus(Body body) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  TempDir dir;
  std::string path = dir.write("f", patterned(8 * kPage));
  EXPECT_EXIT(
      {
        body(path);
        std::_Exit(0);
      },
      ended_by_sigbus, "");
}

// Outside a guard (or outside its mapping) SIGBUS keeps its meaning: the process ends.
TEST(TruncationGuardDeathTest, ASigbusOutsideTheGuardStillEndsTheProcess) {
  expect_end_by_sigbus([](const std::string& path) {
    OpenFd file(path);
    FileBytes guarded_bytes = FileBytes::map(file.fd, 8 * kPage);
    OpenFd other(path);
    FileBytes bytes = FileBytes::map(other.fd, 8 * kPage);
    TruncationGuard guard(guarded_bytes);  // alive, and not over `bytes`
    if (::truncate(path.c_str(), kPage) != 0) return;
    volatile char past = bytes.view()[6 * kPage];
    (void)past;
  });
}

// A SIGBUS sent (kill, raise) is not a fault: it is not swallowed, guard or no guard.
TEST(TruncationGuardDeathTest, ASigbusSentStillEndsTheProcess) {
  expect_end_by_sigbus([](const std::string& path) {
    OpenFd file(path);
    FileBytes bytes = FileBytes::map(file.fd, 8 * kPage);
    TruncationGuard guard(bytes);
    ::raise(SIGBUS);
  });
}

// Guards nest: FileBytes::map guards its own first touch, and the guard around it is in force
// again after.
TEST(TruncationGuard, AnInnerGuardPutsTheOuterOneBack) {
  TempDir dir;
  MappedFile a(dir, "a", 16 * kPage);
  ASSERT_TRUE(a.bytes.mapped());
  TruncationGuard outer(a.bytes);
  {
    MappedFile b(dir, "b", 4 * kPage);  // FileBytes::map's guard of its own, inside
    ASSERT_TRUE(b.bytes.mapped());
  }
  ASSERT_EQ(::truncate(a.path.c_str(), kPage), 0);
  volatile char past = a.bytes.view()[10 * kPage];
  EXPECT_EQ(past, '\0');
  EXPECT_TRUE(outer.truncated());
}

// The linter's side: a config truncated while mapped is one AIC001 finding, nothing else, and
// no summary of what was read.
TEST(TruncationGuard, ATruncatedConfigIsReportedUnreadable) {
  TempDir dir;
  std::string text = "{\"architectures\": [\"LlamaForCausalLM\"], \"_pad\": \"" + std::string(40 * kPage, 'x') + "\"}";
  std::string path = dir.write("a--b_config.json", text);
  OpenFd file(path);
  FileBytes bytes = FileBytes::map(file.fd, text.size());
  ASSERT_TRUE(bytes.mapped());
  ASSERT_EQ(::truncate(path.c_str(), kPage), 0);
  static const LintData data = load_lint_data({});
  FileSummary summary;
  auto found = lint_mapped(path, std::move(bytes), LintOptions{}, data, summary, path);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "AIC001");
  EXPECT_NE(found[0].message.find("truncated"), std::string::npos) << found[0].message;
  EXPECT_FALSE(summary.parsed);
  EXPECT_EQ(summary.name(), "a--b_config.json");
}

// Mapped or read, a large file's findings are the same, positions included (the sentinel page
// of a file whose size is a whole number of pages among them).
TEST(FileBytes, MappedAndReadFilesLintTheSame) {
  TempDir dir;
  static const LintData data = load_lint_data({});
  for (std::size_t size : {17 * kPage, 17 * kPage + 1, 17 * kPage - 1}) {
    std::string head = "{\"architectures\": [\"LlamaForCausalLM\"], \"num_attention_heads\": \"32\", \"_pad\": \"";
    std::string text = head + std::string(size - head.size() - 3, 'x') + "\", ";  // ends mid-object
    ASSERT_EQ(text.size(), size);
    std::string path = dir.write("a--b_config.json", text);
    OpenedFile opened(path);
    ASSERT_TRUE(opened.large());
    FileBytes mapped = opened.map(1 << 20);
    ASSERT_TRUE(mapped.mapped()) << size;
    FileSummary from_map, from_read;
    auto a = lint_mapped(path, std::move(mapped), LintOptions{}, data, from_map, path);
    auto b = lint_bytes(path, testing::read_file(path), LintOptions{}, data, from_read, path);
    ASSERT_FALSE(a.empty());
    ASSERT_EQ(a.size(), b.size()) << size;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].code, b[i].code);
      EXPECT_EQ(a[i].message, b[i].message);
      EXPECT_EQ(a[i].begin.line, b[i].begin.line);
      EXPECT_EQ(a[i].begin.column, b[i].begin.column);
    }
  }
}

}  // namespace
}  // namespace aic
