#include "rules/schema_rules.h"

namespace aic::schema_rules {

const RuleInfo kType{"AIC201", "schema-type", Severity::error,
    "A value has the wrong JSON type (types are strict: 32.0, \"32\" and true are not integers).",
    R"(What it checks: every field aiconfigurator reads (schemas/model-config.schema.json for
*_config.json, schemas/hf-quant-config.schema.json for *_hf_quant_config.json) holds a value of
the JSON type the consumer expects. Types are strict: an integer field must hold a JSON
integer, so 32.0 (a float), "32" (a string) and true (a boolean) are all findings; a boolean
field must hold true or false, not the string "false".

Why: aiconfigurator takes values as written. "32" stays a string and the arithmetic fails later
with a TypeError; 32.0 silently makes every derived size a float; bool("false") is True in
Python, so the string "false" switches a feature on.

Example:
  "num_hidden_layers": "61"
  -> num_hidden_layers must be an integer >= 1, found string "61"

Fix: write the value with the expected type: 61, not "61" or 61.0; false, not "false".)"};

const RuleInfo kRequired{"AIC202", "schema-required", Severity::error,
    "A key the schema requires is missing.",
    R"(What it checks: the keys the schemas require: "architectures" in every config, the
"quantization" object in every side-car, and its quant_algo (or quantization_algo).
Which model fields each architecture needs is checked by the architecture rules, not here.

Why: aiconfigurator reads these keys with [] and stops with a bare KeyError when one is
missing, or (for the side-car) silently loses the quantization.

Example:
  {"model_type": "qwen3", "hidden_size": 4096, ...}
  -> missing required key 'architectures'   (reported at the object's opening brace)

Fix: add the key with the value the model's HuggingFace config.json has.)"};

const RuleInfo kEnum{"AIC203", "schema-enum", Severity::error,
    "A value is not one of the values the consumer understands.",
    R"(What it checks: fields with a closed set of values: quantization_config.quant_method and
quant_algo, the side-car's quantization.quant_algo and kv_cache_quant_algo, the KV-cache
dtype spellings, activation_scheme, per-layer pattern values.

Why: aiconfigurator maps these strings to its own quantization modes; an unknown one raises
"Unsupported quant algorithm" (or is silently ignored) instead of sizing the model.

Example:
  "quantization_config": {"quant_method": "awq"}
  -> quantization_config.quant_method must be one of fp8, fp8_block, ..., found "awq"

Fix: use one of the listed values, or a checkpoint whose quantization aiconfigurator supports.)"};

const RuleInfo kRange{"AIC204", "schema-range", Severity::error,
    "A number is out of its allowed range (e.g. a layer count of 0).",
    R"(What it checks: the ranges of numeric fields: layer counts, sizes and head counts are
positive (>= 1); expert counts, top-k and per-layer flags are >= 0.

Why: a zero or negative size makes aiconfigurator divide by zero or size a model that cannot
exist; its estimates are then silently wrong.

Example:
  "num_attention_heads": 0
  -> num_attention_heads must be an integer >= 1, found 0

Fix: copy the value from the model's HuggingFace config.json.)"};

const RuleInfo kConstraint{"AIC205", "schema-constraint", Severity::error,
    "A value breaks another schema constraint (array or string length, allowed forms).",
    R"(What it checks: the schema constraints that are not about type, required keys, allowed
values or numeric range: minimum array and string lengths (architectures must list at least
one non-empty name), and values that must match one of several allowed forms.

Why: aiconfigurator reads architectures[0]: an empty list raises IndexError, an empty name is
never a registered architecture.

Example:
  "architectures": []
  -> architectures must have at least 1 item, found 0

Fix: write the value as the message describes (e.g. "architectures": ["Qwen3ForCausalLM"]).)"};

}  // namespace aic::schema_rules
