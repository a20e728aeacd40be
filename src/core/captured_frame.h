// What a capture source hands to the engine: one frame's bytes and metadata, valid until the
// source's next call.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace netsift {

// Wall-clock time of a frame, nanosecond resolution.
struct Timestamp {
  int64_t sec = 0;
  uint32_t nsec = 0;
  // Nanoseconds since the epoch. Timestamps beyond year 2262 (seen in damaged files) wrap
  // rather than overflow: unsigned arithmetic keeps the result defined.
  int64_t total_ns() const {
    return static_cast<int64_t>(static_cast<uint64_t>(sec) * 1000000000u + nsec);
  }
};

// Link-layer header types (LINKTYPE_* of the pcap/pcapng specifications).
enum LinkType : uint32_t {
  kLinkNull = 0,
  kLinkEthernet = 1,
  kLinkTokenRing = 6,  // IEEE 802.5
  kLinkFddi = 10,
  kLinkRaw = 101,
  kLinkFrameRelay = 107,
  kLinkLoop = 108,
  kLinkLinuxSll = 113,
  kLinkIpv4 = 228,
  kLinkIpv6 = 229,
  kLinkLinuxSll2 = 276,
};

struct InterfaceInfo {
  uint32_t linktype = kLinkEthernet;
  uint32_t snaplen = 0;
  std::string name;         // if_name
  std::string description;  // if_description
  uint8_t tsresol = 6;      // raw if_tsresol byte (pcapng) or 6/9 (pcap)
  int64_t tsoffset = 0;     // if_tsoffset, seconds
};

struct CapturedFrame {
  const uint8_t* data = nullptr;
  uint32_t caplen = 0;  // bytes present in `data`
  uint32_t len = 0;     // bytes on the wire
  Timestamp ts;
  // Decimal digits the source's timestamps carry (0,1,2,3,6,9 as Wireshark's WTAP_TSPREC_*):
  // tshark prints times with this precision.
  uint8_t ts_precision = 6;
  uint32_t interface_id = 0;
  uint32_t linktype = kLinkEthernet;
  std::span<const std::string> comments;  // opt_comment values of the packet block
  uint32_t pack_flags = 0;                // pcapng epb_flags (direction etc.); 0 when absent
  bool has_pack_flags = false;
  uint64_t file_offset = 0;  // byte offset of the record in the (decompressed) input
  // pcapng only: 1-based section number and the frame's interface; 0/nullptr for pcap, where
  // tshark shows neither.
  uint32_t section_number = 0;
  const InterfaceInfo* interface = nullptr;
};

}  // namespace netsift
