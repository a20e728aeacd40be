// Size limits that decide when a capture file is "damaged", chosen to agree with Wireshark's
// wiretap so that we stop on exactly the files tshark stops on.
#pragma once

#include <cstdint>

namespace netsift {

// WTAP_MAX_PACKET_SIZE_STANDARD: larger captured lengths are treated as corruption (and
// refusing them keeps a bogus length from making us allocate gigabytes).
inline constexpr uint32_t kMaxPacketSize = 256 * 1024;
// A few link types legitimately carry bigger packets (wtap_max_snaplen_for_encap).
inline constexpr uint32_t kMaxPacketSizeDbus = 128 * 1024 * 1024;
inline constexpr uint32_t kLinkDbus = 231;

inline uint32_t max_packet_size(uint32_t linktype) {
  return linktype == kLinkDbus ? kMaxPacketSizeDbus : kMaxPacketSize;
}

// pcapng: the largest block accepted (MIN_EPB_SIZE + max packet + 128 KiB of options), except
// for packet blocks of link types with a larger packet maximum.
inline constexpr uint32_t kMaxPcapngBlock = 32 + kMaxPacketSize + 128 * 1024;

}  // namespace netsift
