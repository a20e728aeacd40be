#include "dissectors/tcp_options.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include <iterator>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/tcp_fields.h"
#include "dissectors/tcp_prefs.h"
#include "dissectors/tcp_syncookie.h"

namespace netsift {

namespace {

using namespace tcp_option_fields;

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

template <class... Args>
void append_info(Packet& pkt, fmt::format_string<Args...> f, Args&&... args) {
  if (pkt.cols.enabled)
    append_format(pkt.cols.info, f, std::forward<Args>(args)...);
}

// Appends `text` to the option's tree label ("TCP Option - Window scale" + ": 7 (multiply by
// 128)").
template <class... Args>
void append_option_label(Packet& pkt, int n, fmt::format_string<Args...> f, Args&&... args) {
  if (!pkt.labels) return;
  std::string text = registry().info(pkt.tree[n].field).def.name;
  append_format(text, f, std::forward<Args>(args)...);
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
  pkt.tree.add(n, wscale_multiplier, o, 2, 1, Value::of_uint(multiplier), kGenerated);
  append_info(pkt, " WS={}", multiplier);
  append_option_label(pkt, n, ": {} (multiply by {})", shift, multiplier);
  if (conv) conv->dir[dir].win_scale = static_cast<int8_t>(effective);
}

// A first block below the cumulative ACK reports data received twice (D-SACK, RFC 2883).
void add_dsack(const ByteReader& o, Packet& pkt, int n, uint32_t le, uint32_t re, bool relative) {
  const char* suffix = relative ? " (relative)" : "";
  // Generated over the first block's edges, as tshark adds them.
  int l = pkt.tree.add(n, dsack_le, o, 2, 4, Value::of_uint(le), kGenerated);
  int r = pkt.tree.add(n, dsack_re, o, 6, 4, Value::of_uint(re), kGenerated);
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
  const PrefStore& prefs = pkt.session->prefs;
  bool relative = prefs.get(tcp_prefs::analyze_sequence_numbers) &&
                  prefs.get(tcp_prefs::relative_sequence_numbers);
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
    if (pkt.labels) append_format(edges, " {}-{}", le, re);
    if (conv && blocks < kTcpMaxSackBlocks) {
      TcpSeqState& st = conv->seq_analysis.dir[dir];
      st.sack_bytes[blocks] = re - le;
      st.sack_blocks = static_cast<uint8_t>(blocks + 1);
    }
  }
  pkt.tree.add(n, sack_count, o, 0, 0, Value::of_uint(blocks), kGenerated);
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
    case kTimestamp: {
      const PrefStore& prefs = pkt.session->prefs;
      bool syn_cookie = prefs.get(tcp_prefs::read_seq_as_syn_cookie);
      int tsval_node = pkt.add_item(n, tsval, o, 2, 4);
      if (syn_cookie) add_syn_cookie_timestamp(pkt, tsval_node, o);
      pkt.add_item(n, tsecr, o, 6, 4);
      if (!prefs.get(tcp_prefs::ignore_tcp_timestamps))
        append_info(pkt, " TSval={} TSecr={}", o.u32(2), o.u32(6));
      append_option_label(pkt, n, ": TSval {}, TSecr {}{}", o.u32(2), o.u32(6),
                          syn_cookie ? " (syn cookie)" : "");
      break;
    }
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

}  // namespace netsift
