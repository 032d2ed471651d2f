#include "registry/registry_source.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "registry/python_literal.h"

namespace aic {

namespace {

constexpr std::string_view kFamilies = "ARCHITECTURE_TO_MODEL_FAMILY";
constexpr std::string_view kNesting = "MULTIMODAL_TEXT_CONFIG_KEY";

std::string where(const std::string& display, std::size_t line, std::size_t column) {
  return display + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::map<std::string, RegistrySource::Entry, std::less<>> string_table(const python::Assignment& a,
                                                                     std::string_view name,
                                                                     const std::string& display) {
  const python::Value& v = a.value;
  if (v.kind != python::Value::Kind::dict)
    throw UsageError(where(display, v.line, v.column) + ": " + std::string(name) + " is " +
                     std::string(python::kind_name(v.kind)) + ", expected a dict of strings to strings");
  std::map<std::string, RegistrySource::Entry, std::less<>> out;
  for (std::size_t i = 0; i < v.dict_size(); ++i) {
    const python::Value& key = v.key(i);
    const python::Value& value = v.value(i);
    for (const python::Value* item : {&key, &value})
      if (!item->is_string())
        throw UsageError(where(display, item->line, item->column) + ": " + std::string(name) + " holds " +
                         std::string(python::kind_name(item->kind)) + ", expected strings only");
    out[key.text] = RegistrySource::Entry{value.text, key.line, key.column};
  }
  return out;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

RegistrySource parse_registry_source(std::string_view text, const std::string& display) {
  RegistrySource source;
  source.path = display;
  auto families = python::read_assignment(text, kFamilies, display);
  if (!families)
    throw UsageError(display + ": no top-level '" + std::string(kFamilies) +
                     " = {...}' found; expected aiconfigurator's sdk/common.py");
  source.families = string_table(*families, kFamilies, display);
  if (auto nesting = python::read_assignment(text, kNesting, display))
    source.nesting = string_table(*nesting, kNesting, display);
  return source;
}

RegistrySource load_registry_source(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw UsageError("cannot read '" + path + "'");
  return parse_registry_source(text.str(), path);
}

RegistryDiff diff_registry(const RegistrySource& source, const ArchitectureRegistry& registry) {
  RegistryDiff d;
  std::set<std::string> unknown_families;
  for (const auto& [name, entry] : source.families) {
    if (!registry.find_family(entry.value)) unknown_families.insert(entry.value);
    const Architecture* ours = registry.find_architecture(name);
    if (!ours) {
      d.only_upstream.push_back(name);
      continue;
    }
    if (ours->family != entry.value) d.family_changes.push_back({name, entry.value, ours->family});
    auto n = source.nesting.find(name);
    std::string upstream = n == source.nesting.end() ? "" : n->second.value;
    std::string mine = ours->text_config ? registry.text_config_key() : "";
    if (upstream != mine) d.nesting_changes.push_back({name, upstream, mine});
  }
  for (const auto& [name, _] : registry.architectures())
    if (!source.families.count(name)) d.only_ours.push_back(name);
  for (const auto& [name, _] : source.nesting)
    if (!source.families.count(name)) d.nesting_unregistered.push_back(name);
  d.unknown_families.assign(unknown_families.begin(), unknown_families.end());
  return d;
}

std::string registry_entry_json(const Architecture& a) {
  auto list = [](const KeyList& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
      out += std::string(i ? "," : "") + "\n        " + json_string(items[i]);
    return out + "\n      ]";
  };
  std::string out = "    " + json_string(a.name) + ": {\n";
  out += "      \"family\": " + json_string(a.family) + ",\n";
  out += "      \"profile\": " + json_string(a.profile) + ",\n";
  out += std::string("      \"text_config\": ") + (a.text_config ? "true" : "false") + ",\n";
  out += "      \"model_types\": " + list(a.model_types);
  if (!a.text_model_types.empty()) out += ",\n      \"text_model_types\": " + list(a.text_model_types);
  return out + "\n    }";
}

ArchitectureRegistry overlay_registry_source(const ArchitectureRegistry& base, const RegistrySource& source) {
  ArchitectureRegistry r = base;
  r.architectures_.clear();
  for (const auto& [name, entry] : source.families) {
    const std::string& family = entry.value;
    auto n = source.nesting.find(name);
    if (n != source.nesting.end() && n->second.value != base.text_config_key())
      throw UsageError(where(source.path, n->second.line, n->second.column) + ": " + name +
                       " nests its LLM fields under '" + n->second.value + "'; aic-lint reads only '" +
                       base.text_config_key() + "'");
    Architecture a;
    const Architecture* ours = base.find_architecture(name);
    if (ours && ours->family == family) {
      a = *ours;
    } else {
      a.name = name;
      if (ours) {  // the family moved: keep what describes the checkpoints, not the parser branch
        a.model_types = ours->model_types;
        a.text_model_types = ours->text_model_types;
      }
      a.source_only = !ours;
      if (const Family* f = base.find_family(family)) {
        a.profile = f->default_profile;
      } else {
        if (!base.find_profile("GENERIC"))
          throw UsageError(where(source.path, entry.line, entry.column) + ": family '" + family +
                           "' is unknown to the registry, which has no GENERIC profile to fall back to");
        a.profile = "GENERIC";
        r.families_.emplace(family, Family{family, "GENERIC"});
      }
    }
    a.family = family;
    a.text_config = n != source.nesting.end();
    r.architectures_.emplace(name, std::move(a));
  }
  return r;
}

}  // namespace aic
