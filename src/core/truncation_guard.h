#pragma once
// A mapped file (FileBytes::map) that another process truncates while it is read: touching a
// page past the new end raises SIGBUS, which would end the run. While a TruncationGuard for the
// mapping is alive on a thread, a SIGBUS fault in that mapping on that thread instead replaces
// the file's pages from the fault on with zeros and notes it: the read goes on (on bytes that no
// longer matter) and truncated() says to report the file as not read. Any other SIGBUS (a fault
// elsewhere, or one sent by kill) goes to the handler that was there before, or ends the process.
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

  // Some page of the mapping could not be read when touched (past the file's end, or an I/O
  // error of the file system behind it).
  bool truncated() const;

 private:
  // Guards nest: an inner one (FileBytes::map's) puts the outer one back when it ends.
  char* outer_begin_;
  char* outer_end_;
  int outer_truncated_;
};

}  // namespace aic
