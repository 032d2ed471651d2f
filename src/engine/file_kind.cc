#include "engine/file_kind.h"

namespace aic {

FileKind classify_file_name(std::string_view name) {
  // Split from the right: model names may themselves contain '_'.
  if (name.ends_with("_hf_quant_config.json") && name.size() > 21) return FileKind::side_car;
  if (name.ends_with("_config.json") && name.size() > 12) return FileKind::config;
  return FileKind::other;
}

}  // namespace aic
