// The performance floor: read every *.json under the given paths and parse it with plain
// RapidJSON (DOM, in situ, one thread), nothing else. aic-lint's speed is reported as a ratio
// to this program's time on the same files, measured in the same run.
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i]))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    } else {
      files.emplace_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t ok = 0, bytes = 0;
  std::string buffer;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    buffer.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += buffer.size();
    rapidjson::Document doc;
    // kParseNanAndInfFlag: three real configs contain a bare Infinity.
    doc.ParseInsitu<rapidjson::kParseNanAndInfFlag>(buffer.data());
    ok += !doc.HasParseError();
  }
  std::printf("%zu files, %zu bytes, %zu parsed\n", files.size(), bytes, ok);
  return 0;
}
