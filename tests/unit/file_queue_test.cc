// FileQueue: files in the order given, a file put back taken again before any further one,
// largest first, and every file taken to the end exactly once whatever the threads.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "engine/file_queue.h"

namespace aic {
namespace {

TEST(FileQueue, PutBackFilesComeNextLargestFirst) {
  FileQueue queue({5, 6, 7, 8});
  auto a = queue.next();
  ASSERT_TRUE(a && a->index == 5 && a->may_put_back);
  queue.put_back(5, 100);
  auto b = queue.next();
  ASSERT_TRUE(b && b->index == 5 && !b->may_put_back) << "taken again before 6";
  auto c = queue.next(), d = queue.next();
  ASSERT_TRUE(c && d && c->index == 6 && d->index == 7);
  queue.put_back(6, 10);
  queue.put_back(7, 300);
  EXPECT_EQ(queue.next()->index, 7u) << "the larger first";
  EXPECT_EQ(queue.next()->index, 6u);
  EXPECT_EQ(queue.next()->index, 8u);
  EXPECT_FALSE(queue.next());
  queue.put_back(8, 1);  // by a thread still at work after the others saw the end
  auto e = queue.next();
  ASSERT_TRUE(e && e->index == 8 && !e->may_put_back);
  EXPECT_FALSE(queue.next());
}

TEST(FileQueue, EveryFileIsDoneOnceWhateverTheThreads) {
  constexpr std::size_t kFiles = 20000;
  std::vector<std::size_t> order(kFiles);
  for (std::size_t i = 0; i < kFiles; ++i) order[i] = i;
  FileQueue queue(order);
  std::vector<std::atomic<int>> done(kFiles);
  auto worker = [&] {
    while (auto item = queue.next()) {
      if (item->may_put_back && item->index % 7 == 0) {  // "large": put back, done later
        queue.put_back(item->index, item->index);
        continue;
      }
      ++done[item->index];
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < kFiles; ++i) ASSERT_EQ(done[i], 1) << i;
}

}  // namespace
}  // namespace aic
