#pragma once
// Repository rules about the set of files: names, side-car pairing, collisions, identity,
// duplicates, side-car consistency (AIC401-AIC406). Each is implemented in its own .cc.
#include <map>
#include <string>
#include <utility>

#include "rules/model_id.h"
#include "rules/rule.h"

namespace aic::file_set_rules {

const RepositoryRule& filename_convention();   // AIC401
const RepositoryRule& orphan_side_car();       // AIC402
const RepositoryRule& case_collision();        // AIC403
const RepositoryRule& identity();              // AIC404
const RepositoryRule& duplicate_content();     // AIC405
const RepositoryRule& side_car_consistency();  // AIC406

// (directory, id) -> index into files, for the files of one kind (the last one wins).
inline std::map<std::pair<std::string, std::string>, std::size_t> index_by_id(
    const std::vector<FileSummary>& files, FileKind kind) {
  std::map<std::pair<std::string, std::string>, std::size_t> out;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (files[i].kind == kind)
      if (auto id = model_id::of_file_name(files[i].name)) out[{files[i].directory, *id}] = i;
  return out;
}

// The declared quantization aiconfigurator uses for config `k`: the side-car's algorithm wins.
inline std::string effective_quant_algo(const FileSummary& config, const FileSummary* side_car) {
  if (side_car && !side_car->quant_algo.empty()) return side_car->quant_algo;
  return config.quant_algo;
}

}  // namespace aic::file_set_rules
