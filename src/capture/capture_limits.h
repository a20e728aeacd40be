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

// pcapng: the largest block of any type tshark 4.0's wiretap accepts (MIN_EPB_SIZE + the D-Bus
// packet maximum + 128 KiB of options; measured: SHB, IDB, EPB, NRB, ISB, DSB, custom and unknown
// blocks all pass up to it and are refused with the same message past it). A packet block's
// captured length is checked against its link type's maximum separately.
inline constexpr uint32_t kMaxPcapngBlock = 32 + kMaxPacketSizeDbus + 128 * 1024;

}  // namespace netsift
