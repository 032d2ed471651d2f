// AIC403 case-collision: names that differ only in case are one file on macOS and Windows.
#include <map>

#include "rules/file_set_rules.h"
#include "rules/model_id.h"

namespace aic::file_set_rules {

namespace {

constexpr RuleInfo kInfo{
    "AIC403", "case-collision", Severity::error,
    "no two files in a directory have names that differ only in case",
    R"(What it checks
  Two files in the same directory whose names are equal ignoring case, such as
  `Qwen--Qwen3-8B_config.json` and `qwen--qwen3-8b_config.json`. Files beside the ones named on
  the command line are read from disk, so a hook that passes only one of them still sees both.

Why
  On the case-insensitive file systems of macOS and Windows the two names are one file: a
  checkout keeps only one of them (which one depends on the order of the checkout), and
  aiconfigurator, whose lookup is case-sensitive on Linux, may then find a different file, or
  none, depending on the machine.

Example
  model_configs/Qwen--Qwen3-8B_config.json
  model_configs/qwen--Qwen3-8B_config.json

Fix
  Keep one file, named with the exact case of the HuggingFace id, and delete the other.)"};

class CaseCollision : public RepositoryRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RepositoryContext& c) const override {
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < c.files.size(); ++i)
      groups[{c.files[i].directory, model_id::to_lower(c.files[i].name)}].push_back(i);
    for (const auto& [key, members] : groups) {
      if (members.size() < 2) continue;
      for (std::size_t i : members) {
        if (!c.files[i].reported) continue;
        std::string others;
        for (std::size_t j : members)
          if (j != i) others += (others.empty() ? "'" : ", '") + c.files[j].name + "'";
        Diagnostic& d = c.report(
            i, kInfo,
            "'" + c.files[i].name + "' differs from " + others +
                " only in case: on macOS and Windows they are the same file, and a checkout "
                "there keeps only one of them");
        FileDiagnostics::help(d, "keep one file, named with the exact case of the HuggingFace id");
      }
    }
  }
};

}  // namespace

const RepositoryRule& case_collision() {
  static const CaseCollision rule;
  return rule;
}

}  // namespace aic::file_set_rules
