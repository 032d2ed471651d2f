#include "engine/summary.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>

#include "engine/walker.h"

namespace aic {

namespace {

std::string lower_trimmed(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  std::string s(v);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Lines longer than this keep only their code frame in an anchor, not the whole line (a
// minified file is one line).
constexpr std::size_t kLongLine = 480;

// The document and its text, to turn nodes into anchors and values into the summary's text.
class Reader {
 public:
  Reader(const JsonDocument& doc, const SourceFile& source, FileSummary& summary)
      : doc(doc), source(source), summary(summary), lines_(source.text()) {}

  const JsonDocument& doc;
  const SourceFile& source;
  FileSummary& summary;

  // The anchor of node n, whose parent's pointer is `parent` (the root: n = root, parent "").
  Anchor anchor(std::uint32_t n, std::string_view parent, bool at_key = false) {
    Anchor a;
    if (n == JsonDocument::kNone) return a;
    const auto& node = doc.node(n);
    a.pointer = pointer(node, parent);
    std::size_t begin = node.begin, end = node.end;
    // Objects and arrays span lines: point at their key (or opening bracket) instead.
    if (at_key && node.has_key()) {
      begin = node.key_begin;
      end = JsonDocument::key_end(node, source.text());
    } else if (node.type == rapidjson::kObjectType || node.type == rapidjson::kArrayType) {
      end = begin + 1;
    }
    const LineFinder::Line found = lines_.at(begin);
    const std::string_view line = found.text;
    const bool long_line = line.size() > kLongLine;
    // A long line's column and code frame come from SourceFile, which counts them in blocks
    // (a minified file is one line of megabytes, and six anchors may be on it).
    const Location at = long_line ? source.location(begin)
                                  : Location{found.number, count_code_points(source.text().substr(
                                                               found.begin, begin - found.begin)) + 1};
    // The end as source.location(end) places it: on this line, or (never for the spans above,
    // but exactly) past it.
    std::size_t end_column = 0;
    if (end <= found.begin + line.size())
      end_column = at.column + count_code_points(source.text().substr(begin, end - begin));
    else if (Location e = source.location(end); e.line == at.line)
      end_column = e.column;
    if (end_column <= at.column) end_column = at.column + 1;
    a.line = static_cast<std::uint32_t>(at.line);
    a.column = static_cast<std::uint32_t>(at.column);
    a.end_column = static_cast<std::uint32_t>(end_column);
    if (!long_line) {
      a.text = kept_line(a.line, line);  // the code frame is made from it if ever needed
    } else {
      Snippet s = source.snippet_at(begin);  // make_snippet(line, at.column), in O(width)
      a.text = summary.keep(s.text);
      a.snippet_column = static_cast<std::uint32_t>(s.first_column);
    }
    return a;
  }
  std::uint32_t child(std::uint32_t parent, std::string_view key) const {
    return parent == JsonDocument::kNone ? JsonDocument::kNone : doc.child(parent, key);
  }
  // child(parent, keys[i]) for every i, in one pass over the members instead of one per key
  // (the same answer: the last member of that name).
  template <std::size_t N>
  std::array<std::uint32_t, N> children(std::uint32_t parent,
                                        const std::array<std::string_view, N>& keys) const {
    std::array<std::uint32_t, N> found;
    found.fill(JsonDocument::kNone);
    if (type(parent) != rapidjson::kObjectType) return found;
    // The keys' lengths as bits: most members (a config's top level has dozens) are passed over
    // on their length alone.
    std::uint64_t lengths = 0;
    for (std::string_view key : keys) lengths |= std::uint64_t{1} << std::min<std::size_t>(key.size(), 63);
    for (auto c = doc.first_child(parent); c != JsonDocument::kNone; c = doc.node(c).next_sibling) {
      const auto& node = doc.node(c);
      if (!(lengths >> std::min<std::size_t>(node.key_size, 63) & 1)) continue;
      std::string_view key = doc.key(node);
      for (std::size_t i = 0; i < N; ++i)
        if (key == keys[i]) found[i] = c;
    }
    return found;
  }
  rapidjson::Type type(std::uint32_t n) const {
    return n == JsonDocument::kNone ? rapidjson::kNullType : doc.node(n).type;
  }
  // The string value of a node (the node is the loader's view: the last of duplicate keys).
  std::string_view string_at(std::uint32_t n) const {
    if (type(n) != rapidjson::kStringType) return {};
    const auto& node = doc.node(n);
    // Without an escape sequence the value is the text between the quotes; with one, the DOM's
    // decoded string (value_of walks from the root: not for every file).
    std::string_view raw = source.text().substr(node.begin + 1, node.end - node.begin - 2);
    if (raw.find('\\') == std::string_view::npos) return raw;
    const rapidjson::Value* v = doc.value_of(n);
    return v && v->IsString() ? std::string_view(v->GetString(), v->GetStringLength()) : std::string_view();
  }
  // Python truthiness of a member, as `d.get(key) or ...` sees it. The node tells, but for a
  // number's value.
  bool truthy(std::uint32_t n) const {
    if (n == JsonDocument::kNone) return false;
    const auto& node = doc.node(n);
    switch (node.type) {
      case rapidjson::kNullType:
      case rapidjson::kFalseType: return false;
      case rapidjson::kTrueType: return true;
      case rapidjson::kStringType: return node.end - node.begin > 2;  // not ""
      case rapidjson::kObjectType:
      case rapidjson::kArrayType: return doc.has_children(n);
      case rapidjson::kNumberType: {
        const rapidjson::Value* v = doc.value_of(n);
        return v && v->IsNumber() && v->GetDouble() != 0;
      }
    }
    return true;
  }
  // First truthy node among `members` (the consumer's `a or b or c`).
  std::uint32_t first_truthy(std::initializer_list<std::uint32_t> members) const {
    for (std::uint32_t n : members)
      if (truthy(n)) return n;
    return JsonDocument::kNone;
  }

 private:
  // The pointer of `node` (a member or element of the value at `parent`), kept in the summary.
  TextSpan pointer(const JsonDocument::Node& node, std::string_view parent) {
    std::string& text = summary.text;
    const auto at = static_cast<std::uint32_t>(text.size());
    text += parent;
    if (node.has_key()) {
      text += '/';
      std::string_view key = doc.key(node);
      if (key.find_first_of("~/") == std::string_view::npos) text += key;
      else text += escape_pointer_token(key);
    } else if (node.parent != JsonDocument::kNone) {
      text += '/';
      text += std::to_string(node.index);
    }
    return {at, static_cast<std::uint32_t>(text.size()) - at};
  }
  // A line's text, kept once however many anchors are on it.
  TextSpan kept_line(std::uint32_t number, std::string_view line) {
    for (std::size_t i = 0; i < kept_count_; ++i)
      if (kept_[i].first == number) return kept_[i].second;
    TextSpan span = summary.keep(line);
    if (kept_count_ < kept_.size()) kept_[kept_count_++] = {number, span};
    return span;
  }
  LineFinder lines_;
  std::array<std::pair<std::uint32_t, TextSpan>, 6> kept_{};  // a summary has six anchors
  std::size_t kept_count_ = 0;
};

// `pointer`: the pointer of the quantization object q.
void summarize_quantization(Reader& r, std::uint32_t q, std::string_view pointer, bool side_car,
                            FileSummary& s, Anchors& at) {
  if (r.type(q) != rapidjson::kObjectType) return;
  s.has_quant_section = true;
  const std::string_view parent = pointer.substr(0, pointer.rfind('/'));
  at.quant_at = r.anchor(q, parent, true);
  // Every member read below, found in one pass.
  enum {
    kQuantAlgo, kQuantizationAlgo, kQuantMethod, kQuantizationMethod, kKvAlgo, kKvMethod, kKvDtype,
    kKvScheme, kWeightBlockSize, kExcludeModules, kIgnore, kModulesToNotConvert, kCount
  };
  const auto m = r.children<kCount>(
      q, {"quant_algo", "quantization_algo", "quant_method", "quantization_method",
          "kv_cache_quant_algo", "kv_cache_quant_method", "kv_cache_dtype", "kv_cache_scheme",
          "weight_block_size", "exclude_modules", "ignore", "modules_to_not_convert"});
  std::uint32_t algo = side_car ? r.first_truthy({m[kQuantAlgo], m[kQuantizationAlgo]})
                                : r.first_truthy({m[kQuantAlgo], m[kQuantMethod], m[kQuantizationMethod]});
  if (side_car) {
    std::uint32_t raw = m[kQuantAlgo];
    s.quant_algo_null = raw != JsonDocument::kNone && r.type(raw) == rapidjson::kNullType &&
                        algo == JsonDocument::kNone;
    if (raw != JsonDocument::kNone && algo == JsonDocument::kNone) at.quant_algo_at = r.anchor(raw, pointer);
  }
  if (algo != JsonDocument::kNone) {
    std::string name = normalize_quant_algo(r.string_at(algo));
    // The consumer turns fp8 into block FP8 when the config has weight_block_size.
    if (!side_car && name == "fp8" && r.truthy(m[kWeightBlockSize])) name = "fp8_block";
    s.quant_algo_text = s.keep(name);
    at.quant_algo_at = r.anchor(algo, pointer);
  }
  std::uint32_t kv = side_car ? r.first_truthy({m[kKvAlgo]})
                              : r.first_truthy({m[kKvAlgo], m[kKvMethod], m[kKvDtype]});
  if (kv != JsonDocument::kNone) {
    s.kv_cache_quant_algo_text = s.keep(normalize_kv_cache_algo(r.string_at(kv)));
    at.kv_cache_quant_algo_at = r.anchor(kv, pointer);
  } else if (!side_car) {
    std::uint32_t scheme = m[kKvScheme];
    if (r.type(scheme) == rapidjson::kStringType) {
      // The consumer reads only a dict here, but a string ("FP8") still tells what the file
      // declares, which is what comparing a config with its side-car needs.
      s.kv_cache_quant_algo_text = s.keep(normalize_kv_cache_algo(r.string_at(scheme)));
      at.kv_cache_quant_algo_at = r.anchor(scheme, pointer);
    } else if (r.type(scheme) == rapidjson::kObjectType) {
      std::string type = lower_trimmed(r.string_at(r.child(scheme, "type")));
      std::uint32_t bits_node = r.child(scheme, "num_bits");
      const rapidjson::Value* bits = r.doc.value_of(bits_node);
      std::string_view algo_name;
      if (type.find("fp8") != std::string::npos) algo_name = "fp8";
      else if (type == "float" && bits && bits->IsInt())
        algo_name = bits->GetInt() <= 8 ? "fp8" : bits->GetInt() >= 16 ? "bfloat16" : "";
      if (!algo_name.empty()) {
        s.kv_cache_quant_algo_text = s.keep(algo_name);
        at.kv_cache_quant_algo_at = r.anchor(scheme, pointer, true);
      }
    }
  }
  s.quant_excludes = r.truthy(m[kExcludeModules]) || r.truthy(m[kIgnore]) ||
                     (!side_car && r.truthy(m[kModulesToNotConvert]));
}

}  // namespace

LineFinder::Line LineFinder::at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < scanned_) scanned_ = 0, number_ = 1, begin_ = 0;  // backwards: start over
  // SourceFile's terminators: "\n", "\r\n" and a lone "\r" (counted only when the file has a
  // '\r', which it then has). Without a '\r' in the range, memchr finds each '\n'.
  const char* p = text_.data();
  if (!std::memchr(p + scanned_, '\r', offset - scanned_)) {
    for (const char* q = p + scanned_;
         (q = static_cast<const char*>(std::memchr(q, '\n', static_cast<std::size_t>(p + offset - q))));
         ++q)
      ++number_, begin_ = static_cast<std::size_t>(q - p) + 1;
  } else {
    for (std::size_t i = scanned_; i < offset; ++i)
      if (p[i] == '\n' || (p[i] == '\r' && (i + 1 == text_.size() || p[i + 1] != '\n')))
        ++number_, begin_ = i + 1;
  }
  scanned_ = offset;
  // The line ends at the first terminator from the offset on: none lies before it, but the '\r'
  // of a "\r\n" whose '\n' is at the offset.
  std::size_t end = text_.size();
  if (const void* nl = std::memchr(p + offset, '\n', end - offset))
    end = static_cast<std::size_t>(static_cast<const char*>(nl) - p);
  if (const void* cr = std::memchr(p + offset, '\r', end - offset))
    end = static_cast<std::size_t>(static_cast<const char*>(cr) - p);
  if (end == offset && offset > begin_ && p[offset - 1] == '\r') --end;
  return {number_, begin_, text_.substr(begin_, end - begin_)};
}

std::string normalize_quant_algo(std::string_view value) {
  std::string a = lower_trimmed(value);
  if (a == "w4a16_mxfp4") return "mxfp4";
  if (a == "mixed-precision" || a == "mixedprecision") return "mixed_precision";
  return a;
}

std::string normalize_kv_cache_algo(std::string_view value) {
  std::string a = lower_trimmed(value);
  if (a == "fp8" || a == "e4m3" || a == "e5m2") return "fp8";
  if (a == "fp16" || a == "float16" || a == "bf16" || a == "bfloat16") return "bfloat16";
  return a;
}

void number_directories(std::vector<FileSummary>& files) {
  std::map<std::string, std::uint32_t, std::less<>> numbers;  // normalized directory -> number
  // Files come directory by directory: the directory is normalized again only when the path
  // before the name changes (lexically_normal builds several paths).
  std::string_view last_prefix;
  std::uint32_t last = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    FileSummary& f = files[i];
    std::string_view prefix = std::string_view(f.path).substr(0, f.name_offset);
    if (i == 0 || prefix != last_prefix) {
      std::string directory = normal_directory_of(f.path);
      last = numbers.try_emplace(std::move(directory), static_cast<std::uint32_t>(numbers.size()))
                 .first->second;
      last_prefix = prefix;
    }
    f.directory = last;
  }
}

