#include "core/names.h"

#include <algorithm>
#include <charconv>

#include "core/manuf_table.h"

namespace netsift {

namespace {

uint64_t mac_value(const uint8_t* mac) {
  uint64_t v = 0;
  for (int i = 0; i < 6; ++i) v = v << 8 | mac[i];
  return v;
}

// The address with only its first `bits` bits kept.
uint64_t masked(uint64_t addr, unsigned bits) {
  return addr & (((uint64_t{1} << bits) - 1) << (48 - bits));
}

const char* find_address(std::span<const manuf::AddressName> table, uint64_t key) {
  auto it = std::lower_bound(table.begin(), table.end(), key,
                             [](const manuf::AddressName& e, uint64_t k) { return e.address < k; });
  return it != table.end() && it->address == key ? it->name : nullptr;
}

const manuf::OuiName* find_oui(uint32_t oui) {
  auto it = std::lower_bound(manuf::kOuis.begin(), manuf::kOuis.end(), oui,
                             [](const manuf::OuiName& e, uint32_t k) { return e.oui < k; });
  return it != manuf::kOuis.end() && it->oui == oui ? &*it : nullptr;
}

// Wireshark's manufacturer lookup: the exact OUI, else the OUI with the group bit cleared.
const manuf::OuiName* find_manufacturer(uint32_t oui) {
  if (const manuf::OuiName* e = find_oui(oui)) return e;
  if (oui & 0x010000) return find_oui(oui & 0xfeffff);
  return nullptr;
}

const char* find_port(std::span<const manuf::PortName> table, uint16_t port) {
  auto it = std::lower_bound(table.begin(), table.end(), port,
                             [](const manuf::PortName& e, uint16_t k) { return e.port < k; });
  return it != table.end() && it->port == port ? it->name : nullptr;
}

// Wireshark formats resolved names into 64-byte buffers, so they never exceed 63 characters.
constexpr size_t kMaxNameChars = 63;

// "name_" followed by the address bytes from the first one the mask does not fully cover; that
// byte keeps only its uncovered bits (eth_addr_resolve's "%s_%02x:%02x" formats).
// Two lower-case hex digits ("%02x"): MAC addresses are formatted several times per frame in
// -V trees, where printf's format parsing was a tenth of the run.
void append_hex_byte(std::string& out, unsigned v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out.push_back(kDigits[v >> 4 & 15]);
  out.push_back(kDigits[v & 15]);
}

void append_prefixed(std::string& out, const char* name, const uint8_t* mac, unsigned bits) {
  size_t start = out.size();
  unsigned first = bits / 8;
  out.append(name);
  for (unsigned i = first; i < 6; ++i) {
    unsigned v = i == first ? mac[i] & (0xffu >> (bits % 8)) : mac[i];
    out.push_back(i == first ? '_' : ':');
    append_hex_byte(out, v);
  }
  if (out.size() - start > kMaxNameChars) out.resize(start + kMaxNameChars);
}

void append_raw(std::string& out, const uint8_t* mac) {
  for (int i = 0; i < 6; ++i) {
    if (i) out.push_back(':');
    append_hex_byte(out, mac[i]);
  }
}

// Range lookup for masks 47..24. All candidate keys share the first three bytes, so only the
// (usually empty) run of range entries under that OUI is searched.
bool append_narrow_range(std::string& out, const uint8_t* mac, uint64_t addr) {
  uint64_t oui_key = masked(addr, 24);
  auto begin =
      std::lower_bound(manuf::kRanges.begin(), manuf::kRanges.end(), oui_key,
                       [](const manuf::AddressName& e, uint64_t k) { return e.address < k; });
  auto end = begin;
  while (end != manuf::kRanges.end() && masked(end->address, 24) == oui_key) ++end;
  if (begin == end) return false;
  std::span<const manuf::AddressName> run(begin, end);
  for (unsigned bits = 47; bits >= 24; --bits) {
    if (const char* name = find_address(run, masked(addr, bits))) {
      append_prefixed(out, name, mac, bits);
      return true;
    }
  }
  return false;
}

}  // namespace

// Same order as Wireshark 4.0's eth_addr_resolve: single well-known addresses, ranges longer
// than an OUI, the manufacturer table, then ranges shorter than an OUI (mask 16..23, 8..15,
// 1..7; a mask of 0 is never tried).
void NameResolver::append_mac(std::string& out, const uint8_t* mac, bool resolve) const {
  if (!resolve) return append_raw(out, mac);
  uint64_t addr = mac_value(mac);
  if (auto it = mac_names_.find(addr); it != mac_names_.end()) {
    out.append(it->second);
    return;
  }
  if (const char* name = find_address(manuf::kWellKnown, addr)) {
    out.append(name);
    return;
  }
  if (append_narrow_range(out, mac, addr)) return;
  if (const manuf::OuiName* m = find_manufacturer(static_cast<uint32_t>(addr >> 24))) {
    append_prefixed(out, m->short_name, mac, 24);
    return;
  }
  for (unsigned bits = 23; bits >= 1; --bits) {
    if (const char* name = find_address(manuf::kRanges, masked(addr, bits))) {
      append_prefixed(out, name, mac, bits);
      return;
    }
  }
  append_raw(out, mac);
}

const char* NameResolver::oui_long_name(const uint8_t* mac) const {
  const manuf::OuiName* e = find_oui(uint32_t{mac[0]} << 16 | uint32_t{mac[1]} << 8 | mac[2]);
  return e ? e->long_name : nullptr;
}

const char* NameResolver::tcp_port_name(uint16_t port) const {
  if (auto it = tcp_ports_.find(port); it != tcp_ports_.end()) return it->second.c_str();
  return find_port(manuf::kTcpPorts, port);
}

const char* NameResolver::udp_port_name(uint16_t port) const {
  if (auto it = udp_ports_.find(port); it != udp_ports_.end()) return it->second.c_str();
  return find_port(manuf::kUdpPorts, port);
}

void NameResolver::append_port_info(std::string& out, bool tcp, uint16_t port, bool resolve) const {
  const char* name = resolve ? (tcp ? tcp_port_name(port) : udp_port_name(port)) : nullptr;
  if (name) {
    out.append(name);
    out.push_back('(');
  }
  // Twice in every TCP/UDP Info column: to_chars, not a printf parsing its format each time.
  char digits[8];
  char* end = std::to_chars(digits, digits + sizeof digits, unsigned{port}).ptr;
  out.append(digits, end);
  if (name) out.push_back(')');
}

void NameResolver::add_port_name(bool tcp, uint16_t port, std::string_view name) {
  (tcp ? tcp_ports_ : udp_ports_)[port] = std::string(name);
}

void NameResolver::add_ip_name(const uint8_t* addr, size_t len, std::string_view name) {
  ip_names_[std::string(reinterpret_cast<const char*>(addr), len)] = std::string(name);
}

const std::string* NameResolver::ip_name(const uint8_t* addr, size_t len) const {
  auto it = ip_names_.find(std::string(reinterpret_cast<const char*>(addr), len));
  return it == ip_names_.end() ? nullptr : &it->second;
}

void NameResolver::add_mac_name(const uint8_t* mac, std::string_view name) {
  mac_names_[mac_value(mac)] = std::string(name);
}

namespace {
uint32_t prefix_mask(unsigned len) {
  return len == 0 ? 0 : ~uint32_t{0} << (32 - len);
}
}  // namespace

void NameResolver::add_ipv4_subnet(uint32_t network, unsigned prefix_len, std::string_view name) {
  subnets_[prefix_len][network & prefix_mask(prefix_len)] = std::string(name);
}

bool NameResolver::append_ipv4_subnet_name(std::string& out, const uint8_t* addr) const {
  uint32_t a = uint32_t{addr[0]} << 24 | uint32_t{addr[1]} << 16 | uint32_t{addr[2]} << 8 | addr[3];
  for (int len = 32; len >= 0; --len) {
    if (subnets_[len].empty()) continue;
    auto it = subnets_[len].find(a & prefix_mask(static_cast<unsigned>(len)));
    if (it == subnets_[len].end()) continue;
    out.append(it->second);
    // The octets the prefix does not cover whole, as Wireshark prints them.
    for (int octet = len / 8; octet < 4; ++octet) {
      if (octet > 0) out.push_back('.');
      out.append(std::to_string(addr[octet]));
    }
    return true;
  }
  return false;
}

void NameResolver::add_vlan_name(uint16_t id, std::string_view name) {
  vlan_names_[id] = std::string(name);
}

const std::string* NameResolver::vlan_name(uint16_t id) const {
  auto it = vlan_names_.find(id);
  return it == vlan_names_.end() ? nullptr : &it->second;
}

}  // namespace netsift
