#include "rules/registry.h"

#include <algorithm>
#include <cctype>

#include "core/json_rules.h"
#include "rules/architecture_registered.h"
#include "rules/file_set_rules.h"
#include "rules/head_dim_consistency.h"
#include "rules/layer_pattern_length.h"
#include "rules/model_type_mismatch.h"
#include "rules/moe_fields.h"
#include "rules/multimodal_layout.h"
#include "rules/quantization_supported.h"
#include "rules/recommended_fields.h"
#include "rules/required_fields.h"
#include "rules/schema_rules.h"
#include "rules/unknown_key.h"

namespace aic {

const std::vector<const Rule*>& file_rules() {
  static const std::vector<const Rule*> rules = {
      &architecture_registered_rule(),  // AIC301
      &required_fields_rule(),          // AIC302
      &recommended_fields_rule(),       // AIC303
      &head_dim_consistency_rule(),     // AIC304
      &moe_fields_rule(),               // AIC305
      &layer_pattern_length_rule(),     // AIC306
      &unknown_key_rule(),              // AIC307
      &model_type_mismatch_rule(),      // AIC308
      &multimodal_layout_rule(),        // AIC309
      &quantization_supported_rule(),   // AIC310
  };
  return rules;
}

const std::vector<const RepositoryRule*>& repository_rules() {
  static const std::vector<const RepositoryRule*> rules = {
      &file_set_rules::filename_convention(),
      &file_set_rules::orphan_side_car(),
      &file_set_rules::case_collision(),
      &file_set_rules::identity(),
      &file_set_rules::duplicate_content(),
      &file_set_rules::side_car_consistency(),
  };
  return rules;
}

const std::vector<const RuleInfo*>& all_rule_infos() {
  static const std::vector<const RuleInfo*> infos = [] {
    std::vector<const RuleInfo*> v = {
        &json_rules::kFileUnreadable, &json_rules::kFileTooLarge,   &json_rules::kNotRegularFile,
        &json_rules::kSymlinkOutside, &json_rules::kSyntax,         &json_rules::kComment,
        &json_rules::kTrailingComma,  &json_rules::kDuplicateKey,   &json_rules::kBom,
        &json_rules::kInvalidUtf8,    &json_rules::kEmptyFile,      &json_rules::kTopLevelNotObject,
        &json_rules::kNanInfinity,    &json_rules::kNegativeInfinity, &json_rules::kInfinityInString,
        &json_rules::kNestingTooDeep, &json_rules::kLoneSurrogate,
        &schema_rules::kType,         &schema_rules::kRequired,     &schema_rules::kEnum,
        &schema_rules::kRange,        &schema_rules::kConstraint,
    };
    for (const Rule* r : file_rules()) v.push_back(&r->info());
    for (const RepositoryRule* r : repository_rules()) v.push_back(&r->info());
    std::sort(v.begin(), v.end(), [](auto a, auto b) { return a->code < b->code; });
    return v;
  }();
  return infos;
}

const RuleInfo* find_rule_info(std::string_view key) {
  auto iequals = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::toupper(static_cast<unsigned char>(x)) ==
                    std::toupper(static_cast<unsigned char>(y));
           });
  };
  for (const RuleInfo* info : all_rule_infos())
    if (iequals(info->code, key) || info->name == key) return info;
  return nullptr;
}

}  // namespace aic
