// libFuzzer target: arbitrary bytes as one frame of a chosen link type, dissected and then
// printed by every printer (all registered fields, detail tree with hex dump, JSON in each
// style, PDML, PSML), so that both dissectors and formatting are exercised on hostile input.
//
// The first input byte picks the link type, whether the frame claims to be longer than
// captured (snap-length truncation) and whether checksums are verified (tcp/udp/ip
// .check_checksum, which also keeps a bad TCP segment out of reassembly), with other
// preferences that add items (SYN cookies, sequence-based bytes in flight, ICMP MPLS
// extensions, ARP storms, 802.1Q-1998 tags); the rest are the frame's bytes.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "core/field_registry.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"
#include "output/fields_printer.h"
#include "output/json_printer.h"
#include "output/pdml_printer.h"
#include "output/psml_printer.h"
#include "output/summary_printer.h"
#include "output/tree_printer.h"

namespace {
using namespace netsift;

constexpr uint32_t kLinkTypes[] = {kLinkEthernet, kLinkRaw,  kLinkLinuxSll, kLinkLinuxSll2,
                                   kLinkNull,     kLinkIpv4, kLinkIpv6,     kLinkLoop};
// Link types added later: picked by control bytes with bits 3-6 all set (the low three bits
// index them), so that most seeds written for the first table keep their link type.
constexpr uint8_t kLaterLinkTypeBits = 0x78;
constexpr uint32_t kLaterLinkTypes[] = {kLinkFrameRelay, kLinkTokenRing, kLinkFddi};

struct Printers {
  std::vector<std::unique_ptr<PacketPrinter>> all;
  Printers() {
    register_all_dissectors();
    std::vector<std::string> every_field;
    for (const FieldInfo& f : registry().all()) every_field.emplace_back(f.def.abbrev);
    auto fields = std::make_unique<FieldsPrinter>(every_field, FieldsFormat{});
    if (fields->resolve()) all.push_back(std::move(fields));
    TreeMode mode;
    mode.summary = mode.details = mode.hex = true;
    all.push_back(std::make_unique<TreePrinter>(mode));
    for (JsonStyle s : {JsonStyle::kJson, JsonStyle::kJsonRaw, JsonStyle::kEk}) {
      auto json = std::make_unique<JsonPrinter>(s, std::vector<std::string>{});
      json->resolve();
      all.push_back(std::move(json));
    }
    all.push_back(std::make_unique<PdmlPrinter>(PdmlOptions{}, std::vector<std::string>{},
                                                default_column_layout()));
    all.push_back(std::make_unique<PsmlPrinter>(default_column_layout(), nullptr));
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Printers printers;
  static Session session;
  static Packet pkt;
  static uint64_t number = 0;
  if (size < 1) return 0;
  uint8_t control = data[0];
  CapturedFrame frame;
  frame.data = data + 1;
  frame.caplen = static_cast<uint32_t>(size - 1);
  frame.len = frame.caplen + ((control & 0x80) ? 100 : 0);
  frame.linktype = (control & kLaterLinkTypeBits) == kLaterLinkTypeBits
                       ? kLaterLinkTypes[(control & 7) % std::size(kLaterLinkTypes)]
                       : kLinkTypes[control % (sizeof kLinkTypes / sizeof kLinkTypes[0])];
  frame.ts = {1491516383, static_cast<uint32_t>(number * 1000)};

  const char* verify = (control & 0x40) ? "TRUE" : "FALSE";
  for (const char* pref : {"tcp.check_checksum", "udp.check_checksum", "ip.check_checksum",
                           "tcp.read_seq_as_syn_cookie", "tcp.bif_seq_based",
                           "icmp.favor_icmp_mpls", "arp.detect_request_storms"})
    session.prefs.set(pref, verify);
  session.prefs.set("vlan.version", (control & 0x40) ? "1998" : "2011");
  pkt.reset(++number, &frame, &session);
  pkt.cols.enabled = true;
  dissect_packet(pkt);
  static OutputSink sink(nullptr);
  for (auto& p : printers.all) {
    p->packet(pkt, sink);
    sink.buffer().clear();  // nothing is written anywhere
  }
  note_displayed(pkt);
  return 0;
}
