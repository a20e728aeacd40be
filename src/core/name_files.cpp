#include "core/name_files.h"

#include <arpa/inet.h>

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

}  // namespace

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

void read_profile_name_files(const ConfigLocation& loc, NameResolver& names) {
  if (auto p = loc.personal_file("services")) read_services_file(p->string(), names);
  if (auto p = loc.personal_file("hosts")) read_hosts_file(p->string(), names);
  if (auto p = loc.global_file("hosts")) read_hosts_file(p->string(), names);
}

}  // namespace netsift
