// libFuzzer target: the front end's clean-text fast path against the full RapidJSON pass
// (fuzz/front_end_differential.h). Aborts on any difference.
#include <cstdio>
#include <cstdlib>

#include "front_end_differential.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto verdict = aic::fuzz::compare_front_end_passes({reinterpret_cast<const char*>(data), size});
  if (!verdict.difference.empty()) {
    std::fprintf(stderr, "front end passes disagree:\n%s\n", verdict.difference.c_str());
    std::abort();
  }
  return 0;
}
