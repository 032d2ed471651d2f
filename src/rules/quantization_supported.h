#pragma once
// AIC310 quantization-supported: the inline quantization_config is one aiconfigurator can map to
// its quant modes (compressed-tensors weight schemes, modelopt with an algorithm).
#include "rules/rule.h"

namespace aic {

const Rule& quantization_supported_rule();

}  // namespace aic
