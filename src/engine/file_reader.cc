#include "engine/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/huge_pages.h"

namespace aic {

OpenedFile::OpenedFile(const std::string& path, std::optional<std::uint64_t> known_size)
    : OpenedFile(AT_FDCWD, path.c_str(), known_size) {}

OpenedFile::OpenedFile(int directory_fd, const char* name, std::optional<std::uint64_t> known_size) {
  fd_ = ::openat(directory_fd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd_ < 0) {
    result_.status = ReadResult::Status::unreadable;
    result_.error = std::strerror(errno);
    return;
  }
  if (known_size) result_.size = *known_size;
  else check_regular();
}

OpenedFile::~OpenedFile() { close(); }

void OpenedFile::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool OpenedFile::check_regular() {
  checked_ = true;
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    close();
    result_.status = ReadResult::Status::not_regular;
    return false;
  }
  result_.size = static_cast<std::uint64_t>(st.st_size);
  return true;
}

ReadResult OpenedFile::read(std::uint64_t max_size) {
  ReadResult result = std::move(result_);
  result_ = {};
  result_.status = ReadResult::Status::unreadable;  // read once
  if (result.status != ReadResult::Status::ok || fd_ < 0) return result;
  if (result.size > max_size) {
    close();
    result.status = ReadResult::Status::too_large;
    return result;
  }
  // One read() per file in the common case: ask for a byte more than the size, so that a read
  // stopping at exactly that size is known to be the end (no second call to see EOF). A file
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
    ssize_t n = ::read(fd_, result.bytes.data() + filled, result.bytes.size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.status = ReadResult::Status::unreadable;
      result.error = std::strerror(errno);
      result.bytes.clear();
      close();
      return result;
    }
    filled += static_cast<std::size_t>(n);
    if (n > 0 && filled == expected && filled < result.bytes.size()) break;  // the expected size, then short
    // Not the size a stat gave: make sure this is still a regular file before reading on (a FIFO
    // or device swapped in since is not read).
    if (!checked_ && !check_regular()) {
      result.status = ReadResult::Status::not_regular;
      result.bytes.clear();
      return result;
    }
    if (n == 0) break;
  }
  close();
  result.bytes.resize(filled);
  result.size = filled;
  if (filled > max_size) {
    result.status = ReadResult::Status::too_large;
    result.bytes.clear();
  }
  return result;
}

ReadResult read_file_bounded(const std::string& path, std::uint64_t max_size,
                             std::optional<std::uint64_t> known_size) {
  return OpenedFile(path, known_size).read(max_size);
}

}  // namespace aic
