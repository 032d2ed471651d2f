#pragma once
// The JSON Schema checks (schemas/*.schema.json, validated by the schema stage with valijson).
// One code per kind of violation, so --select/--ignore can pick them apart.
#include "core/rule_info.h"

namespace aic::schema_rules {

extern const RuleInfo kType;        // AIC201 schema-type
extern const RuleInfo kRequired;    // AIC202 schema-required
extern const RuleInfo kEnum;        // AIC203 schema-enum
extern const RuleInfo kRange;       // AIC204 schema-range
extern const RuleInfo kConstraint;  // AIC205 schema-constraint

}  // namespace aic::schema_rules
