// State that lives across packets for one run: user preferences, frame timing references and
// the analysis modules' per-flow state. Per-flow state is kept in tables keyed by a symmetric
// flow hash, so a later parallel engine can shard it by flow without changing dissectors.
#pragma once

#include <memory>

#include "core/captured_frame.h"
#include "core/names.h"

namespace netsift {

class IpReassembler;
class IcmpTransactions;
class DnsTransactions;
struct ArpState;
struct F5TlsKeyState;
class TcpConversations;
class UdpConversations;
class F5FlowPairing;

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

struct Preferences {
  TimeDisplay time_display = TimeDisplay::kRelative;  // -t
  bool time_hms = false;                              // -u hms: relative times as 1h 2m 3.5s
  bool resolve_mac = true;                            // -N m (tshark's default)
  bool resolve_transport = false;                     // -N t
  bool resolve_network = false;                       // -N n
  bool tcp_relative_seq = true;
  bool tcp_analyze_sequence = true;
  bool ip_defragment = true;
  bool check_ip_checksum = false;
};

struct FrameTiming {
  bool have_first = false;
  Timestamp first;           // for frame.time_relative
  Timestamp prev_captured;   // for frame.time_delta
  Timestamp prev_displayed;  // for frame.time_delta_displayed
  bool have_prev_displayed = false;
};

struct Session {
  Preferences prefs;
  FrameTiming timing;
  NameResolver names;
  // Analysis state, created on first use by the dissector that owns it (ip/ipv6, icmp/icmpv6).
  std::shared_ptr<IpReassembler> ip_reassembly;
  std::shared_ptr<IcmpTransactions> icmp_transactions;
  std::shared_ptr<DnsTransactions> dns_transactions;  // created by the DNS dissector
  std::shared_ptr<ArpState> arp;  // duplicate IPv4 address detection (dissectors/arp_state.h)
  std::shared_ptr<TcpConversations> tcp;  // tcp.stream numbering and per-connection state
  std::shared_ptr<UdpConversations> udp;  // udp.stream numbering
  // TLS secrets seen in F5 trailers, per conversation (dissectors/f5ethtrailer_tls.cpp).
  std::shared_ptr<F5TlsKeyState> f5_tls;
  // Client-side/server-side connection pairs of a BIG-IP proxy (f5ethtrailer.peer_stream).
  std::shared_ptr<F5FlowPairing> f5_pairing;
};

}  // namespace netsift
