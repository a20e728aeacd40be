// DLT_USER0-15, link types 147-162 (Wireshark's "DLT User", packet-user_encap.c): the user_dlts
// table maps each to a payload protocol, with a header and a trailer of fixed sizes before and
// after it, each handed to its own protocol ("data" when the record names none).
#include <charconv>
#include <cstdint>

#include <fmt/format.h>

#include "core/captured_frame.h"
#include "core/append_format.h"
#include "core/dissector_table.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/preferences.h"
#include "core/protocol_state.h"
#include "core/session.h"

namespace netsift {

namespace {

constexpr uint32_t kFirstUserLinktype = 147, kUserLinktypes = 16;

FieldId proto, not_handled;

// The protocols a record may name, by tshark's dissector names, and the link type netsift
// dissects each as (kData: the "data" dissector). Other names are "not found".
constexpr uint32_t kData = UINT32_MAX;
struct NamedProtocol {
  const char* name;
  const char* long_name;  // what tshark's label shows in parentheses
  uint32_t linktype;
};
constexpr NamedProtocol kProtocols[] = {
    {"data", "Data", kData},
    {"eth_withoutfcs", "Ethernet", kLinkEthernet},
    {"eth_maybefcs", "Ethernet", kLinkEthernet},
    {"ip", "Internet Protocol Version 4", kLinkIpv4},
    {"ipv6", "Internet Protocol Version 6", kLinkIpv6},
    {"sll", "Linux cooked-mode capture v1", kLinkLinuxSll},
    {"null", "NULL/Loopback", kLinkNull},
};

// One record of user_dlts, read for dissection. A protocol field left empty means "data"
// without a name in the label; a name netsift does not know leaves `known` false.
struct Slot {
  bool present = false;
  std::string payload_name, header_name, trailer_name;  // lower case, as tshark keeps them
  bool payload_known = false;
  const NamedProtocol *payload = nullptr, *header = nullptr, *trailer = nullptr;
  uint32_t header_size = 0, trailer_size = 0;
};

// The user_dlts table as dissection reads it, built from the preferences on first use.
struct UserDlts {
  bool loaded = false;
  Slot slots[kUserLinktypes];
};

const NamedProtocol* find_protocol(std::string_view name) {
  for (const NamedProtocol& p : kProtocols)
    if (name == p.name) return &p;
  return nullptr;
}

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return out;
}

uint32_t number(const std::string& s) {
  uint32_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

void load(UserDlts& t, const PrefStore& prefs) {
  t.loaded = true;
  const UatTable* table = prefs.find_uat("user_dlts");
  if (!table) return;
  for (const UatRecord& rec : table->records) {
    // "User 0 (DLT=147)" ... "User 15 (DLT=162)"; the first record for a DLT wins.
    size_t eq = rec[0].find("DLT=");
    if (eq == std::string::npos) continue;
    uint32_t dlt = number(rec[0].substr(eq + 4));
    if (dlt < kFirstUserLinktype || dlt >= kFirstUserLinktype + kUserLinktypes) continue;
    Slot& s = t.slots[dlt - kFirstUserLinktype];
    if (s.present) continue;
    s.present = true;
    s.payload_name = lower_trimmed(rec[1]);
    s.payload = s.payload_name.empty() ? find_protocol("data") : find_protocol(s.payload_name);
    s.header_size = number(rec[2]);
    s.header_name = lower_trimmed(rec[3]);
    s.header = s.header_name.empty() ? find_protocol("data") : find_protocol(s.header_name);
    s.trailer_size = number(rec[4]);
    s.trailer_name = lower_trimmed(rec[5]);
    s.trailer = s.trailer_name.empty() ? find_protocol("data") : find_protocol(s.trailer_name);
  }
}

size_t call(Packet& pkt, const NamedProtocol* p, const ByteReader& r) {
  if (!p || p->linktype == kData) return pkt.call_data(r, -1);
  return pkt.call_next(tables::linktype(), p->linktype, r, -1);
}

// ", Payload: eth_withoutfcs (Ethernet)": only for a protocol the record names.
void append_part(std::string& label, const char* part, const std::string& name,
                 const NamedProtocol* p) {
  if (!name.empty() && p) append_format(label, ", {}: {} ({})", part, name,
                                         p->long_name);
}

size_t dissect_user_dlt(const ByteReader& r, Packet& pkt, int) {
  UserDlts& t = pkt.session->state<UserDlts>();
  if (!t.loaded) load(t, pkt.session->prefs);
  uint32_t dlt = pkt.frame->linktype;
  const Slot& s = t.slots[dlt - kFirstUserLinktype];
  int item = pkt.add_protocol(-1, proto, r, 0, r.size());
  if (!s.present || !s.payload) {
    std::string msg =
        s.present ? fmt::format("User encapsulation's protocol {} not found: DLT={}, check your "
                                "Preferences->Protocols->DLT_USER",
                                s.payload_name, dlt)
                  : fmt::format("User encapsulation not handled: DLT={}, check your "
                                "Preferences->Protocols->DLT_USER",
                                dlt);
    pkt.set_label(item, msg);
    add_expert(pkt, item, not_handled, r, 0, r.size(), msg, kExpertWarn, kGroupUndecoded);
    return pkt.call_data(r, -1);
  }
  std::string label = fmt::format("DLT: {}", dlt);
  if (s.header_size) {
    call(pkt, s.header, r.sub(0, s.header_size));
    append_part(label, "Header", s.header_name, s.header);
  }
  size_t around = size_t{s.header_size} + s.trailer_size;
  size_t payload_len = r.reported_size() > around ? r.reported_size() - around : 0;
  call(pkt, s.payload, r.sub(s.header_size, payload_len));
  append_part(label, "Payload", s.payload_name, s.payload);
  if (s.trailer_size) {
    call(pkt, s.trailer, r.sub(s.header_size + payload_len, s.trailer_size));
    append_part(label, "Trailer", s.trailer_name, s.trailer);
  }
  pkt.set_label(item, label);
  return r.reported_size();
}

}  // namespace

void register_user_dlt() {
  prefs_registry().add_uat({"user_dlts",
                            "User DLTs Table",
                            {"encap", "payload_proto", "header_size", "header_proto",
                             "trailer_size", "trailer_proto"}});
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"DLT User", "DLT_USER", "user_dlt"});
  static const FieldReg fields[] = {
      {&not_handled, {.name = "Formatted text", .abbrev = "user_dlt.not_handled"}},
  };
  reg.add_fields(proto, fields);
  register_protocol_state<UserDlts>(StateScope::kCapture);
  for (uint32_t i = 0; i < kUserLinktypes; ++i)
    tables::linktype().add(kFirstUserLinktype + i, dissect_user_dlt, "user_dlt");
}

}  // namespace netsift
