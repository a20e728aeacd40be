// libFuzzer target: Wireshark's ethers, subnets and vlans files (core/name_files) read from
// arbitrary text, then every name they gave used: a MAC address, IPv4 addresses in and out of
// the subnets and VLAN IDs from the input's first bytes are formatted. Malformed lines must be
// skipped and reported, never crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "core/name_files.h"
#include "core/names.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netsift;
  static const std::string path = "/tmp/netsift-fuzz-names-" + std::to_string(getpid());
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  NameResolver names;
  std::vector<std::string> problems;
  read_ethers_file(path, names, problems);
  read_subnets_file(path, names, problems);
  read_vlans_file(path, names, problems);
  uint8_t probe[6] = {};
  for (size_t i = 0; i < 6 && i < size; ++i) probe[i] = data[i];
  std::string out;
  names.append_mac(out, probe, true);
  names.append_ipv4_subnet_name(out, probe);
  names.append_ipv4_subnet_name(out, probe + 2);
  for (uint16_t id : {uint16_t{0}, uint16_t(probe[0] << 4 | probe[1] >> 4), uint16_t{4095}})
    if (const std::string* name = names.vlan_name(id)) out += *name;
  return 0;
}
