#pragma once
// What a schema says about one place in a document: the subschemas that apply to an instance
// path, merged into the facts a message needs (expected types, range, allowed values, title).
// Used only to word findings, after valijson has decided what is wrong.
#include <optional>
#include <string>
#include <vector>

#include "core/rapidjson.h"

namespace aic {

// One step of an instance path: an array index or an object key.
struct InstanceStep {
  bool is_index = false;
  std::size_t index = 0;
  std::string key;
};

struct SchemaFacts {
  std::vector<std::string> types;            // "integer", "string", ... (empty: any)
  std::optional<double> minimum, maximum;    // inclusive bounds
  std::optional<double> exclusive_minimum, exclusive_maximum;
  const rapidjson::Value* enum_values = nullptr;  // array
  const rapidjson::Value* const_value = nullptr;
  std::string title, description;
  // "x-aic-if-string": what the consumer does with a string written where this type is expected
  // (e.g. a list field it iterates: a string is read character by character). Our keyword;
  // validators ignore it.
  std::string if_string;
  // anyOf / oneOf alternatives that are only "required" lists, e.g. {quant_algo} | {quantization_algo}.
  std::vector<std::string> required_alternatives;
};

class SchemaLookup {
 public:
  explicit SchemaLookup(const rapidjson::Value& schema_root) : root_(schema_root) {}

  // Every subschema that applies at `path` ($ref, allOf, anyOf, oneOf followed; properties,
  // additionalProperties and items stepped into).
  std::vector<const rapidjson::Value*> at(const std::vector<InstanceStep>& path) const;
  // The facts of those subschemas (for each keyword, the first subschema that has it).
  SchemaFacts facts(const std::vector<InstanceStep>& path) const;

 private:
  void expand(const rapidjson::Value* schema, std::vector<const rapidjson::Value*>& out,
              int depth) const;
  const rapidjson::Value& root_;
};

}  // namespace aic
