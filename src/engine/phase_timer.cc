#include "engine/phase_timer.h"

#include <time.h>

#include <cstdio>
#include <cstdlib>

namespace aic {

namespace {

double milliseconds(clockid_t clock) {
  timespec t{};
  ::clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace

PhaseTimer::Clocks PhaseTimer::now() {
  return {milliseconds(CLOCK_MONOTONIC), milliseconds(CLOCK_THREAD_CPUTIME_ID),
          milliseconds(CLOCK_PROCESS_CPUTIME_ID)};
}

PhaseTimer::PhaseTimer() {
  const char* setting = std::getenv("AIC_LINT_TIMINGS");
  enabled_ = setting && *setting && std::string(setting) != "0";
  if (enabled_) last_ = now();
}

void PhaseTimer::mark(const char* phase) {
  if (!enabled_) return;
  Clocks t = now();
  rows_.push_back({phase, {t.wall - last_.wall, t.thread - last_.thread, t.process - last_.process}});
  last_ = t;
}

PhaseTimer::~PhaseTimer() {
  if (!enabled_) return;
  Clocks total;
  std::fprintf(stderr, "aic-lint: timings (ms)   wall  this thread  all threads\n");
  for (const Row& row : rows_) {
    std::fprintf(stderr, "  %-20s %8.2f %12.2f %12.2f\n", row.phase.c_str(), row.spent.wall,
                 row.spent.thread, row.spent.process);
    total.wall += row.spent.wall;
    total.thread += row.spent.thread;
    total.process += row.spent.process;
  }
  std::fprintf(stderr, "  %-20s %8.2f %12.2f %12.2f\n", "total", total.wall, total.thread, total.process);
}

}  // namespace aic
