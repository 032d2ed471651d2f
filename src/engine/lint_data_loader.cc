#include "engine/lint_data_loader.h"

namespace aic {

LintData load_lint_data(const DataSources& /*sources*/) {
  LintData data;
  return data;
}

}  // namespace aic
