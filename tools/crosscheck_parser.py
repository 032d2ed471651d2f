#!/usr/bin/env python3
"""Cross-check aic-lint against aiconfigurator's real loader and parser.

For every config file given, run aiconfigurator's own code on it (loaded from an upstream
checkout or bare git repository, never copied into this repository) and aic-lint on the same
files, then compare the verdicts:

  parser rejected (raised)  <->  aic-lint reports an error on the config or its side-car
  parser accepted           <->  aic-lint reports no error (warnings and infos are fine)

Usage:
  tools/crosscheck_parser.py --upstream PATH [--commit REV] --aic-lint BIN
                             [--expected FILE] [--tree DIR]... [DIR_OR_FILE]...

  --upstream PATH   an aiconfigurator checkout, or a bare git repository (then --commit, default
                    HEAD); default: the AIC_UPSTREAM environment variable.
  --tree DIR        every directory under DIR (DIR included) that directly holds a *.json file
                    is one model_configs directory (rule fixtures, CLI scenarios, the corpus).
  DIR               one model_configs directory; FILE: that file, in its directory.
  --expected FILE   tab-separated "path-glob<TAB>reason" (glob on the path, relative ones match
                    its tail): disagreements that are deliberate, or known aic-lint issues when
                    the reason starts with "KNOWN ISSUE". One that no longer occurs is reported
                    as stale (and fails the run), so a fixed issue must leave the list.
  --skip-if-no-upstream   exit 77 (ctest's skip code) with a SKIPPED line when no upstream is set.
  -v                print every file, not only disagreements.

How the upstream code runs (nothing of it is stored here): the Python modules
aic-core/src/aiconfigurator_core/sdk/{utils,common}.py and sdk/models/helpers.py are parsed with
`ast`; starting from the entry points below, the top-level functions, classes and constants they
use are collected transitively (free names found with `symtable`), compiled from the upstream
AST (tracebacks show upstream line numbers) and executed in fresh, private module namespaces,
one set per config file (the upstream functions are @cache'd by model id). Standard-library
imports are the real modules; `DefaultHFModels` is stubbed to hold just the id being checked, and
AICONFIGURATOR_MODEL_CONFIGS_PATH points at the file's directory, so the upstream code itself
finds the config by its id and pairs the `<id>_hf_quant_config.json` side-car. Anything else that
would need a third-party package or a compiled extension makes the harness stop with an error.

Entry points, in the order aiconfigurator's get_model() runs them:
  1. models.helpers._get_model_info(id): utils.get_model_config_from_model_path(id) (loader
     _load_json_with_infinity for config and side-car, _attach_hf_quant_config,
     _attach_inferred_quant_fields, _parse_hf_config_json), then the MoE derivations.
  2. models.helpers._infer_quant_modes_from_raw_config(raw_config, architecture).
Any exception from these is a reject; its stage is named after the innermost upstream function.

Not compared (aiconfigurator never reads these files, or reads them where aic-lint deliberately
does not): files not named `*_config.json`, side-cars without a config (never read), non-regular
files, and the file-level rule codes in FILE_LEVEL_CODES below.

Exit status: 0 every compared file agrees (or is an expected disagreement); 1 a disagreement or a
stale expectation; 2 usage or harness failure; 77 skipped (no upstream, with --skip-if-no-upstream).
"""
import argparse
import ast
import builtins
import copy
import fnmatch
import importlib
import json
import logging
import os
import stat
import subprocess
import symtable
import sys
import tempfile
import traceback
import types
from pathlib import Path

# aic-lint rules about the file as a file or its name, not its content as the parser reads it.
# AIC002 (too large) and AIC004 (symlink leaving the tree) are deliberate policies: the parser
# would read such a file. AIC401-403 (name, orphan side-car, case collision) are about which
# files aiconfigurator finds at all; the harness pairs files by name exactly as it does.
FILE_LEVEL_CODES = {"AIC002", "AIC003", "AIC004", "AIC401", "AIC402", "AIC403"}

SIDE_CAR_SUFFIX = "_hf_quant_config.json"
CONFIG_SUFFIX = "_config.json"
UPSTREAM_PREFIXES = ("aiconfigurator_core.", "aiconfigurator.")
# Where the upstream package lives in the repository (newest layout first).
UPSTREAM_ROOTS = ("aic-core/src", "src")
ENTRY_POINTS = {
    "aiconfigurator_core.sdk.models.helpers": ["_get_model_info", "_infer_quant_modes_from_raw_config"],
}


