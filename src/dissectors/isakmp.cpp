// ISAKMP / IKE (RFC 2408 and 2409 for IKEv1, RFC 7296 for IKEv2) on UDP and TCP port 500 and,
// after the non-ESP marker, UDP 4500 (dissectors/esp.cpp's UDP encapsulation): the fixed header,
// the Info column tshark 4.0 writes, and the chain of payloads (payload bodies in isakmp_sa.cpp and
// isakmp_payloads.cpp). Without keys an IKEv1 message with the encryption flag is shown as
// encrypted data, and an IKEv2 Encrypted (SK) payload as its IV and encrypted data.
#include "dissectors/isakmp.h"

#include <fmt/format.h>

#include "core/dissector_bug.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/protocol_state.h"
#include "core/text_format.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"

namespace netsift {

namespace isakmp {

using namespace isakmp_fields;

namespace {

FieldId proto;

constexpr size_t kHeaderSize = 28;
constexpr uint8_t kFlagEncrypted = 0x01;  // IKEv1
constexpr uint8_t kFlagInitiator = 0x08;  // IKEv2
constexpr uint8_t kFlagHigherVersion = 0x10;

// IKEv2's flags label: "Flags: 0x08 (Initiator, No higher version, Request)".
std::string v2_flags_label(uint8_t flags) {
  return fmt::format("Flags: 0x{:02x} ({}, {}, {})", flags,
                     flags & kFlagInitiator ? "Initiator" : "Responder",
                     flags & kFlagHigherVersion ? "A higher version enabled" : "No higher version",
                     flags & kFlagResponse ? "Response" : "Request");
}

void add_header(Message& m, const ByteReader& r, int top, uint8_t flags) {
  Packet& pkt = m.pkt;
  pkt.add_item(top, ispi, r, 0, 8);
  pkt.add_item(top, rspi, r, 8, 8);
  pkt.add_item(top, nextpayload, r, 16, 1);
  int ver = pkt.add_item(top, version, r, 17, 1);
  pkt.set_label(ver, fmt::format("Version: {}.{}", r.u8(17) >> 4, r.u8(17) & 0xf));
  pkt.add_item(ver, mjver, r, 17, 1);
  pkt.add_item(ver, mnver, r, 17, 1);
  if (m.version == 1 || m.version == 2) pkt.add_item(top, exchangetype, r, 18, 1);
  int fl = pkt.add_item(top, isakmp_fields::flags, r, 19, 1);
  if (m.version == 1) {
    for (FieldId f : {flag_e, flag_c, flag_a}) pkt.add_item(fl, f, r, 19, 1);
  } else if (m.version == 2) {
    pkt.set_label(fl, v2_flags_label(flags));
    for (FieldId f : {flag_i, flag_v, flag_r}) pkt.add_item(fl, f, r, 19, 1);
  }
  pkt.add_item(top, messageid, r, 20, 4);
  // tshark makes sure the body's length in bytes is there from the Length field on (not from
  // the body): a message longer than the datagram is malformed before its Length item.
  r.need(24, r.u32(24) - kHeaderSize);
  pkt.add_item(top, length, r, 24, 4);
}

void set_info(Message& m, const ByteReader& r, uint8_t flags) {
  Packet& pkt = m.pkt;
  if (!pkt.cols.enabled || (m.version != 1 && m.version != 2)) return;
  uint8_t exchange = r.u8(18);
  std::string info = value_text(exchangetype, exchange, "Unknown ");
  if (m.version == 2)
    info += fmt::format(" MID={:02} {} {}", r.u32(20),
                        flags & kFlagInitiator ? "Initiator" : "Responder",
                        flags & kFlagResponse ? "Response" : "Request");
  pkt.cols.set_info(info);
}

}  // namespace

std::string value_text(FieldId f, uint64_t v, const char* unknown) {
  if (const char* n = value_name(registry().info(f).def, v)) return n;
  std::string u = unknown;
  if (!u.empty() && u.back() == ' ') u += std::to_string(v);
  return u;
}

std::string named_label(FieldId f, uint64_t v) {
  return fmt::format("{}: {} ({})", registry().info(f).def.name, value_text(f, v), v);
}

void append_label(Packet& pkt, int n, const std::string& suffix) {
  if (!pkt.labels) return;
  std::string text;
  if (const char* old = pkt.tree[n].label) {
    text = old;
  } else {  // the item's own text first: "Name", "Name: 200" or, for bytes, "Name: 0a000001"
    FieldId f = pkt.tree[n].field;
    const FieldDef& d = registry().info(f).def;
    if (is_unsigned(d.type)) {
      uint64_t v = pkt.tree[n].value.u;
      text = value_name(d, v) ? named_label(f, v) : fmt::format("{}: {}", d.name, v);
    } else {
      text = d.name;
      if (d.type == FieldType::kBytes) {
        text += ": ";
        append_bytes_label(text, d, pkt.tree[n].value);
      }
    }
  }
  text += suffix;
  cut_appended_label(text);
  pkt.set_label(n, text);
}

// tshark raises its per-packet dissection depth twice for each payload it dissects (and never
// lowers it), and asserts the depth stays below gui.max_tree_depth (500): its 250th payload in
// a packet, counting proposals, transforms and decrypted payloads, ends in a dissector bug.
namespace {

struct PayloadDepth {
  int depth = 0;
};

void deepen(Packet& pkt) {
  constexpr int kMaxTreeDepth = 500;
  if (++pkt.scratch<PayloadDepth>().depth >= kMaxTreeDepth)
    throw DissectorBug{"ISAKMP",
                       "./epan/packet.c:3798: failed assertion \"pinfo->dissection_depth < "
                       "(int)prefs.gui_max_tree_depth\""};
}

}  // namespace

// One generic payload header (RFC 2408 §3.2, RFC 7296 §3.2) and its body.
void dissect_payloads(Message& m, const ByteReader& r, size_t off, size_t len, uint8_t first,
                      int parent, uint32_t proposal_protocol) {
  Packet& pkt = m.pkt;
  uint8_t type = first;
  while (len > 0) {
    // Within an SA every payload is taken for a proposal, within a proposal for a transform,
    // whatever the next-payload fields say (as tshark does).
    if (first == kProposal || first == kTransform) type = first;
    if (type == kNone) {
      pkt.add_item(parent, extradata, r, off, len);
      return;
    }
    if (len < 4) {
      add_expert_text(pkt, parent, payloadlength_invalid, r, off, len,
                      "Not enough room in payload for all transforms", kExpertError,
                      kGroupMalformed);
      return;
    }
    uint8_t next = r.u8(off);
    uint16_t plen = r.u16(off + 2);
    int node = pkt.add_uint(parent, typepayload, r, off, plen < 4 ? 4 : plen, type);
    pkt.set_label(node, fmt::format("Payload: {} ({})", value_text(typepayload, type), type));
    pkt.add_item(node, nextpayload, r, off, 1);
    // The critical bit is IKEv2's, not its proposals' and transforms'; other major versions
    // get no item for the octet.
    if (m.version == 1 || type == kProposal || type == kTransform) {
      pkt.add_item(node, reserved, r, off + 1, 1);
    } else if (m.version == 2) {
      pkt.add_item(node, criticalpayload, r, off + 1, 1);
      pkt.add_item(node, reserved7, r, off + 1, 1);
    }
    pkt.add_item(node, payloadlength, r, off + 2, 2);
    if (plen < 4) {  // tshark notes it and takes the payload for a bare header
      add_expert_text(pkt, node, payloadlength_invalid, *m.msg, 0, 0,
                      fmt::format("Payload (bogus, length is {}, must be at least 4)", plen),
                      kExpertError, kGroupMalformed);
      type = next;
      off += 4;
      len = len > 4 ? len - 4 : 0;
      continue;
    }
    deepen(pkt);
    // The body's bytes must be there; like tshark, its dissection may read on past its length
    // (into the next payload) when its own fields say so.
    r.need(off + 4, plen - 4);
    ByteReader body = r.sub(off + 4);
    size_t body_len = plen - 4u;
    m.next_payload = next;
    switch (type) {
      case kSa:
      case kSa2:
        dissect_sa(m, body, 0, body_len, node);
        break;
      case kProposal:
        dissect_proposal(m, body, 0, body_len, node);
        break;
      case kTransform:
        dissect_transform(m, body, 0, body_len, node, proposal_protocol);
        break;
      case kNotify:
      case kNotify2:
        dissect_notify(m, body, 0, body_len, node);
        break;
      case kVendorId:
      case kVendorId2:
        dissect_vendor_id(m, body, 0, body_len, node);
        break;
      default:
        dissect_other_payload(m, type, body, 0, body_len, node);
        break;
    }
    deepen(pkt);
    // A payload longer than what is left is dissected to its length; nothing follows it.
    if (plen >= len) return;
    type = next;
    off += plen;
    len -= plen;
  }
}

}  // namespace isakmp

using namespace isakmp_fields;

namespace isakmp {

size_t dissect_message(const ByteReader& r, Packet& pkt, int parent, bool own_layer) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("ISAKMP");
    pkt.cols.set_info("");
  }
  // tshark's checks that this can be ISAKMP, made after it has set the columns: a rejected
  // payload goes on to the data dissector.
  size_t size = r.reported_size();
  if ((size == 1 && r.u8(0) != 0xff) || (size != 1 && (size < isakmp::kHeaderSize ||
                                                        r.u32(24) < isakmp::kHeaderSize)))
    return 0;
  int top = own_layer ? pkt.add_protocol(parent, isakmp::proto, r, 0, r.reported_size())
                      : pkt.tree.add(parent, isakmp::proto, r, 0, r.reported_size(), Value{});
  if (r.reported_size() == 1 && r.u8(0) == 0xff) {  // RFC 3948 §2.3 NAT-keepalive
    if (pkt.cols.enabled) pkt.cols.set_info("NAT Keepalive");
    pkt.add_item(top, ike_nat_keepalive, r, 0, 1);
    return 1;
  }
  uint8_t flags = r.u8(19);
  isakmp::Message m{pkt, r.u8(17) >> 4, &r};
  if (m.version == 1) m.v1 = &isakmp::v1_state(pkt, r.ptr(0, 8));
  isakmp::set_info(m, r, flags);
  isakmp::add_header(m, r, top, flags);
  uint32_t len = r.u32(24);
  size_t body = len - isakmp::kHeaderSize;
  if (m.version == 1 && (flags & isakmp::kFlagEncrypted)) {
    if (body) {
      int n = pkt.tree.add(top, enc_data, r, isakmp::kHeaderSize, body, Value{});
      pkt.set_label(n, fmt::format("Encrypted Data ({} byte{})", body, body == 1 ? "" : "s"));
      isakmp::dissect_v1_decrypted(m, r, isakmp::kHeaderSize, body, n);
    }
  } else {  // tshark reads the payloads of every major version (bodies: IKEv1's and IKEv2's)
    isakmp::dissect_payloads(m, r, isakmp::kHeaderSize, body, r.u8(16), top);
  }
  return r.reported_size();
}

}  // namespace isakmp

size_t dissect_isakmp(const ByteReader& r, Packet& pkt, int parent) {
  return isakmp::dissect_message(r, pkt, parent, true);
}

void register_isakmp() {
  auto& reg = registry();
  isakmp::proto = reg.add_protocol(
      {"Internet Security Association and Key Management Protocol", "ISAKMP", "isakmp"});
  isakmp_fields::register_fields(isakmp::proto);
  register_protocol_state<isakmp::Ikev2Keys>(StateScope::kCapture);
  register_protocol_state<isakmp::Ikev1Keys>(StateScope::kCapture);
  register_protocol_state<isakmp::PayloadDepth>(StateScope::kPacket);
  isakmp::register_isakmp_fragment_state();
  tables::udp_port().add(500, dissect_isakmp, "isakmp");
  // tshark 4.0 also registers TCP port 500, each segment's payload taken as one message (no
  // RFC 8229 framing: IKE over TCP port 4500 is left to TCP).
  tables::tcp_port().add(500, dissect_isakmp, "isakmp");
}

}  // namespace netsift
