#pragma once
// What a file is, by its name: aiconfigurator finds files only through their names.
#include <string_view>

namespace aic {

enum class FileKind {
  config,    // <org>--<model>_config.json
  side_car,  // <org>--<model>_hf_quant_config.json
  other,     // any other *.json (the filename rule says what is wrong with its name)
};

// Classifies by suffix only; whether the id part is well formed is the filename rule's job.
FileKind classify_file_name(std::string_view file_name);

}  // namespace aic
