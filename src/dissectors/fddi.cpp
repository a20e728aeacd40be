// FDDI (ANSI X3.139 MAC frames) on LINKTYPE_FDDI, as tshark 4.0's packet-fddi.c shows them:
// the frame control byte with its class/length/format and subtype or priority, then the
// destination and source addresses. Linux's libpcap hands FDDI addresses over in the wire's
// bit order (least significant bit first in each byte), so Wireshark maps the link type to
// its "bit-swapped" encapsulation and reverses each byte's bits before showing them. Asynchronous LLC
// frames go to LLC; every other frame type (SMT, MAC, tokens) is shown as data.
#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/value_strings.h"
#include "dissectors/llc.h"

namespace netsift {

namespace {

constexpr size_t kHeaderLen = 13;

// Frame control (ANSI X3.139 section 7.3.3): class, length and format in the high nibble.
constexpr uint8_t kClassMask = 0xf0, kControlMask = 0x0f;
constexpr uint8_t kVoid = 0x00, kNonrestrictedToken = 0x80, kRestrictedToken = 0xc0;
constexpr uint8_t kSmt = 0x40, kSmtInfo = 0x41, kSmtNextStation = 0x4f;
constexpr uint8_t kMac = 0xc0, kMacBeacon = 0xc2, kMacClaim = 0xc3;
constexpr uint8_t kLlcAsync = 0x50, kLlcSync = 0xd0, kImplementorAsync = 0x60,
                  kImplementorSync = 0xe0;
constexpr uint8_t kAsyncReserved = 0x08, kAsyncPriority = 0x07;

FieldId proto, fc, fc_clf, fc_prio, fc_smt_subtype, fc_mac_subtype, dst, src, addr;

constexpr ValueName kClasses[] = {
    {kVoid >> 4, "Void"},
    {kSmt >> 4, "SMT"},
    {kLlcAsync >> 4, "Async LLC"},
    {kImplementorAsync >> 4, "Implementor Async"},
    {kNonrestrictedToken >> 4, "Nonrestricted Token"},
    {kMac >> 4, "MAC"},
    {kLlcSync >> 4, "Sync LLC"},
    {kImplementorSync >> 4, "Implementor Sync"},
};
constexpr ValueName kSmtSubtypes[] = {{kSmtInfo & kControlMask, "Info"},
                                      {kSmtNextStation & kControlMask, "Next Station Address"}};
constexpr ValueName kMacSubtypes[] = {{kMacBeacon & kControlMask, "Beacon"},
                                      {kMacClaim & kControlMask, "Claim"}};

using FT = FieldType;
const FieldReg kFields[] = {
    {&fc, {.name = "Frame Control", .abbrev = "fddi.fc", .type = FT::kUint8, .base = Base::kHex}},
    {&fc_clf,
     {.name = "Class/Length/Format",
      .abbrev = "fddi.fc.clf",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kClasses,
      .bitmask = kClassMask}},
    {&fc_prio,
     {.name = "Priority",
      .abbrev = "fddi.fc.prio",
      .type = FT::kUint8,
      .base = Base::kDec,
      .bitmask = kAsyncPriority}},
    {&fc_smt_subtype,
     {.name = "SMT Subtype",
      .abbrev = "fddi.fc.smt_subtype",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kSmtSubtypes,
      .bitmask = kControlMask}},
    {&fc_mac_subtype,
     {.name = "MAC Subtype",
      .abbrev = "fddi.fc.mac_subtype",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kMacSubtypes,
      .bitmask = kControlMask}},
    {&dst,
     {.name = "Destination",
      .abbrev = "fddi.dst",
      .type = FT::kEther,
      .blurb = "Destination Hardware Address"}},
    {&src, {.name = "Source", .abbrev = "fddi.src", .type = FT::kEther}},
    {&addr,
     {.name = "Source or Destination Address",
      .abbrev = "fddi.addr",
      .type = FT::kEther,
      .blurb = "Source or Destination Hardware Address"}},
};

// The frame control byte in words, as the Info column and the protocol item show it.
void append_fc_text(std::string& out, uint8_t v) {
  switch (v) {
    case kVoid:
      return out.append("Void frame"), void();
    case kNonrestrictedToken:
      return out.append("Nonrestricted token"), void();
    case kRestrictedToken:
      return out.append("Restricted token"), void();
    case kSmtInfo:
      return out.append("SMT info"), void();
    case kSmtNextStation:
      return out.append("SMT Next station address"), void();
    case kMacBeacon:
      return out.append("MAC beacon"), void();
    case kMacClaim:
      return out.append("MAC claim token"), void();
  }
  unsigned control = v & kControlMask;
  switch (v & kClassMask) {
    case kMac:
      return append_format(out, "MAC frame, control {:x}", control);
    case kSmt:
      return append_format(out, "SMT frame, control {:x}", control);
    case kLlcAsync:
      if (v & kAsyncReserved) return append_format(out, "Async LLC frame, control {:x}", control);
      return append_format(out, "Async LLC frame, priority {}", v & kAsyncPriority);
    case kLlcSync:
      if (control) return append_format(out, "Sync LLC frame, control {:x}", control);
      return out.append("Sync LLC frame"), void();
    case kImplementorAsync:
      return append_format(out, "Implementor async frame, control {:x}", control);
    case kImplementorSync:
      return append_format(out, "Implementor sync frame, control {:x}", control);
    default:
      return out.append("Unknown frame type"), void();
  }
}

uint8_t reverse_bits(uint8_t b) {
  b = static_cast<uint8_t>((b & 0xf0) >> 4 | (b & 0x0f) << 4);
  b = static_cast<uint8_t>((b & 0xcc) >> 2 | (b & 0x33) << 2);
  return static_cast<uint8_t>((b & 0xaa) >> 1 | (b & 0x55) << 1);
}

// An address item, bit-reversed into the packet arena, and fddi.addr (hidden). tshark adds
// both again, hidden, "just in case" as the bit-swapped form, which for this link type is
// the form already shown: every FDDI address field appears twice.
const uint8_t* add_address(Packet& pkt, int tree, FieldId f, const ByteReader& r, size_t off) {
  const uint8_t* raw = r.ptr(off, 6);
  char swapped[6];
  for (int i = 0; i < 6; ++i) swapped[i] = static_cast<char>(reverse_bits(raw[i]));
  const uint8_t* p = reinterpret_cast<const uint8_t*>(pkt.arena.copy({swapped, 6}).data());
  Value v = Value::of_bytes(p, 6);
  pkt.tree.add(tree, f, r, off, 6, v);
  pkt.tree.add(tree, addr, r, off, 6, v, kHidden);
  pkt.tree.add(tree, f, r, off, 6, v, kHidden);
  pkt.tree.add(tree, addr, r, off, 6, v, kHidden);
  return p;
}

size_t dissect_fddi(const ByteReader& r, Packet& pkt, int parent) {
  // A layer from the start, as tshark's handle adds it: a frame cut short is this protocol's
  // error.
  pkt.add_layer(proto);
  uint8_t v = r.u8(0);
  std::string text;
  append_fc_text(text, v);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("FDDI");
    pkt.cols.set_info(text);
  }
  int tree = pkt.tree.add(parent, proto, r, 0, kHeaderLen, Value{});
  int n = pkt.add_item(tree, fc, r, 0, 1);
  if (pkt.labels) {
    std::string label;
    append_format(label, "Fiber Distributed Data Interface, {}", text);
    pkt.set_label(tree, label);
    label.clear();
    append_format(label, "Frame Control: 0x{:02x} ({})", v, text);
    pkt.set_label(n, label);
  }
  pkt.add_item(n, fc_clf, r, 0, 1);
  switch (v & kClassMask) {
    case kSmt:
      pkt.add_item(n, fc_smt_subtype, r, 0, 1);
      break;
    case kMac:
      if (v != kRestrictedToken) pkt.add_item(n, fc_mac_subtype, r, 0, 1);
      break;
    case kLlcAsync:
      if (!(v & kAsyncReserved)) pkt.add_item(n, fc_prio, r, 0, 1);
      break;
  }
  const uint8_t* d = add_address(pkt, tree, dst, r, 1);
  const uint8_t* s = add_address(pkt, tree, src, r, 7);
  pkt.set_dl_addresses(Address::ether(s), Address::ether(d));
  ByteReader payload = r.sub(kHeaderLen);
  if ((v & kClassMask) == kLlcAsync)
    dissect_llc(payload, pkt, parent);
  else
    pkt.call_data(payload, parent);
  return r.reported_size();
}

}  // namespace

void register_fddi() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Fiber Distributed Data Interface", "FDDI", "fddi"});
  reg.add_fields(proto, kFields);
  tables::linktype().add(kLinkFddi, dissect_fddi, "fddi");
}

}  // namespace netsift
