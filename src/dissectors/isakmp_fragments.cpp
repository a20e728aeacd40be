// The IKEv2 Encrypted and Authenticated Fragment payload (RFC 7383) as tshark 4.0 shows it:
// Fragment Number and Total Fragments (checked, and appended to the Info column); with the IKE
// SA's keys each fragment decrypted, its content (padding removed) collected per addresses and
// Message ID (analysis/ikev2_fragments), and in the frame that completes the message the
// fragment list (repeated, conflicting, extra and second last fragments flagged, the Info
// column "[Illegal Message fragments]" then) and the message's payloads, dissected from the
// reassembled bytes. The first payload's type travels in the first fragment's next-payload
// field: like tshark, the UDP conversation remembers it from fragment 1 for the fragment
// numbered Total Fragments, so a message completed by another fragment is listed but not
// dissected. Also Cisco's IKEv1 fragmentation payload: its fragments reassembled the same way
// and the message dissected when the last one completes it.
#include <fmt/format.h>

#include <cstring>

#include "analysis/ikev2_fragments.h"
#include "core/conversation.h"
#include "core/expert.h"
#include "core/protocol_state.h"
#include "core/session.h"
#include "dissectors/ip.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"

namespace netsift::isakmp {

using namespace isakmp_fields;

namespace {

// The run's fragments of messages not yet complete.
struct Ikev2FragmentState {
  Ikev2Fragments fragments;
};

// Cisco's IKEv1 fragments, in a table of their own (tshark's isakmp_cisco_reassembly_table),
// reassembled by the same rules.
struct CiscoFragmentState {
  Ikev2Fragments fragments;
};

// What the conversation's latest first fragment said (tshark keeps one per conversation).
struct FirstFragment {
  bool seen = false;
  uint32_t message_id = 0;
  uint8_t next_payload = kNone;
};

const FragmentFields& fragment_fields() {
  static const FragmentFields f{"Message fragments",
                                fragments,
                                fragment,
                                fragment_error,
                                fragment_overlap,
                                fragment_overlap_conflicts,
                                fragment_too_long_fragment,
                                fragment_count,
                                reassembled_length,
                                kNoField,
                                reassembled_in,
                                fragment_multiple_tails};
  return f;
}

void bad_numbering(Packet& pkt, int node, const ByteReader& r, const std::string& text) {
  add_expert_text(pkt, node, fragment_number_invalid, r, 0, 0, text, kExpertError, kGroupMalformed);
}

}  // namespace

void register_isakmp_fragment_state() {
  register_protocol_state<Ikev2FragmentState>(StateScope::kCapture);
  register_protocol_state<CiscoFragmentState>(StateScope::kCapture);
  register_protocol_state<FirstFragment>(StateScope::kConversation);
}

void dissect_encrypted_fragment(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  uint16_t number = r.u16(off);
  uint16_t total = r.u16(off + 2);
  uint32_t message_id = m.msg->u32(20);
  pkt.add_item(node, frag_number, r, off, 2);
  if (number == 0)
    bad_numbering(pkt, node, *m.msg, "Fragment number must not be zero");
  else if (number > total)
    bad_numbering(pkt, node, *m.msg,
                  fmt::format("Fragment number ({}) must not be greater than total fragments ({})",
                              number, total));
  FirstFragment* first = pkt.conversation ? &pkt.conversation->state<FirstFragment>() : nullptr;
  if (first && number == 1) *first = {true, message_id, m.next_payload};
  pkt.add_item(node, frag_total, r, off + 2, 2);
  if (total == 0) bad_numbering(pkt, node, *m.msg, "Total fragments must not be zero");
  if (pkt.cols.enabled) pkt.cols.append_info(fmt::format(" (fragment {}/{})", number, total));

  // The message's first payload type, known at its last fragment from its first one.
  std::optional<uint8_t> message_first;
  if (number == total && first && first->seen && first->message_id == message_id)
    message_first = first->next_payload;

  const Ikev2Sa* sa = ikev2_sa(m);
  if (!sa) return;
  std::optional<DecryptedSk> dec = decrypt_sk(m, *sa, r, off + 4, end, node, true);
  if (!dec || !dec->plaintext) return;
  Ikev2FragmentKey key{pkt.src, pkt.dst, message_id};
  std::optional<Ikev2ReassembledMessage> whole =
      pkt.session->state<Ikev2FragmentState>().fragments.add(
          key, pkt.number, number, total, {dec->data.ptr(0, dec->inner), dec->inner});
  if (!whole) {
    add_reassembled_in(pkt, node, fragment_fields(), false);
    return;
  }
  size_t n = whole->data.size();
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n ? n : 1, 1));
  if (n) std::memcpy(copy, whole->data.data(), n);
  pkt.sources.push_back(DataSource{"Reassembled IKE2 ISAKMP", copy, static_cast<uint32_t>(n)});
  ByteReader d(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
  ReassembledDatagram dg{copy, static_cast<uint32_t>(n), whole->fragments};
  add_fragment_tree(pkt, node, dg, d, fragment_fields());
  // tshark replaces the Info column when the fragments disagree.
  if (whole->illegal && pkt.cols.enabled)
    pkt.cols.set_info(std::string("[Illegal ") + fragment_fields().tag + "]");
  // tshark dissects the payloads only when it knows the first one's type (not NONE).
  if (!message_first || *message_first == kNone) return;
  if (pkt.cols.enabled) pkt.cols.append_info(" (reassembled)");
  Message inner{pkt, m.version, m.msg};
  dissect_payloads(inner, d, 0, n, *message_first, node);
}

