#!/usr/bin/env python3
"""Validate every *_config.json / *_hf_quant_config.json under a directory against aic-lint's schemas.

Usage: tools/check_schemas_on_corpus.py CORPUS_DIR [SCHEMA_DIR]

Mirrors what the C++ schema stage (valijson, strict types) sees:
  * files are read like aiconfigurator's loader reads them: bare Infinity / NaN become null
    (-Infinity is reported as a load failure, as it crashes the real loader);
  * "integer" means a JSON integer literal: 32.0 is a number, not an integer (Python's
    jsonschema would accept it; valijson does not);
  * the schemas themselves are checked as draft-07 and their local $refs must resolve.
Exit status: 0 when every file validates, 1 otherwise.
"""
import json
import pathlib
import sys

import jsonschema


def load(path):
    def constant(name):
        if name == "-Infinity":
            raise ValueError("-Infinity (the consumer's loader turns it into '-null' and crashes)")
        return None  # Infinity and NaN become null, like the consumer's regex rewrite

    return json.loads(path.read_text(encoding="utf-8"), parse_constant=constant)


def strict_validator(schema):
    base = jsonschema.Draft7Validator
    checker = base.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool))
    cls = jsonschema.validators.extend(base, type_checker=checker)
    base.check_schema(schema)
    return cls(schema)


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    corpus = pathlib.Path(argv[1])
    schema_dir = pathlib.Path(argv[2]) if len(argv) > 2 else pathlib.Path(__file__).resolve().parent.parent / "schemas"
    validators = {
        "config": strict_validator(json.loads((schema_dir / "model-config.schema.json").read_text())),
        "side-car": strict_validator(json.loads((schema_dir / "hf-quant-config.schema.json").read_text())),
    }
    files = sorted(p for p in corpus.rglob("*.json") if p.name.endswith("_config.json"))
    failures = 0
    for path in files:
        kind = "side-car" if path.name.endswith("_hf_quant_config.json") else "config"
        try:
            doc = load(path)
        except ValueError as exc:
            print(f"{path}: load error: {exc}")
            failures += 1
            continue
        errors = sorted(validators[kind].iter_errors(doc), key=lambda e: list(e.absolute_path))
        for err in errors:
            pointer = "/" + "/".join(str(p) for p in err.absolute_path)
            print(f"{path}: {pointer}: {err.message}")
        failures += bool(errors)
    print(f"{len(files)} files, {failures} with errors")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
