#pragma once
// Keeps the other cores awake while the serial part of a run (the walk, preparing the file list)
// goes on, so that the worker threads started for the file stage start at once. On this project's
// 2-vCPU VMs a thread spawned onto an idle vCPU starts ~0.7 ms late (measured), while the real
// corpus's whole file stage is 8-10 ms; a thread spinning on that vCPU until the stage starts
// keeps it out of its halt. Corpus, 2 cores, medians of 300 runs: 0.77x -> 0.68x the floor.
// (A pool of workers started early instead was no better: the scheduler sometimes left its
// worker on the caller's core, where it took the stage's first milliseconds from the caller.)
#include <atomic>
#include <thread>
#include <vector>

namespace aic {

class CoreWarmup {
 public:
  // Starts `threads` threads that spin, yielding, until release(), or 3 ms (a longer walk, such
  // as 10,000 files' 10 ms, makes the wake-up small beside the file stage that follows).
  explicit CoreWarmup(unsigned threads);
  ~CoreWarmup() { release(); }
  CoreWarmup(const CoreWarmup&) = delete;
  CoreWarmup& operator=(const CoreWarmup&) = delete;

  // Stops and joins the spinning threads (at once: they are running).
  void release();
  unsigned threads() const { return static_cast<unsigned>(threads_.size()); }

 private:
  void spin() const;  // a warm-up thread's whole life

  std::atomic<bool> released_{false};
  std::vector<std::thread> threads_;
};

}  // namespace aic
