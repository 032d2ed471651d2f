#pragma once
// The one explicit list of rules (no static self-registration): adding a rule is a line here.
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace aic {

const std::vector<const Rule*>& file_rules();
const std::vector<const RepositoryRule*>& repository_rules();

// Every rule's info, including the JSON-level checks made by the parser, sorted by code.
const std::vector<const RuleInfo*>& all_rule_infos();

// By code ("AIC301", case-insensitive) or name ("architecture-registered"); nullptr if unknown.
const RuleInfo* find_rule_info(std::string_view code_or_name);

}  // namespace aic
