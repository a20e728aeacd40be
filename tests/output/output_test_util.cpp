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
    {&u8_dec, {"Small", "nstest.u8", FieldType::kUint8, Base::kDec}},
    {&u16_hex, {"Type", "nstest.u16", FieldType::kUint16, Base::kHex}},
    {&u32_dechex, {"Ident", "nstest.u32", FieldType::kUint32, Base::kDecHex}},
    {&u8_names, {"Protocol", "nstest.proto", FieldType::kUint8, Base::kDec, kNames}},
    {&u16_bits, {"Offset", "nstest.offset", FieldType::kUint16, Base::kDec, {}, 0x1fff}},
    {&flag, {"Flag", "nstest.flag", FieldType::kBoolean}},
    {&flag_named,
     {"Syn", "nstest.syn", FieldType::kBoolean, Base::kNone, {}, 0x002, "", &kSetNotSet, 12}},
    {&ether, {"Destination", "nstest.eth", FieldType::kEther}},
    {&ipv4, {"Source Address", "nstest.ip", FieldType::kIpv4}},
    {&ipv6, {"Address", "nstest.ipv6", FieldType::kIpv6}},
    {&bytes, {"Data", "nstest.data", FieldType::kBytes}},
    {&str, {"Text", "nstest.text", FieldType::kString}},
    {&abs_time, {"Arrival Time", "nstest.time", FieldType::kAbsTime, Base::kAbsLocal}},
    {&rel_time, {"Delta", "nstest.delta", FieldType::kRelTime}},
    {&int16, {"Signed", "nstest.int16", FieldType::kInt16, Base::kDec}},
    {&port, {"Source Port", "nstest.port", FieldType::kUint16, Base::kPtTcp}},
    {&none, {"Marker", "nstest.marker", FieldType::kNone}},
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
