#pragma once
// The run's JSON Schemas (schemas/*.schema.json), compiled once per run and shared read-only by
// every worker thread. The embedded ones are parsed on first use (a pre-commit call on one
// config never pays for the side-car schema) and compiled by valijson only when a file needs it;
// a user's --schema-dir is compiled up front so its errors come before any output.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/rapidjson.h"
#include "engine/file_kind.h"
#include "engine/schema_fast_path.h"

#include <valijson/schema.hpp>

namespace aic {

class SchemaSet {
 public:
  static constexpr std::string_view kConfigSchemaName = "model-config.schema.json";
  static constexpr std::string_view kSideCarSchemaName = "hf-quant-config.schema.json";

  // One schema: its JSON, kept for the words of messages (titles, descriptions, expected types
  // and ranges), and valijson's compilation of it.
  struct Compiled {
    std::string origin;              // "embedded schemas/<name>" or the file read
    std::string text;                // the schema text; `document` may point into it (in situ)
    rapidjson::Document document;    // the schema as JSON

    // The allocation-free "certainly valid" pre-check (engine/schema_fast_path.h) compiled from
    // the same JSON on first call; nullptr when the schema uses keywords it does not support
    // (then valijson checks every file).
    const SchemaFastPath* fast_path() const;

    // valijson's draft-07 compilation of `document`, made on first use (thread-safe). For a
    // schema from compile() it is made there, so its errors come first; an embedded one that
    // does not compile (a broken build) is logged once and this is nullptr: files are then
    // linted without schema validation rather than the run dying in a worker.
    const valijson::Schema* validator() const;

    mutable std::once_flag fast_once;
    mutable std::unique_ptr<const SchemaFastPath> fast;

   private:
    friend class SchemaSet;
    void compile_validator() const;  // throws UsageError
    mutable std::once_flag once_;
    mutable std::unique_ptr<valijson::Schema> validator_;
  };

  // The schemas embedded in the binary. Throws UsageError if one is missing or does not compile
  // (a build problem).
  static std::shared_ptr<const SchemaSet> embedded();
  // The schemas of a user's directory (--schema-dir): both files must be there. Throws
  // UsageError naming the directory or file and the problem.
  static std::shared_ptr<const SchemaSet> from_directory(const std::string& dir);

  // Parses and compiles one schema text. Throws UsageError naming `origin`.
  static std::unique_ptr<Compiled> compile(std::string_view text, std::string origin);
  // Parses one schema text; valijson compiles it on first use. Throws UsageError naming `origin`
  // when it is not a JSON object.
  static std::unique_ptr<Compiled> parse(std::string_view text, std::string origin);

  // The schema files of this kind are validated against; nullptr for FileKind::other.
  const Compiled* for_kind(FileKind kind) const;

 private:
  struct Slot {
    std::string_view embedded_text;  // compiled on first use when set
    std::string origin;
    mutable std::once_flag once;
    mutable std::unique_ptr<Compiled> compiled;
    const Compiled* get() const;
  };
  Slot config_;
  Slot side_car_;
};

}  // namespace aic
