#include "rules/layer_id_coverage.h"

#include <algorithm>

namespace aic {

LayerIdCoverage check_layer_id_coverage(const std::vector<std::vector<std::int64_t>>& sets,
                                        std::int64_t layers, int base) {
  LayerIdCoverage out;
  const std::int64_t first = base, last = base + layers - 1;
  std::vector<int> count(static_cast<std::size_t>(std::max<std::int64_t>(layers, 0)), 0);
  for (const auto& ids : sets) {
    std::vector<std::int64_t> bad;
    for (std::int64_t id : ids) {
      if (id < first || id > last) {
        if (std::find(bad.begin(), bad.end(), id) == bad.end()) bad.push_back(id);
        continue;
      }
      ++count[static_cast<std::size_t>(id - first)];
    }
    out.out_of_range.push_back(std::move(bad));
  }
  for (std::size_t i = 0; i < count.size(); ++i) {
    std::int64_t id = first + static_cast<std::int64_t>(i);
    if (count[i] == 0) out.missing.push_back(id);
    if (count[i] > 1) out.duplicated.push_back(id);
  }
  return out;
}

}  // namespace aic
