// Datagram Transport Layer Security (DTLS 1.0 and 1.2; RFC 4347, 6347) over UDP as tshark 4.0
// shows it without keys. This file reads the record layer (epoch and sequence number), the
// handshake messages' DTLS header (message sequence, fragment offset and length) and reassembles
// fragmented messages; each message's body goes to the TLS handshake dissection, whose fields
// the packet tree files as their dtls.* twins (dtls_fields.cpp).
#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "core/conversation.h"
#include "core/dissector_table.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/protocol_state.h"
#include "dissectors/dtls_internal.h"
#include "dissectors/tls_internal.h"
#include "dissectors/tls_values.h"

namespace netsift {

using namespace tls;
using dtls::f_epoch, dtls::f_sequence_number, dtls::f_message_seq, dtls::f_fragment_offset,
    dtls::f_fragment_length, dtls::f_fragments, dtls::f_fragment, dtls::f_fragment_count,
    dtls::f_fragment_length_zero, dtls::f_fragment_length_too_long, dtls::f_fragment_past_end,
    dtls::f_msg_len_diff, dtls::proto_dtls, dtls::field_map;

namespace {

constexpr size_t kRecordHeader = 13, kHandshakeHeader = 12;

bool dtls_version(uint16_t v) {
  return v == kDtls10 || v == kDtls12 || v == kDtls10OpenSsl;
}

bool valid_content_type(uint8_t t) {
  return t >= kChangeCipherSpec && t <= kTls12Cid;
}

// tshark's looks_like_dtls: a valid content type and a DTLS version.
bool looks_like_dtls(const ByteReader& r, size_t off) {
  return valid_content_type(r.u8(off)) && dtls_version(r.u16(off + 1));
}

// The protocol inside DTLS on a port (tshark's "dtls.port" table), named in ApplicationData
// records.
struct AppPort {
  uint16_t port;
  const char* protocol;
};
constexpr AppPort kAppPorts[] = {
    {853, "Domain Name System"},
    {2221, "Common Industrial Protocol, I/O"},
    {5684, "Constrained Application Protocol"},
    {5868, "Diameter Protocol"},
};

const char* app_protocol_on(uint16_t port) {
  for (const AppPort& a : kAppPorts)
    if (a.port == port) return a.protocol;
  return nullptr;
}

const char* version_label(const TlsSession& s) {
  const char* n = version_short_name(s.version);
  return n ? n : "DTLS";
}

// A handshake message being reassembled from its fragments (keyed by message_seq).
struct PendingMessage {
  uint32_t length = 0;
  std::vector<uint8_t> bytes;
  std::vector<bool> have;  // which bytes arrived
  size_t received = 0;
  struct Fragment {
    uint64_t frame;
    uint32_t offset, length;
  };
  std::vector<Fragment> fragments;
};

// Per conversation and direction: the messages still missing fragments.
struct DtlsReassembly {
  std::map<uint16_t, PendingMessage> pending[2];
};

// Bounds what one conversation holds for unfinished messages (a message is at most 2^24 bytes;
// real handshakes stay far below).
constexpr size_t kMaxPendingBytes = 1 << 20;

// Files the shared TLS dissection's fields as dtls.* while a DTLS packet is dissected.
class FieldMapScope {
 public:
  explicit FieldMapScope(PacketTree& tree) : tree_(tree), saved_(tree.field_map()) {
    tree.set_field_map(&field_map());
  }
  ~FieldMapScope() { tree_.set_field_map(saved_); }
  FieldMapScope(const FieldMapScope&) = delete;
  FieldMapScope& operator=(const FieldMapScope&) = delete;

