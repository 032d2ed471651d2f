# A table that is not a plain literal: aic-lint must refuse it, not run it.
import os

ARCHITECTURE_TO_MODEL_FAMILY = {
    "LlamaForCausalLM": "LLAMA",
    'Qwen3ForCausalLM': os.environ.get("FAMILY", "LLAMA"),
}
