#include "output_test_util.h"

#include "core/field_registry.h"
#include "dissectors/all.h"

namespace netsift::testproto {

FieldId proto, u8_dec, u16_hex, u32_dechex, u8_names, u16_bits, flag, flag_named, ether, ipv4, ipv6,
    bytes, str, abs_time, rel_time, int16, port, none;

namespace {
constexpr ValueName kNames[] = {{6, "TCP"}, {17, "UDP"}};
constexpr TrueFalse kSetNotSet = {"Set", "Not set"};

const FieldReg kFields[] = {
    {&u8_dec,
     {.name = "Small", .abbrev = "nstest.u8", .type = FieldType::kUint8, .base = Base::kDec}},
    {&u16_hex,
     {.name = "Type", .abbrev = "nstest.u16", .type = FieldType::kUint16, .base = Base::kHex}},
    {&u32_dechex,
     {.name = "Ident", .abbrev = "nstest.u32", .type = FieldType::kUint32, .base = Base::kDecHex}},
    {&u8_names,
     {.name = "Protocol",
      .abbrev = "nstest.proto",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kNames}},
    {&u16_bits,
     {.name = "Offset",
      .abbrev = "nstest.offset",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .bitmask = 0x1fff}},
    {&flag, {.name = "Flag", .abbrev = "nstest.flag", .type = FieldType::kBoolean}},
    {&flag_named,
     {.name = "Syn",
      .abbrev = "nstest.syn",
      .type = FieldType::kBoolean,
      .bitmask = 0x002,
      .tf = &kSetNotSet,
      .bits = 12}},
    {&ether, {.name = "Destination", .abbrev = "nstest.eth", .type = FieldType::kEther}},
    {&ipv4, {.name = "Source Address", .abbrev = "nstest.ip", .type = FieldType::kIpv4}},
    {&ipv6, {.name = "Address", .abbrev = "nstest.ipv6", .type = FieldType::kIpv6}},
    {&bytes, {.name = "Data", .abbrev = "nstest.data", .type = FieldType::kBytes}},
    {&str, {.name = "Text", .abbrev = "nstest.text", .type = FieldType::kString}},
    {&abs_time,
     {.name = "Arrival Time",
      .abbrev = "nstest.time",
      .type = FieldType::kAbsTime,
      .base = Base::kAbsLocal}},
    {&rel_time, {.name = "Delta", .abbrev = "nstest.delta", .type = FieldType::kRelTime}},
    {&int16,
     {.name = "Signed", .abbrev = "nstest.int16", .type = FieldType::kInt16, .base = Base::kDec}},
    {&port,
     {.name = "Source Port",
      .abbrev = "nstest.port",
      .type = FieldType::kUint16,
      .base = Base::kPtTcp}},
    {&none, {.name = "Marker", .abbrev = "nstest.marker"}},
};
}  // namespace

void register_once() {
  static bool done = false;
  if (done) return;
  done = true;
  register_all_dissectors();
  proto = registry().add_protocol({"Netsift Test Protocol", "NSTEST", "nstest"});
  registry().add_fields(proto, kFields);
}

TestPacket::TestPacket(std::vector<uint8_t> bytes) : data(std::move(bytes)) {
  register_once();
  frame.data = data.data();
  frame.caplen = frame.len = static_cast<uint32_t>(data.size());
  frame.ts = {1491516383, 915793000};
  pkt.reset(1, &frame, &session);
}

}  // namespace netsift::testproto
