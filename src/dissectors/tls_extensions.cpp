// TLS hello extensions as tshark 4.0 shows them (ssl_dissect_hnd_extension): each one as an
// "Extension: <name> (len=N)" subtree with its type and length, then its own fields. The
// fingerprints (JA3, JA4) take their extension, group and format lists from here.
#include <algorithm>
#include <string>

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
  kRenegotiationInfo = 65281,
};

std::string count_label(const char* what, uint64_t n, const char* one, const char* many) {
  return std::string(what) + " (" + std::to_string(n) + " " + plural(n, one, many) + ")";
}

void append_list(std::string& s, uint64_t v) {
  if (!s.empty()) s += '-';
  s += std::to_string(v);
}

void server_name(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                 Fingerprint* fp) {
  if (off >= end) return;
  if (fp) fp->have_sni = true;
  int sni = add_text(pkt, ext, r, off, end - off, "Server Name Indication extension");
  uint16_t list_len = r.u16(off);
  pkt.add_item(sni, f_sni_list_len, r, off, 2);
  off += 2;
  size_t list_end = std::min<size_t>(off + list_len, end);
  while (off + 3 <= list_end) {
    pkt.add_item(sni, f_sni_type, r, off, 1);
    uint16_t len = r.u16(off + 1);
    pkt.add_item(sni, f_sni_len, r, off + 1, 2);
    pkt.add_item(sni, f_sni, r, off + 3, len);
    remember_server_name(pkt, {reinterpret_cast<const char*>(r.ptr(off + 3, len)), len});
    off += 3 + len;
  }
}

void supported_groups(Packet& pkt, const ByteReader& r, size_t off, int ext, Fingerprint* fp) {
  uint16_t len = r.u16(off);
  pkt.add_item(ext, f_groups_length, r, off, 2);
  off += 2;
  int list = pkt.tree.add(ext, f_groups, r, off, len, Value{});
  if (pkt.labels) pkt.set_label(list, count_label("Supported Groups", len / 2, "group", "groups"));
  for (size_t i = 0; i + 1 < len; i += 2) {
    uint16_t g = r.u16(off + i);
    pkt.add_item(list, f_group, r, off + i, 2);
    if (fp && !is_grease(g)) append_list(fp->groups, g);
  }
}

void ec_point_formats(Packet& pkt, const ByteReader& r, size_t off, int ext, Fingerprint* fp) {
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
}

const char* alpn_protocol(std::string_view alpn);

void alpn(Packet& pkt, TlsSession& s, const ByteReader& r, size_t off, size_t end, int ext,
          uint8_t hs, Fingerprint* fp) {
  uint16_t len = r.u16(off);
  pkt.add_item(ext, f_alpn_len, r, off, 2);
  off += 2;
  int list = pkt.tree.add(ext, f_alpn_list, r, off, len, Value{});
  size_t list_end = std::min<size_t>(off + len, end);
  while (off < list_end) {
    uint8_t n = r.u8(off);
    pkt.add_item(list, f_alpn_str_len, r, off, 1);
    pkt.add_item(list, f_alpn_str, r, off + 1, n);
    std::string_view name(reinterpret_cast<const char*>(r.ptr(off + 1, n)), n);
    if (fp && fp->first_alpn.empty() && n > 0) fp->first_alpn.assign(name);
    // The server's choice names the protocol inside the application data.
    if (hs == kServerHello || hs == kEncryptedExtensions) {
      if (const char* p = alpn_protocol(name)) s.app_protocol = p;
      s.alpn.assign(name);
    }
    off += 1 + n;
  }
}

