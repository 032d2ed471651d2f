#include "core/truncation_guard.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <mutex>

namespace aic {

namespace {

// The mapping guarded on this thread. Plain thread-local data, read by the signal handler on
// the same thread (initial-exec TLS: safe in a handler).
struct Guarded {
  char* begin = nullptr;
  char* end = nullptr;
  volatile sig_atomic_t truncated = 0;
};
thread_local Guarded guarded;

struct sigaction previous_action;

void on_sigbus(int signal, siginfo_t* info, void* context) {
  char* address = static_cast<char*>(info->si_addr);
  if (guarded.begin && address >= guarded.begin && address < guarded.end) {
    // Zeros from the faulting page to the end of the mapping; the access is then retried.
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    char* from = reinterpret_cast<char*>(reinterpret_cast<std::uintptr_t>(address) & ~(page - 1));
    void* zeros = ::mmap(from, static_cast<std::size_t>(guarded.end - from), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (zeros != MAP_FAILED) {
      guarded.truncated = 1;
      return;
    }
  }
  // Not ours: whatever was there before.
  if (previous_action.sa_flags & SA_SIGINFO) {
    previous_action.sa_sigaction(signal, info, context);
  } else if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) {
    previous_action.sa_handler(signal);
  } else {
    // The default action: uninstall, and the faulting access, retried, ends the process.
    ::signal(SIGBUS, SIG_DFL);
  }
}

void install_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action {};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, &previous_action);
  });
}

}  // namespace

TruncationGuard::TruncationGuard(const char* begin, std::size_t length) {
  guarded.truncated = 0;
  if (!begin) return;
  install_handler();
  guarded.begin = const_cast<char*>(begin);
  guarded.end = guarded.begin + length;
}

TruncationGuard::~TruncationGuard() {
  guarded.begin = nullptr;
  guarded.end = nullptr;
}

bool TruncationGuard::truncated() const { return guarded.truncated != 0; }

}  // namespace aic
