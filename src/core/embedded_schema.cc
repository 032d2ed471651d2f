#include "core/embedded_schema.h"

#include <valijson/schema_parser.hpp>

#include "core/assets.h"
#include "core/errors.h"
#include "core/json_document.h"

namespace aic {

std::unique_ptr<valijson::Schema> compile_embedded_schema(std::string_view asset) {
  auto text = find_embedded_asset(asset);
  if (!text) throw UsageError("internal error: embedded " + std::string(asset) + " missing");
  // In situ from a NUL-terminated copy: Parse(text, size) reads through RapidJSON's per-character
  // stream wrapper, several times slower. The document only lives while valijson compiles it.
  std::string buffer(*text);
  rapidjson::Document d;
  d.ParseInsitu(buffer.data());
  if (d.HasParseError())
    throw UsageError("internal error: embedded " + std::string(asset) + " is not JSON");
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser;
  valijson::adapters::RapidJsonAdapter adapter(d);
  parser.populateSchema(adapter, *schema);
  return schema;
}

std::string valijson_context_pointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& c : context) {
    if (c.size() < 2 || c.front() != '[' || c.back() != ']') continue;
    pointer += "/" + escape_pointer_token(std::string_view(c).substr(1, c.size() - 2));
  }
  return pointer;
}

}  // namespace aic
