#pragma once
// What the unknown-key rule (AIC307) compares a config's keys with, for one profile: the keys the
// consumer reads at each level, the aliases that apply, and the keys some profile reads. It
// depends on the registry and the profile only, so it is built once per thread and profile; a
// clean file then costs one hash lookup per key and no allocation.
#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/string_table.h"
#include "rules/key_similarity.h"
#include "registry/architecture_registry.h"

namespace aic::unknown_key {

using NameSet = StringTable;

// The keys read at one level: hashed, and sorted for the typo search (candidates are offered in
// this order).
class KeySet {
 public:
  using Candidates = std::vector<std::pair<std::string, std::size_t>>;  // read key, distance

  KeySet() = default;
  KeySet(const KeySet&) = delete;  // signed_ views into hashed_'s strings
  KeySet& operator=(const KeySet&) = delete;

  void insert(const std::string& key);
  bool contains(std::string_view key) const { return hashed_.contains(key); }
  bool empty() const { return hashed_.size() == 0; }
  const StringTable& table() const { return hashed_; }
  // Every read key within typo distance of `key`, with its distance, in sorted order.
  Candidates typo_candidates(std::string_view key) const;

  // What the level these keys are read at says about `key`. The same keys recur in nearly every
  // config of a repository, so verdicts are memoized: one probe per key of a file (bounded: a
  // hostile repository of random keys cannot grow the memo without limit). `clean` (the keys
  // that pass at once there) and `alias_names` (the plan's) must be the same on every call.
  struct Verdict {
    bool clean = false;       // in `clean`: nothing more to check
    bool alias_name = false;  // written like some alias: the alias pass may own it
    Candidates candidates;    // typo_candidates(key), when not clean
  };
  const Verdict& verdict(std::string_view key, const StringTable& clean,
                         const StringTable& alias_names) const;

 private:
  StringTable hashed_;
  // The keys in sorted order with their char_signature, taken on the first typo search after an
  // insert (a plan is built once, then only searched: no ordered set kept beside the table).
  mutable std::vector<SignedKey> signed_;
  // The memo: key -> its verdict, by index (one probe of an open-addressing table per lookup).
  mutable StringTable memo_keys_;
  mutable std::deque<Verdict> memo_values_;  // a deque: verdicts handed out stay in place
};

// One alias with its dotted names split once: "quantization_config.quant_type" is `quant_type`
// written inside `quantization_config`.
struct PreparedAlias {
  const Alias* alias = nullptr;     // in Plan::aliases
  std::string parent;               // "" when written at the LLM level
  std::string written;              // the key as written, last part
  std::vector<std::string> means;   // last parts of what the parser reads instead
};

struct Plan {
  KeySet llm;  // the LLM level
  KeySet top;  // the top level of a nested config
  struct Nested {
    KeySet reads, required;
  };
  std::map<std::string, Nested> nested;  // parent key -> keys read inside it
  Nested vision;
  // llm or top, with the keys some registered architecture reads at the LLM or top level (real
  // field names): the keys the LLM and top levels pass without a second look. Usually the one
  // registry-wide table of those keys (llm and top are part of it), shared by every plan.
  const StringTable* llm_clean = nullptr;
  const StringTable* top_clean = nullptr;
  StringTable own_llm_clean, own_top_clean;  // when llm or top has a key outside it
  std::vector<Alias> aliases;           // registry.aliases(profile)
  std::vector<PreparedAlias> prepared;  // one per alias, same order
  NameSet alias_names;                  // every PreparedAlias::written
};

// The plan for a profile, built on first use in this thread.
const Plan& plan_for(const ArchitectureRegistry& registry, const Profile& profile);

}  // namespace aic::unknown_key