void next_protocol_negotiation(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext) {
  if (off >= end) return;
  int npn = add_text(pkt, ext, r, off, end - off, "Next Protocol Negotiation");
  while (off < end) {
    uint8_t n = r.u8(off);
    pkt.add_item(npn, f_npn_str_len, r, off, 1);
    pkt.add_item(npn, f_npn, r, off + 1, n);
    off += 1 + n;
  }
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

void application_settings(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext) {
  uint16_t len = r.u16(off);
  pkt.add_item(ext, f_alps_len, r, off, 2);
  off += 2;
  int list = pkt.tree.add(ext, f_alps_alpn_list, r, off, len, Value{});
  size_t list_end = std::min<size_t>(off + len, end);
  while (off < list_end) {
    uint8_t n = r.u8(off);
    pkt.add_item(list, f_alps_alpn_str_len, r, off, 1);
    pkt.add_item(list, f_alps_alpn_str, r, off + 1, n);
    off += 1 + n;
  }
}

void key_share_entry(Packet& pkt, const ByteReader& r, size_t off, int parent) {
  uint16_t group = r.u16(off), len = r.u16(off + 2);
  const char* name = value_name(tls_values::kTlsNamedGroups, group);
  int e = add_text(pkt, parent, r, off, 4 + size_t{len},
                   std::string("Key Share Entry: Group: ") +
                       (name ? name : "Unknown (" + std::to_string(group) + ")") +
                       ", Key Exchange length: " + std::to_string(len));
  pkt.add_item(e, f_key_share_group, r, off, 2);
  pkt.add_item(e, f_key_share_kex_length, r, off + 2, 2);
  pkt.add_item(e, f_key_share_kex, r, off + 4, len);
}

void key_share(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext, uint8_t hs) {
  int ks = add_text(pkt, ext, r, off, end - off, "Key Share extension");
  if (hs == kClientHello) {
    uint16_t len = r.u16(off);
    pkt.add_item(ks, f_key_share_client_length, r, off, 2);
    off += 2;
    size_t list_end = std::min<size_t>(off + len, end);
    while (off + 4 <= list_end) {
      key_share_entry(pkt, r, off, ks);
      off += 4 + size_t{r.u16(off + 2)};
    }
  } else if (hs == kHelloRetryRequest) {
    pkt.add_item(ks, f_key_share_selected_group, r, off, 2);
  } else if (hs == kServerHello) {
    key_share_entry(pkt, r, off, ks);
  }
}

void pre_shared_key(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext, uint8_t hs) {
  int psk = add_text(pkt, ext, r, off, end - off, "Pre-Shared Key extension");
  if (hs != kClientHello) {
    pkt.add_item(psk, f_psk_selected, r, off, 2);
    return;
  }
  uint16_t ids_len = r.u16(off);
  pkt.add_item(psk, f_psk_identities_length, r, off, 2);
  off += 2;
  size_t ids_end = off + ids_len;
  while (off + 2 <= ids_end) {
    uint16_t len = r.u16(off);
    int id = add_text(pkt, psk, r, off, 6 + size_t{len},
                      "PSK Identity (length: " + std::to_string(len) + ")");
    pkt.add_item(id, f_psk_identity_length, r, off, 2);
    pkt.add_item(id, f_psk_identity, r, off + 2, len);
    pkt.add_item(id, f_psk_age, r, off + 2 + len, 4);
    off += 6 + size_t{len};
  }
  off = ids_end;
  uint16_t binders_len = r.u16(off);
  pkt.add_item(psk, f_psk_binders_len, r, off, 2);
  off += 2;
  // tshark shows the binders as one item, without the binders themselves.
  pkt.tree.add(psk, f_psk_binders, r, off, binders_len, Value{});
}

void supported_versions(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext,
                        uint8_t hs, Fingerprint* fp) {
  if (hs != kClientHello) {
    pkt.add_item(ext, f_supported_version, r, off, 2);
    if (fp) fp->highest_supported_version = r.u16(off);
    return;
  }
  uint8_t len = r.u8(off);
  pkt.add_item(ext, f_supported_versions_len, r, off, 1);
  off += 1;
  size_t list_end = std::min<size_t>(off + len, end);
  for (; off + 2 <= list_end; off += 2) {
    uint16_t v = r.u16(off);
    pkt.add_item(ext, f_supported_version, r, off, 2);
    if (fp && !is_grease(v))
      fp->highest_supported_version = std::max(fp->highest_supported_version, v);
  }
}

void status_request(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext) {
  if (off >= end) return;
  uint8_t type = r.u8(off);
  pkt.add_item(ext, f_status_request_type, r, off, 1);
  off += 1;
  if (type == 1) {  // OCSP
    pkt.add_item(ext, f_status_request_responder_ids_len, r, off, 2);
    off += 2 + r.u16(off);
    pkt.add_item(ext, f_status_request_exts_len, r, off, 2);
  }
}

void renegotiation_info(Packet& pkt, const ByteReader& r, size_t off, size_t end, int ext) {
  int ri = add_text(pkt, ext, r, off, end - off, "Renegotiation Info extension");
  uint8_t len = r.u8(off);
  pkt.add_item(ri, f_reneg_info_len, r, off, 1);
  if (len) pkt.add_item(ri, f_reneg_info, r, off + 1, len);
}

}  // namespace

