#include "engine/schema_lookup.h"

#include <algorithm>

#include <rapidjson/pointer.h>

namespace aic {

namespace {

constexpr int kMaxExpandDepth = 32;  // $ref cycles in a user's schema must not loop forever

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// An anyOf/oneOf alternative that says only {"required": [...]}: its keys, else empty.
std::vector<std::string> required_only(const rapidjson::Value& alternative) {
  std::vector<std::string> keys;
  if (!alternative.IsObject() || alternative.MemberCount() != 1) return keys;
  const rapidjson::Value* required = member(alternative, "required");
  if (!required || !required->IsArray()) return keys;
  for (const auto& k : required->GetArray())
    if (k.IsString()) keys.emplace_back(k.GetString(), k.GetStringLength());
  return keys;
}

}  // namespace

void SchemaLookup::expand(const rapidjson::Value* schema, std::vector<const rapidjson::Value*>& out,
                          int depth) const {
  if (!schema || !schema->IsObject() || depth > kMaxExpandDepth) return;
  if (std::find(out.begin(), out.end(), schema) != out.end()) return;
  out.push_back(schema);
  if (const rapidjson::Value* ref = member(*schema, "$ref"); ref && ref->IsString()) {
    std::string target(ref->GetString(), ref->GetStringLength());
    if (!target.empty() && target[0] == '#') {
      rapidjson::Pointer pointer(target.substr(1).c_str());
      if (pointer.IsValid()) expand(pointer.Get(root_), out, depth + 1);
    }
  }
  for (const char* keyword : {"allOf", "anyOf", "oneOf"})
    if (const rapidjson::Value* list = member(*schema, keyword); list && list->IsArray())
      for (const auto& sub : list->GetArray()) expand(&sub, out, depth + 1);
}

std::vector<const rapidjson::Value*> SchemaLookup::at(const std::vector<InstanceStep>& path) const {
  std::vector<const rapidjson::Value*> current;
  expand(&root_, current, 0);
  for (const InstanceStep& step : path) {
    std::vector<const rapidjson::Value*> next;
    for (const rapidjson::Value* s : current) {
      if (step.is_index) {
        const rapidjson::Value* items = member(*s, "items");
        if (items && items->IsObject()) {
          expand(items, next, 0);
        } else if (items && items->IsArray()) {
          if (step.index < items->Size()) expand(&(*items)[step.index], next, 0);
          else expand(member(*s, "additionalItems"), next, 0);
        }
      } else {
        const rapidjson::Value* properties = member(*s, "properties");
        const rapidjson::Value* property =
            properties ? member(*properties, step.key.c_str()) : nullptr;
        if (property) expand(property, next, 0);
        else expand(member(*s, "additionalProperties"), next, 0);
      }
    }
    current = std::move(next);
  }
  return current;
}

SchemaFacts SchemaLookup::facts(const std::vector<InstanceStep>& path) const {
  SchemaFacts f;
  auto number = [](const rapidjson::Value* v, std::optional<double>& slot) {
    if (v && v->IsNumber() && !slot) slot = v->GetDouble();
  };
  auto text = [](const rapidjson::Value* v, std::string& slot) {
    if (v && v->IsString() && slot.empty()) slot.assign(v->GetString(), v->GetStringLength());
  };
  bool have_types = false;
  for (const rapidjson::Value* s : at(path)) {
    if (const rapidjson::Value* type = member(*s, "type"); type && !have_types) {
      have_types = true;
      if (type->IsString()) f.types.emplace_back(type->GetString());
      if (type->IsArray())
        for (const auto& t : type->GetArray())
          if (t.IsString()) f.types.emplace_back(t.GetString());
    }
    number(member(*s, "minimum"), f.minimum);
    number(member(*s, "maximum"), f.maximum);
    number(member(*s, "exclusiveMinimum"), f.exclusive_minimum);
    number(member(*s, "exclusiveMaximum"), f.exclusive_maximum);
    if (const rapidjson::Value* e = member(*s, "enum"); e && e->IsArray() && !f.enum_values)
      f.enum_values = e;
    if (const rapidjson::Value* c = member(*s, "const"); c && !f.const_value) f.const_value = c;
    text(member(*s, "title"), f.title);
    text(member(*s, "description"), f.description);
    text(member(*s, "x-aic-if-string"), f.if_string);
    for (const char* keyword : {"anyOf", "oneOf"}) {
      const rapidjson::Value* list = member(*s, keyword);
      if (!list || !list->IsArray() || !f.required_alternatives.empty()) continue;
      std::vector<std::string> keys;
      bool all = list->Size() > 0;
      for (const auto& alternative : list->GetArray()) {
        std::vector<std::string> k = required_only(alternative);
        if (k.size() != 1) all = false;
        else keys.push_back(k[0]);
      }
      if (all) f.required_alternatives = keys;
    }
  }
  return f;
}

}  // namespace aic
