#!/usr/bin/env python3
"""Writes a synthetic model_configs/ repository of N configs for benchmarks.

Templates are the project's own clean example configs (examples/model_configs); each copy gets
a new, valid HuggingFace-style id and slightly different sizes, so no two files are identical
(the duplicate-content rule would otherwise report every file). Deterministic for a given N.

usage: bench/gen_repo.py OUT_DIR [N]
"""
import json
import pathlib
import random
import sys

SIZE_KEYS = ("intermediate_size", "max_position_embeddings", "vocab_size")


def main() -> int:
    out = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    examples = pathlib.Path(__file__).resolve().parent.parent / "examples" / "model_configs"
    templates = []
    for path in sorted(examples.glob("*_config.json")):
        if path.name.startswith("broken--") or path.name.endswith("_hf_quant_config.json"):
            continue
        templates.append((path.name.split("--")[1][: -len("_config.json")], json.loads(path.read_text())))
    rng = random.Random(count)
    out.mkdir(parents=True, exist_ok=True)
    written = set()
    for i in range(count):
        model, template = templates[i % len(templates)]
        # Sizes drawn again until the text is new: two copies of a template drawing the same
        # sizes (a birthday collision, ~30 in 10,000) would be byte-identical.
        while True:
            config = json.loads(json.dumps(template))
            llm = config.get("text_config", config)
            for key in SIZE_KEYS:
                if isinstance(llm.get(key), int):
                    llm[key] += 64 * rng.randint(1, 64)
            text = json.dumps(config, indent=2) + "\n"
            if text not in written:
                break
        written.add(text)
        name = f"synthetic-org{i // 100:03d}--{model}-v{i}_config.json"
        (out / name).write_text(text)
    print(f"wrote {count} configs to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