 private:
  PacketTree& tree_;
  const std::vector<FieldId>* saved_;
};

// The frames a reassembled message came from, as tshark's process_reassembled_data shows them.
void show_fragments(Packet& pkt, int parent, const PendingMessage& m, const ByteReader& whole) {
  int list = pkt.tree.add(parent, f_fragments, whole, 0, whole.size(), Value{});
  std::string label = std::to_string(m.fragments.size()) + " Message fragments (" +
                      std::to_string(whole.size()) + " bytes): ";
  for (size_t i = 0; i < m.fragments.size(); ++i) {
    const auto& f = m.fragments[i];
    int c = pkt.tree.add(list, f_fragment, whole, f.offset, f.length, Value::of_uint(f.frame));
    if (pkt.labels) {
      pkt.set_label(c, "Frame: " + std::to_string(f.frame) +
                           ", payload: " + std::to_string(f.offset) + "-" +
                           std::to_string(f.offset + f.length - 1) + " (" +
                           std::to_string(f.length) + " byte" + plural(f.length, "", "s") + ")");
      label += (i ? ", #" : "#") + std::to_string(f.frame) + "(" + std::to_string(f.length) + ")";
    }
  }
  if (label.size() > 239) label.resize(239);
  pkt.set_label(list, label);
  pkt.tree.add(list, f_fragment_count, whole, 0, 0, Value::of_uint(m.fragments.size()), kGenerated);
  pkt.tree.add(list, dtls::f_reassembled_length, whole, 0, 0, Value::of_uint(whole.size()),
               kGenerated);
}

// Adds the fragment r[off, off+len) at `frag_off` of message `m`; returns whether every byte of
// the message has arrived.
bool add_fragment(Packet& pkt, PendingMessage& m, const ByteReader& r, size_t off,
                  uint32_t frag_off, uint32_t len) {
  r.need(off, len);
  if (m.bytes.empty()) {
    m.bytes.assign(m.length, 0);
    m.have.assign(m.length, false);
  }
  const uint8_t* p = r.ptr(off, len);
  for (uint32_t i = 0; i < len && frag_off + i < m.length; ++i) {
    if (!m.have[frag_off + i]) {
      m.have[frag_off + i] = true;
      ++m.received;
    }
    m.bytes[frag_off + i] = p[i];
  }
  m.fragments.push_back({pkt.number, frag_off, len});
  return m.received == m.length;
}

// The message types tshark's DTLS dissects beyond the common header.
bool has_dissected_body(uint8_t type) {
  switch (type) {
    case kClientHello:
    case kServerHello:
    case kHelloVerifyRequest:
    case kNewSessionTicket:
    case kHelloRetryRequest:
    case kCertificate:
    case kServerKeyExchange:
    case kCertificateRequest:
    case kServerHelloDone:
    case kCertificateVerify:
    case kClientKeyExchange:
    case kFinished:
    case kCertificateStatus:
      return true;
    default:
      return false;
  }
}

// The handshake messages of one record r[off, end) (tshark's dissect_dtls_handshake).
void dissect_handshake(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                       int record) {
  Packet& pkt = ctx.pkt;
  TlsSession& s = ctx.session;
  static DtlsReassembly detached;  // DTLS not over a tracked conversation
  if (!pkt.conversation) detached = DtlsReassembly{};
  DtlsReassembly& reassembly =
      pkt.conversation ? pkt.conversation->state<DtlsReassembly>() : detached;
  bool first = true;
  for (uint32_t fragment_length = 0; off < end; off += fragment_length, first = false) {
    uint8_t type = r.u8(off);
    fragment_length = r.u24(off + 9);
    // A message that would run past its record is taken as encrypted (its first byte may
    // happen to be a message type).
    const char* name = nullptr;
    if (off + fragment_length <= end) name = value_name(tls_values::kTlsHandshakeTypes, type);
    if (!name && !first) return;
    if (!name) {
      pkt.tree.add(record, f_handshake, r, off, r.reported_size() - off, Value{});
      if (pkt.cols.enabled) append_info(pkt, "Encrypted Handshake Message");
      return;
    }
    if (pkt.cols.enabled) append_info(pkt, name);
    int hs = pkt.tree.add(record, f_handshake, r, off, kHandshakeHeader + fragment_length, Value{});
    uint32_t length = r.u24(off + 1);
    uint16_t message_seq = r.u16(off + 4);
    uint32_t fragment_offset = r.u24(off + 6);
    pkt.add_uint(hs, f_hs_type, r, off, 1, type);
    int length_item = pkt.add_uint(hs, f_hs_length, r, off + 1, 3, length);
    pkt.add_uint(hs, f_message_seq, r, off + 4, 2, message_seq);
    pkt.add_uint(hs, f_fragment_offset, r, off + 6, 3, fragment_offset);
    int frag_item = pkt.add_uint(hs, f_fragment_length, r, off + 9, 3, fragment_length);
    off += kHandshakeHeader;

    bool fragmented = false;
    const char* frag_str = "";
    ByteReader whole;
    bool reassembled = false;
    if (uint64_t{fragment_length} + fragment_offset > length) {
      if (fragment_offset == 0) {
        add_expert(pkt, frag_item, f_fragment_length_too_long, r, off - 3, 3,
                   "Fragment length is larger than message length", kExpertError, kGroupProtocol);
      } else {
        fragmented = true;
        add_expert(pkt, frag_item, f_fragment_past_end, r, off - 3, 3,
                   "Fragment runs past the end of the message", kExpertError, kGroupProtocol);
      }
    } else if (fragment_offset > 0 && fragment_length == 0) {
      add_expert(pkt, frag_item, f_fragment_length_zero, r, off - 3, 3,
                 "Zero-length fragment length for fragmented message", kExpertWarn, kGroupProtocol);
      continue;
    } else if (fragment_length < length) {
      fragmented = true;
      std::map<uint16_t, PendingMessage>& pending = reassembly.pending[ctx.dir];
      auto it = pending.find(message_seq);
      if (it == pending.end()) {
        size_t held = 0;
        for (const auto& [seq, m] : pending) held += m.length;
        if (held + length <= kMaxPendingBytes) {
          it = pending.emplace(message_seq, PendingMessage{}).first;
          it->second.length = length;
        }
      } else if (it->second.length != length) {
        add_expert(pkt, length_item, f_msg_len_diff, r, off - 11, 3,
                   "Message length differs from value in earlier fragment", kExpertError,
                   kGroupProtocol);
      }
      if (it != pending.end() &&
          add_fragment(pkt, it->second, r, off, fragment_offset, fragment_length)) {
        PendingMessage& m = it->second;
        auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(m.bytes.size(), 1));
        std::memcpy(copy, m.bytes.data(), m.bytes.size());
        pkt.sources.push_back(
            DataSource{"Reassembled DTLS", copy, static_cast<uint32_t>(m.bytes.size())});
        whole = ByteReader(copy, m.bytes.size(), m.bytes.size(), 0,
                           static_cast<uint16_t>(pkt.sources.size()));
        show_fragments(pkt, record, m, whole);
        pending.erase(it);
        reassembled = true;
        frag_str = " (Reassembled)";
      } else {
        frag_str = " (Fragment)";
      }
      if (pkt.cols.enabled) pkt.cols.info.append(frag_str);
    }
    if (pkt.labels) {
      pkt.set_label(record, std::string(version_label(s)) + " Record Layer: Handshake Protocol: " +
                                (first ? name : "Multiple Handshake Messages") + frag_str);
      pkt.set_label(hs, std::string("Handshake Protocol: ") + name + frag_str);
    }
    if (fragmented && !reassembled) continue;
    ByteReader body = reassembled ? whole : r.sub(off, fragment_length);
    if (type == kServerHello) {
      // The server's version settles the connection's (and the Protocol column).
      if (dtls_version(body.u16(0))) s.version = body.u16(0);
      if (pkt.cols.enabled) {
        const char* v = version_short_name(s.version);
        pkt.cols.set_protocol(v ? v : "SSL");
      }
    }
    if (type == kClientHello) {
      // The client's first message tells which side is the server.
      s.have_server = true;
      s.server = pkt.dst;
      s.server_port = pkt.dst_port;
    }
    if (has_dissected_body(type))
      dissect_message_body(ctx, body, 0, length, type, false, hs, record);
  }
}

void dissect_alert(RecordContext& ctx, const ByteReader& r, size_t off, int record) {
  Packet& pkt = ctx.pkt;
  int alert = pkt.tree.add(record, f_alert, r, off, 2, Value{});
  const char* level = value_name(tls_values::kTlsAlertLevels, r.u8(off));
  const char* desc = value_name(tls_values::kTlsAlertDescriptions, r.u8(off + 1));
  std::string version = version_label(ctx.session);
  if (!level || !desc) {
    if (pkt.cols.enabled) append_info(pkt, "Encrypted Alert");
    if (pkt.labels) {
      pkt.set_label(record, version + " Record Layer: Encrypted Alert");
      pkt.set_label(alert, "Alert Message: Encrypted Alert");
    }
    return;
  }
  std::string text = std::string("Alert (Level: ") + level + ", Description: " + desc + ")";
  if (pkt.cols.enabled) append_info(pkt, text);
  if (pkt.labels) pkt.set_label(record, version + " Record Layer: " + text);
  pkt.add_item(alert, f_alert_level, r, off, 1);
  pkt.add_item(alert, f_alert_desc, r, off + 1, 1);
}

void dissect_application_data(RecordContext& ctx, const ByteReader& r, size_t off, size_t len,
                              int record) {
  Packet& pkt = ctx.pkt;
  if (pkt.cols.enabled) append_info(pkt, "Application Data");
  const char* app = app_protocol_on(pkt.src_port);
  if (!app) app = app_protocol_on(pkt.dst_port);
  if (pkt.labels)
    pkt.set_label(record, std::string(version_label(ctx.session)) +
                              " Record Layer: Application Data Protocol: " +
                              (app ? app : "Application Data"));
  pkt.add_item(record, f_app_data, r, off, len);
  if (app) pkt.add_generated_string(record, f_app_data_proto, app);
}

// One record at r[off] (tshark's dissect_dtls_record); returns the offset after it.
size_t dissect_record(const ByteReader& r, size_t off, Packet& pkt, TlsSession& s, int top) {
  uint8_t content_type = r.u8(off);
  uint16_t version = r.u16(off + 1);
  uint16_t epoch = r.u16(off + 3);
  uint64_t sequence_number = r.uint(off + 5, 6);
  size_t length = r.u16(off + 11);
  if (!valid_content_type(content_type)) {
    if (pkt.cols.enabled) {
      append_info(pkt, "Continuation Data");
      pkt.cols.set_protocol("DTLS");
    }
    return off + kRecordHeader + length;
  }
  int record = pkt.tree.add(top, f_record, r, off, kRecordHeader + length, Value{});
  pkt.add_item(record, f_content_type, r, off, 1);
  pkt.add_item(record, f_record_version, r, off + 1, 2);
  pkt.add_uint(record, f_epoch, r, off + 3, 2, epoch);
  pkt.add_uint(record, f_sequence_number, r, off + 5, 6, sequence_number);
  pkt.add_uint(record, f_record_length, r, off + 11, 2, length);
  size_t body = off + kRecordHeader;
  // A record other than a ClientHello tells the connection's version (tshark's
  // ssl_try_set_version for DTLS).
  uint8_t next_byte = r.u8(body);
  if (s.version == 0) {
    bool authoritative =
        content_type == kHandshake
            ? value_name(tls_values::kTlsHandshakeTypes, next_byte) && next_byte != kClientHello
            : true;
    if (authoritative && dtls_version(version)) s.version = version;
  }
  if (pkt.cols.enabled) pkt.cols.set_protocol(version_label(s));

  int dir = direction(s, pkt);
  RecordContext ctx{pkt,
                    top,
                    s,
                    dir,
                    from_server(s, pkt),
                    s.version,
                    static_cast<uint32_t>(r.origin() + off) + r.source() * 0x10000u,
                    true};
  switch (content_type) {
    case kChangeCipherSpec:
      if (pkt.cols.enabled) append_info(pkt, "Change Cipher Spec");
      if (pkt.labels)
        pkt.set_label(record, std::string(version_label(s)) +
                                  " Record Layer: Change Cipher Spec Protocol: Change Cipher Spec");
      pkt.tree.add(record, f_ccs, r, body, 1, Value{});
      if (s.dir[dir].ccs_frame == 0) s.dir[dir].ccs_frame = pkt.number;
      break;
    case kAlert:
      dissect_alert(ctx, r, body, record);
      break;
    case kHandshake:
      dissect_handshake(ctx, r, body, body + length, record);
      break;
    case kApplicationData:
      dissect_application_data(ctx, r, body, length, record);
      break;
    default:  // heartbeats and connection-id records are not dissected yet
      break;
  }
  return body + length;
}

size_t dissect_dtls(const ByteReader& r, Packet& pkt, int) {
  FieldMapScope map(pkt.tree);
  TlsSession& s = session(pkt);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("DTLS");
    pkt.cols.set_info("");
  }
  int top = pkt.add_protocol(-1, proto_dtls, r, 0, r.size());
  size_t off = 0;
  while (off < r.reported_size()) {
    if (dtls_version(s.version) || looks_like_dtls(r, off)) {
      off = dissect_record(r, off, pkt, s, top);
    } else {
      off = r.reported_size();
      if (pkt.cols.enabled) {
        append_info(pkt, "Continuation Data");
        pkt.cols.set_protocol("DTLS");
      }
    }
  }
  return r.reported_size();
}

// tshark's DTLS heuristic over UDP: a whole datagram made of records with DTLS versions.
bool looks_like_dtls_datagram(const ByteReader& r) {
  if (r.size() != r.reported_size()) return false;
  size_t off = 0, length = r.size();
  while (off + kRecordHeader <= length && looks_like_dtls(r, off)) {
    off += r.u16(off + 11) + kRecordHeader;
    if (off == length) return true;
  }
  return false;
}

}  // namespace

void register_dtls() {
  FieldRegistry& reg = registry();
  proto_dtls = reg.add_protocol({"Datagram Transport Layer Security", "DTLS", "dtls"});
  dtls::register_fields(proto_dtls);
  register_protocol_state<DtlsReassembly>(StateScope::kConversation);
  for (const AppPort& p : kAppPorts) tables::udp_port().add(p.port, dissect_dtls, "dtls");
  tables::udp_heuristics().push_back({looks_like_dtls_datagram, dissect_dtls, "dtls"});
}

}  // namespace netsift
