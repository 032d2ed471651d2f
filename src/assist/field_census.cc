#include "assist/field_census.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace aic {

namespace {

constexpr int kMaxDepth = 2;         // a.b.c at most
constexpr std::size_t kMaxMembers = 32;  // a larger object is a table (of modules, ids), not fields

// An object whose keys are data (module names "model.layers.0.mlp", ids) rather than field names.
bool is_table(const rapidjson::Value& object) {
  if (object.MemberCount() > kMaxMembers) return true;
  for (const auto& m : object.GetObject()) {
    std::string_view k(m.name.GetString(), m.name.GetStringLength());
    if (k.empty() || k.find_first_of("./ ") != std::string_view::npos ||
        k.find_first_not_of("0123456789") == std::string_view::npos)
      return true;
  }
  return false;
}

std::string str(const rapidjson::Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

// Every key of `object`, dotted below `prefix`, recursing into object values.
void collect(const rapidjson::Value& object, const std::string& prefix, std::set<std::string>& out,
             int depth, std::string_view skip = {}) {
  for (const auto& m : object.GetObject()) {
    std::string key = str(m.name);
    std::string dotted = prefix.empty() ? key : prefix + "." + key;
    out.insert(dotted);
    if (!skip.empty() && prefix.empty() && key == skip) continue;
    if (m.value.IsObject() && depth < kMaxDepth && !is_table(m.value)) collect(m.value, dotted, out, depth + 1);
  }
}

// The inline quantization_config keys the consumer's quantization detection reads
// (docs/consumer-contract.md, "Inline quantization_config" and "Side-car"); the registry
// describes the parser's LLM fields, not these.
const KeyList kQuantizationReads = {
    "quantization_config.quant_method",       "quantization_config.quant_algo",
    "quantization_config.quantization_algo",  "quantization_config.kv_cache_quant_algo",
    "quantization_config.weight_block_size",  "quantization_config.activation_scheme",
    "quantization_config.config_groups",      "quantization_config.kv_cache_scheme",
    "quantization_config.quantized_layers",   "quantization_config.exclude_modules",
    "quantization_config.ignore"};

bool contains(const KeyList& list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

}  // namespace

std::set<std::string> ConfigFields::all_keys() const {
  std::set<std::string> keys = llm_keys;
  keys.insert(top_keys.begin(), top_keys.end());
  return keys;
}

ConfigFields config_fields(const std::string& file, const rapidjson::Value& root,
                           const ArchitectureRegistry& registry, const Profile* profile_override) {
  ConfigFields f;
  f.file = file;
  if (!root.IsObject()) return f;
  const Architecture* architecture = nullptr;
  if (auto it = root.FindMember("architectures");
      it != root.MemberEnd() && it->value.IsArray() && !it->value.Empty() && it->value[0].IsString()) {
    f.architecture = str(it->value[0]);
    architecture = registry.find_architecture(f.architecture);
  }
  if (architecture) {
    f.family = architecture->family;
    f.profile = &registry.profile_of(*architecture);
  }
  const Profile* profile = profile_override ? profile_override : f.profile;
  if (!profile) profile = registry.find_profile("GENERIC");

  LlmLevel llm = registry.llm_level(root, architecture);
  const KeyList& top_reads = registry.generic().top_level_reads;
  if (llm.nested && llm.object) {
    collect(*llm.object, "", f.llm_keys, 0);
    collect(root, "", f.top_keys, 0, registry.text_config_key());  // text_config itself, not its keys
  } else {
    collect(root, "", f.llm_keys, 0);
  }
  std::set<std::string> vision_reads;
  if (profile && profile->vision) {
    for (const auto* list : {&profile->vision->required, &profile->vision->reads})
      for (const auto& k : *list) vision_reads.insert("vision_config." + k);
  }
  // What a known wrong spelling stands for is read (quantization_config.quant_method, ...).
  std::set<std::string> alias_targets;
  if (profile)
    for (const auto& alias : registry.aliases(*profile)) alias_targets.insert(alias.means.begin(), alias.means.end());
  auto top_read = [&](const std::string& key) {
    return contains(top_reads, key) || vision_reads.count(key) > 0 || alias_targets.count(key) > 0 ||
           contains(kQuantizationReads, key);
  };
  for (const auto& key : f.llm_keys)
    if ((profile && registry.reads(*profile, key)) || alias_targets.count(key) ||
        contains(kQuantizationReads, key) || (!llm.nested && top_read(key)))
      f.read_keys.insert(key);
  for (const auto& key : f.top_keys)
    if (top_read(key)) f.read_keys.insert(key);
  return f;
}

std::optional<ConfigFields> read_config_fields(const std::string& path, const std::string& display,
                                               const ArchitectureRegistry& registry) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  std::string bytes = text.str();
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseNanAndInfFlag>(bytes.data(), bytes.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  return config_fields(display, doc, registry);
}

std::vector<std::string> config_files_in(const std::string& directory, bool recursive) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  auto take = [&](const fs::directory_entry& e) {
    std::error_code ec;
    if (!e.is_regular_file(ec)) return;
    std::string name = e.path().filename().string();
    if (name.ends_with("_config.json") && !name.ends_with("_hf_quant_config.json")) out.push_back(e.path().string());
  };
  std::error_code ec;
  if (recursive) {
    for (fs::recursive_directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) take(*it);
  } else {
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) take(*it);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<FieldRow> field_census(const std::vector<ConfigFields>& configs) {
  std::map<std::string, FieldRow> rows;
  for (const auto& c : configs) {
    std::string family = c.family.empty() ? "unregistered" : c.family;
    for (const auto& key : c.all_keys()) {
      FieldRow& row = rows[key];
      row.key = key;
      ++row.configs;
      if (c.read_keys.count(key)) ++row.read_in;
      ++row.families[family];
    }
  }
  std::vector<FieldRow> out;
  for (auto& [_, row] : rows) out.push_back(std::move(row));
  return out;
}

std::vector<std::string> new_keys(const ConfigFields& config, const std::vector<ConfigFields>& others) {
  std::set<std::string> seen;
  for (const auto& o : others) {
    auto keys = o.all_keys();
    seen.insert(keys.begin(), keys.end());
  }
  std::vector<std::string> out;
  for (const auto& key : config.all_keys())
    if (!seen.count(key)) out.push_back(key);
  return out;
}

}  // namespace aic
