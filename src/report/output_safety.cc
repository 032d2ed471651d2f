#include "report/output_safety.h"

#include "core/utf8.h"

namespace aic {

std::string json_string_text(std::string_view text) { return to_valid_utf8(text); }

void defuse_workflow_commands_in_json(std::string& json) {
  for (std::size_t at = json.find("##["); at != std::string::npos; at = json.find("##[", at))
    json.replace(at + 1, 1, "\\u0023");
}

}  // namespace aic
