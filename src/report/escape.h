#pragma once
// Escaping for the machine formats: each output language has its own rules, and file content
// (keys, values, paths) reaches every one of them.
#include <string>
#include <string_view>

namespace aic {

// Valid UTF-8: every invalid byte becomes U+FFFD (JSON and XML consumers reject invalid UTF-8).
std::string valid_utf8(std::string_view text);

// XML 1.0 character data / attribute value: & < > " ' escaped; characters XML cannot carry
// (C0 controls except tab/LF/CR, DEL, C1 controls, U+FFFE/U+FFFF) removed; invalid UTF-8 -> U+FFFD.
// In attributes, tab/LF/CR are written as character references so they survive normalization.
// So that a report printed to a CI log carries no workflow command, "##[" is written "##&#91;"
// and a ':' that would start a line (after a raw LF in character data) "&#58;"; bidirectional
// overrides are written as character references (they reorder what a terminal shows).
std::string xml_escape(std::string_view text, bool attribute);

// GitHub Actions workflow commands: data (after "::") escapes % CR LF; properties also : and ,.
std::string github_data_escape(std::string_view text);
std::string github_property_escape(std::string_view text);

// In serialized JSON, rewrites every "##[" (necessarily inside a string: JSON syntax has no '#')
// to "#\u0023[": the same string once decoded, but no longer a workflow command when the report
// is printed to a CI log (GitHub's runner parses the legacy "##[cmd]" anywhere in a line).
void defuse_workflow_commands_in_json(std::string& json);

// RFC 3986 percent-encoding of a relative path; keeps unreserved characters and '/'.
std::string uri_escape_path(std::string_view path);

}  // namespace aic
