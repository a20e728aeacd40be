// Display-filter front end over arbitrary text: macro expansion, lexing, parsing and compiling
// must never crash; a filter that compiles is evaluated on a few fixed packets.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"
#include "filter/display_filter.h"
#include "filter/macros.h"

namespace {

using namespace netsift;

// Ethernet/IPv4/TCP SYN with a payload, and an Ethernet ARP request.
const uint8_t kTcp[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x0c, 0x29, 0x00, 0x00, 0x01,
                        0x08, 0x00, 0x45, 0x00, 0x00, 0x2d, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06,
                        0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, 0x87, 0x16,
                        0x00, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x50, 0x02,
                        0xfa, 0xf0, 0x00, 0x00, 0x00, 0x00, 'G',  'E',  'T',  ' ',  '/'};
const uint8_t kArp[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x0c, 0x29, 0x00, 0x00,
                        0x01, 0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,
                        0x00, 0x0c, 0x29, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x01, 0x00,
                        0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x02};

struct Fixture {
  Fixture() {
    register_all_dissectors();
    // Macros with arguments, macros using macros, and one that expands forever.
    static const UatTable kMacros{"dfilter_macros",
                                  {{"private_ipv4", "$1 == 10.0.0.0/8"},
                                   {"two", "$1 == $2 || $2 == $1"},
                                   {"nested", "${two:$1;$2} && ${private_ipv4:$1}"},
                                   {"loop", "${loop} or ${loop}"},
                                   {"esc", "\\$1 $10"}}};
    use_filter_macros(&kMacros);
    for (int k = 0; k < 2; ++k) {
      frames[k].data = k ? kArp : kTcp;
      frames[k].caplen = frames[k].len = k ? sizeof kArp : sizeof kTcp;
      packets[k].reset(k + 1, &frames[k], &session);
      dissect_packet(packets[k]);
    }
  }
  Session session;
  CapturedFrame frames[2];
  Packet packets[2];
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fx;
  std::string_view expr(reinterpret_cast<const char*>(data), size);
  auto f = DisplayFilter::compile(expr);
  if (auto* filter = std::get_if<DisplayFilter>(&f)) {
    for (const Packet& p : fx.packets) filter->matches(p);
    DisplayFilter::compile(filter->normalized());
  }
  return 0;
}
