#include "core/file_bytes.h"

#include <sys/mman.h>
#include <unistd.h>

#include <utility>

#include "core/truncation_guard.h"

namespace aic {

FileBytes::FileBytes(FileBytes&& other) noexcept
    : owned_(std::move(other.owned_)),
      map_base_(std::exchange(other.map_base_, nullptr)),
      map_size_(std::exchange(other.map_size_, 0)),
      map_length_(std::exchange(other.map_length_, 0)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    unmap();
    owned_ = std::move(other.owned_);
    map_base_ = std::exchange(other.map_base_, nullptr);
    map_size_ = std::exchange(other.map_size_, 0);
    map_length_ = std::exchange(other.map_length_, 0);
  }
  return *this;
}

FileBytes::~FileBytes() { unmap(); }

void FileBytes::unmap() {
  if (map_base_) ::munmap(map_base_, map_length_);
  map_base_ = nullptr;
}

FileBytes FileBytes::map(int fd, std::size_t size) {
  FileBytes result;
  static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  if (size == 0 || fd < 0) return result;
  // The file's whole pages, then one anonymous page of zeros: the NUL after the text is there
  // whatever the size (the rest of a file's last page reads as zeros too, but a size that is a
  // multiple of the page size has no rest).
  const std::size_t file_length = (size + page - 1) / page * page;
  const std::size_t length = file_length + page;
  void* base = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return result;
  if (::mmap(base, file_length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
    ::munmap(base, length);
    return result;
  }
  result.map_base_ = static_cast<char*>(base);
  result.map_size_ = size;
  result.map_length_ = length;
  // The sentinel is written even where the file's last page already reads as zeros there: the
  // write makes that page the mapping's own copy, which a file growing later cannot change (a
  // private mapping shows a file's later writes on the pages it has not written). A file that
  // shrank below `size` since is not mapped: the caller reads it.
  TruncationGuard guard(result.map_base_, length);
  result.map_base_[size] = '\0';
  if (guard.truncated()) return {};
  return result;
}

}  // namespace aic
