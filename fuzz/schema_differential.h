#pragma once
// The schema fast path's one promise (src/engine/schema_fast_path.h): it never says "certainly
// valid" where valijson (strong types) rejects the value, so check_schema's output cannot change.
// Checked on every input by the libFuzzer target (fuzz/one_input.h) and on every JSON file of the
// project and the corpus by tests/unit/schema_fast_path_test.cc.
#include <string>

#include "core/rapidjson.h"  // first: before any RapidJSON header

#include <valijson/validator.hpp>

#include "core/json_document.h"
#include "core/source_file.h"
#include "engine/schema_set.h"

namespace aic::fuzz {

struct SchemaVerdicts {
  bool fast = false;      // the fast path said "certainly valid"
  bool valijson = false;  // valijson accepted the value
};

inline SchemaVerdicts schema_verdicts(const SchemaSet::Compiled& schema, const rapidjson::Value& value) {
  SchemaVerdicts v;
  v.fast = schema.fast_path() && schema.fast_path()->certainly_valid(value);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::adapters::RapidJsonAdapter target(value);
  v.valijson = schema.validator() && validator.validate(*schema.validator(), target, nullptr);
  return v;
}

// "" when the promise holds for `value`, else what broke it. valijson runs only when the fast
// path said "valid" (that is all the promise is about).
inline std::string fast_path_disagreement(const SchemaSet::Compiled& schema, const rapidjson::Value& value) {
  if (!schema.fast_path() || !schema.fast_path()->certainly_valid(value)) return {};
  if (schema_verdicts(schema, value).valijson) return {};
  return "schema fast path accepted a value valijson rejects (" + schema.origin + ")";
}

// The promise on `bytes` for both kinds of file, as the front end parses them (NaN and Infinity
// read as null, repeated keys as the last) and as plain RapidJSON does (NaN, Infinity and every
// repeated key kept), so the fast path also meets values the pipeline never hands it.
inline std::string schema_fast_path_problem(const std::string& bytes, const SchemaSet& schemas) {
  SourceFile source("fuzz.json", bytes);
  FileDiagnostics diagnostics(source);
  JsonDocument doc = JsonDocument::parse(source, diagnostics);
  rapidjson::Document raw;
  raw.Parse<rapidjson::kParseNanAndInfFlag | rapidjson::kParseIterativeFlag>(bytes.data(), bytes.size());
  for (FileKind kind : {FileKind::config, FileKind::side_car}) {
    const SchemaSet::Compiled* schema = schemas.for_kind(kind);
    if (!schema) continue;
    if (doc.has_root())
      if (std::string p = fast_path_disagreement(*schema, doc.root()); !p.empty()) return p + ", front-end DOM";
    if (!raw.HasParseError())
      if (std::string p = fast_path_disagreement(*schema, raw); !p.empty()) return p + ", raw RapidJSON DOM";
  }
  return {};
}

}  // namespace aic::fuzz
