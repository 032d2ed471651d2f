#pragma once
// The stable JSON format (version 1), documented in the README.
#include "report/reporter.h"

namespace aic {

class JsonReporter : public Reporter {
 public:
  void write(std::ostream& out, const Report& report) const override;
};

}  // namespace aic
