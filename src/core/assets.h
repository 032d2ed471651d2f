#pragma once
// Files from schemas/ and rules/, compiled into the binary (see cmake/embed_assets.cmake).
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace aic {

struct EmbeddedAsset {
  std::string_view name;  // path relative to the source tree, e.g. "schemas/model-config.schema.json"
  std::string_view data;
};

std::span<const EmbeddedAsset> embedded_assets();
std::string_view embedded_assets_digest();

// The embedded asset with this name, if any.
std::optional<std::string_view> find_embedded_asset(std::string_view name);

}  // namespace aic
