#pragma once
// The bytes of one input file: a string read into memory, or a private mapping of the file.
//
// Why mapping: a multi-megabyte config read() into a buffer costs a page fault and a zero-fill
// per 4 KiB page of the buffer, then a copy from the page cache. Mapped, the file's pages come
// from the page cache directly, about sixteen to a fault (the kernel maps neighbours in
// already). Either way the text is followed by a NUL byte, the parsers' sentinel. Nothing writes
// into a mapping but that sentinel (the parsers read in place, and the full pass parses a copy).
#include <cstddef>
#include <string>
#include <string_view>

namespace aic {

class FileBytes {
 public:
  FileBytes() = default;
  // Implicit on purpose: bytes in memory are FileBytes wherever those are taken (a string
  // literal too: tests write SourceFile("a.json", "{}")).
  FileBytes(std::string bytes) : owned_(std::move(bytes)) {}  // NOLINT(google-explicit-constructor)
  template <std::size_t N>
  FileBytes(const char (&literal)[N]) : owned_(literal, N - 1) {}  // NOLINT(google-explicit-constructor)
  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  // A private, writable mapping of the `size` bytes of the open file `fd` (a regular file that
  // size, not empty), followed by at least one NUL byte. Empty (not mapped()) on any failure: the
  // caller reads the file instead.
  static FileBytes map(int fd, std::size_t size);

  bool mapped() const { return map_base_ != nullptr; }
  std::string_view view() const { return mapped() ? std::string_view(map_base_, map_size_) : std::string_view(owned_); }
  char* data() { return mapped() ? map_base_ : owned_.data(); }
  std::size_t size() const { return mapped() ? map_size_ : owned_.size(); }
  // The whole mapping, whole pages (0 when not mapped).
  std::size_t mapped_length() const { return map_length_; }

 private:
  void unmap();

  std::string owned_;
  char* map_base_ = nullptr;
  std::size_t map_size_ = 0;    // the file's bytes
  std::size_t map_length_ = 0;  // the whole mapping (whole pages, the NUL page included)
};

}  // namespace aic
