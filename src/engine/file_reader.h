#pragma once
// Reads a file's bytes safely: never blocks on a FIFO or device, never reads past a size limit.
#include <cstdint>
#include <string>

namespace aic {

struct ReadResult {
  enum class Status { ok, unreadable, not_regular, too_large } status = Status::ok;
  std::string bytes;
  std::string error;  // for unreadable
  std::uint64_t size = 0;
};

ReadResult read_file_bounded(const std::string& path, std::uint64_t max_size);

}  // namespace aic
