#pragma once
// Reads a file's bytes safely: never blocks on a FIFO or device, never reads past a size limit.
#include <cstdint>
#include <optional>
#include <string>

#include "core/file_bytes.h"

namespace aic {

struct ReadResult {
  enum class Status { ok, unreadable, not_regular, too_large } status = Status::ok;
  std::string bytes;
  std::string error;  // for unreadable
  std::uint64_t size = 0;
};

// A file opened for reading, read on demand: non-blocking and close-on-exec (opening a FIFO that
// replaced the file since the walk must not block).
//
// Its size comes from a stat already made (`known_size`: the size a stat of this path just gave
// as a regular file), or from a first read: a small file, read whole by one read() shorter than
// asked (the end of a regular file), needs no fstat at all; a read that comes back empty, full or
// failing is settled by fstat (a FIFO or device swapped in since is not read on). A race can at
// worst make aic-lint read part of what a FIFO holds, never block or read past the limit.
class OpenedFile {
 public:
  // Files up to this size are read whole by the first read().
  static constexpr std::uint64_t kFirstReadBytes = 64 << 10;

  explicit OpenedFile(const std::string& path, std::optional<std::uint64_t> known_size = std::nullopt);
  // `name` relative to the open directory `directory_fd` (openat).
  OpenedFile(int directory_fd, const char* name, std::optional<std::uint64_t> known_size);
  ~OpenedFile();
  OpenedFile(const OpenedFile&) = delete;
  OpenedFile& operator=(const OpenedFile&) = delete;

  // ok, unreadable (error() says why) or not_regular so far; too_large only comes from read().
  ReadResult::Status status() const { return result_.status; }

  // Whether the file holds more than kFirstReadBytes. With its size unknown, this makes the first
  // read (a small file's bytes kept for read()); size() is then known.
  bool large();
  std::uint64_t size() const { return result_.size; }

  // The whole file, or too_large past max_size; once.
  ReadResult read(std::uint64_t max_size);
  // The whole file mapped (see FileBytes), when it is large() and within max_size; once. Not
  // mapped() otherwise, or when the system refuses: read() then still works.
  FileBytes map(std::uint64_t max_size);

 private:
  void first_read();
  bool check_regular();  // fstat: false (status not_regular, closed) if it is not
  void close();

  int fd_ = -1;
  bool size_known_ = false;
  bool checked_ = false;  // fstat'ed
  bool whole_ = false;    // head_ is the whole file
  bool rewind_ = false;   // the first read took bytes it did not keep
  std::string head_;      // the whole file, when the first read gave it all
  ReadResult result_;
};

ReadResult read_file_bounded(const std::string& path, std::uint64_t max_size,
                             std::optional<std::uint64_t> known_size = std::nullopt);

}  // namespace aic
