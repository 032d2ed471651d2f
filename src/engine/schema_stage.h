#pragma once
// The schema stage: validates a parsed config or side-car against its schema (valijson, strong
// types) and reports each leaf violation at the value concerned, in words a person can act on.
#include <string>
#include <vector>

#include "rules/rule.h"

namespace aic {

// Validates context.doc (already accepted by the front end, so its depth is bounded) against the
// schema of context.kind; nothing for FileKind::other or when the run has no schemas.
void check_schema(const FileContext& context);

// "<root>", "[text_config]", "[0]" -> "/text_config/0", resolved against the document: a step
// into an array is an index, a step into an object is a key (which may itself contain brackets).
std::string context_to_pointer(const JsonDocument& doc, const std::vector<std::string>& context);

}  // namespace aic
