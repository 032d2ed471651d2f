#pragma once
// JUnit XML for CI systems that read test reports: one test suite, one test case per linted file
// (a file without findings passes), one <failure> per finding. Text is XML-escaped and characters
// XML cannot carry are removed.
#include "report/reporter.h"

namespace aic {

class JunitReporter : public Reporter {
 public:
  void write(std::ostream& out, const Report& report) const override;
};

}  // namespace aic