void summarize_document(const JsonDocument& doc, const SourceFile& source, FileSummary& summary) {
  summary.text.reserve(256);  // the anchors' lines and pointers, and the values below: one allocation
  Reader r{doc, source, summary};
  const std::uint32_t root = doc.find("");
  summary.anchors_at = std::make_unique<Anchors>();
  Anchors& at = *summary.anchors_at;
  at.root_at = r.anchor(root, "");
  const bool side_car = summary.kind == FileKind::side_car;
  // The top-level members read below, found in one pass (then text_config's, if nested).
  enum { kArchitectures, kTextConfig, kModelType, kNameOrPath, kQuantization, kCount };
  const auto top = r.children<kCount>(root, {"architectures", "text_config", "model_type", "_name_or_path",
                                             side_car ? "quantization" : "quantization_config"});
  std::uint32_t arch = top[kArchitectures];
  if (r.type(arch) == rapidjson::kArrayType) {
    std::uint32_t first = doc.element(arch, 0);
    if (r.type(first) == rapidjson::kStringType) {
      summary.architecture_text = summary.keep(r.string_at(first));
      at.architecture_at = r.anchor(first, "/architectures");
    }
  }
  std::uint32_t text = top[kTextConfig];
  if (r.type(text) != rapidjson::kObjectType) text = JsonDocument::kNone;
  enum { kNestedModelType, kNestedNameOrPath, kNestedQuantization, kNestedCount };
  const auto nested =
      r.children<kNestedCount>(text, {"model_type", "_name_or_path", "quantization_config"});
  std::string_view model_type = r.string_at(top[kModelType]);
  if (model_type.empty()) model_type = r.string_at(nested[kNestedModelType]);
  summary.model_type_text = summary.keep(model_type);

  for (auto [n, parent] : {std::pair<std::uint32_t, std::string_view>{top[kNameOrPath], ""},
                           {nested[kNestedNameOrPath], "/text_config"}}) {
    if (std::string_view name = r.string_at(n); !name.empty()) {
      summary.name_or_path_text = summary.keep(name);
      at.name_or_path_at = r.anchor(n, parent);
      break;
    }
  }

  if (side_car) {
    std::uint32_t q = top[kQuantization];
    summary.quant_section_present = q != JsonDocument::kNone;
    summarize_quantization(r, q, "/quantization", true, summary, at);
  } else if (top[kQuantization] != JsonDocument::kNone) {
    summarize_quantization(r, top[kQuantization], "/quantization_config", false, summary, at);
  } else {
    // The consumer promotes text_config's quantization_config when the top level has none.
    summarize_quantization(r, nested[kNestedQuantization], "/text_config/quantization_config", false,
                           summary, at);
  }
}

}  // namespace aic
