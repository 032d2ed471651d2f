#pragma once
// AIC303 recommended-fields: keys whose parser default is wrong for the architecture are present.
#include "rules/rule.h"

namespace aic {

const Rule& recommended_fields_rule();

}  // namespace aic
