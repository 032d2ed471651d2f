#include "core/truncation_guard.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <mutex>

namespace aic {

namespace {

// The mapping guarded on this thread: plain thread-local data, read by the signal handler on the
// same thread (initial-exec TLS, which a handler may read: no lazy allocation).
struct Guarded {
  char* begin = nullptr;
  char* end = nullptr;
  volatile sig_atomic_t truncated = 0;
};
[[gnu::tls_model("initial-exec")]] thread_local Guarded guarded;

struct sigaction previous_action;
std::uintptr_t page_size = 4096;  // set before the handler is installed

void on_sigbus(int signal, siginfo_t* info, void* context) {
  const int saved_errno = errno;
  char* address = static_cast<char*>(info->si_addr);
  // si_code > 0: a fault the kernel raised (not kill() or raise(), whose si_addr means nothing).
  if (info->si_code > 0 && guarded.begin && address >= guarded.begin && address < guarded.end) {
    // Zeros from the faulting page to the end of the mapping; the access is then retried.
    char* from = reinterpret_cast<char*>(reinterpret_cast<std::uintptr_t>(address) & ~(page_size - 1));
    void* zeros = ::mmap(from, static_cast<std::size_t>(guarded.end - from), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (zeros != MAP_FAILED) {
      guarded.truncated = 1;
      errno = saved_errno;
      return;
    }
  }
  // Not ours: whatever was there before.
  if (previous_action.sa_flags & SA_SIGINFO) {
    previous_action.sa_sigaction(signal, info, context);
  } else if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) {
    previous_action.sa_handler(signal);
  } else {
    // The default action. A fault, retried on return, raises the signal again; a signal sent
    // by someone would not come back, so it is raised again here (blocked until we return).
    ::signal(SIGBUS, SIG_DFL);
    if (info->si_code <= 0) ::raise(SIGBUS);
  }
  errno = saved_errno;
}

void install_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    page_size = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    ::sigaction(SIGBUS, nullptr, &previous_action);  // read before ours can run
    struct sigaction action {};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, nullptr);
  });
}

}  // namespace

TruncationGuard::TruncationGuard(const char* begin, std::size_t length)
    : outer_begin_(guarded.begin), outer_end_(guarded.end), outer_truncated_(guarded.truncated) {
  if (begin) install_handler();
  guarded.truncated = 0;
  guarded.begin = const_cast<char*>(begin);
  guarded.end = begin ? guarded.begin + length : nullptr;
  std::atomic_signal_fence(std::memory_order_seq_cst);  // the handler sees the range from here on
}

TruncationGuard::~TruncationGuard() {
  // The guard this one was made inside of, if any, is in force again.
  guarded.begin = outer_begin_;
  guarded.end = outer_end_;
  guarded.truncated = outer_truncated_;
  std::atomic_signal_fence(std::memory_order_seq_cst);
}

bool TruncationGuard::truncated() const { return guarded.truncated != 0; }

}  // namespace aic
