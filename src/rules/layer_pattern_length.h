#pragma once
// AIC306 layer-pattern-length: per-layer arrays have one entry per decoder layer, with allowed
// values only; layer-id lists (Kimi-K3) cover every layer exactly once.
#include "rules/rule.h"

namespace aic {

const Rule& layer_pattern_length_rule();

}  // namespace aic
