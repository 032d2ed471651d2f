#pragma once
// AIC301 architecture-registered: architectures[0] is a registered architecture.
#include "rules/rule.h"

namespace aic {

const Rule& architecture_registered_rule();

}  // namespace aic
