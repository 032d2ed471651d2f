#include "engine/core_warmup.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace aic {
namespace {

std::size_t threads_of_this_process() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& task : std::filesystem::directory_iterator("/proc/self/task")) ++n;
  return n;
}

TEST(CoreWarmup, ReleaseStopsAndJoinsTheThreads) {
  const std::size_t before = threads_of_this_process();
  CoreWarmup warmup(2);
  EXPECT_EQ(warmup.threads(), 2u);
  warmup.release();
  EXPECT_EQ(warmup.threads(), 0u);
  EXPECT_EQ(threads_of_this_process(), before);
  warmup.release();  // twice: nothing left to stop
  CoreWarmup none(0);
  EXPECT_EQ(none.threads(), 0u);
}

// Never released (a run that fails before its file stage, or a very long walk): the spinning
// threads end by themselves within milliseconds, and the destructor joins them.
TEST(CoreWarmup, StopsSpinningByItself) {
  const std::size_t before = threads_of_this_process();
  CoreWarmup warmup(1);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (threads_of_this_process() > before && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(threads_of_this_process(), before) << "the spinning thread never gave up";
}

}  // namespace
}  // namespace aic
