#pragma once
// AIC304 head-dim-consistency: the attention head geometry the parser derives is the real one.
#include "rules/rule.h"

namespace aic {

const Rule& head_dim_consistency_rule();

}  // namespace aic
