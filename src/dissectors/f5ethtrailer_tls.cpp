// The F5 trailer's TLS provider (tcpdump --f5 ssl, BIG-IP 15+): session secrets in DPT
// provider-4 TLVs, turned into NSS key-log lines (f5ethtrailer.tls.keylog) as tshark does: per
// conversation, a line only when a secret changes and a client random is known (spec §7).
#include <array>
#include <cstring>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "analysis/tls_secrets.h"
#include "core/append_format.h"
#include "core/session.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/f5ethtrailer_prefs.h"

namespace netsift {

namespace {
using namespace f5_fields;

constexpr size_t kSlot = 64;  // TLS 1.3 secrets sit in fixed 64-byte slots
constexpr size_t kRandomLen = 32;
constexpr size_t kMasterLen = 48;

// One remembered secret: the "changed" rule needs the last non-zero value seen.
struct Secret {
  std::array<uint8_t, kSlot> bytes{};
  size_t len = 0;

  // Stores `p` unless it is all zeros or unchanged; returns whether it changed.
  bool update(const uint8_t* p, size_t n) {
    bool all_zero = true;
    for (size_t i = 0; i < n; ++i) all_zero &= p[i] == 0;
    if (all_zero || (len == n && std::memcmp(bytes.data(), p, n) == 0)) return false;
    std::memcpy(bytes.data(), p, n);
    len = n;
    return true;
  }
};

enum SecretIndex { kEarly, kClientHs, kServerHs, kClientApp, kServerApp, kSecretCount };

struct ConversationSecrets {
  Secret master, client_random;
  Secret tls13[kSecretCount];
};

}  // namespace

struct F5TlsKeyState {
  // Key: both endpoints (address bytes and port), smaller endpoint first, so that both
  // directions of a conversation share their secrets.
  std::unordered_map<std::string, ConversationSecrets> conversations;
  std::string key;  // reused to build lookup keys
};

namespace {

ConversationSecrets& conversation(Packet& pkt) {
  F5TlsKeyState& state = pkt.session->state<F5TlsKeyState>();
  auto endpoint = [&](const Address& a, uint16_t port) {
    std::string e(reinterpret_cast<const char*>(a.bytes), a.size());
    e.push_back(static_cast<char>(a.type));
    e.push_back(static_cast<char>(port >> 8));
    e.push_back(static_cast<char>(port & 0xff));
    return e;
  };
  std::string s = endpoint(pkt.net_src, pkt.src_port), d = endpoint(pkt.net_dst, pkt.dst_port);
  std::string& key = state.key;
  key.assign(s < d ? s : d).append(s < d ? d : s).push_back(static_cast<char>(pkt.port_type));
  return state.conversations[key];
}

// The line is generated at the start of the TLS data `r`, covering no bytes, as tshark adds it.
void add_keylog(F5Dissection& d, int parent, const ByteReader& r, const char* label,
                const Secret& client_random, const Secret& secret) {
  static thread_local std::string line;
  line.assign(label).push_back(' ');
  for (size_t i = 0; i < client_random.len; ++i)
    append_format(line, "{:02x}", client_random.bytes[i]);
  line.push_back(' ');
  for (size_t i = 0; i < secret.len; ++i)
    append_format(line, "{:02x}", secret.bytes[i]);
  if (d.pkt.session->prefs.get(f5_prefs::generate_keylog)) {
    std::string_view copy = d.pkt.arena.copy(line);
    d.pkt.tree.add(parent, tls_keylog, r, 0, 0,
                   Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()),
                   kGenerated);
  }
  // netsift decrypts with the secrets the trailers carry, with no key option (whatever
  // generate_keylog says: it only chooses whether the tree shows the lines).
  d.pkt.session->state<TlsSecrets>().add_line(line);
}

int add_container(F5Dissection& d, const ByteReader& r, bool extended) {
  int node = d.pkt.tree.add(d.tree, tls_data, r, 0, r.size(), Value{});
  if (extended && d.want_text()) d.pkt.set_label(node, "F5 TLS, Extended Info");
  f5_add_tlv_header(d, r, node);
  return node;
}

// Type 0: TLS 1.2 and earlier, master secret and both randoms.
size_t tls12_secrets(F5Dissection& d, const ByteReader& r) {
  if (r.size() < 8 + kMasterLen + 2 * kRandomLen) return 0;
  int node = add_container(d, r, false);
  d.pkt.add_item(node, tls_master_secret, r, 8, kMasterLen);
  d.pkt.add_item(node, tls_client_random, r, 56, kRandomLen);
  d.pkt.add_item(node, tls_server_random, r, 88, kRandomLen);
  ConversationSecrets& conv = conversation(d.pkt);
  bool changed = conv.master.update(r.ptr(8, kMasterLen), kMasterLen);
  conv.client_random.update(r.ptr(56, kRandomLen), kRandomLen);
  if (changed && conv.client_random.len)
    add_keylog(d, node, r, "CLIENT_RANDOM", conv.client_random, conv.master);
  return r.size();
}

// Type 2: TLS 1.3 traffic secrets (version 1 adds the early secret in the first slot).
size_t tls13_secrets(F5Dissection& d, const ByteReader& r, uint16_t version) {
  Packet& pkt = d.pkt;
  int node = add_container(d, r, false);
  int len_node = pkt.add_item(node, tls_secret_len, r, 8, 1);
  size_t secret_len = r.u8(8);
  if (secret_len == 0) return r.size();
  if (secret_len > kSlot) {
    f5_add_expert(d, len_node, ei_badlen, r, 8, 1);
    return r.size();
  }
  // Version 0 of the full 393-byte layout leaves its first slot unused.
  bool first_slot_used = version == 1;
  size_t first = (version == 1 || r.size() == 393) ? 9 + kSlot : 9;
  static constexpr FieldId* kFields[] = {&tls_early_secret, &tls_client_hs_secret,
                                         &tls_server_hs_secret, &tls_client_app_secret,
                                         &tls_server_app_secret};
  size_t offsets[kSecretCount];
  offsets[kEarly] = 9;
  for (int i = kClientHs; i < kSecretCount; ++i) offsets[i] = first + (i - kClientHs) * kSlot;
  for (int i = first_slot_used ? kEarly : kClientHs; i < kSecretCount; ++i)
    pkt.add_item(node, *kFields[i], r, offsets[i], secret_len);
  size_t randoms = first + 4 * kSlot;
  pkt.add_item(node, tls_client_random, r, randoms, kRandomLen);
  pkt.add_item(node, tls_server_random, r, randoms + kRandomLen, kRandomLen);

  ConversationSecrets& conv = conversation(pkt);
  bool changed[kSecretCount] = {};
  for (int i = first_slot_used ? kEarly : kClientHs; i < kSecretCount; ++i)
    changed[i] = conv.tls13[i].update(r.ptr(offsets[i], secret_len), secret_len);
  conv.client_random.update(r.ptr(randoms, kRandomLen), kRandomLen);
  if (!conv.client_random.len) return r.size();
  static constexpr struct {
    SecretIndex index;
    const char* label;
  } kLines[] = {{kEarly, "CLIENT_EARLY_TRAFFIC_SECRET"},
                {kClientApp, "CLIENT_TRAFFIC_SECRET_0"},
                {kServerApp, "SERVER_TRAFFIC_SECRET_0"},
                {kClientHs, "CLIENT_HANDSHAKE_TRAFFIC_SECRET"},
                {kServerHs, "SERVER_HANDSHAKE_TRAFFIC_SECRET"}};
  for (const auto& l : kLines)
    if (changed[l.index])
      add_keylog(d, node, r, l.label, conv.client_random, conv.tls13[l.index]);
  return r.size();
}

}  // namespace

void register_f5_tls_state() {
  register_protocol_state<F5TlsKeyState>(StateScope::kCapture);
}

size_t f5_tls_tlv(F5Dissection& d, const ByteReader& r, uint16_t type, uint16_t version) {
  if (type == 0 && version == 0) return tls12_secrets(d, r);
  if (type == 2 && (version == 0 || version == 1)) return tls13_secrets(d, r, version);
  if ((type == 1 || type == 3) && version == 0) {
    int node = add_container(d, r, true);
    if (r.size() > 8) d.pkt.add_item(node, data, r, 8, r.size() - 8);
    return r.size();
  }
  return 0;
}

}  // namespace netsift
