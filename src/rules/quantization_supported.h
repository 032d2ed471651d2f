#pragma once
// AIC310 quantization-supported: the inline quantization_config is one aiconfigurator can map to
// its quant modes (compressed-tensors weight schemes, modelopt with an algorithm).
#include <string>

#include "rules/rule.h"

namespace aic {

const Rule& quantization_supported_rule();

// A side-car's raw quantization.quant_algo when it is a string ("" otherwise, or when the text is
// not a JSON object the front end would read), without building a DOM: the rule reads it for a
// config whose side-car may be 3 MB.
std::string side_car_quant_algo(const std::string& bytes);

}  // namespace aic
