// Hand-built Ethernet frames with F5 trailers, dissected, with their fields read back; and a
// shell runner for the end-to-end comparisons with tshark.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/captured_frame.h"
#include "dissected.h"

namespace netsift::test {

// Ethernet + IPv4 + TCP (20-byte headers, no payload) from 10.1.10.51:49925 to 10.1.10.201:80,
// followed by `trailer`.
std::vector<uint8_t> tcp_frame_with_trailer(const std::vector<uint8_t>& trailer);

// Ethernet frames dissected one after the other in one session.
class F5Frames : public Dissected {
 public:
  F5Frames() : Dissected(kLinkEthernet) {}
  void dissect(std::vector<uint8_t> bytes) { next(std::move(bytes)); }
};

// Runs a shell command; returns its standard output (stderr discarded).
std::string run(const std::string& command);
bool have_tshark();

}  // namespace netsift::test
