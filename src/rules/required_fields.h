#pragma once
// AIC302 required-fields: every key the parser reads with [] for this architecture is present.
#include "rules/rule.h"

namespace aic {

const Rule& required_fields_rule();

}  // namespace aic
