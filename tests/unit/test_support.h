#pragma once
// Helpers shared by the unit tests: parse a string as a file, find diagnostics by code, every JSON
// file the project has.
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_diagnostics.h"
#include "core/json_document.h"
#include "core/source_file.h"

namespace aic::testing {

struct Parsed {
  SourceFile source;
  FileDiagnostics out;
  JsonDocument doc;
  explicit Parsed(std::string text, ParseOptions options = {})
      : source("t.json", std::move(text)), out(source), doc(JsonDocument::parse(source, out, options)) {}
  std::vector<Diagnostic> with_code(const std::string& code) const {
    std::vector<Diagnostic> v;
    for (const auto& d : out.diagnostics())
      if (d.code == code) v.push_back(d);
    return v;
  }
};

// A directory under /tmp, removed with everything in it at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char pattern[] = "/tmp/aic-lint-test-XXXXXX";
    path = ::mkdtemp(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Writes `text` to `name` (relative to the directory), creating directories on the way;
  // returns the file's path.
  std::string write(const std::filesystem::path& name, const std::string& text) const {
    std::filesystem::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

// A file's bytes.
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every JSON file of the project (tests, examples, fuzz regressions, whatever their name) and of
// ../shared/corpus when it is there, sorted: the inputs of the differential tests.
inline std::vector<std::filesystem::path> project_json_files() {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::vector<fs::path> roots = {fs::path(AIC_SOURCE_DIR) / "tests", fs::path(AIC_SOURCE_DIR) / "examples",
                                 fs::path(AIC_SOURCE_DIR) / "fuzz" / "regressions"};
  if (fs::is_directory(fs::path(AIC_SHARED_DIR) / "corpus")) roots.push_back(fs::path(AIC_SHARED_DIR) / "corpus");
  for (const auto& root : roots)
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file() && (e.path().extension() == ".json" || root.filename() == "regressions"))
        files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace aic::testing