void dissect_cisco_fragment(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  if (len < 4) return;
  pkt.add_item(node, frag_packetid, r, off, 2);
  uint8_t seq = r.u8(off + 2);
  pkt.add_item(node, frag_seq, r, off + 2, 1);
  bool last = r.u8(off + 3);
  pkt.add_item(node, frag_last, r, off + 3, 1);
  off += 4;
  len -= 4;
  bool fragmented = pkt.fragmented;  // an exception in here is an unreassembled fragment's
  pkt.fragmented = true;
  // tshark files every message's fragments under one id (12345, its FIXME) per addresses.
  constexpr uint32_t kOneId = 12345;
  std::optional<Ikev2ReassembledMessage> whole;
  if (r.has(off, len))  // (a fragment cut short by the capture is not collected)
    whole = pkt.session->state<CiscoFragmentState>().fragments.add(
        {pkt.src, pkt.dst, kOneId}, pkt.number, seq, last ? seq : seq + 1, {r.ptr(off, len), len});
  if (!whole) {
    add_reassembled_in(pkt, node, fragment_fields(), false);  // -2: the frame that completes it
  } else {
    size_t n = whole->data.size();
    auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n ? n : 1, 1));
    if (n) std::memcpy(copy, whole->data.data(), n);
    pkt.sources.push_back(DataSource{"Reassembled ISAKMP", copy, static_cast<uint32_t>(n)});
    ByteReader d(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
    ReassembledDatagram dg{copy, static_cast<uint32_t>(n), whole->fragments};
    add_fragment_tree(pkt, node, dg, d, fragment_fields());
    if (whole->illegal && pkt.cols.enabled)
      pkt.cols.set_info(std::string("[Illegal ") + fragment_fields().tag + "]");
    if (last) dissect_message(d, pkt, node, false);  // tshark calls it directly: no layer
  }
  if (pkt.cols.enabled)
    pkt.cols.append_info(fmt::format(" ({}Message fragment {}{})",
                                     last && whole ? "Reassembled + " : "", seq,
                                     last ? " - last" : ""));
  pkt.fragmented = fragmented;
}

}  // namespace netsift::isakmp
