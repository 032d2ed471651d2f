#pragma once
// AIC308 model-type-mismatch: model_type (and text_config.model_type) belongs to the architecture.
#include "rules/rule.h"

namespace aic {

const Rule& model_type_mismatch_rule();

}  // namespace aic