def _no_network(*args, **kwargs):
    raise HarnessError("the upstream code tried to download from HuggingFace (the harness never does)")


# Names replaced by the harness instead of extracted: (module, name) -> factory(hf_id).
# DefaultHFModels: the id being checked is a cached model_configs entry (not a download).
STUBS = {
    ("aiconfigurator_core.sdk.common", "DefaultHFModels"): lambda hf_id: {hf_id},
    ("aiconfigurator_core.sdk.utils", "_download_hf_json"): lambda hf_id: _no_network,
    ("aiconfigurator_core.sdk.utils", "_download_hf_config"): lambda hf_id: _no_network,
}
STAGES = {  # upstream function (innermost one in the traceback wins) -> stage name
    "_load_json_with_infinity": "load",
    "_attach_hf_quant_config": "quant-fields",
    "_attach_inferred_quant_fields": "quant-fields",
    "_infer_quantization_fields": "quant-fields",
    "_parse_hf_config_json": "parse",
    "_derive_nemotronh_hybrid_pattern": "parse",
    "_parse_nemotron_block_configs": "parse",
    "_derive_num_shared_experts": "model-info",
    "_derive_num_moe_layers": "model-info",
    "_infer_quant_modes_from_raw_config": "quant-modes",
}


class HarnessError(Exception):
    pass


# --------------------------------------------------------------------------- upstream source
class UpstreamSource:
    """Reads files of an upstream checkout directory, or of a commit of a (bare) git repo."""

    def __init__(self, path, commit):
        self.path = Path(path)
        self.commit = commit
        self._modules = {}
        self.checkout = any((self.path / root / "aiconfigurator_core").is_dir() for root in UPSTREAM_ROOTS)
        if not self.checkout:
            rev = self._git("rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}")
            if rev is None:
                raise HarnessError(f"{path}: neither an aiconfigurator checkout nor a git repository with {commit}")
            self.commit = rev.strip()

    def _git(self, *args):
        git_dir = self.path / ".git" if (self.path / ".git").exists() else self.path
        result = subprocess.run(["git", "--git-dir", str(git_dir), *args], capture_output=True, text=True)
        return result.stdout if result.returncode == 0 else None

    def describe(self):
        return str(self.path) if self.checkout else f"{self.path} @ {self.commit[:12]}"

    def read(self, relpath):
        if self.checkout:
            file = self.path / relpath
            return file.read_text(encoding="utf-8") if file.is_file() else None
        return self._git("show", f"{self.commit}:{relpath}")

    def module_source(self, module):
        """(path, text) of an upstream module, or None."""
        if module not in self._modules:
            self._modules[module] = self._find_module(module)
        return self._modules[module]

    def _find_module(self, module):
        rel = module.replace(".", "/")
        for root in UPSTREAM_ROOTS:
            for candidate in (f"{root}/{rel}.py", f"{root}/{rel}/__init__.py"):
                text = self.read(candidate)
                if text is not None:
                    return candidate, text
        return None


# --------------------------------------------------------------------------- extraction
def _is_upstream(module):
    return module.startswith(UPSTREAM_PREFIXES)


class _DropAnnotations(ast.NodeTransformer):
    """Under `from __future__ import annotations` annotations are never evaluated."""

    def visit_arg(self, node):
        node.annotation = None
        return node

    def visit_FunctionDef(self, node):
        node.returns = None
        self.generic_visit(node)
        return node

    visit_AsyncFunctionDef = visit_FunctionDef


def _free_globals(stmt):
    """Names a top-level statement reads from its module's global scope."""
    table = symtable.symtable(ast.unparse(stmt), "<stmt>", "exec")
    names, stack = set(), [table]
    while stack:
        t = stack.pop()
        for sym in t.get_symbols():
            if sym.is_referenced() and (t.get_type() == "module" or sym.is_global()):
                names.add(sym.get_name())
        stack.extend(t.get_children())
    return names


