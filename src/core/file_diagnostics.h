#pragma once
// Collects the diagnostics of one file, turning byte offsets into locations and code frames
// while the file's text is still in memory.
#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/rule_info.h"
#include "core/source_file.h"

namespace aic {

class FileDiagnostics {
 public:
  explicit FileDiagnostics(const SourceFile& source) : source_(source) {}

  // A finding over the byte range [begin, end) of the file.
  Diagnostic& add(const RuleInfo& rule, std::size_t begin, std::size_t end, std::string message,
                  std::string pointer = {});
  // A finding about the file as a whole (unreadable, misnamed, ...): no line or column.
  Diagnostic& add_file_level(const RuleInfo& rule, std::string message);

  // Notes: with a location in this file, or a plain "help:" line.
  void note_at(Diagnostic& d, std::size_t offset, std::string message);
  static void help(Diagnostic& d, std::string message);
  static void note(Diagnostic& d, std::string message);

  const SourceFile& source() const { return source_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // The findings; past kMaxPerFile, the last one kept says how many more were dropped.
  std::vector<Diagnostic> take();

  // A hostile file can hold a million duplicate keys: the report (and the time spent making it)
  // stays bounded. Findings past the limit are counted, not kept.
  static constexpr std::size_t kMaxPerFile = 1000;
  std::size_t dropped() const { return dropped_; }

  // For a pass that runs again: where the findings stand, and going back there (the findings
  // added since are dropped).
  struct Mark {
    std::size_t kept = 0;
    std::size_t dropped = 0;
  };
  Mark mark() const { return {diagnostics_.size(), dropped_}; }
  void rewind(Mark to);

 private:
  const SourceFile& source_;
  std::vector<Diagnostic> diagnostics_;
  Diagnostic overflow_;  // what add() returns once the limit is reached: notes go nowhere
  std::size_t dropped_ = 0;
};

}  // namespace aic
