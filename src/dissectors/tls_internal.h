// What the TLS dissector's files share: field ids, the per-connection state accessor, and the
// entry points of the handshake and extension dissectors (tls.cpp: records; tls_handshake.cpp:
// handshake messages and their reassembly; tls_extensions.cpp: hello extensions; tls_ja3.cpp:
// JA3/JA4 fingerprints; tls_fields.cpp: the field table).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/tls_rsa_keys.h"
#include "analysis/tls_secrets.h"
#include "analysis/tls_session.h"
#include "core/packet.h"

namespace netsift::tls {

extern FieldId proto_tls, f_record, f_content_type, f_opaque_type, f_record_version,
    f_record_length, f_app_data, f_app_data_proto, f_alert, f_alert_level, f_alert_desc,
    f_handshake, f_hs_length, f_heartbeat, f_hb_type, f_hb_payload_length, f_hb_payload,
    f_hb_padding, f_hs_fragment_count, f_hs_fragment, f_hs_fragments, f_hs_reassembled_in, f_ccs,
    f_extensions_length, f_ext_type, f_ext_len, f_ext_data, f_groups_length, f_groups, f_group,
    f_ec_formats_length, f_ec_formats, f_ec_format, f_alpn_len, f_alpn_list, f_alpn_str_len,
    f_alpn_str, f_reneg_info_len, f_reneg_info, f_key_share_client_length, f_key_share_group,
    f_key_share_kex_length, f_key_share_kex, f_key_share_selected_group, f_psk_identities_length,
    f_psk_identity_length, f_psk_identity, f_psk_age, f_psk_binders_len, f_psk_binders,
    f_psk_selected, f_supported_versions_len, f_supported_version, f_cookie_len, f_cookie,
    f_sni_list_len, f_sni_len, f_sni_type, f_sni, f_max_fragment_length, f_padding_data,
    f_status_request_type, f_status_request_len, f_status_request_responder_ids_len,
    f_status_request_exts_len, f_status_request_list_len, f_sig_hash_alg_len, f_sig_hash_algs,
    f_sig_hash_alg, f_sig_hash_hash, f_sig_hash_sig, f_epms_len, f_epms, f_sig_len, f_p_len,
    f_g_len, f_ys_len, f_yc_len, f_client_point_len, f_server_point_len, f_p, f_g,
    f_server_curve_type, f_server_named_curve, f_ys, f_yc, f_server_point, f_client_point, f_sig,
    f_hb_mode, f_certificates_length, f_certificates, f_certificate, f_certificate_length,
    f_cert_types_count, f_cert_types, f_dnames_len, f_dnames, f_dname_len, f_random, f_random_time,
    f_random_bytes, f_session_id, f_hs_version, f_cipher_suites_length, f_cipher_suites,
    f_cipher_suite, f_comp_methods_length, f_comp_methods, f_comp_method, f_ticket_lifetime,
    f_ticket_age_add, f_ticket_nonce_length, f_ticket_nonce, f_ticket_length, f_ticket,
    f_verify_data, f_md5_hash, f_sha_hash, f_cert_vrfy_sig_len, f_cert_vrfy_sig, f_ja3_full, f_ja3, f_ja3s_full, f_ja3s,
    f_psk_ke_modes_length, f_psk_ke_mode, f_cert_request_context_length, f_cert_request_context,
    f_key_update_request, f_max_early_data_size, f_compress_algorithms_length,
    f_compress_algorithm, f_compress_uncompressed_length, f_compressed_length,
    f_compressed_message, f_record_size_limit, f_alps_len, f_alps_alpn_list, f_alps_alpn_str_len,
    f_alps_alpn_str, f_resumed, f_ignored_unknown_record, f_malformed_vector_length,
    f_malformed_trailing, f_malformed_too_small, f_status_request_undecoded, f_esni_suite, f_esni_record_digest_length,
    f_esni_record_digest, f_esni_encrypted_sni_length, f_esni_encrypted_sni, f_esni_nonce, f_hs_type, f_session_id_length, f_text, f_ja4, f_ja4s, f_cert_type, f_dname,
    f_modulus_len, f_modulus, f_exponent_len, f_exponent, f_npn_str_len, f_npn, f_ssl2_msg_type,
    f_ssl2_cipher_spec_len, f_ssl2_session_id_len, f_ssl2_challenge_len, f_ssl2_cipher_spec,
    f_ssl2_challenge, f_sct_scts_length, f_sct_length, f_sct_version, f_sct_logid,
    f_sct_timestamp, f_sct_extensions_length, f_sct_extensions, f_sct_signature_length,
    f_sct_signature, f_segment_data, f_segment, f_segments, f_segment_count, f_reassembled_in,
    f_reassembled_length, f_reassembled_data;
// DTLS's own handshake fields (dtls_fields.cpp), used by the shared ClientHello dissection.
extern FieldId f_dtls_cookie_length, f_dtls_cookie;

// Protocol versions (record and negotiated).
inline constexpr uint16_t kSsl2 = 0x0002, kSsl3 = 0x0300, kTls10 = 0x0301, kTls11 = 0x0302,
                          kTls12 = 0x0303, kTls13 = 0x0304, kTlcp = 0x0101;
inline constexpr uint16_t kDtls10 = 0xfeff, kDtls12 = 0xfefd, kDtls10OpenSsl = 0x0100;

// Content types.
enum ContentType : uint8_t {
  kChangeCipherSpec = 20,
  kAlert = 21,
  kHandshake = 22,
  kApplicationData = 23,
  kHeartbeat = 24,
  kTls12Cid = 25,
};

// Handshake message types used in code (the names come from tls_values).
enum HandshakeType : uint8_t {
  kHelloRequest = 0,
  kClientHello = 1,
  kServerHello = 2,
  kHelloVerifyRequest = 3,
  kNewSessionTicket = 4,
  kEndOfEarlyData = 5,
  kHelloRetryRequest = 6,
  kEncryptedExtensions = 8,
  kCertificate = 11,
  kServerKeyExchange = 12,
  kCertificateRequest = 13,
  kServerHelloDone = 14,
  kCertificateVerify = 15,
  kClientKeyExchange = 16,
  kFinished = 20,
  kCertificateUrl = 21,
  kCertificateStatus = 22,
  kKeyUpdate = 24,
  kCompressedCertificate = 25,
  kEncryptedExtsNpn = 67,
};

// The connection's TLS state (one place, so it can move to a per-flow state registry).
TlsSession& session(Packet& pkt);

// "TLSv1.2" (tshark's short version names, the Protocol column); nullptr when unknown.
const char* version_short_name(uint16_t version);
// The tls.ignore_ssl_mac_failed preference.
bool ignore_mac_failed(const Packet& pkt);
// Whether the packet carries the server's bytes.
bool from_server(const TlsSession& s, const Packet& pkt);
// 0 for the connection's first sender's bytes, 1 for its peer's (per-direction state).
int direction(TlsSession& s, const Packet& pkt);

// Everything one dissection pass of a record needs about where it is.
struct RecordContext {
  Packet& pkt;
  int tls_tree;          // the TLS protocol node the record is under
  TlsSession& session;
  int dir;               // TCP direction of the record
  bool is_server;        // sent by the server
  uint16_t version;      // record layer version used for labels (session version when known)
  uint32_t record_id;    // tells records of one frame apart (handshake reassembly)
  bool dtls = false;     // a DTLS record (dtls.cpp): ClientHello has a cookie
};

// The handshake protocol content of one record r[off, end) under `record` (its tree node).
void dissect_handshake_record(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                              int record, bool maybe_encrypted);

// The body r[body, end) of a handshake message of `type` under its node `hs`, its record's node
// being `record` (the part TLS and DTLS share; `hrr`: a ServerHello that is a HelloRetryRequest).
void dissect_message_body(RecordContext& ctx, const ByteReader& r, size_t body, size_t end,
                          uint8_t type, bool hrr, int hs, int record);

// Hello extensions r[off, end) of a message of `hs_type`; returns the offset after them.
// `ja3` collects the extension types and groups for the fingerprints when not null.
struct Fingerprint;
size_t dissect_extensions(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                          int parent, uint8_t hs_type, Fingerprint* fp);
// A uint16 list of signature schemes (signature_algorithms, CertificateRequest) inside
// r[off, end); returns the offset after it. `schemes` collects them when not null.
size_t dissect_signature_algorithms(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                                    int parent, std::vector<uint16_t>* schemes);
// A uint16-length list of X.509 distinguished names (CertificateRequest, the TLS 1.3
// certificate_authorities extension) from r[off, end).
void dissect_distinguished_names(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                                 int parent);
// A uint16 signature scheme with its hash and signature bytes as sub-items.
void add_signature_scheme(Packet& pkt, int parent, const ByteReader& r, size_t off);

// JA3/JA3S/JA4 inputs gathered while a hello is dissected.
struct Fingerprint {
  uint16_t version = 0;
  std::string ciphers, extensions, groups, ec_formats;  // JA3 lists ("-" separated)
  // JA4 inputs.
  uint16_t highest_supported_version = 0;
  bool have_sni = false;
  std::string first_alpn;
  std::vector<uint16_t> cipher_list, extension_list, sig_algs;
  // The extensions ended at a broken vector: tshark's JA3 then has no group and format lists.
  bool extensions_cut = false;
};
// Each at r[off], the start of the hello's extensions, as tshark places JA3.
void add_ja3(Packet& pkt, int parent, const Fingerprint& fp, const ByteReader& r, size_t off);
void add_ja3s(Packet& pkt, int parent, const Fingerprint& fp, uint16_t cipher,
              const ByteReader& r, size_t off);
void add_ja4(Packet& pkt, int parent, const Fingerprint& fp, const ByteReader& r, size_t off);
void add_ja4s(Packet& pkt, int parent, const Fingerprint& fp, uint16_t cipher,
              const ByteReader& r, size_t off);
bool is_grease(uint16_t v);

void register_fields(FieldId proto);
// The TLS field table (DTLS registers its dtls.* twins from it).
std::span<const FieldReg> field_table();

// Records of the record layer tls.cpp shows, also for decrypted content.
void dissect_alert(RecordContext& ctx, const ByteReader& r, size_t off, size_t len, int record);
void dissect_application_data(RecordContext& ctx, const ByteReader& r, size_t off, size_t len,
                              int record, uint16_t version);

// Decryption (tls_decrypt.cpp). The run's secrets, with the tls.keylog_file preference's file
// read in.
TlsSecrets& secrets(Packet& pkt);
// The run's RSA private keys, with the files of the rsa_keys and ssl_keys tables read in.
TlsRsaKeys& rsa_keys(Packet& pkt);
// A ChangeCipherSpec from ctx.dir: its later TLS 1.0-1.2 records use the new keys.
void start_decryption_tls12(RecordContext& ctx);
// A TLS 1.3 ServerHello was dissected (from ctx.dir): the handshake keys of both sides.
void start_decryption_tls13(RecordContext& ctx);
// Decrypts the protected record r[body, body+length) and dissects its content under `record`;
// false when it cannot be decrypted (no keys, authentication failure: it stays encrypted) and
// for an encrypted ChangeCipherSpec (a renegotiation's), which the caller shows as a plain one.
bool dissect_protected_record(RecordContext& ctx, const ByteReader& r, size_t body, size_t length,
                              uint8_t content_type, uint16_t wire_version, int record);

// Plaintext `bytes` as a new data source of the packet (named "Decrypted TLS", ...).
ByteReader add_decrypted_source(Packet& pkt, const char* name, std::span<const uint8_t> bytes);
// The decrypted application data of one record to the protocol inside (tls_app_data.cpp),
// reassembled across records when that protocol asks for more.
void dissect_app_plaintext(RecordContext& ctx, const ByteReader& plain);

// Adds a text-only subtree node covering r[off, off+len) labelled `text`.
int add_text(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len,
             std::string_view text);
// Appends an Info item as tshark's col_append_sep_str: after ", " when the column has any text,
// even text before the fence (TCP's expert notes).
inline void append_info(Packet& pkt, std::string_view s) {
  if (!pkt.cols.info.empty()) pkt.cols.info.append(", ");
  pkt.cols.info.append(s);
}
// A length-prefixed vector's length field at r[off] inside r[off, end), as tshark's
// ssl_add_vector: the field is 1..4 bytes wide as `max` needs. A length outside [min, max] is a
// warning; one running past `end` is an error and is cut to what is left (*len). False when the
// vector is cut or its length field does not fit (then *len is 0), after which tshark's
// dissectors stop at their enclosing vector's end.
bool add_vector(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t end, FieldId f,
                uint32_t min, uint32_t max, uint32_t* len);
// Whether a vector's dissection stopped exactly at its end `end` (tshark's ssl_end_vector):
// otherwise an expert item for the trailing or overrun bytes, and false.
bool end_vector(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t end);

// Plural helper for tshark's "(%u %s)" labels.
inline const char* plural(uint64_t n, const char* one, const char* many) {
  return n == 1 ? one : many;
}

}  // namespace netsift::tls
