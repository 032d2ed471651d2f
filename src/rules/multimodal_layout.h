#pragma once
// AIC309 multimodal-layout: Qwen3-VL's vision_config is usable, and a quantization_config inside
// text_config does not contradict the top-level one.
#include "rules/rule.h"

namespace aic {

const Rule& multimodal_layout_rule();

}  // namespace aic
