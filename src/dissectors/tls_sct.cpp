#include "dissectors/tls_sct.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "dissectors/tls_internal.h"

namespace netsift {

namespace tls {

const char* ct_log_name(const uint8_t* log_id) {
  constexpr size_t kIdLength = 32;
  const CtLog* end = kCtLogs + kCtLogCount;
  const CtLog* it = std::lower_bound(kCtLogs, end, log_id, [](const CtLog& l, const uint8_t* id) {
    return std::memcmp(l.id, id, kIdLength) < 0;
  });
  if (it == end || std::memcmp(it->id, log_id, kIdLength) != 0) return nullptr;
  return it->name;
}

namespace {

// SignedCertificateTimestamp ::= { version, log id, timestamp, extensions<0..2^16-1>,
// digitally-signed { scheme, signature<0..2^16-1> } }, preceded by its uint16 length.
size_t dissect_sct(Packet& pkt, const ByteReader& r, size_t off, int parent) {
  constexpr size_t kLogIdLength = 32;
  uint16_t len = r.u16(off);
  size_t p = off + 2;
  std::string label;
  if (pkt.labels) {
    const char* log = ct_log_name(r.ptr(p + 1, kLogIdLength));
    label = std::string("Signed Certificate Timestamp (") + (log ? log : "Unknown Log") + ")";
  }
  r.need(off, 2 + size_t{len});  // a text item is not checked when added
  int sct = add_text(pkt, parent, r, off, 2 + size_t{len}, label);
  pkt.add_item(sct, f_sct_length, r, off, 2);
  pkt.add_item(sct, f_sct_version, r, p, 1);
  p += 1;
  pkt.add_item(sct, f_sct_logid, r, p, kLogIdLength);
  p += kLogIdLength;
  // Milliseconds since the epoch.
  int64_t ns = static_cast<int64_t>(r.u64(p) * 1000000u);  // wraps, never overflows
  pkt.tree.add(sct, f_sct_timestamp, r, p, 8, Value::of_int(ns));
  p += 8;
  uint16_t ext_len = r.u16(p);
  pkt.add_item(sct, f_sct_extensions_length, r, p, 2);
  p += 2;
  if (ext_len > 0) pkt.add_item(sct, f_sct_extensions, r, p, ext_len);
  p += ext_len;
  add_signature_scheme(pkt, sct, r, p);
  p += 2;
  uint16_t sig_len = r.u16(p);
  pkt.add_item(sct, f_sct_signature_length, r, p, 2);
  pkt.add_item(sct, f_sct_signature, r, p + 2, sig_len);
  return off + 2 + len;
}

}  // namespace
}  // namespace tls

size_t dissect_sct_list(Packet& pkt, const ByteReader& r, size_t off, size_t end, int parent) {
  uint16_t len = r.u16(off);
  pkt.add_item(parent, tls::f_sct_scts_length, r, off, 2);
  off += 2;
  size_t list_end = std::min<size_t>(off + len, end);
  while (off + 2 <= list_end) off = tls::dissect_sct(pkt, r, off, parent);
  return list_end;
}

void dissect_certificate_sct_list(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                                  int parent) {
  pkt.add_layer(tls::proto_tls);
  dissect_sct_list(pkt, r, off, end, parent);
}

}  // namespace netsift
