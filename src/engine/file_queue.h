#pragma once
// The file stage's order of work, shared by its threads. Files come in the order given (largest
// first where sizes are known, then walked files by name), except that a file put back (found
// large by its first read) is taken before any further one, largest first: a big file starts as
// soon as it is found, and the small ones left fill the cores at the end, without a stat of
// every file up front.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace aic {

class FileQueue {
 public:
  explicit FileQueue(std::vector<std::size_t> order) : order_(std::move(order)) {}

  struct Item {
    std::size_t index;
    bool may_put_back;  // false for a file taken again after put_back()
  };
  // The next file; nothing once every file is taken. A thread that puts a file back must call
  // next() again (it may be the one to take it).
  std::optional<Item> next();
  void put_back(std::size_t index, std::uint64_t size);

 private:
  std::optional<Item> take_large();

  const std::vector<std::size_t> order_;
  std::atomic<std::size_t> next_{0};
  std::mutex mutex_;
  std::vector<std::pair<std::uint64_t, std::size_t>> large_;  // a max-heap of (size, index)
  std::atomic<std::size_t> large_count_{0};
};

}  // namespace aic
