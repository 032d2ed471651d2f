#include "engine/schema_set.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <valijson/schema_parser.hpp>

#include "core/assets.h"
#include "core/errors.h"

#include <spdlog/spdlog.h>

namespace fs = std::filesystem;

namespace aic {

std::unique_ptr<SchemaSet::Compiled> SchemaSet::parse(std::string_view text, std::string origin) {
  auto compiled = std::make_unique<Compiled>();
  compiled->origin = std::move(origin);
  compiled->text = std::string(text);
  rapidjson::Document& doc = compiled->document;
  // In situ from our NUL-terminated copy: Parse(text, size) reads through RapidJSON's
  // per-character stream wrapper and copies every string, about 3x the cost on the 43 KB config
  // schema. A NUL byte inside the text would end an in-situ parse early: that (broken) file
  // takes the sized parse, which reports it.
  if (text.find('\0') == std::string_view::npos) doc.ParseInsitu(compiled->text.data());
  else doc.Parse(text.data(), text.size());
  if (doc.HasParseError())
    throw UsageError("schema " + compiled->origin + " is not valid JSON: " +
                     rapidjson::GetParseError_En(doc.GetParseError()) + " (at byte " +
                     std::to_string(doc.GetErrorOffset()) + ")");
  if (!doc.IsObject()) throw UsageError("schema " + compiled->origin + " is not a JSON object");
  return compiled;
}

std::unique_ptr<SchemaSet::Compiled> SchemaSet::compile(std::string_view text, std::string origin) {
  std::unique_ptr<Compiled> compiled = parse(text, std::move(origin));
  const Compiled& c = *compiled;
  std::call_once(c.once_, [&] { c.compile_validator(); });  // a throw leaves it not done
  return compiled;
}

void SchemaSet::Compiled::compile_validator() const {
  auto schema = std::make_unique<valijson::Schema>();
  try {
    // Local "$ref"s only: no fetch function, so a remote reference is an error, not a download.
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::RapidJsonAdapter adapter(document);
    parser.populateSchema(adapter, *schema);
  } catch (const std::exception& e) {
    throw UsageError("schema " + origin + " is not a usable draft-07 schema: " + e.what());
  }
  validator_ = std::move(schema);
}

const valijson::Schema* SchemaSet::Compiled::validator() const {
  std::call_once(once_, [&] {
    try {
      compile_validator();
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
    }
  });
  return validator_.get();
}

std::shared_ptr<const SchemaSet> SchemaSet::embedded() {
  auto set = std::make_shared<SchemaSet>();
  auto prepare = [](Slot& slot, std::string_view name) {
    std::string asset = "schemas/" + std::string(name);
    auto text = find_embedded_asset(asset);
    if (!text) throw UsageError("embedded asset " + asset + " is missing (broken build)");
    slot.embedded_text = *text;
    slot.origin = "embedded " + asset;
  };
  prepare(set->config_, kConfigSchemaName);
  prepare(set->side_car_, kSideCarSchemaName);
  return set;
}

std::shared_ptr<const SchemaSet> SchemaSet::from_directory(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw UsageError("--schema-dir '" + dir + "' is not a directory");
  auto load = [&](std::string_view name) {
    fs::path path = fs::path(dir) / std::string(name);
    if (!fs::is_regular_file(path, ec))
      throw UsageError("--schema-dir '" + dir + "' has no " + std::string(name) +
                       " (it must hold both " + std::string(kConfigSchemaName) + " and " +
                       std::string(kSideCarSchemaName) + ")");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw UsageError("cannot read schema " + path.string());
    return compile(text.str(), path.string());
  };
  auto set = std::make_shared<SchemaSet>();
  set->config_.compiled = load(kConfigSchemaName);
  set->side_car_.compiled = load(kSideCarSchemaName);
  return set;
}

const SchemaSet::Compiled* SchemaSet::Slot::get() const {
  if (!embedded_text.empty()) {
    // The embedded schemas compile in every tested build (SchemaStage tests); should one not,
    // the file is linted without schema validation rather than the run dying in a worker.
    std::call_once(once, [&] {
      try {
        compiled = parse(embedded_text, origin);
      } catch (const std::exception& e) {
        spdlog::error("{}: {}", origin, e.what());
      }
    });
  }
  return compiled.get();
}

const SchemaFastPath* SchemaSet::Compiled::fast_path() const {
  std::call_once(fast_once, [&] { fast = SchemaFastPath::compile(document); });
  return fast.get();
}

const SchemaSet::Compiled* SchemaSet::for_kind(FileKind kind) const {
  switch (kind) {
    case FileKind::config:
      return config_.get();
    case FileKind::side_car:
      return side_car_.get();
    case FileKind::other:
      return nullptr;
  }
  return nullptr;
}

}  // namespace aic
