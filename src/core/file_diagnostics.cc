#include "core/file_diagnostics.h"

namespace aic {

namespace {
Diagnostic make(const SourceFile& source, const RuleInfo& rule, std::string message,
                std::string pointer) {
  Diagnostic d = file_level_diagnostic(source.path(), rule, std::move(message));
  d.pointer = std::move(pointer);
  return d;
}
}  // namespace

std::vector<Diagnostic> FileDiagnostics::take() {
  if (dropped_ && !diagnostics_.empty())
    note(diagnostics_.back(), std::to_string(dropped_) + " more finding" + (dropped_ == 1 ? "" : "s") +
                                  " in this file not shown (at most " + std::to_string(kMaxPerFile) +
                                  " per file)");
  dropped_ = 0;
  return std::move(diagnostics_);
}

void FileDiagnostics::rewind(Mark to) {
  if (to.kept < diagnostics_.size()) diagnostics_.erase(diagnostics_.begin() + static_cast<std::ptrdiff_t>(to.kept), diagnostics_.end());
  dropped_ = to.dropped;
}

Diagnostic& FileDiagnostics::add(const RuleInfo& rule, std::size_t begin, std::size_t end,
                                 std::string message, std::string pointer) {
  if (diagnostics_.size() >= kMaxPerFile) {
    ++dropped_;
    overflow_ = Diagnostic{};
    return overflow_;
  }
  Diagnostic d = make(source_, rule, std::move(message), std::move(pointer));
  if (end < begin) end = begin;
  d.begin = source_.location(begin);
  d.end = source_.location(end);
  if (d.end.line == d.begin.line && d.end.column <= d.begin.column) d.end.column = d.begin.column + 1;
  Snippet snippet = source_.snippet_at(begin);
  d.snippet = std::move(snippet.text);
  d.snippet_column = snippet.first_column;
  diagnostics_.push_back(std::move(d));
  return diagnostics_.back();
}

Diagnostic& FileDiagnostics::add_file_level(const RuleInfo& rule, std::string message) {
  if (diagnostics_.size() >= kMaxPerFile) {
    ++dropped_;
    overflow_ = Diagnostic{};
    return overflow_;
  }
  diagnostics_.push_back(make(source_, rule, std::move(message), {}));
  return diagnostics_.back();
}

void FileDiagnostics::note_at(Diagnostic& d, std::size_t offset, std::string message) {
  if (&d == &overflow_) return;
  d.notes.push_back({"note", std::move(message), source_.location(offset)});
}

void FileDiagnostics::help(Diagnostic& d, std::string message) {
  d.notes.push_back({"help", std::move(message), {}});
}

void FileDiagnostics::note(Diagnostic& d, std::string message) {
  d.notes.push_back({"note", std::move(message), {}});
}

}  // namespace aic
