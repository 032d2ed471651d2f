#include "engine/file_queue.h"

#include <algorithm>

namespace aic {

std::optional<FileQueue::Item> FileQueue::take_large() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (large_.empty()) return std::nullopt;
  std::pop_heap(large_.begin(), large_.end());
  Item item{large_.back().second, false};
  large_.pop_back();
  --large_count_;
  return item;
}

std::optional<FileQueue::Item> FileQueue::next() {
  if (large_count_ > 0)
    if (auto item = take_large()) return item;
  if (std::size_t k = next_++; k < order_.size()) return Item{order_[k], true};
  return take_large();  // put back by a thread still at work, or nothing
}

void FileQueue::put_back(std::size_t index, std::uint64_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  large_.emplace_back(size, index);
  std::push_heap(large_.begin(), large_.end());
  ++large_count_;
}

}  // namespace aic
