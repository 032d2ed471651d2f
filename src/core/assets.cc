#include "core/assets.h"

namespace aic {

std::optional<std::string_view> find_embedded_asset(std::string_view name) {
  for (const auto& asset : embedded_assets())
    if (asset.name == name) return asset.data;
  return std::nullopt;
}

}  // namespace aic
