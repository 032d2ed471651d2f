#pragma once
// The JSON front end: one SAX pass with RapidJSON builds the DOM the rules read and an index from
// every value to its byte span (inside a wide container, built when first asked for: see
// first_child), and reports every JSON-level problem (syntax, comments, trailing commas,
// duplicate keys, BOM, invalid UTF-8, NaN/Infinity as aiconfigurator's loader sees them).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_diagnostics.h"
#include "core/member_index.h"
#include "core/rapidjson.h"
#include "core/source_file.h"

namespace aic {

struct ParseOptions {
  std::size_t max_depth = 128;  // real configs nest at most 5 levels
  // The fast path indexes the children of an object or array of at most this many; a wider one
  // (a quantized_layers map of 22,000 layers) is indexed lazily, when first asked for (see
  // JsonDocument::first_child). Tests set it low to exercise lazy indexing on small texts.
  std::size_t max_indexed_children = 256;
  // False: always the full RapidJSON pass (tests compare it with the clean-text fast path).
  bool fast_path = true;
};

class JsonDocument {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  // Offsets are 32-bit (a node is 32 bytes, not 72: a 3 MB config has 67,000 of them); longer
  // texts are reported, not indexed. --max-file-size is bounded below this.
  static constexpr std::size_t kMaxTextSize = UINT32_MAX - 1;

  JsonDocument(JsonDocument&&) noexcept = default;
  JsonDocument& operator=(JsonDocument&&) noexcept = default;
  ~JsonDocument();  // gives the DOM and the index's buffer back to this thread (see Dom)

  // One JSON value. Byte offsets index the SourceFile's text.
  struct Node {
    std::uint32_t parent = kNone;
    // kNone for a lazy container until its children are indexed: read it through
    // JsonDocument::first_child(), which indexes them.
    std::uint32_t indexed_first_child = kNone;
    std::uint32_t next_sibling = kNone;
    // One of two, by what the node is (has_key()). A 3 MB config has 67,000 nodes: they are kept
    // to 32 bytes (this union; a key's end is found from the text, see key_end).
    union {
      std::uint32_t index = 0;        // an array element's index
      std::uint32_t key_size;         // an object member's decoded key, in bytes (see JsonDocument::key)
    };
    std::uint32_t key_begin = 0;      // the key's opening quote (object members only; 0 otherwise)
    std::uint32_t begin = 0;          // span of the value
    std::uint32_t end = 0;
    rapidjson::Type type : 8 = rapidjson::kNullType;
    // An object or array whose descendants are not indexed yet (it had more children than
    // ParseOptions::max_indexed_children).
    bool lazy : 1 = false;
    bool has_key() const { return key_begin != 0; }  // a member's key follows a '{'
  };
  static_assert(sizeof(Node) == 32);

  // The end of the string token starting at `begin` (its opening quote): past the first quote
  // not escaped, or the end of the text.
  static std::size_t string_end(std::string_view text, std::size_t begin);
  // The end of a member's key, quotes included, in the file's `text`.
  static std::size_t key_end(const Node& member, std::string_view text) { return string_end(text, member.key_begin); }

  // Parses `source`, reporting JSON-level findings into `diagnostics`. Never throws on input.
  // The document's strings live in a private copy of the text.
  static JsonDocument parse(const SourceFile& source, FileDiagnostics& diagnostics,
                            const ParseOptions& options = {});
  // The same, but strings are decoded in the SourceFile's own bytes when that can be undone
  // (no escape sequence in the text), and the bytes are left as they were: no copy of the file.
  // The document then points into `source`, which must outlive it and not move; its DOM
  // strings are not NUL-terminated (use GetStringLength).
  static JsonDocument parse_in_place(SourceFile& source, FileDiagnostics& diagnostics,
                                     const ParseOptions& options = {});

  // True when a document was read (syntax valid as far as RapidJSON goes, loader quirks aside).
  bool has_root() const { return has_root_; }
  // False when the bytes are not strict UTF-8 (AIC106): the loader raises before reading a field.
  bool valid_utf8() const { return valid_utf8_; }
  // The text was read by the clean-text fast path (see clean_json_scanner.h), not RapidJSON.
  bool read_by_fast_path() const { return read_by_fast_path_; }
  // The value as aiconfigurator's loader would see it: duplicate keys keep the last value,
  // NaN/Infinity are null.
  const rapidjson::Value& root() const { return *dom_; }

  // An index of the root object's members (the DOM's: one per name, as the loader keeps them),
  // built by the duplicate-key check; nullptr when there is none (the root is not an object, or
  // has more than kMaxIndexedRoot members).
  const MemberIndex* root_members() const { return root_indexed_ ? &dom_->root_members : nullptr; }
  // (Bounded: MemberIndex hashes a key's length and two ends, and a hostile root of many keys
  // alike there would make one long probe chain.)
  static constexpr std::size_t kMaxIndexedRoot = 256;

