// IEEE 802.5 Token Ring on LINKTYPE_IEEE802_5, as tshark 4.0's packet-tr.c shows it (with its
// "fix Linux botches" preference off, the default): access control and frame control bit
// fields, the addresses, and for source-routed frames (the source address's top bit set) the
// routing control field and its ring-bridge pairs. LLC frames go to LLC; MAC frames (tshark's
// trmac) and reserved frame types are shown as data.
#include <cstring>

#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/llc.h"

namespace netsift {

namespace {

constexpr size_t kMinHeaderLen = 14;
constexpr uint8_t kSourceRouted = 0x80;  // in the source address's first byte
constexpr uint8_t kRifLengthMask = 0x1f, kBroadcastMask = 0xe0;
constexpr uint8_t kMaxFrameMask = 0x70, kDirectionMask = 0x80;
constexpr size_t kRifOffset = 16;         // the first ring number, after the routing control
constexpr size_t kRifBytesToProcess = 30;  // 802.5's longest routing field
enum FrameType : uint8_t { kMacFrame = 0, kLlcFrame = 1 };

FieldId proto, ac, priority, frame, monitor_cnt, priority_reservation, fc, frame_type, frame_pcf,
    dst, src, addr, sr, rif_bytes, broadcast, max_frame_size, direction, rif, rif_ring, rif_bridge,
    rif_extra;

constexpr TrueFalse kAcText{"Frame", "Token"};
constexpr ValueName kPcfNames[] = {{0, "Normal buffer"},
                                   {1, "Express buffer"},
                                   {2, "Purge"},
                                   {3, "Claim Token"},
                                   {4, "Beacon"},
                                   {5, "Active Monitor Present"},
                                   {6, "Standby Monitor Present"}};
constexpr ValueName kFrameTypes[] = {{0, "MAC"}, {1, "LLC"}, {2, "Reserved"}};
constexpr ValueName kBroadcastTypes[] = {
    {0 << 5, "Non-broadcast"},        {1 << 5, "Non-broadcast"},
    {2 << 5, "Non-broadcast"},        {3 << 5, "Non-broadcast"},
    {4 << 5, "All-routes broadcast"}, {5 << 5, "All-routes broadcast"},
    {6 << 5, "Single-route broadcast"}, {7 << 5, "Single-route broadcast"}};
constexpr ValueName kMaxFrameSizes[] = {{0 << 4, "516"},   {1 << 4, "1500"},  {2 << 4, "2052"},
                                        {3 << 4, "4472"},  {4 << 4, "8144"},  {5 << 4, "11407"},
                                        {6 << 4, "17800"}, {7 << 4, "65535"}};
constexpr ValueName kDirections[] = {{0, "From originating station (-->)"},
                                     {128, "To originating station (<--)"}};

using FT = FieldType;
const FieldReg kFields[] = {
    {&ac, {.name = "Access Control", .abbrev = "tr.ac", .type = FT::kUint8, .base = Base::kHex}},
    {&priority,
     {.name = "Priority",
      .abbrev = "tr.priority",
      .type = FT::kUint8,
      .base = Base::kDec,
      .bitmask = 0xe0}},
    {&frame,
     {.name = "Frame",
      .abbrev = "tr.frame",
      .type = FT::kBoolean,
      .bitmask = 0x10,
      .tf = &kAcText,
      .bits = 8}},
    {&monitor_cnt,
     {.name = "Monitor Count",
      .abbrev = "tr.monitor_cnt",
      .type = FT::kUint8,
      .base = Base::kDec,
      .bitmask = 0x08}},
    {&priority_reservation,
     {.name = "Priority Reservation",
      .abbrev = "tr.priority_reservation",
      .type = FT::kUint8,
      .base = Base::kDec,
      .bitmask = 0x07}},
    {&fc, {.name = "Frame Control", .abbrev = "tr.fc", .type = FT::kUint8, .base = Base::kHex}},
    {&frame_type,
     {.name = "Frame Type",
      .abbrev = "tr.frame_type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kFrameTypes,
      .bitmask = 0xc0}},
    {&frame_pcf,
     {.name = "Frame PCF",
      .abbrev = "tr.frame_pcf",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kPcfNames,
      .bitmask = 0x0f}},
    {&dst,
     {.name = "Destination",
      .abbrev = "tr.dst",
      .type = FT::kEther,
      .blurb = "Destination Hardware Address"}},
    {&src,
     {.name = "Source", .abbrev = "tr.src", .type = FT::kEther, .blurb = "Source Hardware Address"}},
    {&addr,
     {.name = "Source or Destination Address",
      .abbrev = "tr.addr",
      .type = FT::kEther,
      .blurb = "Source or Destination Hardware Address"}},
    {&sr, {.name = "Source Routed", .abbrev = "tr.sr", .type = FT::kBoolean}},
    {&rif_bytes,
     {.name = "RIF Bytes",
      .abbrev = "tr.rif_bytes",
      .type = FT::kUint8,
      .base = Base::kDec,
      .blurb = "Number of bytes in Routing Information Fields, including the two bytes of "
               "Routing Control Field"}},
    {&broadcast,
     {.name = "Broadcast Type",
      .abbrev = "tr.broadcast",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kBroadcastTypes,
      .blurb = "Type of Token-Ring Broadcast"}},
    {&max_frame_size,
     {.name = "Maximum Frame Size",
      .abbrev = "tr.max_frame_size",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kMaxFrameSizes}},
    {&direction,
     {.name = "Direction",
      .abbrev = "tr.direction",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kDirections,
      .blurb = "Direction of RIF"}},
    {&rif,
     {.name = "Ring-Bridge Pairs",
      .abbrev = "tr.rif",
      .type = FT::kString,
      .blurb = "String representing Ring-Bridge Pairs"}},
    {&rif_ring,
     {.name = "RIF Ring", .abbrev = "tr.rif.ring", .type = FT::kUint16, .base = Base::kHex}},
    {&rif_bridge,
     {.name = "RIF Bridge", .abbrev = "tr.rif.bridge", .type = FT::kUint8, .base = Base::kHex}},
    {&rif_extra,
     {.name = "Extra RIF bytes beyond spec", .abbrev = "tr.rif.extra", .type = FT::kBytes}},
};

// A bit-field byte with its fields below it, its label as proto_tree_add_bitmask writes it.
void add_bitfield(Packet& pkt, int tree, FieldId f, const char* name, const ByteReader& r,
                  size_t off, std::initializer_list<FieldId> fields) {
  int n = pkt.add_item(tree, f, r, off, 1);
  for (FieldId b : fields) pkt.add_item(n, b, r, off, 1);
  if (!pkt.labels) return;
  std::string label;
  append_format(label, "{}: 0x{:02x}", name, r.u8(off));
  append_bitmask_title(label, r.u8(off), fields);
  pkt.set_label(n, label);
}

// The routing information field after the two control bytes: ring numbers (12 bits) with the
// bridge number (4 bits) between each pair, as "RRR-B-RRR-..."; hidden items for each ring
// and bridge. Bytes past 802.5's 30 are "extra".
void add_ring_bridge_pairs(Packet& pkt, int tree, const ByteReader& r, size_t rif_len) {
  size_t processed = rif_len < kRifBytesToProcess ? rif_len : kRifBytesToProcess;
  size_t pairs_len = processed - 2;
  std::string text;
  for (size_t j = 1; j + 1 < pairs_len; j += 2) {
    if (j == 1) {
      unsigned ring = r.u16(kRifOffset) >> 4;
      append_format(text, "{:03X}", ring);
      pkt.tree.add(tree, rif_ring, r, kMinHeaderLen + 2, 2, Value::of_uint(ring), kHidden);
    }
    unsigned ring = r.u16(kRifOffset + 1 + j) >> 4;
    unsigned bridge = r.u8(kRifOffset + j) & 0x0f;
    append_format(text, "-{:01X}-{:03X}", bridge, ring);
    pkt.tree.add(tree, rif_ring, r, kMinHeaderLen + 3 + j, 2, Value::of_uint(ring), kHidden);
    pkt.tree.add(tree, rif_bridge, r, kMinHeaderLen + 2 + j, 1, Value::of_uint(bridge), kHidden);
  }
  std::string_view copy = pkt.arena.copy(text);
  pkt.tree.add(tree, rif, r, kMinHeaderLen + 2, pairs_len,
               Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()));
  if (rif_len > kRifBytesToProcess)
    pkt.add_item(tree, rif_extra, r, kMinHeaderLen + kRifBytesToProcess,
                 rif_len - kRifBytesToProcess);
}

size_t dissect_token_ring(const ByteReader& r, Packet& pkt, int parent) {
  // A layer from the start, as tshark's handle adds it: a frame cut short is this protocol's
  // error.
  pkt.add_layer(proto);
  if (pkt.cols.enabled) pkt.cols.set_protocol("TR");
  uint8_t fc_byte = r.u8(1);
  const uint8_t* d = r.ptr(2, 6);
  const uint8_t* s = r.ptr(8, 6);
  bool routed = s[0] & kSourceRouted;
  unsigned type = fc_byte >> 6;
  if (pkt.cols.enabled) {
    constexpr const char* kTypeNames[] = {"MAC", "LLC", "Reserved", "Unknown"};
    std::string info = "Token-Ring ";
    info += kTypeNames[type];
    pkt.cols.set_info(info);
  }
  uint8_t rif_len = routed ? r.u8(14) & kRifLengthMask : 0;
  // The source address without the routing bit is the station's.
  uint8_t station[6];
  std::memcpy(station, s, 6);
  station[0] &= static_cast<uint8_t>(~kSourceRouted);
  pkt.set_dl_addresses(Address::ether(station), Address::ether(d));

  int tree = pkt.tree.add(parent, proto, r, 0, kMinHeaderLen + rif_len, Value{});
  add_bitfield(pkt, tree, ac, "Access Control", r, 0,
               {priority, frame, monitor_cnt, priority_reservation});
  add_bitfield(pkt, tree, fc, "Frame Control", r, 1, {frame_type, frame_pcf});
  pkt.add_item(tree, dst, r, 2, 6);
  pkt.add_item(tree, src, r, 8, 6);
  pkt.tree.add(tree, addr, r, 2, 6, Value::of_bytes(d, 6), kHidden);
  pkt.tree.add(tree, addr, r, 8, 6, Value::of_bytes(s, 6), kHidden);
  pkt.add_uint(tree, sr, r, 8, 1, routed);
  const uint8_t* copy = reinterpret_cast<const uint8_t*>(
      pkt.arena.copy({reinterpret_cast<const char*>(station), 6}).data());
  pkt.tree.add(tree, src, r, 8, 6, Value::of_bytes(copy, 6), kHidden);
  if (routed) {
    uint8_t rcf1 = r.u8(14), rcf2 = r.u8(15);
    pkt.add_uint(tree, rif_bytes, r, 14, 1, rif_len);
    pkt.add_uint(tree, broadcast, r, 14, 1, rcf1 & kBroadcastMask);
    pkt.add_uint(tree, max_frame_size, r, 15, 1, rcf2 & kMaxFrameMask);
    pkt.add_uint(tree, direction, r, 15, 1, rcf2 & kDirectionMask);
    if (rif_len > 2) add_ring_bridge_pairs(pkt, tree, r, rif_len);
  }
  ByteReader payload = r.sub(kMinHeaderLen + rif_len);
  if (type == kLlcFrame)
    dissect_llc(payload, pkt, parent);
  else
    pkt.call_data(payload, parent);
  return r.reported_size();
}

}  // namespace

void register_token_ring() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Token-Ring", "Token-Ring", "tr"});
  reg.add_fields(proto, kFields);
  tables::linktype().add(kLinkTokenRing, dissect_token_ring, "tr");
}

}  // namespace netsift
