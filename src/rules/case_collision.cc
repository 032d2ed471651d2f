// AIC403 case-collision: names that differ only in case are one file on macOS and Windows.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "core/key_hash.h"
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
    // A hash of (directory, lower-cased name) per file, sorted: no map of two strings per file
    // for the nearly always empty answer. Files of equal hash are then grouped exactly.
    std::vector<std::pair<std::uint64_t, std::size_t>> keyed;
    keyed.reserve(c.files.size());
    for (std::size_t i = 0; i < c.files.size(); ++i)
      keyed.emplace_back(folded_hash(c.files[i].name(), c.files[i].directory), i);
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t b = 0, e; b < keyed.size(); b = e) {
      for (e = b + 1; e < keyed.size() && keyed[e].first == keyed[b].first;) ++e;
      if (e - b < 2) continue;
      std::map<std::pair<std::uint32_t, std::string>, std::vector<std::size_t>> groups;
      for (std::size_t k = b; k < e; ++k) {
        const FileSummary& f = c.files[keyed[k].second];
        groups[{f.directory, model_id::to_lower(f.name())}].push_back(keyed[k].second);
      }
      for (const auto& [key, members] : groups)
        if (members.size() > 1) report(c, members);
    }
  }

 private:
  // key_hash of the ASCII-lower-cased name (copied in pieces into a buffer, a loop the
  // compiler vectorizes), seeded with the directory's number.
  static std::uint64_t folded_hash(std::string_view name, std::uint64_t seed) {
    char lowered[128];
    std::uint64_t h = seed;
    for (std::size_t at = 0; at < name.size(); at += sizeof lowered) {
      const std::size_t n = std::min(sizeof lowered, name.size() - at);
      for (std::size_t i = 0; i < n; ++i) {
        const char ch = name[at + i];
        lowered[i] = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
      }
      h = (h ^ key_hash(std::string_view(lowered, n))) * 0x9E3779B97F4A7C15ull;
    }
    return h;
  }

  static void report(const RepositoryContext& c, const std::vector<std::size_t>& members) {
    for (std::size_t i : members) {
      if (!c.files[i].reported) continue;
      std::string others;
      for (std::size_t j : members)
        if (j != i) others += (others.empty() ? "'" : ", '") + std::string(c.files[j].name()) + "'";
      Diagnostic& d = c.report(
          i, kInfo,
          "'" + std::string(c.files[i].name()) + "' differs from " + others +
              " only in case: on macOS and Windows they are the same file, and a checkout "
              "there keeps only one of them");
      FileDiagnostics::help(d, "keep one file, named with the exact case of the HuggingFace id");
    }
  }
};

}  // namespace

const RepositoryRule& case_collision() {
  static const CaseCollision rule;
  return rule;
}

}  // namespace aic::file_set_rules
