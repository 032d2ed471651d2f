#pragma once
// Where a run's time goes, phase by phase, printed to stderr when AIC_LINT_TIMINGS is set (see
// README, Performance): wall time, CPU time of the calling thread (the serial part) and of the
// whole process (all threads). A phase whose process CPU is well above its wall time ran in
// parallel; one whose wall time is the calling thread's CPU was serial.
#include <string>
#include <vector>

namespace aic {

class PhaseTimer {
 public:
  PhaseTimer();  // reads AIC_LINT_TIMINGS; a disabled timer costs one getenv
  ~PhaseTimer();  // prints the table
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

  // Ends the current phase, naming it.
  void mark(const char* phase);

 private:
  struct Clocks {
    double wall = 0, thread = 0, process = 0;  // ms
  };
  static Clocks now();

  bool enabled_ = false;
  Clocks last_;
  struct Row {
    std::string phase;
    Clocks spent;
  };
  std::vector<Row> rows_;
};

}  // namespace aic
