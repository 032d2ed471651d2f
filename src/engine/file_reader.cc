#include "engine/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/huge_pages.h"

namespace aic {

ReadResult read_file_bounded(const std::string& path, std::uint64_t max_size,
                             std::optional<std::uint64_t> known_size) {
  ReadResult result;
  // O_NONBLOCK: opening a FIFO that replaced the file since the walk must not block.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    result.status = ReadResult::Status::unreadable;
    result.error = std::strerror(errno);
    return result;
  }
  // Not a regular file (any more): false. Otherwise its size is in result.size.
  auto check_regular = [&] {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      result.status = ReadResult::Status::not_regular;
      return false;
    }
    result.size = static_cast<std::uint64_t>(st.st_size);
    return true;
  };
  bool checked = !known_size;
  if (known_size) result.size = *known_size;
  else if (!check_regular()) return result;
  if (result.size > max_size) {
    ::close(fd);
    result.status = ReadResult::Status::too_large;
    return result;
  }
  // One read() per file in the common case: ask for a byte more than the stat'ed size, so that a
  // read stopping at exactly that size is known to be the end (no second call to see EOF). A file
  // that grew or shrank since, or a short read, reads on within the limit.
  const std::uint64_t expected = result.size;
  // Advice before the first touch (resize zero-fills): reserve allocates without touching.
  result.bytes.reserve(static_cast<std::size_t>(std::min(expected, max_size) + 1));
  advise_huge_pages(result.bytes.data(), result.bytes.capacity());
  result.bytes.resize(static_cast<std::size_t>(std::min(expected, max_size) + 1));
  std::size_t filled = 0;
  while (true) {
    if (filled == result.bytes.size()) {
      if (filled > max_size) break;  // over the limit: reported below
      result.bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(2 * filled + 4096, max_size + 1)));
    }
    ssize_t n = ::read(fd, result.bytes.data() + filled, result.bytes.size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.status = ReadResult::Status::unreadable;
      result.error = std::strerror(errno);
      ::close(fd);
      return result;
    }
    filled += static_cast<std::size_t>(n);
    if (n > 0 && filled == expected && filled < result.bytes.size()) break;  // the size stat gave, then short
    // Not what the walker's stat said: make sure this is still a regular file before reading on
    // (a FIFO or device swapped in since is not read).
    if (!checked) {
      checked = true;
      if (!check_regular()) return result;
    }
    if (n == 0) break;
  }
  ::close(fd);
  result.bytes.resize(filled);
  if (filled > max_size) {
    result.status = ReadResult::Status::too_large;
    result.bytes.clear();
    result.size = filled;
  }
  return result;
}

}  // namespace aic
