// The file stage's scheduling: walked files are not stat'ed, a large one is put back for a second
// round, files are opened relative to their directory (the first directories only). Whatever the
// path a file takes, its diagnostics are those it gets when named alone on the command line.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <map>
#include <string>
#include <vector>

#include "engine/file_reader.h"
#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "test_support.h"

namespace aic {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

const LintData& data() {
  static const LintData loaded = load_lint_data({});
  return loaded;
}

// A config whose num_attention_heads is written as `heads` (a quoted number is an error of its
// own), with `padding` bytes of string value.
std::string config(const std::string& heads, std::size_t padding) {
  return "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\", "
         "\"hidden_size\": 4096, \"num_hidden_layers\": 32, \"num_attention_heads\": " + heads +
         ", \"num_key_value_heads\": 8, \"intermediate_size\": 14336, \"vocab_size\": 128256,"
         " \"max_position_embeddings\": 8192, \"_pad\": \"" + std::string(padding, 'x') + "\"}";
}

// "file:line:col code message" of every diagnostic of a run.
std::vector<std::string> lines(const LintResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    out.push_back(d.file + ":" + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) +
                  " " + d.code + " " + d.message);
  return out;
}

LintResult lint(const std::vector<std::string>& paths, unsigned jobs) {
  LintOptions options;
  options.jobs = jobs;
  return lint_paths(paths, options, data());
}

TEST(FileStage, LargeWalkedFilesGetTheDiagnosticsTheyGetWhenNamed) {
  TempDir dir;
  // Three files over the put-back size (64 KiB), of different sizes, among small ones; two of the
  // large ones byte-identical (AIC405 needs their hashes, taken in the second round).
  dir.write("m/a--Big-1_config.json", config("\"32\"", 300000));
  dir.write("m/a--Big-2_config.json", config("\"32\"", 300000));
  dir.write("m/a--Big-3_config.json", config("\"16\"", 90000));
  for (int i = 0; i < 20; ++i)
    dir.write("m/a--Small-" + std::to_string(i) + "_config.json", config(i % 2 ? "32" : "\"32\"", 100 + i));
  std::vector<std::string> named;
  for (const auto& e : fs::directory_iterator(dir.path / "m")) named.push_back(e.path().string());

  LintResult walked = lint({(dir.path / "m").string()}, 1);
  EXPECT_EQ(walked.files, 23u);
  EXPECT_EQ(lines(walked), lines(lint(named, 1)));  // named: sizes known, no second round
  EXPECT_EQ(lines(walked), lines(lint({(dir.path / "m").string()}, 2)));
  std::map<std::string, std::size_t> by_code;
  for (const auto& d : walked.diagnostics) ++by_code[d.code];
  EXPECT_EQ(by_code["AIC201"], 13u) << "three large configs and ten small ones";
  EXPECT_GE(by_code["AIC405"], 1u) << "the two identical large configs";
}

TEST(FileStage, FilesBeyondTheOpenDirectoriesAreReadByTheirPath) {
  TempDir dir;
  // More directories than the walk keeps open (256): the files of the last ones are opened by
  // their whole path, and get the same diagnostics.
  for (int i = 0; i < 300; ++i)
    dir.write("m/d" + std::to_string(1000 + i) + "/a--M-" + std::to_string(i) + "_config.json",
              config("\"32\"", 10));
  LintResult r = lint({(dir.path / "m").string()}, 2);
  EXPECT_EQ(r.files, 300u);
  std::map<std::string, std::size_t> per_file;
  for (const auto& d : r.diagnostics) ++per_file[d.file];
  ASSERT_EQ(per_file.size(), 300u);
  for (const auto& [file, count] : per_file) EXPECT_EQ(count, per_file.begin()->second) << file;
}

// A file of unknown size is read whole by its first read when small; around and past that size,
// and past the limit, it reads exactly as when its size is known.
TEST(FileStage, FirstReadGivesTheSameBytesAsAKnownSize) {
  TempDir dir;
  const std::uint64_t first = OpenedFile::kFirstReadBytes;
  for (std::uint64_t size : {std::uint64_t{0}, std::uint64_t{1}, first - 1, first, first + 1, first + 2, 3 * first}) {
    std::string text(size, 'x');
    for (std::size_t k = 0; k < text.size(); k += 97) text[k] = static_cast<char>('a' + k % 26);
    std::string path = dir.write("f" + std::to_string(size) + ".json", text);
    ReadResult unknown = read_file_bounded(path, 1 << 20);
    EXPECT_EQ(unknown.status, ReadResult::Status::ok) << size;
    EXPECT_EQ(unknown.bytes, text) << size;
    EXPECT_EQ(unknown.size, size);
    OpenedFile file(path);
    EXPECT_EQ(file.large(), size > first) << size;
    EXPECT_EQ(file.size(), size);
    EXPECT_EQ(file.read(1 << 20).bytes, text) << "read after large(), " << size;
    ReadResult limited = read_file_bounded(path, size / 2);
    if (size > 1) {
      EXPECT_EQ(limited.status, ReadResult::Status::too_large) << size;
      EXPECT_EQ(limited.size, size) << size;
    }
  }
}

// Devices and FIFOs where a regular file was seen: their first read comes back full or empty,
// and fstat then says what they are (no hang, nothing read on).
TEST(FileStage, FirstReadThatIsFullOrEmptyChecksTheFileType) {
  EXPECT_EQ(read_file_bounded("/dev/zero", 1 << 20).status, ReadResult::Status::not_regular);
  EXPECT_EQ(read_file_bounded("/dev/null", 1 << 20).status, ReadResult::Status::not_regular);
  TempDir dir;
  std::string fifo = (dir.path / "a_config.json").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  EXPECT_EQ(read_file_bounded(fifo, 1 << 20).status, ReadResult::Status::not_regular);
}

}  // namespace
}  // namespace aic
