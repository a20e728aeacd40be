#include "core/name_files.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace netsift {

namespace {

// The line without its '#' comment.
std::string_view uncommented(std::string_view line) {
  return line.substr(0, line.find('#'));
}

bool parse_port(std::string_view s, uint32_t& v) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && v <= 0xffff;
}

// "80", "6000-6063", "1,5-7": every port of a range list, or false when malformed.
bool parse_port_ranges(std::string_view s, std::vector<uint16_t>& ports) {
  while (!s.empty()) {
    size_t comma = s.find(',');
    std::string_view part = s.substr(0, comma);
    s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
    size_t dash = part.find('-');
    uint32_t low, high;
    if (!parse_port(part.substr(0, dash), low)) return false;
    high = low;
    if (dash != std::string_view::npos && !parse_port(part.substr(dash + 1), high)) return false;
    if (high < low) return false;
    for (uint32_t p = low; p <= high; ++p) ports.push_back(static_cast<uint16_t>(p));
  }
  return true;
}

// Reads a file line by line, the comment cut off; a non-blank line `parse` rejects is reported
// with the file and line number.
template <typename Parse>
bool read_lines(const std::string& path, std::vector<std::string>& problems, Parse parse) {
  std::ifstream in(path);
  if (!in) return false;
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    std::string_view text = uncommented(line);
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (!parse(text))
      problems.push_back(path + ":" + std::to_string(number) +
                         ": malformed line skipped: " + std::string(text));
  }
  return true;
}

std::vector<std::string_view> words_of(std::string_view text, const char* separators) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while ((pos = text.find_first_not_of(separators, pos)) != std::string_view::npos) {
    size_t end = text.find_first_of(separators, pos);
    out.push_back(text.substr(pos, end == std::string_view::npos ? end : end - pos));
    pos = end;
  }
  return out;
}

// Six hex bytes separated by ':', '-' or '.' (one separator kind per address).
bool parse_mac(std::string_view s, uint8_t mac[6]) {
  char sep = 0;
  for (int i = 0; i < 6; ++i) {
    if (i > 0) {
      if (s.empty() || (s[0] != ':' && s[0] != '-' && s[0] != '.') || (sep && s[0] != sep))
        return false;
      sep = s[0];
      s.remove_prefix(1);
    }
    unsigned v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + std::min<size_t>(s.size(), 2), v, 16);
    if (ec != std::errc() || end == s.data()) return false;
    mac[i] = static_cast<uint8_t>(v);
    s.remove_prefix(static_cast<size_t>(end - s.data()));
  }
  return s.empty();
}

}  // namespace

bool read_ethers_file(const std::string& path, NameResolver& names,
                      std::vector<std::string>& problems) {
  return read_lines(path, problems, [&](std::string_view text) {
    auto words = words_of(text, " \t\r");
    uint8_t mac[6];
    if (words.size() < 2 || !parse_mac(words[0], mac)) return false;
    names.add_mac_name(mac, words[1]);
    return true;
  });
}

bool read_subnets_file(const std::string& path, NameResolver& names,
                       std::vector<std::string>& problems) {
  return read_lines(path, problems, [&](std::string_view text) {
    auto words = words_of(text, " \t\r");
    if (words.size() < 2) return false;
    size_t slash = words[0].find('/');
    if (slash == std::string_view::npos) return false;
    std::string addr(words[0].substr(0, slash));
    uint8_t b[4];
    unsigned len = 0;
    std::string_view len_text = words[0].substr(slash + 1);
    auto [end, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), len);
    if (inet_pton(AF_INET, addr.c_str(), b) != 1 || ec != std::errc() ||
        end != len_text.data() + len_text.size() || len < 1 || len > 32)
      return false;
    names.add_ipv4_subnet(uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3],
                          len, words[1]);
    return true;
  });
}

bool read_vlans_file(const std::string& path, NameResolver& names,
                     std::vector<std::string>& problems) {
  return read_lines(path, problems, [&](std::string_view text) {
    size_t id_end = text.find_first_of(" \t");
    if (id_end == std::string_view::npos) return false;
    unsigned id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + id_end, id);
    if (ec != std::errc() || end != text.data() + id_end || id > 0xfff) return false;
    std::string_view rest = text.substr(id_end + 1);
    size_t start = rest.find_first_not_of('\t');
    if (start == std::string_view::npos) return false;
    std::string_view name = rest.substr(start, rest.find('\t', start) - start);
    while (!name.empty() && name.back() == '\r') name.remove_suffix(1);
    if (name.empty()) return false;
    names.add_vlan_name(static_cast<uint16_t>(id), name);
    return true;
  });
}

bool read_services_file(const std::string& path, NameResolver& names) {
  std::ifstream in(path);
  if (!in) return false;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words{std::string(uncommented(line))};
    std::string name, spec;
    if (!(words >> name >> spec)) continue;
    // "port-list/proto[/proto...]": the protocols follow the first '/'.
    size_t slash = spec.find('/');
    if (slash == std::string::npos) continue;
    std::vector<uint16_t> ports;
    if (!parse_port_ranges(std::string_view(spec).substr(0, slash), ports)) continue;
    std::istringstream protos(spec.substr(slash + 1));
    for (std::string proto; std::getline(protos, proto, '/');) {
      if (proto != "tcp" && proto != "udp") continue;  // sctp and dccp are not dissected
      for (uint16_t p : ports) names.add_port_name(proto == "tcp", p, name);
    }
  }
  return true;
}

bool read_hosts_file(const std::string& path, NameResolver& names) {
  std::ifstream in(path);
  if (!in) return false;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words{std::string(uncommented(line))};
    std::string addr, name;
    if (!(words >> addr >> name)) continue;
    uint8_t bytes[16];
    if (inet_pton(AF_INET, addr.c_str(), bytes) == 1)
      names.add_ip_name(bytes, 4, name);
    else if (inet_pton(AF_INET6, addr.c_str(), bytes) == 1)
      names.add_ip_name(bytes, 16, name);
  }
  return true;
}

void read_profile_name_files(const ConfigLocation& loc, NameResolver& names,
                             std::vector<std::string>& problems) {
  if (auto p = loc.personal_file("services")) read_services_file(p->string(), names);
  if (auto p = loc.personal_file("hosts")) read_hosts_file(p->string(), names);
  if (auto p = loc.global_file("hosts")) read_hosts_file(p->string(), names);
  if (auto p = loc.personal_file("ethers")) read_ethers_file(p->string(), names, problems);
  if (auto p = loc.personal_file("subnets")) read_subnets_file(p->string(), names, problems);
  if (auto p = loc.personal_file("vlans")) read_vlans_file(p->string(), names, problems);
}

}  // namespace netsift
