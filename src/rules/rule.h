#pragma once
// The rule interfaces. A per-file Rule sees one parsed file; a RepositoryRule sees the summaries
// of every file in the run (plus siblings loaded from disk for context). Both report
// Diagnostics, never throw about input.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_diagnostics.h"
#include "core/json_document.h"
#include "core/rule_info.h"
#include "engine/lint_data.h"
#include "engine/file_kind.h"

namespace aic {

struct ConfigView;  // rules/config_view.h

// What a per-file rule sees.
struct FileContext {
  const SourceFile& source;
  const JsonDocument& doc;
  FileDiagnostics& out;
  FileKind kind;
  const LintData& data;
  std::string_view path;  // file-system path (for loading siblings); source.path() is for display
  // registered_config_view's answer, worked out once per file: nine semantic rules ask for it.
  struct ConfigViewDelete {
    void operator()(const ConfigView* view) const;  // config_view.cc (ConfigView is complete there)
  };
  mutable std::unique_ptr<const ConfigView, ConfigViewDelete> config_view{};
  mutable bool config_view_done = false;

  // A finding at the value of `pointer`; if the value is missing, at the nearest existing
  // ancestor's opening bracket (a missing key is reported at its parent object).
  Diagnostic& report(const RuleInfo& rule, std::string_view pointer, std::string message) const;
  // A finding at the key of `pointer` (falls back like report()).
  Diagnostic& report_key(const RuleInfo& rule, std::string_view pointer, std::string message) const;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const FileContext& context) const = 0;
};

// A stretch of FileSummary::text.
struct TextSpan {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

// A value's position, captured during the per-file pass so that a repository rule can still
// report at it (with its code frame) once the file's text is gone. Only the cheap part is taken
// then: line, columns and the line's text (into the summary's text); the pointer's string and
// the code frame are made when a finding is reported at it, which few files ever have.
struct Anchor {
  std::uint32_t line = 0;            // 1-based; 0: none (a finding at it is whole-file)
  std::uint32_t column = 0;          // code-point columns of the span on `line`, end exclusive
  std::uint32_t end_column = 0;
  std::uint32_t snippet_column = 0;  // 0: `text` is the whole line; else a ready code frame
                                     // (of a long line) whose first column this is
  TextSpan pointer;                  // RFC 6901 pointer of the value
  TextSpan text;
  bool known() const { return line != 0; }
};

// Where repository rules can report in a parsed file.
struct Anchors {
  Anchor root_at;                  // the top-level object
  Anchor architecture_at;          // architectures[0]
  Anchor quant_at;                 // the quantization_config / quantization object
  Anchor quant_algo_at;            // the value the algorithm was read from
  Anchor kv_cache_quant_algo_at;   // the value the KV-cache algorithm was read from
  Anchor name_or_path_at;
};

// One file of the run, as repository rules see it (the file's text is no longer in memory).
// Compact, as 10,000 of them are held at once and every repository rule reads them all: the
// strings live in one buffer (`text`), the anchors, which only a finding needs, apart.
struct FileSummary {
  std::string path;          // file-system path
  std::string text;          // the strings below and the anchors' lines and pointers
  std::uint32_t name_offset = 0;  // the file name is path's tail from here
  // Files of equal number are in the same (lexically normalized) directory; set for a run by
  // number_directories (engine/summary.h).
  std::uint32_t directory = 0;
  FileKind kind = FileKind::other;
  bool reported = true;      // false for siblings loaded only for context
  bool parsed = false;       // JSON read without syntax error and top level is an object
  bool bytes_read = false;   // read whole (size is then the number of bytes read)
  bool has_quant_section = false;  // quantization_config (config) / quantization (side-car) object
  bool quant_algo_null = false;    // side-car: quant_algo present and null
  bool quant_section_present = false;  // side-car: a `quantization` key exists (any type)
  bool quant_excludes = false;     // a non-empty exclude_modules / ignore / modules_to_not_convert
  // Of the raw bytes, only for configs that share their size with another config of their
  // directory (engine/content_identity.h). lint_paths compares the bytes of equal hashes and
  // numbers the distinct contents behind one hash (a 64-bit collision) in content_variant: in one
  // directory, equal (content_hash, content_variant) means byte-identical.
  std::uint32_t content_variant = 0;
  std::optional<std::uint64_t> content_hash;
  std::uint64_t size = 0;
  TextSpan architecture_text, model_type_text, quant_algo_text, kv_cache_quant_algo_text,
      name_or_path_text;
  std::unique_ptr<Anchors> anchors_at;  // parsed files only (see anchors())
  std::string display_path;        // as reported

  // The anchors (all unknown for a file that was not parsed).
  const Anchors& anchors() const {
    static const Anchors none;
    return anchors_at ? *anchors_at : none;
  }
  std::string_view view(TextSpan s) const { return std::string_view(text).substr(s.offset, s.size); }
  std::string_view name() const { return std::string_view(path).substr(name_offset); }
  std::string_view architecture() const { return view(architecture_text); }  // architectures[0] if a string
  std::string_view model_type() const { return view(model_type_text); }
  // Declared quantization, normalized as aiconfigurator does (lower-case, aliases folded,
  // fp8 + weight_block_size -> fp8_block; KV: e4m3/e5m2 -> fp8, fp16/bf16... -> bfloat16).
  // Config: its quantization_config (top level, else text_config's). Side-car: `quantization`.
  // Empty if none declared.
  std::string_view quant_algo() const { return view(quant_algo_text); }
  std::string_view kv_cache_quant_algo() const { return view(kv_cache_quant_algo_text); }
  // _name_or_path (top level, else text_config's), if a string.
  std::string_view name_or_path() const { return view(name_or_path_text); }
  std::string_view pointer(const Anchor& at) const { return view(at.pointer); }
  // Appends `s` to `text`.
  TextSpan keep(std::string_view s) {
    TextSpan span{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(s.size())};
    text += s;
    return span;
  }
};

struct RepositoryContext {
  const std::vector<FileSummary>& files;
  const LintData& data;
  std::vector<Diagnostic>& out;

  // A whole-file finding (no line and column) on files[index].
  Diagnostic& report(std::size_t index, const RuleInfo& rule, std::string message) const;
  // A finding at a position captured in files[index] (`at` is one of its anchors; whole-file if
  // the anchor is unknown).
  Diagnostic& report_at(std::size_t index, const Anchor& at, const RuleInfo& rule,
                        std::string message) const;
};

class RepositoryRule {
 public:
  virtual ~RepositoryRule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const RepositoryContext& context) const = 0;
};

}  // namespace aic