class ModuleIndex:
    """Top-level definitions and imports of one upstream module."""

    def __init__(self, name, path, text):
        self.name, self.path = name, path
        self.tree = ast.parse(text, filename=path)
        self.future_flags = 0
        self.defs = {}     # name -> top-level statement defining it
        self.imports = {}  # name -> (module, attribute or None)
        for stmt in self.tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defs[stmt.name] = stmt
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    for node in ast.walk(target):
                        if isinstance(node, ast.Name):
                            self.defs[node.id] = stmt
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                self.defs[stmt.target.id] = stmt
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    if alias.asname:
                        self.imports[alias.asname] = (alias.name, None)
                    else:
                        top = alias.name.split(".")[0]
                        self.imports[top] = (top, None)
            elif isinstance(stmt, ast.ImportFrom):
                if stmt.module == "__future__":
                    for alias in stmt.names:
                        self.future_flags |= getattr(__import__("__future__"), alias.name).compiler_flag
                    continue
                module = stmt.module or ""
                if stmt.level:
                    base = self.name.split(".")[: -stmt.level]
                    module = ".".join(base + ([module] if module else []))
                for alias in stmt.names:
                    self.imports[alias.asname or alias.name] = (module, alias.name)


class Extraction:
    """The upstream statements the entry points need, per module, compiled once."""

    def __init__(self, source):
        self.source = source
        self.indexes = {}
        self.needed = {}      # module -> set of top-level names
        self.externals = {}   # module -> {name: (module, attr)} imports to bind
        self.submodules = {}  # module -> {alias: upstream module}
        self.order = []       # modules in dependency order (dependencies first)
        for module, names in ENTRY_POINTS.items():
            for name in names:
                self._need(module, name)
        self.code = {}
        for module in self.needed:
            index = self.indexes[module]
            stmts = sorted({id(s): s for s in (index.defs[n] for n in self.needed[module])}.values(),
                           key=lambda s: s.lineno)
            tree = ast.Module(body=stmts, type_ignores=[])
            label = f"upstream:{index.path}"
            self.code[module] = compile(tree, label, "exec", flags=index.future_flags, dont_inherit=True)
        self._sort_modules()

    def index(self, module):
        if module not in self.indexes:
            found = self.source.module_source(module)
            if found is None:
                raise HarnessError(f"upstream module {module} not found in {self.source.describe()}")
            self.indexes[module] = ModuleIndex(module, *found)
            self.needed[module] = set()
            self.externals[module] = {}
            self.submodules[module] = {}
        return self.indexes[module]

    def _need(self, module, name):
        index = self.index(module)
        if (module, name) in STUBS:
            return
        if name in self.needed[module] or name in self.externals[module]:
            return
        if name in index.defs:
            self.needed[module].add(name)
            stmt = index.defs[name]
            if index.future_flags & __import__("__future__").annotations.compiler_flag:
                stmt = _DropAnnotations().visit(copy.deepcopy(stmt))
            for other in _free_globals(stmt):
                self._resolve(module, other)
            aliases = self.submodules[module]  # `common` of `common.X`, resolved just above
            for node in ast.walk(stmt):
                if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                        and node.value.id in aliases):
                    self._need(aliases[node.value.id], node.attr)
            return
        if name in index.imports:
            self._resolve(module, name)
            return
        raise HarnessError(f"{module}: cannot find a definition of {name!r}")

    def _resolve(self, module, name):
        index = self.indexes[module]
        if (module, name) in STUBS:
            return
        if name in index.defs:
            self._need(module, name)
        elif name in index.imports:
            target, attr = index.imports[name]
            if attr is None and _is_upstream(target):  # `from pkg import common`: attributes only
                self.submodules[module][name] = target
                self.index(target)
            elif attr is not None and _is_upstream(target):
                sub = f"{target}.{attr}"
                if self.source.module_source(sub) is not None:  # `from pkg.sdk import common`
                    self.submodules[module][name] = sub
                    self.index(sub)
                else:
                    self.externals[module][name] = (target, attr)
                    self._need(target, attr)
            else:
                self.externals[module][name] = (target, attr)
        elif name in STUB_NAMES or hasattr(builtins, name) or name in ("__name__", "__file__"):
            return
        else:
            raise HarnessError(f"{module}: {name!r} is neither defined nor imported")

    def _sort_modules(self):
        seen = set()

        def visit(module):
            if module in seen:
                return
            seen.add(module)
            for target, attr in self.externals[module].values():
                if _is_upstream(target) and target in self.needed:
                    visit(target)
            for target in self.submodules[module].values():
                visit(target)
            self.order.append(module)

        for module in self.needed:
            visit(module)

    def instantiate(self, hf_id):
        """Fresh module objects for one run (dependencies first); returns {module name: module}."""
        modules = {}
        for name in self.order:
            mod = types.ModuleType(f"_aic_upstream_{name}")
            sys.modules[mod.__name__] = mod  # dataclasses looks its module up there
            for alias, target in self.submodules[name].items():
                mod.__dict__[alias] = modules[target]
            for alias, (target, attr) in self.externals[name].items():
                if (target, attr) in STUBS:
                    mod.__dict__[alias] = STUBS[(target, attr)](hf_id)
                elif _is_upstream(target):
                    mod.__dict__[alias] = modules[target].__dict__[attr]
                else:
                    mod.__dict__[alias] = _import_external(target, attr)
            for (stub_module, stub_name), factory in STUBS.items():
                if stub_module == name:
                    mod.__dict__[stub_name] = factory(hf_id)
            exec(self.code[name], mod.__dict__)
            modules[name] = mod
        return modules

    def summary(self):
        return {m: sorted(self.needed[m]) for m in self.order}


