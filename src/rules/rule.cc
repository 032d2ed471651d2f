#include "rules/rule.h"

namespace aic {

namespace {
Diagnostic& report_node(const FileContext& c, const RuleInfo& rule, std::string_view pointer,
                        std::string message, bool at_key) {
  std::uint32_t n = c.doc.nearest(pointer);
  if (n == JsonDocument::kNone) return c.out.add_file_level(rule, std::move(message));
  const auto& node = c.doc.node(n);
  bool exact = c.doc.pointer_of(n).size() == pointer.size();
  if (!exact) return c.out.add(rule, node.begin, node.begin + 1, std::move(message), std::string(pointer));
  if (at_key && node.has_key())
    return c.out.add(rule, node.key_begin, JsonDocument::key_end(node, c.source.text()), std::move(message),
                     std::string(pointer));
  return c.out.add(rule, node.begin, node.end, std::move(message), std::string(pointer));
}
}  // namespace

Diagnostic& FileContext::report(const RuleInfo& rule, std::string_view pointer,
                                std::string message) const {
  return report_node(*this, rule, pointer, std::move(message), false);
}

Diagnostic& FileContext::report_key(const RuleInfo& rule, std::string_view pointer,
                                    std::string message) const {
  return report_node(*this, rule, pointer, std::move(message), true);
}

Diagnostic& RepositoryContext::report(std::size_t index, const RuleInfo& rule,
                                      std::string message) const {
  out.push_back(file_level_diagnostic(files[index].display_path, rule, std::move(message)));
  return out.back();
}

Diagnostic& RepositoryContext::report_at(std::size_t index, const Anchor& at,
                                         const RuleInfo& rule, std::string message) const {
  Diagnostic& d = report(index, rule, std::move(message));
  const FileSummary& f = files[index];
  d.pointer = f.pointer(at);
  if (at.known()) {
    d.begin = {at.line, at.column};
    d.end = {at.line, at.end_column};
    if (at.snippet_column != 0) {
      d.snippet = f.view(at.text);
      d.snippet_column = at.snippet_column;
    } else {
      Snippet s = make_snippet(f.view(at.text), at.column);
      d.snippet = std::move(s.text);
      d.snippet_column = s.first_column;
    }
  }
  return d;
}

}  // namespace aic
