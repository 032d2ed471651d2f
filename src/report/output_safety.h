#pragma once
// What every reporter does so that no input file can drive a terminal or a CI log through the
// report: strings in machine formats are valid UTF-8, and no output line can be read as a CI
// workflow command (GitHub's runner parses "::cmd::" at the start of a line, after white space,
// and the legacy "##[cmd]" anywhere in a line). tests/unit/output_injection_test.cc checks every
// format of report_formats() against hostile diagnostics.
#include <string>
#include <string_view>

namespace aic {

// Invalid UTF-8 bytes replaced by U+FFFD (RapidJSON's writer copies bytes without checking).
std::string json_string_text(std::string_view text);

// In serialized JSON, rewrites every "##[" (necessarily inside a string: JSON syntax has no '#')
// to "#\u0023[": the same string once decoded, but no longer a workflow command in a log.
void defuse_workflow_commands_in_json(std::string& json);

}  // namespace aic
