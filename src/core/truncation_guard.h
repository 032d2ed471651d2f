#pragma once
// A mapped file (FileBytes::map) that another process truncates while it is read: touching a
// page past the new end raises SIGBUS, which would end the run. While a TruncationGuard for the
// mapping is alive on a thread, a SIGBUS in that mapping on that thread instead replaces the
// file's pages from the fault on with zeros and notes it: the read goes on (on bytes that no
// longer matter) and truncated() says to report the file as changed while being read. A SIGBUS
// anywhere else goes to the handler that was there before (the default one ends the process).
#include <cstddef>

#include "core/file_bytes.h"

namespace aic {

class TruncationGuard {
 public:
  // Guards `length` bytes from `begin` (one guard per thread at a time).
  TruncationGuard(const char* begin, std::size_t length);
  // Guards the whole of a mapped FileBytes (nothing if it is not mapped).
  explicit TruncationGuard(const FileBytes& bytes)
      : TruncationGuard(bytes.mapped() ? bytes.view().data() : nullptr, bytes.mapped_length()) {}
  ~TruncationGuard();
  TruncationGuard(const TruncationGuard&) = delete;
  TruncationGuard& operator=(const TruncationGuard&) = delete;

  // Some page of the mapping was past the file's end when touched.
  bool truncated() const;
};

}  // namespace aic
