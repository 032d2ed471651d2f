#include "rules/unknown_key_plan.h"

#include <algorithm>

namespace aic::unknown_key {

void KeySet::insert(const std::string& key) {
  std::size_t before = hashed_.size();
  if (hashed_.insert(key) == before) {  // a new key
    signed_.clear();
    memo_keys_.clear();
    memo_values_.clear();
  }
}

KeySet::Candidates KeySet::typo_candidates(std::string_view key) const {
  auto shorter = [](const SignedKey& a, const SignedKey& b) { return a.text.size() < b.text.size(); };
  if (signed_.size() != hashed_.size()) {
    // By length: a typo is at most kMaxTypoDistance edits, so only keys within that many bytes
    // of the written key's length can be one. Views into hashed_: an insert may move its
    // strings, and clears this list.
    for (std::size_t i = 0; i < hashed_.size(); ++i) signed_.emplace_back(hashed_.at(i));
    std::sort(signed_.begin(), signed_.end(), shorter);
  }
  const SignedKey written(key);
  Candidates found;
  auto first = std::partition_point(signed_.begin(), signed_.end(), [&](const SignedKey& k) {
    return k.text.size() + kMaxTypoDistance < key.size();
  });
  for (auto it = first; it != signed_.end() && it->text.size() <= key.size() + kMaxTypoDistance; ++it)
    if (auto d = typo_distance(written, *it)) found.emplace_back(std::string(it->text), *d);
  // Offered in sorted order (the keys are distinct).
  std::sort(found.begin(), found.end());
  return found;
}

const KeySet::Verdict& KeySet::verdict(std::string_view key, const StringTable& clean,
                                       const StringTable& alias_names) const {
  if (std::size_t i = memo_keys_.find(key); i != StringTable::npos) return memo_values_[i];
  if (memo_values_.size() > 4096) {
    memo_keys_.clear();
    memo_values_.clear();
  }
  Verdict v;
  v.clean = clean.contains(key);
  if (!v.clean) {
    v.alias_name = alias_names.contains(key);
    v.candidates = typo_candidates(key);
  }
  memo_keys_.insert(key);
  memo_values_.push_back(std::move(v));
  return memo_values_.back();
}

namespace {

std::string last_part(const std::string& dotted) {
  auto dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

// Keys some registered architecture reads at the LLM or top level: real field names, the same for
// every profile of a registry.
void build_known_anywhere(StringTable& known, const ArchitectureRegistry& registry) {
  for (const auto& k : registry.keys_read_by_any_profile()) known.insert(k);
  known.insert(registry.text_config_key());
  for (const auto& k : registry.generic().top_level_reads) known.insert(k);
}

void build(Plan& plan, const ArchitectureRegistry& registry, const Profile& profile,
           const StringTable& known_anywhere) {
  const GenericReads& generic = registry.generic();
  for (const auto& k : registry.vocabulary(profile)) {
    auto dot = k.find('.');
    if (dot == std::string::npos) plan.llm.insert(k);
    else plan.nested[k.substr(0, dot)].reads.insert(k.substr(dot + 1));
  }
  for (const auto& k : generic.top_level_reads) {
    plan.llm.insert(k);
    plan.top.insert(k);
  }
  plan.top.insert(registry.text_config_key());
  for (const auto& k : registry.vocabulary(profile)) {
    auto dot = k.find('.');
    if (dot != std::string::npos &&
        std::find(profile.required.begin(), profile.required.end(), k) != profile.required.end())
      plan.nested[k.substr(0, dot)].required.insert(k.substr(dot + 1));
  }
  if (profile.vision) {
    for (const auto& k : profile.vision->required) {
      plan.vision.reads.insert(k);
      plan.vision.required.insert(k);
    }
    for (const auto& k : profile.vision->reads) plan.vision.reads.insert(k);
  }

  // Usually llm and top lie inside known_anywhere, and the shared table is all a level needs.
  auto clean = [&](const KeySet& level, StringTable& own) -> const StringTable* {
    const StringTable& table = level.table();
    bool inside = true;
    for (std::size_t i = 0; i < table.size() && inside; ++i) inside = known_anywhere.contains(table.at(i));
    if (inside) return &known_anywhere;
    for (const StringTable* from : {&table, &known_anywhere})
      for (std::size_t i = 0; i < from->size(); ++i) own.insert(from->at(i));
    return &own;
  };
  plan.llm_clean = clean(plan.llm, plan.own_llm_clean);
  plan.top_clean = clean(plan.top, plan.own_top_clean);

  plan.aliases = registry.aliases(profile);
  for (const Alias& a : plan.aliases) {
    PreparedAlias p;
    p.alias = &a;
    auto dot = a.written.find('.');
    if (dot != std::string::npos) p.parent = a.written.substr(0, dot);
    p.written = last_part(a.written);
    for (const auto& m : a.means) p.means.push_back(last_part(m));
    plan.alias_names.insert(p.written);
    plan.prepared.push_back(std::move(p));
  }
}

}  // namespace

const Plan& plan_for(const ArchitectureRegistry& registry, const Profile& profile) {
  // By registry (serial) and profile name. Plans are never moved once built: PreparedAlias
  // points into Plan::aliases, llm_clean into the registry's known_anywhere.
  struct ForRegistry {
    StringTable known_anywhere;
    std::map<std::string, Plan, std::less<>> by_name;
  };
  thread_local std::map<std::uint64_t, ForRegistry> plans;
  // Every file asks: the profiles already seen are found by address first (verified by name, the
  // key of the cache), which costs a few comparisons instead of two map searches.
  struct Seen {
    std::uint64_t serial;
    const Profile* profile;
    const std::string* name;
    const Plan* plan;
  };
  thread_local std::vector<Seen> seen;
  for (const Seen& s : seen)
    if (s.profile == &profile && s.serial == registry.serial() && *s.name == profile.name) return *s.plan;

  ForRegistry& for_registry = plans[registry.serial()];
  if (for_registry.known_anywhere.size() == 0) build_known_anywhere(for_registry.known_anywhere, registry);
  auto it = for_registry.by_name.find(std::string_view(profile.name));
  if (it == for_registry.by_name.end()) {
    it = for_registry.by_name.try_emplace(profile.name).first;
    build(it->second, registry, profile, for_registry.known_anywhere);
  }
  if (seen.size() >= 64) seen.clear();  // bounded: profiles built elsewhere may come and go
  seen.push_back({registry.serial(), &profile, &it->first, &it->second});
  return it->second;
}

}  // namespace aic::unknown_key
