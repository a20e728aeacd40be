// Stopping a capture cleanly: SIGINT, SIGTERM, SIGALRM (the -a duration timer) and SIGPIPE set
// a flag the run loop checks after each packet. Handlers are installed without SA_RESTART so a
// read(2) blocked on a quiet pipe returns EINTR, which FdSource then reports as end of input.
#pragma once

namespace netsift {

// Installs the handlers; safe to call more than once.
void install_stop_handlers();
// True once a stop was asked for (by a signal or request_stop()).
bool stop_requested();
// Asks the capture to stop: sets the flag and wakes a live source blocked in libpcap.
// Async-signal-safe.
void request_stop();
// True when the stop came from SIGPIPE (the reader of our output went away): stop quietly.
bool stopped_by_broken_pipe();
// A live source registers how to interrupt its blocking wait (pcap_breakloop); nullptr to
// unregister. The function must be async-signal-safe.
void set_stop_waker(void (*waker)());

}  // namespace netsift
