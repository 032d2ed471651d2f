#include "core/json_rules.h"

namespace aic::json_rules {

const RuleInfo kFileUnreadable{"AIC001", "file-unreadable", Severity::error,
    "The file cannot be read.",
    R"(What it checks: that every file named or found can be opened and read.

Why: aiconfigurator opens every config it lists; a file it cannot read makes it fail.
aic-lint reports the reason (permission denied, vanished during the run, ...) and goes on.

Fix: make the file readable, or remove it from the directory.)"};

const RuleInfo kFileTooLarge{"AIC002", "file-too-large", Severity::error,
    "The file is larger than the configured size limit.",
    R"(What it checks: that a file is at most --max-file-size bytes (default 64 MiB).

Why: real model configs are at most a few MB (the largest, with a long list of quantized
modules, is about 3 MB). A much larger file is almost certainly not a config, and reading it
would let one hostile file use unbounded memory in CI. Its content is not read.

Fix: remove the file, or raise --max-file-size if it really is a config.)"};

const RuleInfo kNotRegularFile{"AIC003", "not-a-regular-file", Severity::warning,
    "A FIFO, socket or device file was found in the tree and skipped.",
    R"(What it checks: that the tree holds only regular files and directories.

Why: opening a FIFO or a device for reading can block forever; aic-lint never opens one.

Fix: remove it from the model_configs tree.)"};

const RuleInfo kSymlinkOutside{"AIC004", "symlink-outside-tree", Severity::warning,
    "A symbolic link inside the tree points outside it, or into a loop; it is not followed.",
    R"(What it checks: symbolic links found while walking a directory. Links that stay inside the
linted tree are followed; links that point outside it, dangle, or loop are not. A file named on
the command line that is a link out of the working directory is not followed either (a
pre-commit hook names the files of a change, and a change can add a link).

Why: CI logs are public. A link to /etc/passwd or to a secret must never have its content
read or printed by a linter running on a stranger's pull request.

Fix: commit the real file instead of a link, or use --follow-symlinks when you trust the tree.)"};

const RuleInfo kSyntax{"AIC101", "json-syntax", Severity::error,
    "The file is not valid JSON.",
    R"(What it checks: JSON syntax, with the position of the first error.

Why: aiconfigurator loads every config with Python's json module; a syntax error is an
exception that stops the whole tool.

Example: {"hidden_size": 4096 "vocab_size": 151936} (missing comma)

Fix: correct the JSON at the reported position.)"};

const RuleInfo kComment{"AIC102", "json-comment", Severity::error,
    "Comments are not JSON; aiconfigurator's loader rejects them.",
    R"(What it checks: // and /* */ comments.

Why: Python's json module does not accept comments: the loader raises JSONDecodeError.
The seed guide shows fields annotated with // comments; copying them into a file breaks it.

Fix: delete the comment. Put explanations in the pull request, not in the config.)"};

const RuleInfo kTrailingComma{"AIC103", "trailing-comma", Severity::error,
    "A comma before a closing bracket; aiconfigurator's loader rejects it.",
    R"(What it checks: a comma after the last member of an object or array.

Why: Python's json module rejects trailing commas.

Example: {"num_hidden_layers": 36,}

Fix: delete the comma.)"};

const RuleInfo kDuplicateKey{"AIC104", "duplicate-key", Severity::error,
    "A key appears twice in one object; the loader silently keeps the last value.",
    R"(What it checks: keys repeated within one JSON object.

Why: Python's json keeps the last value without a word, so the first value you see when
reading the file is not the one aiconfigurator uses. Real configs never repeat a key; a repeat
is a merge or copy mistake.

Example: {"num_hidden_layers": 36, ..., "num_hidden_layers": 28}  -> 28 is used.

Fix: keep one definition with the intended value.)"};

const RuleInfo kBom{"AIC105", "utf8-bom", Severity::error,
    "The file starts with a UTF-8 byte order mark; the loader rejects it.",
    R"(What it checks: the bytes EF BB BF at the start of the file.

Why: Python's json.loads raises "Unexpected UTF-8 BOM". Some Windows editors add it.

Fix: save the file as UTF-8 without BOM.)"};

const RuleInfo kInvalidUtf8{"AIC106", "invalid-utf8", Severity::error,
    "The file is not valid UTF-8; the loader rejects it.",
    R"(What it checks: that the file decodes as strict UTF-8 (no overlong forms, no surrogates).

Why: the loader reads the file as UTF-8 text and raises UnicodeDecodeError otherwise.

Fix: re-encode the file as UTF-8.)"};

const RuleInfo kEmptyFile{"AIC107", "empty-file", Severity::error,
    "The file is empty (or only white space).",
    R"(What it checks: that the file holds a JSON document.

Why: json.load of an empty file raises "Expecting value".

Fix: write the model's config.json into it, or delete it.)"};

const RuleInfo kTopLevelNotObject{"AIC108", "top-level-not-object", Severity::error,
    "The top-level value is not a JSON object.",
    R"(What it checks: that the document is an object.

Why: the parser indexes the top level by key (config["architectures"]); a list, string or
number raises TypeError.

Fix: the file must be one JSON object, like a HuggingFace config.json.)"};

const RuleInfo kNanInfinity{"AIC109", "nan-infinity", Severity::warning,
    "Bare NaN or Infinity (the loader turns it into null), or a number past double's range (inf).",
    R"(What it checks: the non-standard literals NaN and Infinity, and numbers too large for a
double (1e400).

Why: aiconfigurator's loader rewrites the words Infinity and NaN to null before parsing, so
the field is read as None. Three real configs carry a bare Infinity (a Mamba time_step_limit)
and load fine, so this is a warning: the value the consumer sees is null, not infinity. A
number past double's range is valid JSON that Python's json reads as inf (no rewrite), which
no model size means. (RapidJSON rejects such numbers, and also 0e400, which Python reads as
0.0: aic-lint reads them all as Python does.)

Fix: write null if that is what is meant, or a finite number.)"};

const RuleInfo kNegativeInfinity{"AIC110", "negative-infinity", Severity::error,
    "-Infinity (or -NaN) crashes the loader.",
    R"(What it checks: a minus sign before Infinity or NaN.

Why: the loader rewrites Infinity to null before parsing, which leaves "-null": Python's json
raises JSONDecodeError and aiconfigurator stops.

Fix: use null or a finite number.)"};

const RuleInfo kInfinityInString{"AIC111", "infinity-in-string", Severity::warning,
    "The word Infinity or NaN inside a string is rewritten to null by the loader.",
    R"(What it checks: the whole words Infinity and NaN inside string values and keys.

Why: the loader's rewrite is a regular expression over the raw text, strings included: the
string "NaN handling" is read as "null handling". The file still loads, but the value changed.

Fix: avoid the words Infinity and NaN in strings (e.g. "inf", "nan" in lower case are kept).)"};

const RuleInfo kNestingTooDeep{"AIC112", "nesting-too-deep", Severity::error,
    "Objects and arrays nest deeper than the limit.",
    R"(What it checks: nesting depth (default limit 128; real configs nest at most 5 levels).

Why: Python's json raises RecursionError at about 1000 levels; deep nesting is also how a
hostile file attacks recursive tools. aic-lint stops reading the file at the limit.

Fix: flatten the structure; a model config never needs this depth.)"};

const RuleInfo kLoneSurrogate{"AIC113", "lone-surrogate", Severity::warning,
    "A UTF-16 surrogate escape (\\uD800-\\uDFFF) without its pair.",
    R"(What it checks: string escapes of a UTF-16 high surrogate (\uD800-\uDBFF) not followed by a
low one (\uDC00-\uDFFF), and of a low surrogate not right after a high one.

Why: Python's json accepts the escape and keeps the lone surrogate in the string, so the loader
reads the file; but no UTF-8 text can hold it: the string matches nothing aiconfigurator
compares it with, and printing or encoding it raises UnicodeEncodeError. (RapidJSON rejects a
lone high surrogate and turns a lone low one into bytes that are not UTF-8; aic-lint reads the
file as Python does, with a private-use character (U+E000-U+E7FF, one per surrogate) in its
place in what the rules see.)

Fix: write the character meant, or the full surrogate pair (\uD83D\uDE00 for U+1F600).)"};

}  // namespace aic::json_rules
