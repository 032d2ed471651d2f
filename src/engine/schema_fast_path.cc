#include "engine/schema_fast_path.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <optional>
#include <string_view>

#include <valijson/utils/utf8_utils.hpp>

namespace aic {

namespace {

using Value = rapidjson::Value;

enum TypeBit : std::uint8_t {
  kNull = 1, kBoolean = 2, kString = 4, kArray = 8, kObject = 16, kInteger = 32, kNumber = 64
};
static_assert((kNull | kBoolean | kString | kArray | kObject | kInteger | kNumber) == SchemaFastPath::kAnyType);

std::string_view view(const Value& s) { return {s.GetString(), s.GetStringLength()}; }

// Keywords valijson's draft-07 parser does not act on (it never looks them up), so they cannot
// change a result. Everything else outside the supported subset refuses the whole schema.
bool is_annotation(std::string_view k) {
  return k == "title" || k == "description" || k == "$schema" || k == "$id" || k == "$comment" ||
         k == "default" || k == "examples" || k == "definitions" || k.substr(0, 2) == "x-";
}

std::optional<std::uint8_t> type_bit(std::string_view name) {
  if (name == "null") return kNull;
  if (name == "boolean") return kBoolean;
  if (name == "string") return kString;
  if (name == "array") return kArray;
  if (name == "object") return kObject;
  if (name == "integer") return kInteger;
  if (name == "number") return kNumber;
  return std::nullopt;
}

// valijson's strong types: "integer" is any RapidJSON integer (int, int64, uint, uint64), never
// a double, even a whole one; "number" is any number.
std::uint8_t value_bits(const Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return kNull;
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return kBoolean;
    case rapidjson::kStringType: return kString;
    case rapidjson::kArrayType: return kArray;
    case rapidjson::kObjectType: return kObject;
    case rapidjson::kNumberType: {
      bool integer = v.IsInt() || v.IsInt64() || v.IsUint() || v.IsUint64();
      return integer ? kNumber | kInteger : kNumber;
    }
  }
  return 0;
}

// valijson's minLength: utils::u8_strlen over the string's NUL-terminated copy, so counting
// stops at an embedded NUL or at a sequence that decodes to 0 (an overlong NUL). Same loop,
// bounded by the length (the copy's terminator); nullopt where valijson's decoder would read
// past its 6-entry table (a run of more than 5 continuation bytes).
std::optional<std::uint64_t> u8_length(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(),
                           [](char ch) { return static_cast<unsigned char>(ch) - 1u < 0x7Fu; });
  if (ascii) return s.size();  // no NUL, no multi-byte sequence: one character per byte
  std::size_t i = 0;
  std::uint64_t count = 0;
  while (i < s.size() && s[i] != 0) {
    std::uint64_t ch = 0;
    int size = 0;
    do {
      ch <<= 6;
      ch += static_cast<unsigned char>(s[i++]);
      ++size;
    } while (i < s.size() && s[i] != 0 && !valijson::utils::isutf(s[i]));
    if (size > 6) return std::nullopt;
    ch -= valijson::utils::offsetsFromUTF8[size - 1];
    if (ch == 0) break;
    ++count;
  }
  return count;
}

bool has_member(const Value& object, std::string_view name) {
  for (const auto& m : object.GetObject())
    if (m.name.GetStringLength() == name.size() &&
        std::memcmp(m.name.GetString(), name.data(), name.size()) == 0)
      return true;
  return false;
}

}  // namespace

// Builds the node table from the schema JSON. Any doubt (an unknown keyword, a form valijson
// reads differently, a reference that is not a local definition) refuses the whole schema.
class SchemaFastPathCompiler {
 public:
  using Node = SchemaFastPath::Node;
  using Property = SchemaFastPath::Property;
  using EnumValue = SchemaFastPath::EnumValue;
  using Span = SchemaFastPath::Span;

  explicit SchemaFastPathCompiler(const Value& root) : root_(root) {}

  std::unique_ptr<const SchemaFastPath> run() {
    out_ = std::unique_ptr<SchemaFastPath>(new SchemaFastPath());
    out_->nodes_.reserve(256);  // our schemas have ~170 nodes: no regrowth
    std::optional<std::uint32_t> root = compile(root_, 0);
    if (!root) return nullptr;
    out_->root_ = *root;
    return std::move(out_);
  }

 private:
  static constexpr unsigned kMaxSchemaDepth = 64;
  static constexpr int kMaxRefHops = 16;

