#include "engine/core_warmup.h"

#include <chrono>
#include <system_error>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace aic {

namespace {

constexpr auto kMaxSpin = std::chrono::milliseconds(3);

}  // namespace

CoreWarmup::CoreWarmup(unsigned threads) {
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) {
    try {
      threads_.emplace_back([this] { spin(); });
    } catch (const std::system_error&) {
      break;  // no thread to spare (a process limit): a warm-up is only ever a help
    }
  }
}

void CoreWarmup::spin() const {
  const auto give_up = std::chrono::steady_clock::now() + kMaxSpin;
  for (unsigned spins = 0; !released_.load(std::memory_order_relaxed); ++spins) {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
    // A yield too: should the scheduler put this thread on the caller's core, the caller keeps it.
    std::this_thread::yield();
    if (spins % 64 == 63 && std::chrono::steady_clock::now() > give_up) return;
  }
}

void CoreWarmup::release() {
  released_.store(true, std::memory_order_relaxed);
  for (auto& t : threads_) t.join();
  threads_.clear();
}

}  // namespace aic