bool is_grease(uint16_t v) {
  return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

size_t dissect_extensions(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                          int parent, uint8_t hs, Fingerprint* fp) {
  Packet& pkt = ctx.pkt;
  TlsSession& s = ctx.session;
  uint16_t total = r.u16(off);
  pkt.add_item(parent, f_extensions_length, r, off, 2);
  off += 2;
  size_t exts_end = std::min<size_t>(off + total, end);
  while (off + 4 <= exts_end) {
    uint16_t type = r.u16(off), len = r.u16(off + 2);
    const char* name = value_name(tls_values::kTlsExtensionTypes, type);
    int ext = add_text(pkt, parent, r, off, 4 + size_t{len},
                       std::string("Extension: ") +
                           (name ? name : "Unknown type " + std::to_string(type)) +
                           " (len=" + std::to_string(len) + ")");
    pkt.add_item(ext, f_ext_type, r, off, 2);
    pkt.add_item(ext, f_ext_len, r, off + 2, 2);
    if (fp) {
      fp->extension_list.push_back(type);
      if (!is_grease(type)) append_list(fp->extensions, type);
    }
    size_t body = off + 4, body_end = body + len;
    switch (type) {
      case kServerName:
        server_name(pkt, r, body, body_end, ext, fp);
        break;
      case kMaxFragmentLength:
        pkt.add_item(ext, f_max_fragment_length, r, body, 1);
        break;
      case kStatusRequest:
        status_request(pkt, r, body, body_end, ext);
        break;
      case kSupportedGroups:
        supported_groups(pkt, r, body, ext, fp);
        break;
      case kEcPointFormats:
        ec_point_formats(pkt, r, body, ext, fp);
        break;
      case kSignatureAlgorithms:
        dissect_signature_algorithms(pkt, r, body, ext);
        if (fp)
          for (size_t i = 0; i + 1 < r.u16(body); i += 2)
            fp->sig_algs.push_back(r.u16(body + 2 + i));
        break;
      case kAlpn:
        alpn(pkt, s, r, body, body_end, ext, hs, fp);
        break;
      case kPadding:
        if (len) pkt.add_item(ext, f_padding_data, r, body, len);
        break;
      case kEncryptThenMac:
        if (hs == kClientHello) s.values.client_etm = true;
        if (hs == kServerHello) s.values.server_etm = true;
        break;
      case kExtendedMasterSecret:
        if (hs == kClientHello) s.values.client_ems = true;
        if (hs == kServerHello) s.values.server_ems = true;
        break;
      case kCompressCertificate: {
        uint8_t n = r.u8(body);
        pkt.add_item(ext, f_compress_algorithms_length, r, body, 1);
        for (size_t i = 0; i + 1 < n; i += 2)
          pkt.add_item(ext, f_compress_algorithm, r, body + 1 + i, 2);
        break;
      }
      case kRecordSizeLimit:
        pkt.add_item(ext, f_record_size_limit, r, body, 2);
        break;
      case kCertificateAuthorities:
        dissect_distinguished_names(pkt, r, body, body_end, ext);
        break;
      case kSessionTicket: {
        if (hs == kClientHello)
          s.values.client_ticket.assign(r.ptr(body, len), r.ptr(body, len) + len);
        int d = pkt.add_item(ext, f_ext_data, r, body, len);
        if (pkt.labels)
          pkt.set_label(d, "Data (" + std::to_string(len) + " byte" + plural(len, "", "s") + ")");
        break;
      }
      case kPreSharedKey:
        pre_shared_key(pkt, r, body, body_end, ext, hs);
        break;
      case kEarlyData:
        if (hs == kClientHello) s.values.client_early_data = true;
        if (hs == kNewSessionTicket) pkt.add_item(ext, f_max_early_data_size, r, body, 4);
        break;
      case kSupportedVersions:
        supported_versions(pkt, r, body, body_end, ext, hs, fp);
        break;
      case kCookie: {
        uint16_t n = r.u16(body);
        pkt.add_item(ext, f_cookie_len, r, body, 2);
        pkt.add_item(ext, f_cookie, r, body + 2, n);
        break;
      }
      case kPskKeyExchangeModes: {
        uint8_t n = r.u8(body);
        pkt.add_item(ext, f_psk_ke_modes_length, r, body, 1);
        for (size_t i = 0; i < n; ++i) pkt.add_item(ext, f_psk_ke_mode, r, body + 1 + i, 1);
        break;
      }
      case kKeyShareOld:
      case kKeyShare:
        key_share(pkt, r, body, body_end, ext, hs);
        break;
      case kApplicationSettings:
        application_settings(pkt, r, body, body_end, ext);
        break;
      case kRenegotiationInfo:
        renegotiation_info(pkt, r, body, body_end, ext);
        break;
      case kHeartbeatExt:
        pkt.add_item(ext, f_hb_mode, r, body, 1);
        break;
      case kDelegatedCredentials:
        if (hs == kClientHello || hs == kCertificateRequest)
          dissect_signature_algorithms(pkt, r, body, ext);
        else
          pkt.add_item(ext, f_ext_data, r, body, len);
        break;
      case kNextProtocolNegotiation:
        next_protocol_negotiation(pkt, r, body, body_end, ext);
        break;
      case kSignedCertificateTimestamp:
        // The server's list (ServerHello, TLS 1.3 Certificate entries); a client's is empty.
        if (len) dissect_sct_list(pkt, r, body, body_end, ext);
        break;
      case kPostHandshakeAuth:
        if (len) pkt.add_item(ext, f_ext_data, r, body, len);
        break;
      default:
        // Extensions tshark does not decode show their bytes, "<MISSING>" when there are none.
        pkt.add_item(ext, f_ext_data, r, body, len);
        break;
    }
    off = body_end;
  }
  return off;
}

}  // namespace netsift::tls
