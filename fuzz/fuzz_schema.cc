// libFuzzer target for the schema fast path's promise alone (fuzz/schema_differential.h): the
// bytes parsed as the front end and as plain RapidJSON parse them, both embedded schemas; abort
// when the fast path says "certainly valid" and valijson rejects. fuzz_pipeline checks the same
// promise among everything else; this one runs many times more inputs per second.
// Run: fuzz/run.sh SECONDS BUILD_DIR fuzz_schema
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "schema_differential.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const aic::SchemaSet> schemas = aic::SchemaSet::embedded();
  std::string problem =
      aic::fuzz::schema_fast_path_problem(std::string(reinterpret_cast<const char*>(data), size), *schemas);
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_schema: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
