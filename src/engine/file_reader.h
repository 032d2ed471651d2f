#pragma once
// Reads a file's bytes safely: never blocks on a FIFO or device, never reads past a size limit.
#include <cstdint>
#include <optional>
#include <string>

namespace aic {

struct ReadResult {
  enum class Status { ok, unreadable, not_regular, too_large } status = Status::ok;
  std::string bytes;
  std::string error;  // for unreadable
  std::uint64_t size = 0;
};

// A file opened for reading but not read yet: its size is known before its bytes are paid for
// (the file stage puts a large file back in the queue, so that it is not the last one on a core).
// Non-blocking and close-on-exec: opening a FIFO that replaced the file since the walk must not
// block.
class OpenedFile {
 public:
  // `known_size`: the size a stat of this path just gave as a regular file; it spares the fstat.
  // A file swapped since for a FIFO or device is then read anyway, but non-blocking and within
  // the limit: the race costs no hang and no unbounded memory.
  explicit OpenedFile(const std::string& path, std::optional<std::uint64_t> known_size = std::nullopt);
  // `name` relative to the open directory `directory_fd` (openat).
  OpenedFile(int directory_fd, const char* name, std::optional<std::uint64_t> known_size);
  ~OpenedFile();
  OpenedFile(const OpenedFile&) = delete;
  OpenedFile& operator=(const OpenedFile&) = delete;

  // ok, unreadable (error() says why) or not_regular; too_large only comes from read().
  ReadResult::Status status() const { return result_.status; }
  // Known or fstat'ed (meaningful when status() is ok).
  std::uint64_t size() const { return result_.size; }

  // The whole file, or too_large past max_size; once.
  ReadResult read(std::uint64_t max_size);

 private:
  bool check_regular();  // fstat: false (status not_regular, closed) if it is not
  void close();

  int fd_ = -1;
  bool checked_ = false;  // fstat'ed
  ReadResult result_;
};

ReadResult read_file_bounded(const std::string& path, std::uint64_t max_size,
                             std::optional<std::uint64_t> known_size = std::nullopt);

}  // namespace aic
