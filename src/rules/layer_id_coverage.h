#pragma once
// Lists of layer ids that together describe a layer plan (Kimi-K3's linear_attn_config
// kda_layers / full_attn_layers): which ids are out of range, which layers no list names, and
// which layers are named more than once.
#include <cstdint>
#include <vector>

namespace aic {

struct LayerIdCoverage {
  // Per set, its ids outside [base, base + layers - 1], in list order, without repeats.
  std::vector<std::vector<std::int64_t>> out_of_range;
  std::vector<std::int64_t> missing;     // in-range ids that no set names, ascending
  std::vector<std::int64_t> duplicated;  // in-range ids named more than once (any sets), ascending
  bool covers_exactly_once() const { return missing.empty() && duplicated.empty(); }
};

// `sets` holds the ids of each list as written; `layers` > 0; `base` is 0 or 1.
LayerIdCoverage check_layer_id_coverage(const std::vector<std::vector<std::int64_t>>& sets,
                                        std::int64_t layers, int base);

}  // namespace aic
