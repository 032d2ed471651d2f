#pragma once
// Small valijson helpers shared by the loaders that validate our own JSON files (the registry,
// the .aic-lint.json config) against an embedded schema.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/rapidjson.h"

#include <valijson/schema.hpp>

namespace aic {

// Compiles the embedded asset `asset` (e.g. "schemas/registry.schema.json"). Throws UsageError
// when it is missing or not JSON (a broken build). valijson::Schema is neither copyable nor
// movable, hence the pointer; callers keep it in a function-local static.
std::unique_ptr<valijson::Schema> compile_embedded_schema(std::string_view asset);

// A simple valijson context (["<root>", "[profiles]", "[LLAMA]"]) as an RFC 6901 pointer
// ("/profiles/LLAMA"). Steps that are not "[...]" are skipped.
std::string valijson_context_pointer(const std::vector<std::string>& context);

}  // namespace aic
