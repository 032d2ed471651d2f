#pragma once
// The front end's promise, shared by tests/unit/clean_json_scanner_test.cc and fuzz_front_end:
// wherever the clean-text fast path (core/clean_json_scanner.h) reads a text, the node tree
// (walked through first_child, so lazily indexed containers too), the DOM (value types, number
// kinds and bits) and the findings are exactly the full RapidJSON pass's; parse_in_place leaves
// the source's bytes as they were; DOM strings in a private copy stay NUL-terminated.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/file_diagnostics.h"
#include "core/json_document.h"
#include "core/rapidjson.h"

namespace aic::fuzz {

namespace front_end_detail {

inline std::string describe(const rapidjson::Value& v) {
  std::string out = std::to_string(static_cast<int>(v.GetType()));
  if (v.IsNumber()) {
    out += v.IsInt() ? "i" : "";
    out += v.IsUint() ? "u" : "";
    out += v.IsInt64() ? "I" : "";
    out += v.IsUint64() ? "U" : "";
    if (v.IsDouble()) {
      double d = v.GetDouble();
      std::uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      out += "d" + std::to_string(bits);
    } else {
      out += v.IsUint64() ? std::to_string(v.GetUint64()) : std::to_string(v.GetInt64());
    }
  } else if (v.IsString()) {
    out += ":" + std::string(v.GetString(), v.GetStringLength());
  }
  return out;
}

// The whole DOM, depth first; `terminated` also checks that strings are C strings.
inline void flatten(const rapidjson::Value& v, bool terminated, std::string& out) {
  out += describe(v) + "\n";
  if (terminated && v.IsString() && v.GetString()[v.GetStringLength()] != '\0') out += "NOT TERMINATED\n";
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      out += "key " + std::string(m.name.GetString(), m.name.GetStringLength()) + "\n";
      if (terminated && m.name.GetString()[m.name.GetStringLength()] != '\0') out += "KEY NOT TERMINATED\n";
      flatten(m.value, terminated, out);
    }
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) flatten(e, terminated, out);
  }
}

struct Outcome {
  bool fast = false;
  std::string document, findings;
  bool source_unchanged = true;
};

// The node tree depth first, as first_child and next_sibling give it (a lazy container's
// children are indexed on the way), each node by its pointer: node numbers may differ.
inline void flatten_nodes(const JsonDocument& doc, std::string_view text, std::uint32_t n, std::string& out) {
  const auto& node = doc.node(n);
  out += doc.pointer_of(n) + " " + std::to_string(node.has_key() ? 0 : node.index) + " " +
         std::to_string(node.key_begin) + "-" +
         std::to_string(node.has_key() ? JsonDocument::key_end(node, text) : 0) + ":" + std::string(doc.key(node)) +
         " " + std::to_string(node.begin) + "-" + std::to_string(node.end) + " t" +
         std::to_string(static_cast<int>(node.type)) + (doc.has_children(n) ? " +" : "") + "\n";
  for (auto c = doc.first_child(n); c != JsonDocument::kNone; c = doc.node(c).next_sibling) {
    if (doc.node(c).parent != n) out += "WRONG PARENT\n";
    // (find walks each object's members: only on small texts, or the corpus's 22,000-member
    // maps make this quadratic.)
    if (text.size() < 64 * 1024 && doc.find(doc.pointer_of(c)) != c) out += "find(pointer_of) IS ANOTHER NODE\n";
    flatten_nodes(doc, text, c, out);
  }
}

inline Outcome parse(std::string_view text, bool fast_path, bool in_place, std::size_t max_depth,
                     std::size_t max_indexed_children = ParseOptions{}.max_indexed_children) {
  SourceFile source("t.json", std::string(text));
  FileDiagnostics out(source);
  ParseOptions options;
  options.fast_path = fast_path;
  options.max_depth = max_depth;
  options.max_indexed_children = max_indexed_children;
  JsonDocument doc = in_place ? JsonDocument::parse_in_place(source, out, options)
                              : JsonDocument::parse(source, out, options);
  Outcome o;
  o.fast = doc.read_by_fast_path();
  if (doc.has_root()) flatten(doc.root(), !in_place, o.document);
  if (!doc.nodes().empty()) flatten_nodes(doc, source.text(), 0, o.document);
  for (const auto& d : out.diagnostics())
    o.findings += d.code + " " + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + "-" +
                  std::to_string(d.end.line) + ":" + std::to_string(d.end.column) + " " + d.message + " @" +
                  d.pointer + "\n";
  o.source_unchanged = source.text() == text;
  return o;
}

}  // namespace front_end_detail

struct FrontEndVerdict {
  bool fast_path_taken = false;
  std::string difference;  // empty: the promise holds
};

inline FrontEndVerdict compare_front_end_passes(std::string_view text, std::size_t max_depth = 16) {
  using front_end_detail::parse;
  auto full = parse(text, false, false, max_depth);
  auto fast = parse(text, true, false, max_depth);
  auto in_place = parse(text, true, true, max_depth);
  // Every container of more than two children lazy, in a copy and in place.
  auto lazy = parse(text, true, false, max_depth, 2);
  auto lazy_in_place = parse(text, true, true, max_depth, 2);
  FrontEndVerdict v{fast.fast, {}};
  if (full.fast) v.difference += "the full pass was not taken when asked for\n";
  if (fast.fast != in_place.fast) v.difference += "in place and copy disagree on taking the fast path\n";
  if (fast.fast != lazy.fast || fast.fast != lazy_in_place.fast)
    v.difference += "lazy indexing changes whether the fast path is taken\n";
  if (lazy.document != full.document) v.difference += "document differs, lazily indexed:\n--- full\n" + full.document + "--- lazy\n" + lazy.document;
  if (lazy_in_place.document != full.document) v.difference += "document differs, lazily indexed in place\n";
  if (lazy.findings != full.findings || lazy_in_place.findings != full.findings)
    v.difference += "findings differ, lazily indexed:\n--- full\n" + full.findings + "--- lazy\n" + lazy.findings;
  if (!in_place.source_unchanged) v.difference += "parse_in_place changed the source's bytes\n";
  if (fast.document != full.document) v.difference += "document differs:\n--- full\n" + full.document + "--- fast\n" + fast.document;
  if (fast.findings != full.findings) v.difference += "findings differ:\n--- full\n" + full.findings + "--- fast\n" + fast.findings;
  if (in_place.document != full.document) v.difference += "document differs in place\n";
  if (in_place.findings != full.findings) v.difference += "findings differ in place\n";
  return v;
}

}  // namespace aic::fuzz