  // "#/definitions/<name>" with a plain name (no pointer escapes, no percent-encoding).
  const Value* resolve_ref(const Value& ref) const {
    if (!ref.IsString()) return nullptr;
    std::string_view r = view(ref);
    constexpr std::string_view prefix = "#/definitions/";
    if (r.substr(0, prefix.size()) != prefix) return nullptr;
    std::string_view name = r.substr(prefix.size());
    if (name.empty()) return nullptr;
    for (char ch : name)
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.'))
        return nullptr;
    auto defs = root_.FindMember("definitions");
    if (defs == root_.MemberEnd() || !defs->value.IsObject()) return nullptr;
    const Value* found = nullptr;
    for (const auto& m : defs->value.GetObject()) {
      if (view(m.name) != name) continue;
      if (found) return nullptr;  // a repeated definition: which one valijson takes is not ours to guess
      found = &m.value;
    }
    return found;
  }

  // The schema a "$ref" node stands for: valijson follows "$ref" and ignores its siblings, so we
  // accept only annotations beside it. `s` itself when it has no "$ref"; nullptr when refused.
  const Value* follow_refs(const Value* s) const {
    for (int hops = 0; s->IsObject(); ++hops) {
      const Value* ref = nullptr;
      for (const auto& m : s->GetObject())
        if (view(m.name) == "$ref") {
          if (ref) return nullptr;  // repeated
          ref = &m.value;
        }
      if (!ref) return s;
      for (const auto& m : s->GetObject())
        if (view(m.name) != "$ref" && !is_annotation(view(m.name))) return nullptr;
      if (hops == kMaxRefHops) return nullptr;
      s = resolve_ref(*ref);
      if (!s) return nullptr;
    }
    return s;
  }

  std::optional<std::uint32_t> compile(const Value& schema, unsigned depth) {
    if (depth > kMaxSchemaDepth) return std::nullopt;
    const Value* s = follow_refs(&schema);
    if (!s) return std::nullopt;
    // Only a "$ref" target can be reached twice (the JSON is a tree); remember those, including
    // the ones being compiled, so a recursive definition ends.
    const bool referenced = s != &schema;
    if (referenced)
      for (const auto& [value, index] : refs_)
        if (value == s) return index;
    auto index = static_cast<std::uint32_t>(out_->nodes_.size());
    out_->nodes_.emplace_back();
    if (referenced) refs_.emplace_back(s, index);

    Node n;
    if (s->IsBool()) {
      n.always_invalid = !s->GetBool();
    } else if (!s->IsObject() || !fill(n, *s, depth)) {
      return std::nullopt;
    }
    n.type_only = !n.always_invalid && !n.has_minimum && n.min_length == 0 && n.min_items == 0 &&
                  !n.has_enum && n.items < 0 && !n.has_properties && n.required.count == 0 &&
                  n.all_of.count == 0;
    out_->nodes_[index] = n;  // by index: compiling children grew the vector
    return index;
  }

  // A schema position: an object or a boolean (draft 07 boolean schemas).
  std::optional<std::uint32_t> child(const Value& s, unsigned depth) {
    if (!s.IsObject() && !s.IsBool()) return std::nullopt;
    return compile(s, depth + 1);
  }

  static std::optional<std::uint64_t> count(const Value& v) {
    if (!v.IsInt64() || v.GetInt64() < 0) return std::nullopt;
    return static_cast<std::uint64_t>(v.GetInt64());
  }

  // Appends this node's properties and their hash table (load <= 1/2). False for a repeated
  // property name (which one valijson keeps is not ours to guess).
  bool add_properties(Node& n, const std::vector<Property>& properties) {
    n.properties = {static_cast<std::uint32_t>(out_->properties_.size()),
                    static_cast<std::uint32_t>(properties.size())};
    out_->properties_.insert(out_->properties_.end(), properties.begin(), properties.end());
    std::size_t size = 8;
    while (size < 2 * properties.size()) size *= 2;
    n.slots = {static_cast<std::uint32_t>(out_->slots_.size()), static_cast<std::uint32_t>(size)};
    out_->slots_.resize(out_->slots_.size() + size, -1);
    std::int32_t* slots = out_->slots_.data() + n.slots.begin;
    for (std::size_t i = 0; i < properties.size(); ++i) {
      std::string_view name = properties[i].name;
      std::size_t slot = properties[i].key.hash() & (size - 1);
      for (; slots[slot] >= 0; slot = (slot + 1) & (size - 1))
        if (properties[static_cast<std::size_t>(slots[slot])].name == name) return false;
      slots[slot] = static_cast<std::int32_t>(i);
    }
    return true;
  }

