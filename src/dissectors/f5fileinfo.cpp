// F5 capture information (Wireshark's f5fileinfo): the pseudo packet BIG-IP tcpdump writes as
// frame 1 since 11.2 — command line, version, host, platform, product as tagged NUL-terminated
// strings after a fake Ethernet header with EtherType 0x05FF (spec §8).
#include <cstring>

#include <fmt/format.h>

#include "core/field_registry.h"
#include "dissectors/eth.h"
#include "dissectors/f5ethtrailer_prefs.h"
#include "dissectors/f5fileinfo.h"

namespace netsift {

namespace f5fileinfo_fields {
ProtocolField proto;
StringField cmdline, version, hostname, platform, product;
}  // namespace f5fileinfo_fields

namespace {

using namespace f5fileinfo_fields;

FieldId platformname;

const FieldReg kFields[] = {
    {&cmdline,
     {.name = "Tcpdump command line", .abbrev = "f5fileinfo.cmdline", .type = FieldType::kStringz}},
    {&version,
     {.name = "Platform version", .abbrev = "f5fileinfo.version", .type = FieldType::kStringz}},
    {&hostname, {.name = "Hostname", .abbrev = "f5fileinfo.hostname", .type = FieldType::kStringz}},
    {&platform, {.name = "Platform", .abbrev = "f5fileinfo.platform", .type = FieldType::kStringz}},
    {&platformname,
     {.name = "Platform name", .abbrev = "f5fileinfo.platformname", .type = FieldType::kStringz}},
    {&product,
     {.name = "Platform product", .abbrev = "f5fileinfo.product", .type = FieldType::kStringz}},
};

// Zero MACs, EtherType 0x05FF, then "F5-Pseudo-pkt" and its NUL.
constexpr uint8_t kSignature[28] = {0,   0,   0,    0,    0,   0,   0,   0,   0,   0,
                                    0,   0,   0x05, 0xff, 'F', '5', '-', 'P', 's', 'e',
                                    'u', 'd', 'o',  '-',  'p', 'k', 't', 0};

struct Tag {
  const char* text;
  StringField* field;
};
constexpr Tag kTags[] = {{"CMD: ", &cmdline},
                         {"VER: ", &version},
                         {"HOST: ", &hostname},
                         {"PLAT: ", &platform},
                         {"PROD: ", &product}};

struct PlatformName {
  const char* id;
  const char* name;
};
// Wireshark's platform table (the texts TShark 4.0.17 prints).
constexpr PlatformName kPlatforms[] = {
    {"A100", "VIPRION B4100 Blade"},
    {"A105", "VIPRION B4100N Blade"},
    {"A107", "VIPRION B4200 Blade"},
    {"A108", "VIPRION B4300 Blade"},
    {"A109", "VIPRION B2100 Blade"},
    {"A110", "VIPRION B4340N Blade"},
    {"A111", "VIPRION B4200N Blade"},
    {"A112", "VIPRION B2250 Blade"},
    {"A113", "VIPRION B2150 Blade"},
    {"A114", "VIPRION B4450 Blade"},
    {"C102", "BIG-IP 1600"},
    {"C103", "BIG-IP 3600"},
    {"C106", "BIG-IP 3900, Enterprise Manager 4000"},
    {"C109", "BIG-IP 5000s, 5050s, 5200v, 5250v, 5250v-F"},
    {"C112", "BIG-IP 2000 Series (2000s, 2200s)"},
    {"C113", "BIG-IP 4000 Series (4000s, 4200v)"},
    {"C114", "BIG-IP 800 (LTM only)"},
    {"C115", "BIG-IP i4000 Series (i4600, i4800)"},
    {"C116", "BIG-IP i10000 Series (i10600, i10800)"},
    {"C117", "BIG-IP i2000 Series (i2600, i2800), BIG-IP i850)"},
    {"C118", "BIG-IP i7000 Series (i7600, i7800)"},
    {"C119", "BIG-IP i5000 Series (i5600, i5800)"},
    {"C120", "Herculon i2800"},
    {"C121", "Herculon i5800"},
    {"C122", "Herculon i10800"},
    {"C123", "BIG-IP i11600, i11800"},
    {"C124", "BIG-IP i11400-DS, i11600-DS, i11800-DS"},
    {"C125", "BIG-IP i5820-DF"},
    {"C126", "BIG-IP i7820-DF"},
    {"C128", "F5 r10000 Series (r10600, r10800, r10900)"},
    {"C129", "F5 r5000 Series (r5600, r5800, r5900)"},
    {"C130", "F5 r2000 Series (r2600, r2800)"},
    {"C131", "F5 r4000 Series (r4600, r4800)"},
    {"C136", "F5 r5920-DF"},
    {"C137", "F5 r10920-DF"},
    {"C138", "F5 r12000 Series (r12600-DS, r12800-DS, r12900-DS)"},
    {"D104", "BIG-IP 6900 Series (6900, 6900S, 6900F, 6900N)"},
    {"D106", "BIG-IP 8900"},
    {"D107", "BIG-IP 8950"},
    {"D110", "BIG-IP 7000 Series (7000s, 7050s, 7055s, 7200v, 7250v, 7255v), BIG-IQ 7000"},
    {"D111", "BIG-IP 12000 Series (12250v)"},
    {"D112", "BIG-IP 10050 Series (10150s-NEBS, 10350v (AC), 10350v-NEBS, 10350v-FIPS)"},
    {"D113", "BIG-IP 10000 Series (10000s, 10050s, 10055, 10200v, 10250v, 10255)"},
    {"D116", "BIG-IP i15000 Series (i15600, i15800)"},
    {"D120", "BIG-IP i15820-DF"},
    {"E101", "BIG-IP 11000, BIG-IP 11000 FIPS"},
    {"E102", "BIG-IP 11050, 11050 NEBS"},
    {"E103", "BIG-IP 11050N"},
    {"F101", "VELOS CX410 Chassis"},
    {"R100", "VELOS CX1610 Chassis"},
    {"Z100", "BIG-IP Virtual Edition (VE)"},
    {"Z101", "BIG-IP vCMP Guest"},
};

// The platform id again, as an empty-valued item whose text names the platform.
void add_platform_name(Packet& pkt, const ByteReader& r, size_t off, size_t len,
                       std::string_view id) {
  int n = pkt.tree.add(-1, platformname, r, off, len, Value::of_bytes(r.ptr(off, 0), 0));
  if (pkt.labels) pkt.set_label(n, fmt::format("{}: {}", id, f5_platform_name(id)));
}

bool dissect_f5fileinfo(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.number != 1 || !r.has(0, sizeof kSignature) ||
      std::memcmp(r.ptr(0, sizeof kSignature), kSignature, sizeof kSignature) != 0)
    return false;
  pkt.add_layer(eth_fields::proto);
  pkt.add_layer(proto);
  if (pkt.cols.enabled) pkt.cols.set_protocol("FILEINFO");
  // Items go at top level: tshark adds no protocol node (so "-Y f5fileinfo" matches nothing).
  std::string_view platform_id;
  for (size_t off = sizeof kSignature; off < r.size();) {
    std::string_view rest = r.text(off, r.size() - off);
    size_t nul = rest.find('\0');
    size_t len = nul == std::string_view::npos ? rest.size() : nul;
    std::string_view item = rest.substr(0, len);
    for (const Tag& tag : kTags) {
      size_t tag_len = std::strlen(tag.text);
      if (item.substr(0, tag_len) != tag.text) continue;
      std::string_view value = item.substr(tag_len);
      size_t span = len + (nul == std::string_view::npos ? 0 : 1);
      pkt.tree.add(-1, *tag.field, r, off, span,
                   Value::of_bytes(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
      if (tag.field == &cmdline && pkt.cols.enabled) pkt.cols.set_info(value);
      if (tag.field == &platform) {
        add_platform_name(pkt, r, off, span, value);
        platform_id = value;
      }
    }
    off += len + 1;
  }
  f5_prefs::note_platform(pkt, platform_id);
  return true;
}

}  // namespace

void register_f5fileinfo() {
  FieldRegistry& reg = registry();
  proto.id = reg.add_protocol({"F5 Capture Information", "FILEINFO", "f5fileinfo"});
  reg.add_fields(proto, kFields);
  register_eth_heuristic(dissect_f5fileinfo, "f5fileinfo");
}

const char* f5_platform_name(std::string_view id) {
  for (const PlatformName& p : kPlatforms)
    if (id == p.id) return p.name;
  return "Unknown, please report";
}

}  // namespace netsift
