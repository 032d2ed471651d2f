#pragma once
// The one way this project includes RapidJSON: valijson's adapter must come before any RapidJSON
// header (it may define RAPIDJSON_ASSERT), so every file includes this instead.
//
// valijson (built with VALIJSON_USE_EXCEPTIONS) would define RAPIDJSON_ASSERT as a function
// taking std::string(__FILE__): one heap allocation and free per assertion, which is every few
// bytes of input and made parsing 5x slower than plain RapidJSON. Ours is free when it holds and
// still throws (never undefined behaviour) when it does not.
#include <stdexcept>
#include <string>

namespace aic {
[[noreturn]] inline void rapidjson_assertion_failed(const char* expression) {
  throw std::logic_error(std::string("RapidJSON assertion failed: ") + expression);
}
}  // namespace aic

#ifndef RAPIDJSON_ASSERT
#define RAPIDJSON_ASSERT(x) ((x) ? static_cast<void>(0) : ::aic::rapidjson_assertion_failed(#x))
#endif

// valijson then #warns that RAPIDJSON_ASSERT is already defined; CMake passes -Wno-cpp.
#include <valijson/adapters/rapidjson_adapter.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
