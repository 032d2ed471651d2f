#pragma once
// GitHub Actions workflow commands, one line per finding, which the runner turns into
// annotations on the pull request:
//   ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message
// error/warning/notice by severity. Everything from the input is escaped (% CR LF in the
// message; also : and , in properties) and made printable, so no file can inject a command.
#include "report/reporter.h"

namespace aic {

class GithubReporter : public Reporter {
 public:
  void write(std::ostream& out, const Report& report) const override;
};

}  // namespace aic