  // The nodes the parse indexed, in document order (the root first). A lazy container's
  // children are indexed later, numbered from nodes().size() on.
  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& node(std::uint32_t i) const { return i < nodes_.size() ? nodes_[i] : (*late_nodes_)[i - nodes_.size()]; }
  // The first child of node n (then next_sibling), or kNone for a scalar or an empty container;
  // a lazy container's whole subtree is indexed now, once (one scan of its text).
  std::uint32_t first_child(std::uint32_t n) const;
  // An object or array with at least one child (without indexing a lazy container's).
  bool has_children(std::uint32_t n) const { return node(n).lazy || node(n).indexed_first_child != kNone; }
  // The decoded key of an object member ("" for other nodes).
  std::string_view key(const Node& n) const {
    return n.has_key() ? std::string_view(strings_ + n.key_begin + 1, n.key_size) : std::string_view();
  }

  // Node of an RFC 6901 pointer ("" is the root), or kNone.
  std::uint32_t find(std::string_view pointer) const;
  // The deepest existing node on the pointer's path (the root for a missing top-level key);
  // kNone only when there is no document.
  std::uint32_t nearest(std::string_view pointer) const;
  // Children lookup: for a repeated key, the last one (the one the loader keeps).
  std::uint32_t child(std::uint32_t parent, std::string_view key) const;
  std::uint32_t element(std::uint32_t parent, std::size_t index) const;
  std::string pointer_of(std::uint32_t node) const;
  // The DOM value of a node, as rapidjson::Pointer(pointer_of(node)).Get(root()) finds it (for a
  // repeated key, the value the loader keeps), without building and parsing the pointer; or nullptr.
  const rapidjson::Value* value_of(std::uint32_t node) const;

 private:
  friend class IndexingHandler;

  // The DOM, with the first chunk of its pool inline, and a spare buffer for the node index. Both
  // are recycled within a thread (json_document.cc): a worker parses one file after another, and
  // a small file's document then costs no allocation at all.
  struct DomPool {
    static constexpr std::size_t kFirstChunk = 64 * 1024;  // RapidJSON's own chunk size
    alignas(16) unsigned char first_chunk[kFirstChunk];
    rapidjson::MemoryPoolAllocator<> pool{first_chunk, kFirstChunk};
  };
  struct Dom : DomPool, rapidjson::Document {
    Dom() : rapidjson::Document(&pool) {}
    void reset();  // to an empty document (the first chunk kept, any further one freed)
    std::vector<Node> spare_nodes;  // the index buffer, between two documents
    MemberIndex root_members;       // see root_members()
  };
  struct Recycle {
    void operator()(Dom* dom) const noexcept;
  };
  static std::unique_ptr<Dom, Recycle> take_dom();

  JsonDocument() : dom_(take_dom()) { nodes_.swap(dom_->spare_nodes); }
  static JsonDocument parse_text(const SourceFile& source, char* in_place, FileDiagnostics& diagnostics,
                                 const ParseOptions& options);
  // Copies the text into insitu_ (allocated once) and points strings_ at it.
  char* copy_text(std::string_view text);
  // After a complete parse: repeated keys, and a root that is not an object.
  void finish(FileDiagnostics& diagnostics);
  // Indexes the subtree of lazy container n (first_child does it when asked).
  void index_lazy_subtree(std::uint32_t n) const;

  std::unique_ptr<char[]> insitu_;  // the parsed copy of the text, unless parsed in place
  // Where strings were decoded: offset i of the text is strings_[i] (insitu_, or the source's
  // bytes). A key's decoded bytes start just after its opening quote.
  const char* strings_ = nullptr;
  std::unique_ptr<Dom, Recycle> dom_;
  mutable std::vector<Node> nodes_;  // mutable: a lazy node's children are indexed when asked
  // A lazy container's children, indexed after the parse (a deque: a Node& stays valid). Made
  // when first needed: an empty std::deque allocates, and most documents have no lazy container.
  mutable std::unique_ptr<std::deque<Node>> late_nodes_;
  std::size_t text_size_ = 0;  // of the text strings_ holds (lazy indexing scans it)
  bool has_root_ = false;
  bool valid_utf8_ = true;
  bool read_by_fast_path_ = false;
  bool repeated_keys_ = false;  // some object repeats a key (child() must find the last)
  bool root_indexed_ = false;
};

// RFC 6901 escaping of one reference token ("~" -> "~0", "/" -> "~1").
std::string escape_pointer_token(std::string_view token);
// Splits a pointer into unescaped tokens. "" -> {}; "/a~1b/0" -> {"a/b", "0"}.
std::vector<std::string> split_pointer(std::string_view pointer);

}  // namespace aic
