#pragma once
// HuggingFace ids as aiconfigurator spells them in file names: `org/model` -> `org--model`.
// Shared by the file-set rules (AIC401-AIC406).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/file_kind.h"

namespace aic::model_id {

inline constexpr std::string_view kConfigSuffix = "_config.json";
inline constexpr std::string_view kSideCarSuffix = "_hf_quant_config.json";
inline constexpr std::size_t kMaxPartLength = 96;

// The `<org>--<model>` part of a config or side-car file name (the suffix split from the right:
// model names contain '_'); nullopt for any other name.
std::optional<std::string> of_file_name(std::string_view name);

struct Parts {
  std::string org, model;
};
// Splits `org--model` at the first "--"; nullopt if there is none.
std::optional<Parts> split(std::string_view id);

// of_file_name and split as views into their argument (nothing allocated: repository rules run
// them on every file).
std::optional<std::string_view> id_of_file_name(std::string_view name);
struct PartViews {
  std::string_view org, model;
};
std::optional<PartViews> split_view(std::string_view id);

// What is wrong with one part (org or model) under HuggingFace's id rules, or "" if nothing.
std::string part_problem(std::string_view part);
// What is wrong with a HuggingFace id written `org/model` (aic-lint import --hf-id), judged by
// the same part rules as file names, or "" if nothing.
std::string hf_id_problem(std::string_view id);

// The quantization a token of a model name claims (case-insensitive): "fp8", "nvfp4", "mxfp4",
// "fp4", "mxfp8", "int4", "int8", "awq", "gptq", "w4a16", ... or "bf16"/"fp16" (unquantized);
// empty if the token is no such claim. Tokens are the name split at '-'.
std::string quant_token(std::string_view token);
// The quantization tokens of a model name, in order (e.g. Qwen3-32B-FP8-Static -> {"fp8"}).
std::vector<std::string> quant_tokens(std::string_view model);
// The model name without its quantization tokens (and the "-Static-PerTensor"-like words that
// only qualify them), lower-cased: the base model two variants share.
std::string without_quant_tokens(std::string_view model);

// Families an id names by keyword (qwen, deepseek, llama, ...), lower-case.
std::vector<std::string> families_named(std::string_view model);
// The family an architecture belongs to, by its name prefix, or "" when not in the table.
std::string family_of_architecture(std::string_view architecture);
// Whether an architecture fits a family named by an id (Kimi-K2 is DeepseekV3ForCausalLM).
bool architecture_fits(std::string_view family, std::string_view architecture);
// Whether the architecture fits a family the model name names (any of them), without building
// the list; nullopt when the name names no family or the architecture is not in the table
// (not judged).
std::optional<bool> architecture_fits_id(std::string_view model, std::string_view architecture);
// The usual HuggingFace org of a model family's official releases ("" if unknown).
std::string usual_org(std::string_view model);

std::string to_lower(std::string_view s);

}  // namespace aic::model_id