  bool fill(Node& n, const Value& s, unsigned depth) {
    std::uint32_t seen = 0;  // one bit per keyword: a repeated keyword refuses the schema
    auto once = [&seen](unsigned bit) { return !(seen & (1u << bit)) && (seen |= 1u << bit); };
    for (const auto& m : s.GetObject()) {
      std::string_view key = view(m.name);
      const Value& v = m.value;
      if (key == "title" || key == "description") continue;  // most keys are these two
      if (key == "type") {
        if (!once(0)) return false;
        n.types = 0;
        if (v.IsString()) {
          auto bit = type_bit(view(v));
          if (!bit) return false;
          n.types = *bit;
        } else if (v.IsArray()) {
          for (const auto& t : v.GetArray()) {
            auto bit = t.IsString() ? type_bit(view(t)) : std::nullopt;
            if (!bit) return false;
            n.types |= *bit;
          }
        } else {
          return false;
        }
      } else if (key == "minimum") {
        if (!once(1)) return false;
        // valijson keeps asDouble(): the double, or the int64 converted.
        if (v.IsDouble() && std::isfinite(v.GetDouble())) n.minimum = v.GetDouble();
        else if (v.IsInt64()) n.minimum = static_cast<double>(v.GetInt64());
        else return false;
        n.has_minimum = true;
      } else if (key == "minLength" || key == "minItems") {
        if (!once(key == "minLength" ? 2 : 3)) return false;
        auto c = count(v);
        if (!c) return false;
        (key == "minLength" ? n.min_length : n.min_items) = *c;
      } else if (key == "items") {
        if (!once(4)) return false;
        auto c = child(v, depth);  // an array of schemas (tuple form) is not supported
        if (!c) return false;
        n.items = *c;
      } else if (key == "properties") {
        if (!once(5) || !v.IsObject()) return false;
        n.has_properties = true;
        std::vector<Property> properties;  // children append to the shared arrays meanwhile
        properties.reserve(v.MemberCount());
        for (const auto& p : v.GetObject()) {
          std::string_view name = view(p.name);
          if (name.find('\0') != std::string_view::npos) return false;  // valijson uses c_str()
          auto c = child(p.value, depth);
          if (!c) return false;
          properties.push_back({name, ShortKey::of(name), *c});
        }
        if (!add_properties(n, properties)) return false;
      } else if (key == "additionalProperties") {
        if (!once(6)) return false;
        n.has_properties = true;
        if (v.IsBool()) {
          n.additional = v.GetBool() ? Node::Additional::any : Node::Additional::none;
        } else {
          auto c = v.IsObject() ? child(v, depth) : std::nullopt;
          if (!c) return false;
          n.additional = Node::Additional::schema;
          n.additional_node = *c;
        }
      } else if (key == "required") {
        if (!once(7) || !v.IsArray()) return false;
        n.required = {static_cast<std::uint32_t>(out_->strings_.size()), v.Size()};
        for (const auto& r : v.GetArray()) {
          if (!r.IsString() || view(r).find('\0') != std::string_view::npos) return false;
          out_->strings_.push_back(view(r));
        }
      } else if (key == "enum") {
        if (!once(8) || !v.IsArray()) return false;
        n.has_enum = true;
        n.enum_values = {static_cast<std::uint32_t>(out_->enum_values_.size()), v.Size()};
        for (const auto& e : v.GetArray()) {
          EnumValue ev;
          if (e.IsNull()) {
            ev.kind = EnumValue::null;
          } else if (e.IsBool()) {
            ev.kind = EnumValue::boolean;
            ev.boolean_value = e.GetBool();
          } else if (e.IsString()) {
            ev.kind = EnumValue::string;
            ev.string_value = view(e);
          } else if (e.IsInt64()) {  // valijson compares numbers as doubles; 1 vs 1.0 is "not sure" here
            ev.kind = EnumValue::integer;
            ev.integer_value = e.GetInt64();
          } else {
            return false;
          }
          out_->enum_values_.push_back(ev);
        }
      } else if (key == "allOf") {
        if (!once(9) || !v.IsArray() || v.Empty()) return false;
        std::vector<std::uint32_t> branches;
        for (const auto& branch : v.GetArray()) {
          auto c = child(branch, depth);
          if (!c) return false;
          branches.push_back(*c);
        }
        n.all_of = {static_cast<std::uint32_t>(out_->node_lists_.size()), static_cast<std::uint32_t>(branches.size())};
        out_->node_lists_.insert(out_->node_lists_.end(), branches.begin(), branches.end());
      } else if (!is_annotation(key)) {
        return false;  // "$ref" never reaches here: follow_refs took it
      }
    }
    return true;
  }

  const Value& root_;
  std::unique_ptr<SchemaFastPath> out_;
  std::vector<std::pair<const Value*, std::uint32_t>> refs_;
};

std::unique_ptr<const SchemaFastPath> SchemaFastPath::compile(const rapidjson::Value& schema) {
  if (!schema.IsObject()) return nullptr;
  return SchemaFastPathCompiler(schema).run();
}

bool SchemaFastPath::certainly_valid(const rapidjson::Value& value) const {
  return check(root_, value, 0);
}

