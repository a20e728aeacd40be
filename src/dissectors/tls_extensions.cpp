// TLS hello extensions as tshark 4.0 shows them (ssl_dissect_hnd_extension): each one as an
// "Extension: <name> (len=N)" subtree with its type and length, then its own fields. The
// fingerprints (JA3, JA4) take their extension, group and format lists from here.
#include <algorithm>
#include <string>

#include "core/expert.h"
#include "core/field_registry.h"
#include "dissectors/tls_certificates.h"
#include "dissectors/tls_internal.h"
#include "dissectors/tls_sct.h"
#include "dissectors/tls_values.h"

namespace netsift::tls {

namespace {

enum ExtensionType : uint16_t {
  kServerName = 0,
  kMaxFragmentLength = 1,
  kStatusRequest = 5,
  kHeartbeatExt = 15,
  kSignedCertificateTimestamp = 18,
  kDelegatedCredentials = 34,
  kKeyShareOld = 40,
  kCertificateAuthorities = 47,
  kPostHandshakeAuth = 49,
  kNextProtocolNegotiation = 13172,
  kSupportedGroups = 10,
  kEcPointFormats = 11,
  kSignatureAlgorithms = 13,
  kAlpn = 16,
  kPadding = 21,
  kEncryptThenMac = 22,
  kExtendedMasterSecret = 23,
  kCompressCertificate = 27,
  kRecordSizeLimit = 28,
  kSessionTicket = 35,
  kPreSharedKey = 41,
  kEarlyData = 42,
  kSupportedVersions = 43,
  kCookie = 44,
  kPskKeyExchangeModes = 45,
  kKeyShare = 51,
  kApplicationSettings = 17513,
  kSignatureAlgorithmsCert = 50,
  kStatusRequestV2 = 17,
  kRenegotiationInfo = 65281,
  kEncryptedServerName = 65486,
};

std::string count_label(const char* what, uint64_t n, const char* one, const char* many) {
  return std::string(what) + " (" + std::to_string(n) + " " + plural(n, one, many) + ")";
}

void append_list(std::string& s, uint64_t v) {
  if (!s.empty()) s += '-';
  s += std::to_string(v);
}

// Each extension's body r[off, end) as tshark's ssl_dissect_hnd_hello_ext_*: returns the offset
// it dissected up to (the caller flags what is left over or overrun).
size_t server_name(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                   Fingerprint* fp) {
  if (off == end) return off;
  if (fp) fp->have_sni = true;
  int sni = add_text(pkt, ext, r, off, end - off, "Server Name Indication extension");
  uint32_t list_len, len;
  if (!add_vector(pkt, sni, r, off, end, f_sni_list_len, 1, 0xffff, &list_len)) return end;
  off += 2;
  size_t list_end = off + list_len;
  while (off < list_end) {
    pkt.add_item(sni, f_sni_type, r, off, 1);
    off += 1;
    if (!add_vector(pkt, sni, r, off, list_end, f_sni_len, 1, 0xffff, &len)) return list_end;
    off += 2;
    pkt.add_item(sni, f_sni, r, off, len);
    remember_server_name(pkt, r.text(off, len));
    off += len;
  }
  return off;
}

size_t supported_groups(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                        Fingerprint* fp) {
  uint32_t len;
  if (!add_vector(pkt, ext, r, off, end, f_groups_length, 2, 0xffff, &len)) return end;
  off += 2;
  size_t list_end = off + len;
  int list = pkt.tree.add(ext, f_groups, r, off, len, Value{});
  if (pkt.labels) pkt.set_label(list, count_label("Supported Groups", len / 2, "group", "groups"));
  // As tshark, the groups run to the end of the extension.
  for (; off + 2 <= end; off += 2) {
    uint16_t g = r.u16(off);
    pkt.add_item(list, f_group, r, off, 2);
    if (fp && !is_grease(g)) append_list(fp->groups, g);
  }
  if (!end_vector(pkt, list, r, off, list_end)) off = list_end;
  return off;
}

size_t ec_point_formats(Packet& pkt, const ByteReader& r, size_t off, int ext, Fingerprint* fp) {
  uint8_t len = r.u8(off);
  pkt.add_item(ext, f_ec_formats_length, r, off, 1);
  off += 1;
  int list = pkt.tree.add(ext, f_ec_formats, r, off, len, Value{});
  if (pkt.labels)
    pkt.set_label(list, "Elliptic curves point formats (" + std::to_string(len) + ")");
  for (size_t i = 0; i < len; ++i) {
    pkt.add_item(list, f_ec_format, r, off + i, 1);
    if (fp) append_list(fp->ec_formats, r.u8(off + i));
  }
  return off + len;
}

const char* alpn_protocol(std::string_view alpn);

size_t alpn(Packet& pkt, TlsSession& s, const ByteReader& r, size_t off, size_t end, int ext,
            uint8_t hs, Fingerprint* fp) {
  uint32_t len, n;
  if (!add_vector(pkt, ext, r, off, end, f_alpn_len, 2, 0xffff, &len)) return end;
  off += 2;
  size_t list_end = off + len;
  int list = pkt.tree.add(ext, f_alpn_list, r, off, len, Value{});
  while (off < list_end) {
    if (!add_vector(pkt, list, r, off, list_end, f_alpn_str_len, 1, 0xff, &n)) return list_end;
    pkt.add_item(list, f_alpn_str, r, off + 1, n);
    std::string_view name = r.text(off + 1, n);
    if (fp && fp->first_alpn.empty() && n > 0) fp->first_alpn.assign(name);
    // The server's choice names the protocol inside the application data.
    if (hs == kServerHello || hs == kEncryptedExtensions) {
      if (const char* p = alpn_protocol(name)) s.app_protocol = p;
      s.alpn.assign(name);
    }
    off += 1 + n;
  }
  return off;
}

size_t next_protocol_negotiation(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                                 int ext) {
  if (off == end) return off;
  int npn = add_text(pkt, ext, r, off, end - off, "Next Protocol Negotiation");
  uint32_t n;
  while (off < end) {
    if (!add_vector(pkt, npn, r, off, end, f_npn_str_len, 1, 0xff, &n)) return end;
    pkt.add_item(npn, f_npn, r, off + 1, n);
    off += 1 + n;
  }
  return off;
}

// The protocol a server's ALPN choice names for the application data (tshark's
// ssl_alpn_protocols: exact names, or prefixes ending in '/' or '-').
const char* alpn_protocol(std::string_view alpn) {
  struct Entry {
    const char* alpn;
    bool prefix;
    const char* protocol;
  };
  static const Entry kEntries[] = {
      {"http/1.1", false, "Hypertext Transfer Protocol"},
      {"spdy/", true, "SPDY"},
      {"stun.turn", false, "TURN Channel"},
      {"stun.nat-discovery", false, "Session Traversal Utilities for NAT"},
      {"h2", false, "HyperText Transfer Protocol 2"},
      {"h2-", true, "HyperText Transfer Protocol 2"},
  };
  for (const Entry& e : kEntries)
    if (e.prefix ? alpn.rfind(e.alpn, 0) == 0 : alpn == e.alpn) return e.protocol;
  return nullptr;
}

size_t application_settings(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                            uint8_t hs) {
  if (hs != kClientHello) return end;
  uint32_t len, n;
  if (!add_vector(pkt, ext, r, off, end, f_alps_len, 2, 0xffff, &len)) return end;
  off += 2;
  size_t list_end = off + len;
  int list = pkt.tree.add(ext, f_alps_alpn_list, r, off, len, Value{});
  while (off < list_end) {
    if (!add_vector(pkt, list, r, off, list_end, f_alps_alpn_str_len, 1, 0xff, &n)) return list_end;
    pkt.add_item(list, f_alps_alpn_str, r, off + 1, n);
    off += 1 + n;
  }
  return off;
}

size_t key_share_entry(Packet& pkt, const ByteReader& r, size_t off, size_t end, int parent) {
  int e = add_text(pkt, parent, r, off, 4, "Key Share Entry");
  uint16_t group = r.u16(off);
  pkt.add_item(e, f_key_share_group, r, off, 2);
  const char* name = value_name(tls_values::kTlsNamedGroups, group);
  std::string label = std::string("Key Share Entry: Group: ") +
                      (name ? name : "Unknown (" + std::to_string(group) + ")");
  pkt.set_label(e, label);
  uint32_t len;
  if (!add_vector(pkt, e, r, off + 2, end, f_key_share_kex_length, 1, 0xffff, &len)) return end;
  pkt.tree[e].length = 4 + len;
  pkt.set_label(e, label + ", Key Exchange length: " + std::to_string(len));
  pkt.add_item(e, f_key_share_kex, r, off + 4, len);
  return off + 4 + len;
}

size_t key_share(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext, uint8_t hs) {
  if (end <= off) return off;
  int ks = add_text(pkt, ext, r, off, end - off, "Key Share extension");
  if (hs == kClientHello) {
    uint32_t len;
    if (!add_vector(pkt, ks, r, off, end, f_key_share_client_length, 0, 0xffff, &len)) return end;
    off += 2;
    size_t list_end = off + len;
    while (off + 4 <= list_end) off = key_share_entry(pkt, r, off, list_end, ks);
    if (!end_vector(pkt, ks, r, off, list_end)) return list_end;
  } else if (hs == kHelloRetryRequest) {
    pkt.add_item(ks, f_key_share_selected_group, r, off, 2);
    off += 2;
  } else if (hs == kServerHello) {
    off = key_share_entry(pkt, r, off, end, ks);
  }
  return off;
}

size_t pre_shared_key(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                      uint8_t hs) {
  int psk = add_text(pkt, ext, r, off, end - off, "Pre-Shared Key extension");
  if (hs == kServerHello) {
    pkt.add_item(psk, f_psk_selected, r, off, 2);
    return off + 2;
  }
  if (hs != kClientHello) return off;
  uint32_t ids_len, len, binders_len;
  if (!add_vector(pkt, psk, r, off, end, f_psk_identities_length, 7, 0xffff, &ids_len)) return end;
  off += 2;
  size_t ids_end = off + ids_len;
  while (off < ids_end) {
    int id = add_text(pkt, psk, r, off, 4, "PSK Identity (");
    if (!add_vector(pkt, id, r, off, ids_end, f_psk_identity_length, 1, 0xffff, &len))
      return ids_end;
    pkt.set_label(id, "PSK Identity (length: " + std::to_string(len) + ")");
    pkt.add_item(id, f_psk_identity, r, off + 2, len);
    pkt.add_item(id, f_psk_age, r, off + 2 + len, 4);
    pkt.tree[id].length = 6 + len;
    off += 6 + size_t{len};
  }
  if (!end_vector(pkt, psk, r, off, ids_end)) off = ids_end;
  if (!add_vector(pkt, psk, r, off, end, f_psk_binders_len, 33, 0xffff, &binders_len)) return end;
  off += 2;
  // tshark shows the binders as one item, without the binders themselves.
  pkt.tree.add(psk, f_psk_binders, r, off, binders_len, Value{});
  return off + binders_len;
}

size_t supported_versions(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                          uint8_t hs, Fingerprint* fp) {
  if (hs == kServerHello || hs == kHelloRetryRequest) {
    pkt.add_item(ext, f_supported_version, r, off, 2);
    if (fp) fp->highest_supported_version = r.u16(off);
    return off + 2;
  }
  if (hs != kClientHello) return off;
  uint32_t len;
  if (!add_vector(pkt, ext, r, off, end, f_supported_versions_len, 2, 254, &len)) return end;
  off += 1;
  size_t list_end = off + len;
  for (; off + 2 <= list_end; off += 2) {
    uint16_t v = r.u16(off);
    pkt.add_item(ext, f_supported_version, r, off, 2);
    if (fp && !is_grease(v))
      fp->highest_supported_version = std::max(fp->highest_supported_version, v);
  }
  if (!end_vector(pkt, ext, r, off, list_end)) off = list_end;
  return off;
}

// A note over bytes tshark leaves undecoded (its proto_tree_add_expert_format).
void add_undecoded(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len,
                   const std::string& msg) {
  int n = add_text(pkt, parent, r, off, len, msg);
  add_expert(pkt, n, f_status_request_undecoded, r, off, len, msg, kExpertNote, kGroupUndecoded);
}

// CertificateStatusRequest (RFC 6066 section 8), or an item of status_request_v2's list (RFC
// 6961), which has a length after its type.
size_t status_request(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                      bool has_length) {
  uint8_t type = r.u8(off);
  pkt.add_item(ext, f_status_request_type, r, off, 1);
  off += 1;
  if (has_length) {
    pkt.add_item(ext, f_status_request_len, r, off, 2);
    off += 2;
  }
  if (type != 1 && type != 2) return off;  // OCSP and OCSP multi carry two vectors
  uint32_t ids_len, exts_len;
  if (!add_vector(pkt, ext, r, off, end, f_status_request_responder_ids_len, 0, 0xffff, &ids_len))
    return end;
  off += 2;
  // tshark decodes neither list (its note asks for captures that have them).
  if (ids_len)
    add_undecoded(pkt, ext, r, off, ids_len,
                  "Responder ID list is not implemented, contact Wireshark developers if you want "
                  "this to be supported");
  off += ids_len;
  if (!add_vector(pkt, ext, r, off, end, f_status_request_exts_len, 0, 0xffff, &exts_len))
    return end;
  off += 2;
  if (exts_len)
    add_undecoded(pkt, ext, r, off, exts_len,
                  "Request Extensions are not implemented, contact Wireshark developers if you "
                  "want this to be supported");
  return off + exts_len;
}

size_t status_request_v2(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext) {
  uint32_t len;
  if (!add_vector(pkt, ext, r, off, end, f_status_request_list_len, 1, 0xffff, &len)) return end;
  off += 2;
  size_t list_end = off + len;
  while (off < list_end) off = status_request(pkt, r, off, list_end, ext, true);
  return off;
}

size_t renegotiation_info(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext) {
  int ri = add_text(pkt, ext, r, off, end - off, "Renegotiation Info extension");
  uint32_t len;
  if (!add_vector(pkt, ri, r, off, end, f_reneg_info_len, 0, 0xff, &len)) return end;
  off += 1;
  if (len) pkt.add_item(ri, f_reneg_info, r, off, len);
  return off + len;
}

size_t cookie(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext) {
  uint32_t len;
  if (!add_vector(pkt, ext, r, off, end, f_cookie_len, 1, 0xffff, &len)) return end;
  pkt.add_item(ext, f_cookie, r, off + 2, len);
  return off + 2 + len;
}

size_t psk_key_exchange_modes(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext) {
  uint32_t len;
  if (!add_vector(pkt, ext, r, off, end, f_psk_ke_modes_length, 1, 0xff, &len)) return end;
  off += 1;
  for (size_t i = 0; i < len; ++i) pkt.add_item(ext, f_psk_ke_mode, r, off + i, 1);
  return off + len;
}

size_t compress_certificate(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                            uint8_t hs) {
  if (hs != kClientHello && hs != kCertificateRequest) return off;
  uint32_t len;
  if (!add_vector(pkt, ext, r, off, end, f_compress_algorithms_length, 1, 0xfe, &len)) return end;
  off += 1;
  size_t list_end = off + len;
  for (; off < list_end; off += 2) pkt.add_item(ext, f_compress_algorithm, r, off, 2);
  return off;
}

// encrypted_server_name (draft-ietf-tls-esni-01): the client's encrypted SNI, the server's nonce.
size_t encrypted_server_name(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                             uint8_t hs) {
  if (hs == kEncryptedExtensions) {
    pkt.add_item(ext, f_esni_nonce, r, off, 16);
    return off + 16;
  }
  if (hs != kClientHello) return off;
  pkt.add_item(ext, f_esni_suite, r, off, 2);
  off = key_share_entry(pkt, r, off + 2, end, ext);
  uint32_t len;
  if (!add_vector(pkt, ext, r, off, end, f_esni_record_digest_length, 0, 0xffff, &len)) return end;
  off += 2;
  if (len) pkt.add_item(ext, f_esni_record_digest, r, off, len);
  off += len;
  if (!add_vector(pkt, ext, r, off, end, f_esni_encrypted_sni_length, 0, 0xffff, &len)) return end;
  off += 2;
  if (len) pkt.add_item(ext, f_esni_encrypted_sni, r, off, len);
  return off + len;
}

}  // namespace

bool is_grease(uint16_t v) {
  return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

size_t dissect_extensions(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                          int parent, uint8_t hs, Fingerprint* fp) {
  Packet& pkt = ctx.pkt;
  TlsSession& s = ctx.session;
  uint32_t total;
  if (!add_vector(pkt, parent, r, off, end, f_extensions_length, 0, 0xffff, &total)) {
    if (fp) fp->extensions_cut = true;
    return end;
  }
  off += 2;
  size_t exts_end = off + total;
  while (exts_end - off >= 4) {
    uint16_t type = r.u16(off), wire_len = r.u16(off + 2);
    const char* name = value_name(tls_values::kTlsExtensionTypes, type);
    int ext = add_text(pkt, parent, r, off, 4 + size_t{wire_len},
                       std::string("Extension: ") +
                           (name ? name : "Unknown type " + std::to_string(type)) +
                           " (len=" + std::to_string(wire_len) + ")");
    pkt.add_item(ext, f_ext_type, r, off, 2);
    if (fp) {
      fp->extension_list.push_back(type);
      if (!is_grease(type)) append_list(fp->extensions, type);
    }
    uint32_t len;
    if (!add_vector(pkt, ext, r, off + 2, exts_end, f_ext_len, 0, 0xffff, &len)) {
      if (fp) fp->extensions_cut = true;
      return end;
    }
    size_t body = off + 4, body_end = body + len;
    switch (type) {
      case kServerName:
        off = server_name(pkt, r, body, body_end, ext, fp);
        break;
      case kMaxFragmentLength:
        pkt.add_item(ext, f_max_fragment_length, r, body, 1);
        off = body + 1;
        break;
      case kStatusRequest:
        // A TLS 1.3 Certificate entry's OCSP response is not decoded yet: it shows as data.
        off = body;
        if (hs == kClientHello) off = status_request(pkt, r, body, body_end, ext, false);
        break;
      case kStatusRequestV2:
        off = body;
        if (hs == kClientHello) off = status_request_v2(pkt, r, body, body_end, ext);
        break;
      case kSupportedGroups:
        off = supported_groups(pkt, r, body, body_end, ext, hs == kClientHello ? fp : nullptr);
        break;
      case kEcPointFormats:
        off = ec_point_formats(pkt, r, body, ext, hs == kClientHello ? fp : nullptr);
        break;
      case kSignatureAlgorithms:
      case kSignatureAlgorithmsCert:
        off = dissect_signature_algorithms(
            pkt, r, body, body_end, ext,
            fp && type == kSignatureAlgorithms ? &fp->sig_algs : nullptr);
        break;
      case kAlpn:
        off = alpn(pkt, s, r, body, body_end, ext, hs, fp);
        break;
      case kPadding:
        pkt.add_item(ext, f_padding_data, r, body, len);
        off = body_end;
        break;
      case kEncryptThenMac:
        if (hs == kClientHello) s.values.client_etm = true;
        if (hs == kServerHello) s.values.server_etm = true;
        off = body;
        break;
      case kExtendedMasterSecret:
        if (hs == kClientHello) s.values.client_ems = true;
        if (hs == kServerHello) s.values.server_ems = true;
        off = body;
        break;
      case kCompressCertificate:
        off = compress_certificate(pkt, r, body, body_end, ext, hs);
        break;
      case kRecordSizeLimit:
        pkt.add_item(ext, f_record_size_limit, r, body, 2);
        off = body + 2;
        break;
      case kCertificateAuthorities:
        dissect_distinguished_names(pkt, r, body, body_end, ext);
        off = body_end;
        break;
      case kSessionTicket: {
        if (hs == kClientHello && len) {
          const uint8_t* p = r.ptr(body, len);
          s.values.client_ticket.assign(p, p + len);
        }
        int d = pkt.add_item(ext, f_ext_data, r, body, len);
        if (pkt.labels)
          pkt.set_label(d, "Data (" + std::to_string(len) + " byte" + plural(len, "", "s") + ")");
        off = body_end;
        break;
      }
      case kPreSharedKey:
        off = pre_shared_key(pkt, r, body, body_end, ext, hs);
        break;
      case kEarlyData:
        off = body;
        if (hs == kClientHello) s.values.client_early_data = true;
        if (hs == kNewSessionTicket) {
          pkt.add_item(ext, f_max_early_data_size, r, body, 4);
          off = body + 4;
        }
        break;
      case kSupportedVersions:
        off = supported_versions(pkt, r, body, body_end, ext, hs, fp);
        break;
      case kCookie:
        off = cookie(pkt, r, body, body_end, ext);
        break;
      case kPskKeyExchangeModes:
        off = psk_key_exchange_modes(pkt, r, body, body_end, ext);
        break;
      case kKeyShareOld:
      case kKeyShare:
        off = key_share(pkt, r, body, body_end, ext, hs);
        break;
      case kApplicationSettings:
        off = application_settings(pkt, r, body, body_end, ext, hs);
        break;
      case kRenegotiationInfo:
        off = renegotiation_info(pkt, r, body, body_end, ext);
        break;
      case kEncryptedServerName:
        off = encrypted_server_name(pkt, r, body, body_end, ext, hs);
        break;
      case kHeartbeatExt:
        pkt.add_item(ext, f_hb_mode, r, body, 1);
        off = body + 1;
        break;
      case kDelegatedCredentials:
        if (hs == kClientHello || hs == kCertificateRequest) {
          off = dissect_signature_algorithms(pkt, r, body, body_end, ext, nullptr);
        } else {
          pkt.add_item(ext, f_ext_data, r, body, len);
          off = body_end;
        }
        break;
      case kNextProtocolNegotiation:
        off = next_protocol_negotiation(pkt, r, body, body_end, ext);
        break;
      case kSignedCertificateTimestamp:
        // The server's list (ServerHello, TLS 1.3 Certificate entries); a client's is empty.
        off = body;
        if (hs == kServerHello || hs == kEncryptedExtensions || hs == kCertificate) {
          dissect_sct_list(pkt, r, body, body_end, ext);
          off = body_end;
        }
        break;
      case kPostHandshakeAuth:
        off = body;
        break;
      default:
        // Extensions tshark does not decode show their bytes, "<MISSING>" when there are none.
        pkt.add_item(ext, f_ext_data, r, body, len);
        off = body_end;
        break;
    }
    // An extension whose contents ended before or after its length says.
    if (!end_vector(pkt, ext, r, off, body_end)) off = body_end;
  }
  if (!end_vector(pkt, parent, r, off, exts_end)) off = exts_end;
  return off;
}

}  // namespace netsift::tls
