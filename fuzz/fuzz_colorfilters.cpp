// libFuzzer target: a colorfilters file (--color's coloring rules, output/color_rules) from
// arbitrary text: "@name@filter@[r,g,b][r,g,b]" lines cut, unbalanced, with bad numbers or
// filters that do not compile. Parsing must skip what it cannot read, never crash; the rules
// it keeps are then matched against a dissected frame built from the input's first bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"
#include "output/color_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netsift;
  static const bool registered = (register_all_dissectors(), true);
  (void)registered;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ColorRules rules = ColorRules::parse(text, "fuzz");
  rules.referenced();
  static Session session;
  static Packet pkt;
  CapturedFrame frame;
  frame.data = data;
  frame.caplen = frame.len = static_cast<uint32_t>(size < 64 ? size : 64);
  frame.linktype = kLinkEthernet;
  pkt.reset(1, &frame, &session);
  dissect_packet(pkt);
  std::string out;
  append_packet_open_tag(out, rules.match(pkt));
  return 0;
}
