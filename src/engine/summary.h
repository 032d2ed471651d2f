#pragma once
// What repository rules need to know about a file, taken while it is parsed.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_document.h"
#include "core/rapidjson.h"
#include "core/source_file.h"
#include "rules/rule.h"

namespace aic {

// The line of an offset, as SourceFile::location and line_text place it, for the few offsets a
// summary anchors (near the top, mostly in increasing order): a forward scan from the previous
// one. SourceFile's line table would read the whole file for '\r' on first use and allocate an
// index of its lines, for a position that is almost never reported.
class LineFinder {
 public:
  explicit LineFinder(std::string_view text) : text_(text) {}

  struct Line {
    std::size_t number;     // 1-based
    std::size_t begin;      // offset of its first byte
    std::string_view text;  // without its terminator
  };
  Line at(std::size_t offset);

 private:
  std::string_view text_;
  std::size_t scanned_ = 0;  // terminators before this offset are counted
  std::size_t number_ = 1;   // the line holding scanned_
  std::size_t begin_ = 0;    // and its first byte
};

// Fills architecture, model_type, _name_or_path and declared quantization (with the positions
// repository rules report at) from a parsed document whose top level is an object.
void summarize_document(const JsonDocument& doc, const SourceFile& source, FileSummary& summary);

// Numbers the files' directories (FileSummary::directory): equal numbers for equal lexically
// normalized parent directories. Repository rules then group files by integers, not strings.
void number_directories(std::vector<FileSummary>& files);

// aiconfigurator's normalizations: lower-case, aliases folded (w4a16_mxfp4 -> mxfp4,
// mixed-precision -> mixed_precision); KV: fp8/e4m3/e5m2 -> fp8, fp16/float16/bf16 -> bfloat16.
std::string normalize_quant_algo(std::string_view value);
std::string normalize_kv_cache_algo(std::string_view value);

}  // namespace aic
