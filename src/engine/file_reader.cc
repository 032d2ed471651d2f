#include "engine/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/huge_pages.h"

namespace aic {

namespace {

// read() that retries when a signal interrupts it.
ssize_t read_some(int fd, char* into, std::size_t count) {
  ssize_t n;
  do n = ::read(fd, into, count);
  while (n < 0 && errno == EINTR);
  return n;
}

}  // namespace

OpenedFile::OpenedFile(const std::string& path, std::optional<std::uint64_t> known_size)
    : OpenedFile(AT_FDCWD, path.c_str(), known_size) {}

OpenedFile::OpenedFile(int directory_fd, const char* name, std::optional<std::uint64_t> known_size) {
  fd_ = ::openat(directory_fd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd_ < 0) {
    result_.status = ReadResult::Status::unreadable;
    result_.error = std::strerror(errno);
    return;
  }
  if (known_size) {
    result_.size = *known_size;
    size_known_ = true;
  }
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
  size_known_ = true;
  return true;
}

void OpenedFile::first_read() {
  // Into a per-thread buffer, then copied at its exact size: a fresh 64 KiB per file would cost
  // more than the read.
  thread_local std::unique_ptr<char[]> scratch(new char[kFirstReadBytes + 1]);
  ssize_t n = read_some(fd_, scratch.get(), kFirstReadBytes + 1);
  int read_errno = errno;
  if (n > 0 && static_cast<std::uint64_t>(n) <= kFirstReadBytes) {  // shorter than asked: the end
    head_.assign(scratch.get(), static_cast<std::size_t>(n));
    whole_ = true;
    result_.size = head_.size();
    size_known_ = true;
    return;
  }
  // Empty, full or failed: is it a regular file, and how large?
  if (!check_regular()) return;
  if (n < 0) {
    close();
    result_.status = ReadResult::Status::unreadable;
    result_.error = std::strerror(read_errno);
    return;
  }
  // A large file's first bytes are not kept: it is usually mapped (map()), and read() starts
  // again from its first byte otherwise.
  whole_ = n == 0;
  rewind_ = !whole_;
  result_.size = std::max<std::uint64_t>(result_.size, static_cast<std::uint64_t>(n));
}

bool OpenedFile::large() {
  if (result_.status == ReadResult::Status::ok && !size_known_) first_read();
  return result_.status == ReadResult::Status::ok && result_.size > kFirstReadBytes;
}

ReadResult OpenedFile::read(std::uint64_t max_size) {
  if (result_.status == ReadResult::Status::ok && !size_known_) first_read();
  ReadResult result = std::move(result_);
  result_ = {};
  result_.status = ReadResult::Status::unreadable;  // read once
  if (result.status != ReadResult::Status::ok || fd_ < 0) return result;
  if (whole_) {
    close();
    result.size = head_.size();
    if (result.size > max_size) result.status = ReadResult::Status::too_large;
    else result.bytes = std::move(head_);
    return result;
  }
  if (result.size > max_size) {
    close();
    result.status = ReadResult::Status::too_large;
    return result;
  }
  // One read() per file in the common case: ask for a byte more than the size, so that a read
  // stopping at exactly that size is known to be the end (no second call to see EOF). A file
  // that grew or shrank since, or a short read, reads on within the limit.
  const std::uint64_t expected = result.size;
  if (rewind_ && ::lseek(fd_, 0, SEEK_SET) != 0) {
    result.status = ReadResult::Status::unreadable;
    result.error = std::strerror(errno);
    close();
    return result;
  }
  // Advice before the first touch (resize zero-fills): reserve allocates without touching.
  result.bytes.reserve(static_cast<std::size_t>(std::min(expected, max_size) + 1));
  advise_huge_pages(result.bytes.data(), result.bytes.capacity());
  result.bytes.resize(static_cast<std::size_t>(std::min(expected, max_size) + 1));
  std::size_t filled = 0;
  while (filled <= max_size) {
    if (filled == result.bytes.size())
      result.bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(2 * filled + 4096, max_size + 1)));
    ssize_t n = read_some(fd_, result.bytes.data() + filled, result.bytes.size() - filled);
    if (n < 0) {
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

FileBytes OpenedFile::map(std::uint64_t max_size) {
  if (!large() || whole_ || fd_ < 0) return {};
  // A size from an earlier stat may be stale, and the file may be a device or FIFO swapped in
  // since: the mapping takes the size an fstat of this descriptor gives, of a regular file only.
  if (!checked_ && !check_regular()) return {};  // read() then says not_regular
  if (result_.size <= OpenedFile::kFirstReadBytes || result_.size > max_size) return {};  // read() decides
  FileBytes mapped = FileBytes::map(fd_, static_cast<std::size_t>(result_.size));
  if (mapped.mapped()) {
    close();
    result_ = {};
    result_.status = ReadResult::Status::unreadable;  // read once
  }
  return mapped;
}

ReadResult read_file_bounded(const std::string& path, std::uint64_t max_size,
                             std::optional<std::uint64_t> known_size) {
  return OpenedFile(path, known_size).read(max_size);
}

}  // namespace aic
