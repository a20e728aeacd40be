// The EAP-TLS family's framing (RFC 5216 EAP-TLS, RFC 5281 EAP-TTLS, PEAP) as tshark 4.0 shows
// it: the flags (Length included, More fragments, Start, and the version for TTLS and PEAP), the
// optional TLS message length, then the TLS records, handed to TLS in the conversation's TLS
// session. A message sent in fragments is collected as tshark's EAP reassembly does: a first
// fragment (More fragments with a length) starts it in the conversation, every later EAP-TLS
// message with data is its next piece, whatever its direction (pieces are kept per direction,
// so one from the other side never completes it), and the piece without More fragments ends
// it: TLS then reads the "Reassembled EAP-TLS" bytes, with the fragment list. A Start flag or
// an Identity exchange forgets a message in progress.
#include <fmt/format.h>

#include <cstring>
#include <list>
#include <vector>

#include "core/conversation.h"
#include "core/field_registry.h"
#include "core/protocol_state.h"
#include "dissectors/eap_internal.h"
#include "dissectors/ip.h"
#include "dissectors/tls.h"

namespace netsift::eap {

namespace {

FieldId flags, flag_length, flag_more, flag_start, flag_version, tls_length, fragment, fragments,
    fragment_overlap, fragment_overlap_conflict, fragment_multiple_tails, fragment_too_long,
    fragment_error, fragment_count, reassembled_length;

constexpr uint8_t kTtls = 21, kPeap = 25;
constexpr uint8_t kFlagLength = 0x80, kFlagMore = 0x40, kFlagStart = 0x20;

using FT = FieldType;
const FieldReg kFields[] = {
    {&flags,
     {.name = "EAP-TLS Flags", .abbrev = "eap.tls.flags", .type = FT::kUint8, .base = Base::kHex}},
    {&flag_length,
     {.name = "Length Included",
      .abbrev = "eap.tls.flags.len_included",
      .type = FT::kBoolean,
      .bitmask = kFlagLength,
      .bits = 8}},
    {&flag_more,
     {.name = "More Fragments",
      .abbrev = "eap.tls.flags.more_fragments",
      .type = FT::kBoolean,
      .bitmask = kFlagMore,
      .bits = 8}},
    {&flag_start,
     {.name = "Start",
      .abbrev = "eap.tls.flags.start",
      .type = FT::kBoolean,
      .bitmask = kFlagStart,
      .bits = 8}},
    {&flag_version,
     {.name = "Version",
      .abbrev = "eap.tls.flags.version",
      .type = FT::kUint8,
      .base = Base::kDec,
      .bitmask = 0x07}},
    {&tls_length,
     {.name = "EAP-TLS Length", .abbrev = "eap.tls.len", .type = FT::kUint32, .base = Base::kDec}},
    {&fragment, {.name = "EAP-TLS Fragment", .abbrev = "eap.tls.fragment", .type = FT::kFrameNum}},
    {&fragments, {.name = "EAP-TLS Fragments", .abbrev = "eap.tls.fragments", .type = FT::kNone}},
    {&fragment_overlap,
     {.name = "Fragment Overlap", .abbrev = "eap.tls.fragment.overlap", .type = FT::kBoolean}},
    {&fragment_overlap_conflict,
     {.name = "Conflicting Data In Fragment Overlap",
      .abbrev = "eap.tls.fragment.overlap_conflict",
      .type = FT::kBoolean}},
    {&fragment_multiple_tails,
     {.name = "Multiple Tail Fragments Found",
      .abbrev = "eap.tls.fragment.multiple_tails",
      .type = FT::kBoolean}},
    {&fragment_too_long,
     {.name = "Fragment Too Long",
      .abbrev = "eap.tls.fragment.fragment.too_long",
      .type = FT::kBoolean}},
    {&fragment_error,
     {.name = "Defragmentation Error", .abbrev = "eap.tls.fragment.error", .type = FT::kFrameNum}},
    {&fragment_count,
     {.name = "Fragment Count",
      .abbrev = "eap.tls.fragment.count",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&reassembled_length,
     {.name = "Reassembled EAP-TLS Length",
      .abbrev = "eap.tls.reassembled.len",
      .type = FT::kUint32,
      .base = Base::kDec}},
};

const FragmentFields& fragment_fields() {
  static const FragmentFields f{"EAP-TLS Fragments",
                                fragments,
                                fragment,
                                fragment_error,
                                fragment_overlap,
                                fragment_overlap_conflict,
                                fragment_too_long,
                                fragment_count,
                                reassembled_length,
                                kNoField,
                                kNoField,
                                fragment_multiple_tails};
  return f;
}

// The pieces of one direction's message, in sequence order.
struct Pieces {
  Address src, dst;
  uint64_t cookie = 0;  // the frame of the first fragment (tshark's reassembly id)
  std::vector<FragmentRecord> records;
  std::vector<uint8_t> data;
};

// Per conversation: the message being collected (tshark's eap_tls_seq, -1 when none, and its
// reassembly cookie) and each direction's pieces of it (pieces of earlier messages can never
// complete: they are dropped when a new message starts). Bounded: a message in progress holds
// at most 1 MiB (certificate chains are tens of kilobytes), past which it is dropped.
struct EapTlsConversation {
  static constexpr size_t kMaxMessageBytes = 1024 * 1024;
  int seq = -1;
  uint64_t cookie = 0;
  std::list<Pieces> pending;
};

Pieces& pieces_for(EapTlsConversation& conv, const Packet& pkt) {
  for (Pieces& p : conv.pending)
    if (p.cookie == conv.cookie && p.src == pkt.net_src && p.dst == pkt.net_dst) return p;
  Pieces& p = conv.pending.emplace_back();
  p.src = pkt.net_src;
  p.dst = pkt.net_dst;
  p.cookie = conv.cookie;
  return p;
}

// The flags octet at r[off] and its subtree.
void add_flags(Packet& pkt, uint8_t method, const ByteReader& r, size_t off, int parent) {
  int n = pkt.add_item(parent, flags, r, off, 1);
  for (FieldId f : {flag_length, flag_more, flag_start}) pkt.add_item(n, f, r, off, 1);
  if (method == kTtls || method == kPeap) pkt.add_item(n, flag_version, r, off, 1);
}

// Hands `data` to TLS under `parent` (the data dissector when TLS declines it).
void call_tls(Packet& pkt, const ByteReader& data, int parent) {
  if (dissect_tls_carried(data, pkt, parent) == 0) pkt.call_data(data, parent);
}

}  // namespace

void dissect_tls_family(Packet& pkt, uint8_t method, const ByteReader& r, size_t off, size_t size,
                        int parent, bool retransmission) {
  uint8_t flag_bits = r.u8(off);
  add_flags(pkt, method, r, off, parent);
  ++off;
  long left = static_cast<long>(size) - 1;
  if (flag_bits & kFlagLength) {
    pkt.add_item(parent, tls_length, r, off, 4);
    off += 4;
    left -= 4;
  }
  if (!pkt.conversation) return;
  EapTlsConversation& conv = pkt.conversation->state<EapTlsConversation>();
  if (flag_bits & kFlagStart) conv.seq = -1;
  if (left <= 0) return;
  size_t n = static_cast<size_t>(left);
  if (retransmission) {  // tshark keeps no fragment of a repeated message
    pkt.call_data(r.sub(off, n), parent);
    return;
  }
  bool more = flag_bits & kFlagMore;
  if (conv.seq == -1 && !(more && (flag_bits & kFlagLength))) {
    call_tls(pkt, r.sub(off, n), parent);
    return;
  }
  if (conv.seq == -1) {  // a first fragment starts a message
    conv.pending.clear();
    conv.cookie = pkt.number;
    conv.seq = 0;
  } else {
    ++conv.seq;
  }
  Pieces& p = pieces_for(conv, pkt);
  r.need(off, n);
  if (p.data.size() + n > EapTlsConversation::kMaxMessageBytes) {
    conv.pending.remove_if([&](const Pieces& q) { return &q == &p; });
    conv.seq = -1;
    return;
  }
  p.records.push_back(
      FragmentRecord{pkt.number, static_cast<uint32_t>(p.data.size()), static_cast<uint32_t>(n)});
  const uint8_t* bytes = r.ptr(off, n);
  p.data.insert(p.data.end(), bytes, bytes + n);
  // A piece from the other direction joins a message of its own, with a gap tshark's
  // sequence numbers never fill.
  bool complete = !more && p.records.size() == static_cast<size_t>(conv.seq) + 1;
  if (!complete) return;
  conv.seq = -1;
  size_t total = p.data.size();
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(total ? total : 1, 1));
  if (total) std::memcpy(copy, p.data.data(), total);
  std::vector<FragmentRecord> records = std::move(p.records);
  conv.pending.remove_if([&](const Pieces& q) { return &q == &p; });
  pkt.sources.push_back(DataSource{"Reassembled EAP-TLS", copy, static_cast<uint32_t>(total)});
  ByteReader whole(copy, total, total, 0, static_cast<uint16_t>(pkt.sources.size()));
  ReassembledDatagram dg{copy, static_cast<uint32_t>(total), records};
  add_fragment_tree(pkt, parent, dg, whole, fragment_fields());
  call_tls(pkt, whole, parent);
}

void end_tls_reassembly(Packet& pkt) {
  if (pkt.conversation) pkt.conversation->state<EapTlsConversation>().seq = -1;
}

void register_tls_family(FieldId proto) {
  registry().add_fields(proto, kFields);
  register_protocol_state<EapTlsConversation>(StateScope::kConversation);
}

}  // namespace netsift::eap
