# aiconfigurator's sdk/common.py, reduced to the two tables (a fixture: same shape).
ARCHITECTURE_TO_MODEL_FAMILY = {
    "Qwen3ForCausalLM": "LLAMA",
    'Olmo3ForCausalLM': 'LLAMA',  # new upstream, unknown to aic-lint's registry
}

MULTIMODAL_TEXT_CONFIG_KEY = {
}
