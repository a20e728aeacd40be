// State that lives across packets for one run: user preferences, frame timing references, names,
// the generic conversation tables and the per-capture states protocols register
// (core/protocol_state.h). Conversations are keyed by a symmetric flow hash, so a later parallel
// engine can shard them by flow without changing dissectors.
#pragma once

#include <memory>

#include "core/captured_frame.h"
#include "core/conversation.h"
#include "core/first_pass_notes.h"
#include "core/memory_budget.h"
#include "core/names.h"
#include "core/preferences.h"
#include "core/protocol_state.h"

namespace netsift {

// How the Time column shows a frame's time (tshark -t).
enum class TimeDisplay {
  kRelative,        // r: seconds since the first frame
  kAbsolute,        // a: local time of day
  kAbsoluteDate,    // ad: local date (YYYY-MM-DD) and time
  kAbsoluteDoy,     // adoy: local date (YYYY/DOY) and time
  kDelta,           // d: since the previous captured frame
  kDeltaDisplayed,  // dd: since the previous displayed frame
  kEpoch,           // e: seconds since 1970-01-01 UTC
  kUtc,             // u: UTC time of day
  kUtcDate,         // ud
  kUtcDoy,          // udoy
};

// How times are shown: tshark's -t and -u, command-line settings rather than preferences.
struct DisplaySettings {
  TimeDisplay time_display = TimeDisplay::kRelative;  // -t
  bool time_hms = false;                              // -u hms: relative times as 1h 2m 3.5s
};

// Which names are resolved (-n, -N; tshark's nameres.mac_name, transport_name and network_name).
struct NameResolutionFlags {
  bool mac = true;  // tshark's default
  bool transport = false;
  bool network = false;
  bool dns_packets = false;  // -N d: names from DNS answers seen in the capture
  bool vlan = false;         // -N v: VLAN IDs through the profile's vlans file
};

struct FrameTiming {
  bool have_first = false;
  Timestamp first;           // for frame.time_relative
  Timestamp prev_captured;   // for frame.time_delta
  Timestamp prev_displayed;  // for frame.time_delta_displayed
  bool have_prev_displayed = false;
};

struct Session {
  PrefStore prefs;  // every registered preference (core/preferences.h)
  DisplaySettings display;
  NameResolutionFlags resolve;
  FrameTiming timing;
  NameResolver names;
  // Declared before every holder of capture-driven state, so it outlives what charges it. on
  // the heap, so the holders' pointers stay valid when a Session is moved.
  std::unique_ptr<MemoryBudget> budget = std::make_unique<MemoryBudget>();
  ConversationTable tcp;  // tcp.stream numbering, per-connection protocol states
  ConversationTable udp;  // udp.stream numbering, per-flow protocol states
  ProtocolStates<StateScope::kCapture> states;
  FirstPassNotes later;  // -2: what the first pass learnt for earlier frames

  Session() {
    tcp.use_budget(*budget);
    udp.use_budget(*budget);
  }

  // The memory budget every holder of capture-driven state charges (core/memory_budget.h).
  MemoryBudget& memory() { return *budget; }

  // The per-capture state `T` (registered with StateScope::kCapture), created on first use.
  template <class T>
  T& state() {
    return states.get<T>();
  }
};

}  // namespace netsift
