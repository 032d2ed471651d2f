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

// `known_size`: the size a stat of this path just gave as a regular file (the walker's); it spares
// the fstat. A file swapped since for a FIFO or device is then read anyway, but non-blocking and
// within max_size: the race costs no hang and no unbounded memory.
ReadResult read_file_bounded(const std::string& path, std::uint64_t max_size,
                             std::optional<std::uint64_t> known_size = std::nullopt);

}  // namespace aic
