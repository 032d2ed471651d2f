#include "engine/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace aic {

ReadResult read_file_bounded(const std::string& path, std::uint64_t max_size) {
  ReadResult result;
  // O_NONBLOCK: opening a FIFO that replaced the file since the walk must not block.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    result.status = ReadResult::Status::unreadable;
    result.error = std::strerror(errno);
    return result;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    result.status = ReadResult::Status::not_regular;
    return result;
  }
  result.size = static_cast<std::uint64_t>(st.st_size);
  if (result.size > max_size) {
    ::close(fd);
    result.status = ReadResult::Status::too_large;
    return result;
  }
  result.bytes.resize(result.size);
  std::size_t filled = 0;
  while (true) {
    if (filled == result.bytes.size()) {
      // The file may have grown since fstat: read on, within the limit.
      if (result.bytes.size() >= max_size + 1) break;
      result.bytes.resize(std::min<std::uint64_t>(max_size + 1, result.bytes.size() * 2 + 4096));
    }
    ssize_t n = ::read(fd, result.bytes.data() + filled, result.bytes.size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.status = ReadResult::Status::unreadable;
      result.error = std::strerror(errno);
      ::close(fd);
      return result;
    }
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
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
