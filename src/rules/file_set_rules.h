#pragma once
// Repository rules about the set of files: names, side-car pairing, collisions, identity,
// duplicates, side-car consistency (AIC401-AIC406). Each is implemented in its own .cc.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/key_hash.h"
#include "rules/model_id.h"
#include "rules/rule.h"

namespace aic::file_set_rules {

const RepositoryRule& filename_convention();   // AIC401
const RepositoryRule& orphan_side_car();       // AIC402
const RepositoryRule& case_collision();        // AIC403
const RepositoryRule& identity();              // AIC404
const RepositoryRule& duplicate_content();     // AIC405
const RepositoryRule& side_car_consistency();  // AIC406

// The files of one kind by (directory, id): sorted (hash, index) pairs, no map of strings (the
// rules build one over every config of a repository, for a handful of lookups).
class IdIndex {
 public:
  IdIndex(const std::vector<FileSummary>& files, FileKind kind) : files_(files) {
    for (std::size_t i = 0; i < files.size(); ++i)
      if (files[i].kind == kind)
        if (auto id = model_id::id_of_file_name(files[i].name())) keyed_.emplace_back(key(files[i].directory, *id), i);
    std::sort(keyed_.begin(), keyed_.end());
  }
  bool empty() const { return keyed_.empty(); }
  // The file of that directory and id (the last one in `files` if several), if any.
  std::optional<std::size_t> find(std::uint32_t directory, std::string_view id) const {
    const std::uint64_t k = key(directory, id);
    auto it = std::upper_bound(keyed_.begin(), keyed_.end(), std::pair{k, SIZE_MAX});
    while (it != keyed_.begin() && (--it)->first == k) {  // equal hashes, highest index first
      const FileSummary& f = files_[it->second];
      if (f.directory == directory && model_id::id_of_file_name(f.name()) == id) return it->second;
    }
    return std::nullopt;
  }

 private:
  static std::uint64_t key(std::uint32_t directory, std::string_view id) {
    return key_hash(id) ^ (directory * 0x9E3779B97F4A7C15ull);
  }
  const std::vector<FileSummary>& files_;
  std::vector<std::pair<std::uint64_t, std::size_t>> keyed_;
};

// The declared quantization aiconfigurator uses for config `k`: the side-car's algorithm wins.
inline std::string_view effective_quant_algo(const FileSummary& config, const FileSummary* side_car) {
  if (side_car && !side_car->quant_algo().empty()) return side_car->quant_algo();
  return config.quant_algo();
}

}  // namespace aic::file_set_rules
