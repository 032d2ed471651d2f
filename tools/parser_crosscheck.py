#!/usr/bin/env python3
"""Cross-check aic-lint against aiconfigurator's real loader and parser.

For every *_config.json under the given paths, runs aiconfigurator's _load_json_with_infinity and
_parse_hf_config_json (taken at run time from a local clone of the upstream repository: nothing
upstream is copied into aic-lint) and compares the verdict with aic-lint's: the parser raises
exactly when aic-lint reports an error from the loader, schema or parser rules (AIC1xx, AIC2xx,
AIC30x by default; AIC104 duplicate-key, an error by policy though the loader accepts it, is left
out). Prints one line per disagreement and exits 1 if there is any.

  tools/parser_crosscheck.py --upstream ../.mirror/ai-dynamo+aiconfigurator/repo \\
      --aic-lint build/aic-lint tests/rules/AIC30*

Needs python3 with PyYAML; a missing 'packaging' module is stubbed (only its Version class name
is imported by common.py).
"""
import argparse
import glob
import json
import logging
import os
import subprocess
import sys
import tempfile

SDK = "aic-core/src/aiconfigurator_core/sdk"


def load_upstream(git_dir, commit, workdir):
    pkg = os.path.join(workdir, "aiconfigurator_core", "sdk")
    os.makedirs(pkg)
    open(os.path.join(workdir, "aiconfigurator_core", "__init__.py"), "w").close()
    open(os.path.join(pkg, "__init__.py"), "w").close()
    for name in ("utils.py", "common.py", "errors.py"):
        text = subprocess.run(["git", "-C", git_dir, "show", f"{commit}:{SDK}/{name}"],
                              check=True, capture_output=True, text=True).stdout
        with open(os.path.join(pkg, name), "w") as f:
            f.write(text)
    try:
        import packaging.version  # noqa: F401
    except ImportError:
        os.makedirs(os.path.join(workdir, "packaging"))
        open(os.path.join(workdir, "packaging", "__init__.py"), "w").close()
        with open(os.path.join(workdir, "packaging", "version.py"), "w") as f:
            f.write("class InvalidVersion(Exception):\n    pass\n\n"
                    "class Version:\n    def __init__(self, v):\n        self.v = v\n")
    sys.path.insert(0, workdir)
    logging.disable(logging.CRITICAL)
    from aiconfigurator_core.sdk import utils
    return utils


def config_files(paths):
    for path in paths:
        found = sorted(glob.glob(os.path.join(path, "**", "*_config.json"), recursive=True)) \
            if os.path.isdir(path) else [path]
        yield from (f for f in found if not f.endswith("_hf_quant_config.json"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--upstream", required=True, help="git directory of an aiconfigurator clone")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--aic-lint", default="build/aic-lint")
    ap.add_argument("--codes", default="AIC1,AIC2,AIC30",
                    help="comma-separated code prefixes whose errors mean 'the consumer raises'")
    # A duplicate key loads (the last one wins) but aic-lint makes it an error by policy.
    ap.add_argument("--ignore", default="AIC104", help="comma-separated codes left out of the comparison")
    ap.add_argument("-v", "--verbose", action="store_true", help="print agreements too")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    prefixes = tuple(args.codes.split(","))
    ignored = set(filter(None, args.ignore.split(",")))

    files = list(config_files(args.paths))
    report = json.loads(subprocess.run([args.aic_lint, "check", "--format", "json", "--exit-zero", *files],
                                       check=True, capture_output=True, text=True).stdout)
    errors = {}
    for d in report["diagnostics"]:
        if d["severity"] == "error" and d["code"].startswith(prefixes) and d["code"] not in ignored:
            errors.setdefault(os.path.normpath(d["file"]), []).append(d["code"])

    disagreements = 0
    with tempfile.TemporaryDirectory() as workdir:
        utils = load_upstream(args.upstream, args.commit, workdir)
        for f in files:
            try:
                utils._parse_hf_config_json(utils._load_json_with_infinity(f))
                raised = None
            except Exception as e:  # the verdict is "raises", whatever the type
                raised = f"{type(e).__name__}: {str(e)[:100]}"
            ours = errors.get(os.path.normpath(f), [])
            agree = bool(raised) == bool(ours)
            disagreements += not agree
            if not agree or args.verbose:
                print(f"{'agree   ' if agree else 'DISAGREE'} {f}: parser "
                      f"{raised or 'accepts'}; aic-lint errors {','.join(sorted(set(ours))) or 'none'}")
    print(f"{len(files)} configs, {disagreements} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
