#pragma once
// gcc-style text: "path:line:col: severity: message [CODE name]", a code frame with a caret
// under the span, note/help lines, and a summary line.
#include "report/reporter.h"

namespace aic {

class TextReporter : public Reporter {
 public:
  explicit TextReporter(ReportOptions options) : options_(options) {}
  void write(std::ostream& out, const Report& report) const override;

 private:
  ReportOptions options_;
};

}  // namespace aic
