#pragma once
// AIC305 moe-fields: expert count, top-k and expert size are consistent as the parser reads them.
#include "rules/rule.h"

namespace aic {

const Rule& moe_fields_rule();

}  // namespace aic
