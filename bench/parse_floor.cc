// The performance floor: read every *.json under the given paths and parse it with plain
// RapidJSON (DOM, in situ, one thread), nothing else. aic-lint's speed is reported as a ratio
// to this program's time on the same files, measured in the same run.
#include <rapidjson/document.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
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
    // One open, fstat and read per file: the cheapest plain way, so the floor is not padded.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st {};
    std::size_t size = ::fstat(fd, &st) == 0 ? static_cast<std::size_t>(st.st_size) : 0;
    buffer.resize(size);
    std::size_t got = 0;
    for (ssize_t n; got < size && (n = ::read(fd, buffer.data() + got, size - got)) > 0;)
      got += static_cast<std::size_t>(n);
    ::close(fd);
    buffer.resize(got);
    bytes += got;
    rapidjson::Document doc;
    // kParseNanAndInfFlag: three real configs contain a bare Infinity.
    doc.ParseInsitu<rapidjson::kParseNanAndInfFlag>(buffer.data());
    ok += !doc.HasParseError();
  }
  std::printf("%zu files, %zu bytes, %zu parsed\n", files.size(), bytes, ok);
  return 0;
}