// check(index, v, depth) for a member or an item, with a type-only node settled here: most
// values of a config are leaves whose schema is just a type.
inline bool SchemaFastPath::check_child(std::uint32_t index, const Value& v, unsigned depth) const {
  const Node& n = nodes_[index];
  if (!n.type_only) return check(index, v, depth);
  if (depth > kMaxDepth) return false;
  return n.types == kAnyType || (value_bits(v) & n.types) != 0;
}

bool SchemaFastPath::check(std::uint32_t index, const Value& v, unsigned depth) const {
  if (depth > kMaxDepth) return false;
  const Node& n = nodes_[index];
  if (n.always_invalid) return false;
  if (n.types != kAnyType && (value_bits(v) & n.types) == 0) return false;
  if (n.has_minimum && v.IsNumber()) {
    double d;
    if (v.IsDouble()) {
      d = v.GetDouble();
      if (!std::isfinite(d)) return false;
    } else if (v.IsInt64()) {
      d = static_cast<double>(v.GetInt64());
    } else {
      return false;  // beyond int64: valijson casts it to a negative int64
    }
    if (d < n.minimum) return false;
  }
  if (n.min_length != 0 && v.IsString()) {
    auto length = u8_length(view(v));
    if (!length || *length < n.min_length) return false;
  }
  if (n.min_items != 0 && v.IsArray() && v.Size() < n.min_items) return false;
  if (n.has_enum) {
    bool matched = false;
    for (std::uint32_t k = 0; k < n.enum_values.count && !matched; ++k) {
      const EnumValue& e = enum_values_[n.enum_values.begin + k];
      switch (e.kind) {
        case EnumValue::null: matched = v.IsNull(); break;
        case EnumValue::boolean: matched = v.IsBool() && v.GetBool() == e.boolean_value; break;
        case EnumValue::integer: matched = v.IsInt64() && v.GetInt64() == e.integer_value; break;
        case EnumValue::string: matched = v.IsString() && view(v) == e.string_value; break;
      }
    }
    if (!matched) return false;
  }
  if (n.items >= 0 && v.IsArray())
    for (const auto& item : v.GetArray())
      if (!check_child(static_cast<std::uint32_t>(n.items), item, depth + 1)) return false;
  if (v.IsObject() && !check_object(n, v, depth)) return false;
  for (std::uint32_t k = 0; k < n.all_of.count; ++k)
    if (!check(node_lists_[n.all_of.begin + k], v, depth + 1)) return false;
  return true;
}

// Inline: check_object calls it for every member of every object.
inline const SchemaFastPath::Property* SchemaFastPath::find(const Node& n, std::string_view name) const {
  if (n.slots.count == 0) return nullptr;
  const std::int32_t* slots = slots_.data() + n.slots.begin;
  const Property* properties = properties_.data() + n.properties.begin;
  std::size_t mask = n.slots.count - 1;
  const ShortKey k = ShortKey::of(name);
  for (std::size_t slot = k.hash() & mask;; slot = (slot + 1) & mask) {
    std::int32_t i = slots[slot];
    if (i < 0) return nullptr;
    const Property& p = properties[i];
    if (p.key == k && same_middle(k.size, p.name.data(), name.data())) return &p;
  }
}

bool SchemaFastPath::check_object(const Node& n, const Value& v, unsigned depth) const {
  for (std::uint32_t k = 0; k < n.required.count; ++k)
    if (!has_member(v, strings_[n.required.begin + k])) return false;
  if (!n.has_properties) return true;
  // additionalProperties false: valijson compares the number of distinct matched names with the
  // member count, so a repeated key fails there; track matches to see one.
  constexpr std::size_t kTracked = 256;
  const bool closed = n.additional == Node::Additional::none;
  if (closed && n.properties.count > kTracked) return false;
  std::uint64_t seen[kTracked / 64] = {};
  for (const auto& m : v.GetObject()) {
    std::string_view name = view(m.name);
    if (const Property* it = find(n, name)) {
      if (closed) {
        std::size_t i = static_cast<std::size_t>(it - (properties_.data() + n.properties.begin));
        if (seen[i / 64] & (std::uint64_t{1} << (i % 64))) return false;
        seen[i / 64] |= std::uint64_t{1} << (i % 64);
      }
      // A repeated key is checked at every occurrence (valijson checks the first): stricter.
      if (!check_child(it->node, m.value, depth + 1)) return false;
      continue;
    }
    switch (n.additional) {
      case Node::Additional::any: break;
      case Node::Additional::none: return false;
      case Node::Additional::schema:
        if (!check_child(n.additional_node, m.value, depth + 1)) return false;
        break;
    }
  }
  return true;
}

}  // namespace aic
