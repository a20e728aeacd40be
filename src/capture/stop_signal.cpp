#include "capture/stop_signal.h"

#include <signal.h>

#include <atomic>

namespace netsift {

namespace {

volatile sig_atomic_t g_stop = 0;
volatile sig_atomic_t g_broken_pipe = 0;
std::atomic<void (*)()> g_waker{nullptr};

void on_stop_signal(int sig) {
  if (sig == SIGPIPE) g_broken_pipe = 1;
  request_stop();
}

}  // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocked read(2) must return EINTR
  for (int sig : {SIGINT, SIGTERM, SIGALRM, SIGPIPE}) sigaction(sig, &sa, nullptr);
}

bool stop_requested() {
  return g_stop != 0;
}

bool stopped_by_broken_pipe() {
  return g_broken_pipe != 0;
}

void request_stop() {
  g_stop = 1;
  if (auto waker = g_waker.load()) waker();
}

void set_stop_waker(void (*waker)()) {
  g_waker.store(waker);
}

}  // namespace netsift