STUB_NAMES = {name for (_, name) in STUBS}


def _import_external(module, attr):
    try:
        mod = importlib.import_module(module)
        return mod if attr is None else getattr(mod, attr)
    except (ImportError, AttributeError) as exc:
        raise HarnessError(f"the extracted upstream code needs {module}"
                           f"{'.' + attr if attr else ''}, which is not available here: {exc}")


# --------------------------------------------------------------------------- parser verdicts
class Verdict:
    def __init__(self, kind, detail="", stage=""):
        self.kind = kind  # accepted | rejected | not-loaded
        self.detail = detail
        self.stage = stage


def _stage_and_detail(exc):
    frames = traceback.extract_tb(exc.__traceback__)
    upstream = [f for f in frames if f.filename.startswith("upstream:")]
    stage = "other"
    for frame in reversed(upstream):
        if frame.name in STAGES:
            stage = STAGES[frame.name]
            break
    where = ""
    if upstream:
        last = upstream[-1]
        where = f" at {last.filename[len('upstream:'):].rsplit('/', 1)[-1]}:{last.lineno} in {last.name}"
    message = str(exc).splitlines()[0] if str(exc) else ""
    if len(message) > 100:
        message = message[:97] + "..."
    return stage, f"{type(exc).__name__}: {message}{where}"


def hf_id_of(config_name):
    model_id = config_name[: -len(CONFIG_SUFFIX)]
    return model_id.replace("--", "/", 1)


def run_upstream(extraction, config_path):
    """Verdict of aiconfigurator's own code on one config (and its side-car, found by the id)."""
    hf_id = hf_id_of(config_path.name)
    try:
        modules = extraction.instantiate(hf_id)
    except Exception as exc:  # a fault while defining upstream code is a harness fault
        raise HarnessError(f"executing the extracted upstream code failed: {exc!r}") from exc
    helpers = modules["aiconfigurator_core.sdk.models.helpers"]
    os.environ["AICONFIGURATOR_MODEL_CONFIGS_PATH"] = str(config_path.parent)
    try:
        info = helpers._get_model_info(hf_id)
        helpers._infer_quant_modes_from_raw_config(info["raw_config"], info["architecture"])
    except HarnessError:
        raise
    except Exception as exc:  # noqa: BLE001 - every exception is the consumer rejecting the file
        stage, detail = _stage_and_detail(exc)
        return Verdict("rejected", detail, stage)
    finally:
        for name in list(sys.modules):
            if name.startswith("_aic_upstream_"):
                del sys.modules[name]
    return Verdict("accepted")


