// State that lives across packets for one run: preferences, frame timing references and
// the analysis modules' per-flow state. Per-flow state is kept in tables keyed by a symmetric
// flow hash, so a later parallel engine can shard it by flow without changing dissectors.
#pragma once

#include <memory>

#include "analysis/f5_flow_pairing.h"
#include "analysis/tcp_conversations.h"
#include "analysis/udp_conversations.h"
#include "capture/captured_frame.h"
#include "core/names.h"
#include "core/preferences.h"

namespace netsift {

class IpReassembler;
class IcmpTransactions;
class DnsTransactions;
struct ArpState;
struct F5TlsKeyState;

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
  // Analysis state, created on first use by the dissector that owns it (ip/ipv6, icmp/icmpv6).
  std::shared_ptr<IpReassembler> ip_reassembly;
  std::shared_ptr<IcmpTransactions> icmp_transactions;
  std::shared_ptr<DnsTransactions> dns_transactions;  // created by the DNS dissector
  std::shared_ptr<ArpState> arp;  // duplicate IPv4 address detection (dissectors/arp_state.h)
  TcpConversations tcp;           // tcp.stream numbering and per-connection state
  UdpConversations udp;           // udp.stream numbering
  // TLS secrets seen in F5 trailers, per conversation (dissectors/f5ethtrailer_tls.cpp).
  std::shared_ptr<F5TlsKeyState> f5_tls;
  // Client-side/server-side connection pairs of a BIG-IP proxy (f5ethtrailer.peer_stream).
  F5FlowPairing f5_pairing;
};

}  // namespace netsift
