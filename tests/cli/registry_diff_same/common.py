"""Shared constants (a test fixture in the shape of aiconfigurator's sdk/common.py).

ARCHITECTURE_TO_MODEL_FAMILY = {"NotThis": "ONE"}  <- inside a docstring: not read
"""
from enum import Enum

ModelFamily = {
    "LLAMA",
    'MOE',  # a set: not read
}


class Backend(Enum):
    TRTLLM = "trtllm"
    # ARCHITECTURE_TO_MODEL_FAMILY = {} in a comment: not read
    ARCHITECTURE_TO_MODEL_FAMILY = "an attribute, indented: not read"


def lookup(name):
    return ARCHITECTURE_TO_MODEL_FAMILY.get(name, "#not a comment")

ARCHITECTURE_TO_MODEL_FAMILY = {
    "LlamaForCausalLM": "LLAMA",
    'Qwen2ForCausalLM': 'LLAMA',
    "Qwen3ForCausalLM": "LLAMA",
    # a comment between entries, with a 'quote' and a "quote"
    "Qwen3VLForConditionalGeneration": "QWEN3VL",
    'Qwen3VLMoeForConditionalGeneration': 'QWEN3VL_MOE',
    "MiMoForCausalLM": "LLAMA",
    "DeepSeekForCausalLM": "DEEPSEEK",
    'DeepseekV3ForCausalLM': 'DEEPSEEK',
    "DeepseekV32ForCausalLM": "DEEPSEEKV32",
    "GlmMoeDsaForCausalLM": "DEEPSEEKV32",
    'DeepseekV4ForCausalLM': 'DEEPSEEKV4',
    "KimiK25ForConditionalGeneration": "KIMIK25",
    "KimiK3ForConditionalGeneration": "KIMIK3",
    'NemotronForCausalLM': 'NEMOTRONNAS',
    "DeciLMForCausalLM": "NEMOTRONNAS",
    "NemotronHForCausalLM": "NEMOTRONH",
    'MixtralForCausalLM': 'MOE',
    "GptOssForCausalLM": "MOE",
    "Qwen2MoeForCausalLM": "MOE",
    'Qwen3MoeForCausalLM': 'MOE',
    "MiniMaxM2ForCausalLM": "MOE",
    "MiniMaxM3ForCausalLM": "MINIMAXM3",
    'MiniMaxM3SparseForConditionalGeneration': 'MINIMAXM3',
    "Step3p7ForConditionalGeneration": "STEP3P7",
    "Step3p5ForCausalLM": "STEP3P7",
    'Step3p7FlashForCausalLM': 'STEP3P7',
    "Step3p5FlashForCausalLM": "STEP3P7",
    "MiMoV2FlashForCausalLM": "HYBRIDMOE",
    'Llama4ForConditionalGeneration': 'HYBRIDMOE',
    "Qwen3_5ForConditionalGeneration": "QWEN35",
    "Qwen3_5MoeForConditionalGeneration": "QWEN35",
    'Gemma4ForConditionalGeneration': 'GEMMA4MIX',
}

# Multimodal architectures: LLM fields under a nested key.
MULTIMODAL_TEXT_CONFIG_KEY: dict[str, str] = {
    "Qwen3VLForConditionalGeneration": "text_config",
    "Qwen3VLMoeForConditionalGeneration":  # value on the next line
        'text_config',
    'KimiK25ForConditionalGeneration' \
        : "text_config"  ,
    "KimiK3ForConditionalGeneration": "text_config",
    "MiniMaxM3SparseForConditionalGeneration": "text_config",
    "Step3p7ForConditionalGeneration": "text_config",
    "Step3p7FlashForCausalLM": "text_config",
    "Llama4ForConditionalGeneration": "text_config",
    "Qwen3_5ForConditionalGeneration": "text_config",
    "Qwen3_5MoeForConditionalGeneration": "text_config",
    "Gemma4ForConditionalGeneration": "text_config",
}

