// The DTLS fields with tshark 4.0's names: the record layer's epoch and sequence number, the
// handshake's message sequence and fragment fields, the HelloVerifyRequest cookie, fragment
// reassembly; and the dtls.* twin of every TLS field the two protocols share (Wireshark
// registers its common TLS/DTLS list once per protocol), which the shared handshake dissection
// fills through the packet tree's field map while it dissects a DTLS record.
#include <deque>
#include <string>
#include <string_view>

#include "core/field_registry.h"
#include "dissectors/dtls_internal.h"
#include "dissectors/tls_internal.h"

namespace netsift {

namespace tls {
FieldId f_dtls_cookie_length, f_dtls_cookie;
}  // namespace tls

namespace dtls {

FieldId proto_dtls, f_epoch, f_sequence_number, f_message_seq, f_fragment_offset, f_fragment_length,
    f_fragments, f_fragment, f_fragment_count, f_reassembled_in, f_reassembled_length,
    f_fragment_length_zero, f_fragment_length_too_long, f_fragment_past_end, f_msg_len_diff;

namespace {

using FT = FieldType;

const FieldReg kFields[] = {
    {&f_epoch,
     {.name = "Epoch", .abbrev = "dtls.record.epoch", .type = FT::kUint16, .base = Base::kDec}},
    {&f_sequence_number,
     {.name = "Sequence Number",
      .abbrev = "dtls.record.sequence_number",
      .type = FT::kUint64,
      .base = Base::kDec}},
    {&f_message_seq,
     {.name = "Message Sequence",
      .abbrev = "dtls.handshake.message_seq",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Message sequence of handshake message"}},
    {&f_fragment_offset,
     {.name = "Fragment Offset",
      .abbrev = "dtls.handshake.fragment_offset",
      .type = FT::kUint24,
      .base = Base::kDec,
      .blurb = "Fragment offset of handshake message"}},
    {&f_fragment_length,
     {.name = "Fragment Length",
      .abbrev = "dtls.handshake.fragment_length",
      .type = FT::kUint24,
      .base = Base::kDec,
      .blurb = "Fragment length of handshake message"}},
    {&tls::f_dtls_cookie_length,
     {.name = "Cookie Length",
      .abbrev = "dtls.handshake.cookie_length",
      .type = FT::kUint8,
      .base = Base::kDec,
      .blurb = "Length of the cookie field"}},
    {&tls::f_dtls_cookie,
     {.name = "Cookie", .abbrev = "dtls.handshake.cookie", .type = FT::kBytes, .blurb = "Cookie"}},
    {&f_fragments, {.name = "Message fragments", .abbrev = "dtls.fragments", .type = FT::kNone}},
    {&f_fragment, {.name = "Message fragment", .abbrev = "dtls.fragment", .type = FT::kFrameNum}},
    {&f_fragment_count,
     {.name = "Message fragment count",
      .abbrev = "dtls.fragment.count",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&f_reassembled_in,
     {.name = "Reassembled in", .abbrev = "dtls.reassembled.in", .type = FT::kFrameNum}},
    {&f_reassembled_length,
     {.name = "Reassembled DTLS length",
      .abbrev = "dtls.reassembled.length",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&f_fragment_length_zero,
     {.name = "Zero-length fragment length for fragmented message",
      .abbrev = "dtls.handshake.fragment_length.zero",
      .type = FT::kNone}},
    {&f_fragment_length_too_long,
     {.name = "Fragment length is larger than message length",
      .abbrev = "dtls.handshake.fragment_length.too_long",
      .type = FT::kNone}},
    {&f_fragment_past_end,
     {.name = "Fragment runs past the end of the message",
      .abbrev = "dtls.handshake.fragment_past_end_msg",
      .type = FT::kNone}},
    {&f_msg_len_diff,
     {.name = "Message length differs from value in earlier fragment",
      .abbrev = "dtls.msg_len_diff_fragment",
      .type = FT::kNone}},
};

// TLS fields with no DTLS twin in tshark: TCP reassembly, SSLv2, SSL 3.0's Finished hashes,
// TLS 1.3's opaque type, TLS's own handshake reassembly (DTLS reassembles by fragment offset).
constexpr std::string_view kTlsOnly[] = {
    "tls.handshake.fragment",
    "tls.handshake.fragment.count",
    "tls.handshake.fragments",
    "tls.handshake.reassembled_in",
    "tls.ignored_unknown_record",
    "tls.record.opaque_type",
    "tls.handshake.md5_hash",
    "tls.handshake.sha_hash",
    "tls.segment",
    "tls.segment.count",
    "tls.segment.data",
    "tls.segments",
    "tls.reassembled_in",
    "tls.reassembled.length",
    "tls.reassembled.data",
    "tls.handshake.cipher_spec_len",
    "tls.handshake.cipherspec",
    "tls.handshake.challenge",
    "tls.handshake.challenge_length",
    "tls.handshake.session_id_length.error",
    "tls.ssl2.handshake.type",
};

bool tls_only(std::string_view abbrev) {
  for (std::string_view a : kTlsOnly)
    if (a == abbrev) return true;
  return false;
}

std::vector<FieldId>& map_storage() {
  static std::vector<FieldId> map;
  return map;
}

}  // namespace

const std::vector<FieldId>& field_map() {
  return map_storage();
}

void register_fields(FieldId proto) {
  registry().add_fields(proto, kFields);
  // The twins: "tls.X" registered again as "dtls.X" with the same name, type and values.
  static std::deque<std::string> abbrevs;
  static std::deque<FieldId> tls_ids, ids;
  std::vector<FieldReg> twins;
  for (const FieldReg& r : tls::field_table()) {
    std::string_view abbrev = r.def.abbrev;
    if (!abbrev.starts_with("tls.") || tls_only(abbrev)) continue;
    abbrevs.push_back("d" + std::string(abbrev));
    tls_ids.push_back(*r.id.id);
    ids.push_back(kNoField);
    FieldReg twin{&ids.back(), r.def};
    twin.def.abbrev = abbrevs.back().c_str();
    twins.push_back(twin);
  }
  registry().add_fields(proto, twins);
  std::vector<FieldId>& map = map_storage();
  for (size_t i = 0; i < ids.size(); ++i) {
    if (tls_ids[i] >= map.size()) map.resize(tls_ids[i] + 1, kNoField);
    map[tls_ids[i]] = ids[i];
  }
}

}  // namespace dtls

}  // namespace netsift
