// libFuzzer target: the bytes of one file through the whole per-file pipeline and every reporter
// (fuzz/one_input.h). Crashes, sanitizer reports, and broken output promises (abort) are findings.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "one_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string problem = aic::fuzz::lint_one_input(std::string(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_pipeline: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
