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
  char probe[4096];  // reads past the size fstat gave, without doubling a large buffer to do it
  while (true) {
    bool at_expected_end = filled == result.bytes.size();
    char* into = at_expected_end ? probe : result.bytes.data() + filled;
    std::size_t room = at_expected_end ? sizeof probe : result.bytes.size() - filled;
    ssize_t n = ::read(fd, into, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.status = ReadResult::Status::unreadable;
      result.error = std::strerror(errno);
      ::close(fd);
      return result;
    }
    if (n == 0) break;
    if (at_expected_end) {
      // The file grew since fstat: keep what came, within the limit.
      result.bytes.append(probe, static_cast<std::size_t>(n));
      if (result.bytes.size() > max_size) {
        filled = result.bytes.size();
        break;
      }
    }
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
