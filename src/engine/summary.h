#pragma once
// What repository rules need to know about a file, taken while it is parsed.
#include <string>
#include <string_view>

#include "core/rapidjson.h"
#include "rules/rule.h"

namespace aic {

// A stable digest of the raw bytes (FNV-1a 64, hex): equal content <=> equal hash, in practice.
std::string content_hash(std::string_view bytes);

// Fills architecture, model_type and declared quantization from a parsed top-level object.
void summarize_document(const rapidjson::Value& root, FileSummary& summary);

}  // namespace aic
