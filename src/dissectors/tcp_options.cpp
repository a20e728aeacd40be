#include "dissectors/tcp_options.h"

#include <fmt/format.h>

#include <iterator>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/info_column.h"
#include "core/session.h"

namespace netsift {

namespace {

FieldId kind, len, mss_val, wscale_shift, wscale_multiplier, sack_le, sack_re, sack_count, tsval,
    tsecr, tfo_request, tfo_cookie, md5_digest, mptcp_subtype, user_to_granularity, user_to_val,
    exp_exid, exp_data, unknown_payload;
FieldId mss_absent, mss_present, wscale_invalid, tfo_syn, dsack;  // expert items
FieldId dsack_le, dsack_re;
// Option pseudo-protocols, one per kind tshark names.
FieldId opt_eol, opt_nop, opt_mss, opt_wscale, opt_sack_perm, opt_sack, opt_timestamp, opt_md5,
    opt_user_to, opt_mptcp, opt_tfo, opt_experimental, opt_unknown;

enum OptionKind : uint8_t {
  kEol = 0,
  kNop = 1,
  kMss = 2,
  kWindowScale = 3,
  kSackPermitted = 4,
  kSack = 5,
  kTimestamp = 8,
  kMd5 = 19,
  kUserTimeout = 28,
  kMptcp = 30,
  kFastOpen = 34,
  kExperiment1 = 253,
  kExperiment2 = 254,
};

constexpr int kMaxWindowShift = 14;  // RFC 7323 §2.3
constexpr uint16_t kFastOpenExperimentId = 0xf989;

constexpr ValueName kOptionKinds[] = {{0, "End of Option List"},
                                      {1, "No-Operation"},
                                      {2, "Maximum Segment Size"},
                                      {3, "Window Scale"},
                                      {4, "SACK Permitted"},
                                      {5, "SACK"},
                                      {6, "Echo"},
                                      {7, "Echo Reply"},
                                      {8, "Time Stamp Option"},
                                      {9, "Partial Order Connection Permitted"},
                                      {10, "Partial Order Service Profile"},
                                      {11, "CC"},
                                      {12, "CC.NEW"},
                                      {13, "CC.ECHO"},
                                      {14, "TCP Alternate Checksum Request"},
                                      {15, "TCP Alternate Checksum Data"},
                                      {16, "Skeeter"},
                                      {17, "Bubba"},
                                      {18, "Trailer Checksum Option"},
                                      {19, "MD5 Signature Option"},
                                      {20, "SCPS Capabilities"},
                                      {21, "Selective Negative Acknowledgements"},
                                      {22, "Record Boundaries"},
                                      {23, "Corruption experienced"},
                                      {24, "SNAP"},
                                      {25, "Unassigned"},
                                      {26, "TCP Compression Filter"},
                                      {27, "Quick-Start Response"},
                                      {28, "User Timeout Option"},
                                      {29, "The TCP Authentication Option"},
                                      {30, "Multipath TCP"},
                                      {34, "TCP Fast Open Cookie"},
                                      {76, "Riverbed Probe"},
                                      {78, "Riverbed Transparency"},
                                      {172, "Accurate ECN Order 0"},
                                      {174, "Accurate ECN Order 1"},
                                      {253, "RFC3692-style Experiment 1"},
                                      {254, "RFC3692-style Experiment 2"}};

const TrueFalse kGranularity = {"Minutes", "Seconds"};

// Experiment identifiers registered with IANA (RFC 6994), named as tshark names them.
constexpr ValueName kExperimentIds[] = {
    {0xac, "TCP ACK Rate Request"},
    {0x348, "Host ID"},
    {0xa0d, "Autonomous System Compensation"},
    {0xca0, "Capability Option"},
    {0xed0, "Extended Data Offset"},
    {0x454e, "Encryption Negotiation"},
    {0x5323, "Service Number"},
    {0x75ec, "Timestamp Interval"},
    {0xacc0, "Accurate ECN - Order 0"},
    {0xacc1, "Accurate ECN - Order 1"},
    {0xacce, "Accurate ECN"},
    {0xe2d4, "Shared Memory communications over RMDA protocol"},
    {0xf989, "Fast Open"},
    {0xf990, "Low Latency"},
};

const FieldReg kFields[] = {
    {&mss_absent,
     {"The SYN packet does not contain a MSS option", "tcp.options.mss.absent", FieldType::kNone}},
    {&mss_present,
     {"The non-SYN packet does contain a MSS option", "tcp.options.mss.present", FieldType::kNone}},
    {&tfo_syn, {"TCP SYN with TFO Cookie", "tcp.analysis.tfo_syn", FieldType::kNone}},
    {&dsack, {"D-SACK Sequence", "tcp.options.sack.dsack", FieldType::kNone}},
    {&dsack_le,
     {"TCP D-SACK Left Edge", "tcp.options.sack.dsack_le", FieldType::kUint32, Base::kDec}},
    {&dsack_re,
     {"TCP D-SACK Right Edge", "tcp.options.sack.dsack_re", FieldType::kUint32, Base::kDec}},
    {&wscale_invalid,
     {"Window scale shift exceeds 14", "tcp.options.wscale.shift.invalid", FieldType::kNone}},
    {&kind,
     {"Kind", "tcp.option_kind", FieldType::kUint8, Base::kDec, kOptionKinds, 0,
      "This TCP option's kind"}},
    {&len,
     {"Length",
      "tcp.option_len",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "Length of this TCP option in bytes (including kind and length fields)"}},
    {&mss_val, {"MSS Value", "tcp.options.mss_val", FieldType::kUint16, Base::kDec}},
    {&wscale_shift,
     {"Shift count",
      "tcp.options.wscale.shift",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "Logarithmically encoded power of 2 scale factor"}},
    {&wscale_multiplier,
     {"Multiplier",
      "tcp.options.wscale.multiplier",
      FieldType::kUint16,
      Base::kDec,
      {},
      0,
      "Multiply segment window size by this for scaled window size"}},
    {&sack_le, {"TCP SACK Left Edge", "tcp.options.sack_le", FieldType::kUint32, Base::kDec}},
    {&sack_re, {"TCP SACK Right Edge", "tcp.options.sack_re", FieldType::kUint32, Base::kDec}},
    {&sack_count, {"TCP SACK Count", "tcp.options.sack.count", FieldType::kUint8, Base::kDec}},
    {&tsval,
     {"Timestamp value",
      "tcp.options.timestamp.tsval",
      FieldType::kUint32,
      Base::kDec,
      {},
      0,
      "Value of sending machine's timestamp clock"}},
    {&tsecr,
     {"Timestamp echo reply",
      "tcp.options.timestamp.tsecr",
      FieldType::kUint32,
      Base::kDec,
      {},
      0,
      "Echoed timestamp from remote machine"}},
    {&tfo_request, {"Fast Open Cookie Request", "tcp.options.tfo.request", FieldType::kNone}},
    {&tfo_cookie, {"Fast Open Cookie", "tcp.options.tfo.cookie", FieldType::kBytes}},
    {&md5_digest, {"MD5 digest", "tcp.options.md5.digest", FieldType::kBytes}},
    {&mptcp_subtype,
     {"Multipath TCP subtype",
      "tcp.options.mptcp.subtype",
      FieldType::kUint8,
      Base::kDec,
      {},
      0xf0}},
    {&user_to_granularity,
     {"Granularity",
      "tcp.options.user_to_granularity",
      FieldType::kBoolean,
      Base::kNone,
      {},
      0x8000,
      "TCP User Timeout Granularity",
      &kGranularity,
      16}},
    {&user_to_val,
     {"User Timeout",
      "tcp.options.user_to_val",
      FieldType::kUint16,
      Base::kDec,
      {},
      0x7fff,
      "TCP User Timeout Value"}},
    {&exp_exid,
     {"Experiment Identifier", "tcp.options.experimental.exid", FieldType::kUint16, Base::kHex,
      kExperimentIds}},
    {&exp_data, {"Data", "tcp.options.experimental.data", FieldType::kBytes}},
    {&unknown_payload, {"Payload", "tcp.options.unknown.payload", FieldType::kBytes}},
};

struct OptionProtocol {
  FieldId* id;
  ProtocolDef def;
};
const OptionProtocol kOptionProtocols[] = {
    {&opt_eol,
     {"TCP Option - End of Option List (EOL)", "End of Option List (EOL)", "tcp.options.eol"}},
    {&opt_nop, {"TCP Option - No-Operation (NOP)", "No-Operation (NOP)", "tcp.options.nop"}},
    {&opt_mss, {"TCP Option - Maximum segment size", "Maximum segment size", "tcp.options.mss"}},
    {&opt_wscale, {"TCP Option - Window scale", "Window scale", "tcp.options.wscale"}},
    {&opt_sack_perm, {"TCP Option - SACK permitted", "SACK permitted", "tcp.options.sack_perm"}},
    {&opt_sack, {"TCP Option - SACK", "SACK", "tcp.options.sack"}},
    {&opt_timestamp, {"TCP Option - Timestamps", "Timestamps", "tcp.options.timestamp"}},
    {&opt_md5, {"TCP Option - TCP MD5 signature", "TCP MD5 signature", "tcp.options.md5"}},
    {&opt_user_to, {"TCP Option - User Timeout", "User Timeout", "tcp.options.user_to"}},
    {&opt_mptcp, {"Multipath Transmission Control Protocol", "MPTCP", "mptcp"}},
    {&opt_tfo, {"TCP Option - TCP Fast Open", "TCP Fast Open", "tcp.options.tfo"}},
    {&opt_experimental, {"TCP Option - Experimental", "Experimental", "tcp.options.experimental"}},
    {&opt_unknown, {"TCP Option - Unknown", "Unknown", "tcp.options.unknown"}},
};

// Appends `text` to the option's tree label ("TCP Option - Window scale" + ": 7 (multiply by
// 128)").
template <class... Args>
void append_option_label(Packet& pkt, int n, fmt::format_string<Args...> f, Args&&... args) {
  if (!pkt.labels) return;
  std::string text = registry().info(pkt.tree[n].field).def.name;
  fmt::format_to(std::back_inserter(text), f, std::forward<Args>(args)...);
  pkt.set_label(n, text);
}

// Expected total length of fixed-size options; 0 when variable.
size_t fixed_length(uint8_t k) {
  switch (k) {
    case kMss:
      return 4;
    case kWindowScale:
      return 3;
    case kSackPermitted:
      return 2;
    case kTimestamp:
      return 10;
    case kMd5:
      return 18;
    case kUserTimeout:
      return 4;
    default:
      return 0;
  }
}

FieldId option_protocol(uint8_t k) {
  switch (k) {
    case kMss:
      return opt_mss;
    case kWindowScale:
      return opt_wscale;
    case kSackPermitted:
      return opt_sack_perm;
    case kSack:
      return opt_sack;
    case kTimestamp:
      return opt_timestamp;
    case kMd5:
      return opt_md5;
    case kUserTimeout:
      return opt_user_to;
    case kMptcp:
      return opt_mptcp;
    case kFastOpen:
      return opt_tfo;
    case kExperiment1:
    case kExperiment2:
      return opt_experimental;
    default:
      return opt_unknown;
  }
}

void dissect_wscale(const ByteReader& o, Packet& pkt, int n, TcpConversation* conv, int dir) {
  uint8_t shift = o.u8(2);
  int s = pkt.add_item(n, wscale_shift, o, 2, 1);
  if (shift > kMaxWindowShift)
    add_expert(pkt, s, wscale_invalid, o, 2, 1, "Window scale shift exceeds 14", kExpertWarn,
               kGroupProtocol);
  int effective = shift > kMaxWindowShift ? kMaxWindowShift : shift;
  uint32_t multiplier = 1u << effective;
  pkt.add_generated_uint(n, wscale_multiplier, multiplier);
  append_info(pkt, " WS={}", multiplier);
  append_option_label(pkt, n, ": {} (multiply by {})", shift, multiplier);
  if (conv) conv->dir[dir].win_scale = static_cast<int8_t>(effective);
}

// A first block below the cumulative ACK reports data received twice (D-SACK, RFC 2883).
void add_dsack(const ByteReader& o, Packet& pkt, int n, uint32_t le, uint32_t re, bool relative) {
  const char* suffix = relative ? " (relative)" : "";
  int l = pkt.add_generated_uint(n, dsack_le, le);
  int r = pkt.add_generated_uint(n, dsack_re, re);
  if (pkt.labels) {
    pkt.set_label(l, fmt::format("D-SACK Left Edge = {}{}", le, suffix));
    pkt.set_label(r, fmt::format("D-SACK Right Edge = {}{}", re, suffix));
  }
  // A text line holding the expert item: tshark counts tcp.options.sack.dsack once.
  int item = pkt.tree.add(n, kNoField, o, 2, 8, Value{});
  if (pkt.labels) pkt.set_label(item, "D-SACK Sequence");
  add_expert(pkt, item, dsack, o, 2, 8, "D-SACK Sequence", kExpertWarn, kGroupSequence);
}

void dissect_sack(const ByteReader& o, Packet& pkt, int n, uint16_t flags, uint32_t ack,
                  TcpConversation* conv, int dir) {
  // Edges acknowledge the peer's sequence space, so they are relative to the peer's ISN. With
  // relative numbers on, tshark calls them relative even before it knows that ISN (base 0).
  const TcpDirection* peer = conv ? &conv->dir[dir ^ 1] : nullptr;
  bool relative = pkt.session->prefs.tcp_relative_seq && pkt.session->prefs.tcp_analyze_sequence;
  uint32_t base = relative && peer && peer->base_seq_set ? peer->base_seq : 0;
  uint32_t blocks = 0;
  std::string edges;
  for (size_t off = 2; off + 8 <= o.size(); off += 8, ++blocks) {
    uint32_t le = o.u32(off) - base, re = o.u32(off + 4) - base;
    int le_node = pkt.add_uint(n, sack_le, o, off, 4, le);
    int re_node = pkt.add_uint(n, sack_re, o, off + 4, 4, re);
    if (pkt.labels) {
      const char* suffix = relative ? " (relative)" : "";
      pkt.set_label(le_node, fmt::format("left edge = {}{}", le, suffix));
      pkt.set_label(re_node, fmt::format("right edge = {}{}", re, suffix));
    }
    append_info(pkt, " SLE={} SRE={}", le, re);
    if (pkt.labels) fmt::format_to(std::back_inserter(edges), " {}-{}", le, re);
    if (conv && blocks < kTcpMaxSackBlocks) {
      TcpSeqState& st = conv->seq_analysis.dir[dir];
      st.sack_bytes[blocks] = re - le;
      st.sack_blocks = static_cast<uint8_t>(blocks + 1);
    }
  }
  pkt.add_generated_uint(n, sack_count, blocks);
  if (blocks && (flags & kTcpAck) && static_cast<int32_t>(o.u32(2) - ack) < 0)
    add_dsack(o, pkt, n, o.u32(2) - base, o.u32(6) - base, relative);
  append_option_label(pkt, n, "{}", edges);
}

// A Fast Open option whose cookie starts at `off`: none means a cookie request. A cookie on a
// SYN (not a SYN-ACK) is the client using it, which tshark notes.
void dissect_fast_open(const ByteReader& o, size_t off, Packet& pkt, int n, bool syn_only) {
  if (o.size() == off) {
    pkt.tree.add(n, tfo_request, o, 0, off, Value{});
    append_info(pkt, " TFO=R");
  } else {
    int c = pkt.add_item(n, tfo_cookie, o, off, o.size() - off);
    append_info(pkt, " TFO=C");
    if (syn_only)
      add_expert(pkt, c, tfo_syn, o, off, o.size() - off, "TCP SYN with TFO Cookie", kExpertNote,
                 kGroupSequence);
  }
}

void dissect_option_body(const ByteReader& o, uint8_t k, Packet& pkt, int n, uint16_t flags,
                         uint32_t ack, TcpConversation* conv, int dir) {
  size_t olen = o.size();
  switch (k) {
    case kMss:
      pkt.add_item(n, mss_val, o, 2, 2);
      append_info(pkt, " MSS={}", o.u16(2));
      append_option_label(pkt, n, ": {} bytes", o.u16(2));
      break;
    case kWindowScale:
      dissect_wscale(o, pkt, n, conv, dir);
      break;
    case kSackPermitted:
      append_info(pkt, " SACK_PERM");
      break;
    case kSack:
      dissect_sack(o, pkt, n, flags, ack, conv, dir);
      break;
    case kTimestamp:
      pkt.add_item(n, tsval, o, 2, 4);
      pkt.add_item(n, tsecr, o, 6, 4);
      append_info(pkt, " TSval={} TSecr={}", o.u32(2), o.u32(6));
      append_option_label(pkt, n, ": TSval {}, TSecr {}", o.u32(2), o.u32(6));
      break;
    case kMd5:
      pkt.add_item(n, md5_digest, o, 2, 16);
      break;
    case kUserTimeout:
      pkt.add_item(n, user_to_granularity, o, 2, 2);
      pkt.add_item(n, user_to_val, o, 2, 2);
      break;
    case kMptcp:
      if (olen > 2) pkt.add_item(n, mptcp_subtype, o, 2, 1);
      break;
    case kFastOpen:
      dissect_fast_open(o, 2, pkt, n, (flags & (kTcpSyn | kTcpAck)) == kTcpSyn);
      break;
    case kExperiment1:
    case kExperiment2:
      if (olen >= 4) pkt.add_item(n, exp_exid, o, 2, 2);
      // Fast Open before it had a kind of its own used this experiment identifier (RFC 7413).
      if (olen >= 4 && o.u16(2) == kFastOpenExperimentId) {
        dissect_fast_open(o, 4, pkt, n, (flags & (kTcpSyn | kTcpAck)) == kTcpSyn);
        append_option_label(pkt, n, ": Fast Open");
      } else if (olen > 4)
        pkt.add_item(n, exp_data, o, 4, olen - 4);
      break;
    default:
      if (olen > 2) pkt.add_item(n, unknown_payload, o, 2, olen - 2);
      break;
  }
}

}  // namespace

void dissect_tcp_options(const ByteReader& opts, Packet& pkt, int parent, uint16_t flags,
                         uint32_t ack, TcpConversation* conv, int dir) {
  bool syn = flags & kTcpSyn;
  bool mss_seen = false;
  size_t off = 0, end = opts.size();
  // "Options: (20 bytes), Maximum segment size, SACK permitted, ...": each option's short name.
  std::string summary;
  if (pkt.labels) {
    summary = fmt::format("Options: ({} bytes)", end);
    pkt.set_label(parent, summary);
  }
  auto note = [&](FieldId option) {
    if (!pkt.labels) return;
    summary.append(", ");
    summary.append(registry().info(option).short_name);
    pkt.set_label(parent, summary);
  };
  while (off < end) {
    uint8_t k = opts.u8(off);
    if (k == kEol || k == kNop) {
      int n = pkt.tree.add(parent, k == kEol ? opt_eol : opt_nop, opts, off, 1, Value{});
      note(k == kEol ? opt_eol : opt_nop);
      pkt.add_item(n, kind, opts, off, 1);
      ++off;  // tshark shows every padding byte after an EOL as one more EOL
      continue;
    }
    // A length that is too short, runs past the header or does not fit the kind ends parsing,
    // as tshark stops at such an option.
    if (off + 1 >= end) break;
    uint8_t olen = opts.u8(off + 1);
    size_t want = fixed_length(k);
    if (olen < 2 || off + olen > end || (want && olen != want)) {
      int n = pkt.tree.add(parent, option_protocol(k), opts, off, end - off, Value{});
      note(option_protocol(k));
      pkt.add_item(n, kind, opts, off, 1);
      pkt.add_item(n, len, opts, off + 1, 1);
      break;
    }
    ByteReader o = opts.sub(off, olen);
    int n = pkt.tree.add(parent, option_protocol(k), opts, off, olen, Value{});
    note(option_protocol(k));
    if (k == kMss) {
      mss_seen = true;
      if (!syn)
        add_expert(pkt, n, mss_present, o, 0, olen, "The non-SYN packet does contain a MSS option",
                   kExpertWarn, kGroupProtocol);
    }
    pkt.add_item(n, kind, o, 0, 1);
    pkt.add_item(n, len, o, 1, 1);
    dissect_option_body(o, k, pkt, n, flags, ack, conv, dir);
    off += olen;
  }
  if (syn && !mss_seen)
    add_expert(pkt, parent, mss_absent, opts, 0, end,
               "The SYN packet does not contain a MSS option", kExpertNote, kGroupProtocol);
}

void register_tcp_options(FieldId tcp_proto) {
  FieldRegistry& reg = registry();
  for (const OptionProtocol& p : kOptionProtocols) *p.id = reg.add_protocol(p.def);
  reg.add_fields(tcp_proto, kFields);
}

}  // namespace netsift
