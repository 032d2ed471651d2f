#pragma once
// AIC307 unknown-key: a key the parser does not read that is a known wrong spelling, or a near
// miss, of one it does read for this architecture at that level.
#include "rules/rule.h"

namespace aic {

const Rule& unknown_key_rule();

}  // namespace aic