# --------------------------------------------------------------------------- aic-lint
def run_aic_lint(binary, directory):
    """{absolute file path: [diagnostic]} for one model_configs directory."""
    cmd = [binary, "check", "--format", "json", "--exit-zero", "--quiet", "--color", "never", "-j", "1",
           str(directory)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise HarnessError(f"{' '.join(cmd)} exited {result.returncode}: {result.stderr.strip()[:300]}")
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        raise HarnessError(f"aic-lint printed no JSON for {directory}: {exc}")
    by_file = {}
    for d in report["diagnostics"]:
        by_file.setdefault(os.path.normpath(os.path.abspath(d["file"])), []).append(d)
    return by_file


# --------------------------------------------------------------------------- comparison
class Unit:
    """One config (with its side-car), or a file aiconfigurator never reads."""

    def __init__(self, path, side_car=None):
        self.path = path
        self.side_car = side_car
        self.verdict = None
        self.errors = []    # aic-lint error diagnostics that count
        self.ignored = []   # aic-lint errors with file-level codes
        self.outcome = ""
        self.reason = ""


def model_config_dirs(args):
    dirs = []
    for tree in args.tree:
        root = Path(tree)
        if not root.is_dir():
            raise HarnessError(f"--tree {tree}: not a directory")
        for d in sorted([root, *[p for p in root.rglob("*") if p.is_dir()]]):
            if any(f.suffix == ".json" for f in d.iterdir() if not f.is_dir()):
                dirs.append((d, None))
    for p in args.paths:
        path = Path(p)
        if path.is_dir():
            dirs.append((path, None))
        elif path.exists() or path.is_symlink():
            dirs.append((path.parent, path.name))
        else:
            raise HarnessError(f"{p}: no such file or directory")
    return dirs


def units_of(directory, only=None):
    names = sorted(f.name for f in directory.iterdir()
                   if f.name.endswith(".json") and not (f.is_dir() and not f.is_symlink()))
    configs = {n for n in names if n.endswith(CONFIG_SUFFIX) and not n.endswith(SIDE_CAR_SUFFIX)}
    units = []
    for name in names:
        path = directory / name
        if name in configs:
            side = directory / (name[: -len(CONFIG_SUFFIX)] + SIDE_CAR_SUFFIX)
            units.append(Unit(path, side if side.name in names else None))
        elif name.endswith(SIDE_CAR_SUFFIX) and name[: -len(SIDE_CAR_SUFFIX)] + CONFIG_SUFFIX in configs:
            continue  # judged with its config
        else:
            unit = Unit(path)
            why = "side-car without a config" if name.endswith(SIDE_CAR_SUFFIX) else "not named *_config.json"
            unit.verdict = Verdict("not-loaded", why)
            units.append(unit)
    if only is not None:
        units = [u for u in units if only in (u.path.name, u.side_car.name if u.side_car else None)]
    return units


def regular_file(path):
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # missing or dangling: let the upstream code meet it


def load_expected(path):
    entries = []
    if not path:
        return entries
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        glob, sep, reason = line.partition("\t")
        if not sep or not reason.strip():
            raise HarnessError(f"{path}:{lineno}: expected 'path-glob<TAB>reason'")
        entries.append([glob.strip(), reason.strip(), False])
    return entries


def display(path):
    try:
        return os.path.relpath(path, ORIGINAL_CWD) if not os.path.relpath(path, ORIGINAL_CWD).startswith("..") \
            else str(path)
    except ValueError:
        return str(path)


def compare(unit, lint, expected):
    for file in filter(None, (unit.path, unit.side_car)):
        for d in lint.get(os.path.normpath(os.path.abspath(file)), []):
            if d["severity"] != "error":
                continue
            (unit.ignored if d["code"] in FILE_LEVEL_CODES else unit.errors).append(d)
    kind = unit.verdict.kind
    if kind == "not-loaded":
        unit.outcome = "n/a"
        return
    agree = (kind == "rejected") == bool(unit.errors)
    if agree:
        unit.outcome = "agree"
        return
    for entry in expected:
        if fnmatch.fnmatch(str(unit.path), entry[0]) or fnmatch.fnmatch(str(unit.path), "*/" + entry[0]):
            entry[2] = True
            known = entry[1].startswith("KNOWN ISSUE")
            unit.outcome, unit.reason = ("known" if known else "expected"), entry[1]
            return
    unit.outcome = "DISAGREE"


def lint_summary(unit):
    codes = sorted({d["code"] for d in unit.errors})
    text = "error " + ",".join(codes) if codes else "no error"
    if unit.ignored:
        text += " (file-level: " + ",".join(sorted({d["code"] for d in unit.ignored})) + ")"
    return text


def parser_summary(unit):
    v = unit.verdict
    if v.kind == "rejected":
        return f"rejected [{v.stage}] {v.detail}"
    if v.kind == "not-loaded":
        return f"never read ({v.detail})"
    return "accepted"


ORIGINAL_CWD = os.getcwd()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--upstream", default=os.environ.get("AIC_UPSTREAM"))
    parser.add_argument("--commit", default=os.environ.get("AIC_UPSTREAM_COMMIT", "HEAD"))
    parser.add_argument("--aic-lint", required=True)
    parser.add_argument("--tree", action="append", default=[])
    parser.add_argument("--expected")
    parser.add_argument("--skip-if-no-upstream", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not args.upstream:
        if args.skip_if_no_upstream:
            print("SKIPPED: set AIC_UPSTREAM=/path/to/aiconfigurator (a checkout or a bare git repo; "
                  "AIC_UPSTREAM_COMMIT picks the commit, default HEAD) to cross-check aic-lint "
                  "against the real parser")
            return 77
        parser.error("--upstream (or AIC_UPSTREAM) is required")
    if not args.paths and not args.tree:
        parser.error("give model_configs directories, files or --tree DIR")

    logging.disable(logging.CRITICAL)  # the upstream code logs at info level; verdicts only here
    try:
        source = UpstreamSource(args.upstream, args.commit)
        extraction = Extraction(source)
        expected = load_expected(args.expected)
        dirs = [(Path(os.path.abspath(d)), only) for d, only in model_config_dirs(args)]
        binary = os.path.abspath(args.aic_lint)
        work = tempfile.mkdtemp(prefix="aic-crosscheck-")
        units = []
        for directory, only in dirs:
            lint = run_aic_lint(binary, directory)
            for unit in units_of(directory, only):
                if unit.verdict is None:
                    if not regular_file(unit.path):
                        unit.verdict = Verdict("not-loaded", "not a regular file")
                    else:
                        os.chdir(work)  # the upstream code tests os.path.isdir(model id)
                        unit.verdict = run_upstream(extraction, unit.path)
                compare(unit, lint, expected)
                units.append(unit)
        os.chdir(ORIGINAL_CWD)
        os.rmdir(work)
    except HarnessError as exc:
        print(f"crosscheck: {exc}", file=sys.stderr)
        return 2

    print(f"upstream: {source.describe()}")
    for module, names in extraction.summary().items():
        print(f"  ran {module}: {', '.join(names)}")
    rows = [u for u in units if args.verbose or u.outcome in ("DISAGREE", "expected", "known")]
    if rows:
        width = max(len(display(u.path)) for u in rows)
        print(f"\n{'outcome':9} {'file':{width}}  parser | aic-lint")
        for u in rows:
            print(f"{u.outcome:9} {display(u.path):{width}}  {parser_summary(u)} | {lint_summary(u)}")
            if u.reason:
                print(f"{'':9} {'':{width}}  {u.outcome}: {u.reason.removeprefix('KNOWN ISSUE: ')}")
    stale = [e for e in expected if not e[2]]
    counts = {k: sum(1 for u in units if u.outcome == k) for k in ("agree", "expected", "known", "DISAGREE", "n/a")}
    accepted = sum(1 for u in units if u.verdict.kind == "accepted")
    rejected = sum(1 for u in units if u.verdict.kind == "rejected")
    side_cars = sum(1 for u in units if u.side_car)
    print(f"\n{len(units) + side_cars} files ({len(units) - counts['n/a']} configs with {side_cars} side-cars, "
          f"{counts['n/a']} never read) in {len(dirs)} directories: parser accepted {accepted}, rejected {rejected}; agree {counts['agree']}, "
          f"deliberate disagreements {counts['expected']}, known issues {counts['known']}, "
          f"unexpected disagreements {counts['DISAGREE']}")
    for entry in stale:
        print(f"stale expectation (no such disagreement now): {entry[0]}\t{entry[1]}")
    return 1 if counts["DISAGREE"] or stale else 0


if __name__ == "__main__":
    if not sys.flags.utf8_mode:  # the upstream loader open()s with the locale's encoding: use UTF-8
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.argv])
    sys.exit(main(sys.argv[1:]))
