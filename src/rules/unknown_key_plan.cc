#include "rules/unknown_key_plan.h"

#include <algorithm>

namespace aic::unknown_key {

void KeySet::insert(const std::string& key) {
  if (sorted_.insert(key).second) {
    hashed_.insert(key);
    signed_.clear();
    memo_.clear();
  }
}

const KeySet::Candidates& KeySet::typo_candidates(std::string_view key) const {
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  if (memo_.size() > 4096) memo_.clear();
  if (signed_.size() != sorted_.size())
    for (const auto& known : sorted_) signed_.emplace_back(known);  // views into the set's nodes
  Candidates found;
  const SignedKey written(key);
  for (const SignedKey& known : signed_)
    if (auto d = typo_distance(written, known)) found.emplace_back(std::string(known.text), *d);
  return memo_.emplace(std::string(key), std::move(found)).first->second;
}

namespace {

std::string last_part(const std::string& dotted) {
  auto dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

void build(Plan& plan, const ArchitectureRegistry& registry, const Profile& profile) {
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

  for (const auto& k : registry.keys_read_by_any_profile()) plan.known_anywhere.insert(k);
  plan.known_anywhere.insert(registry.text_config_key());
  for (const auto& k : generic.top_level_reads) plan.known_anywhere.insert(k);
  for (const StringTable* from : {&plan.llm.table(), static_cast<const StringTable*>(&plan.known_anywhere)})
    for (std::size_t i = 0; i < from->size(); ++i) plan.llm_clean.insert(from->at(i));
  for (const StringTable* from : {&plan.top.table(), static_cast<const StringTable*>(&plan.known_anywhere)})
    for (std::size_t i = 0; i < from->size(); ++i) plan.top_clean.insert(from->at(i));

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
  // points into Plan::aliases.
  thread_local std::map<std::uint64_t, std::map<std::string, Plan, std::less<>>> plans;
  auto& by_name = plans[registry.serial()];
  if (auto it = by_name.find(std::string_view(profile.name)); it != by_name.end()) return it->second;
  Plan& plan = by_name[profile.name];
  build(plan, registry, profile);
  return plan;
}

}  // namespace aic::unknown_key
