// Wireshark's name files, read at start-up into the run's NameResolver: `services` (port names:
// "name port[-port][,...]/tcp[/udp]") from the profile, `hosts` ("address name [aliases]") from
// the profile, the global directory and each -H file, in that order, later names winning.
#pragma once

#include <string>
#include <vector>

#include "core/config_files.h"
#include "core/names.h"

namespace netsift {

// Reads the port names of a services file; returns false when it cannot be opened.
bool read_services_file(const std::string& path, NameResolver& names);
// Reads the address names of a hosts file (the first name of each line); returns false when it
// cannot be opened.
bool read_hosts_file(const std::string& path, NameResolver& names);

// Reads MAC address names ("00:11:22:33:44:55 name", '-' or '.' between the bytes as well).
bool read_ethers_file(const std::string& path, NameResolver& names,
                      std::vector<std::string>& problems);
// Reads IPv4 subnet names ("192.168.0.0/24 name").
bool read_subnets_file(const std::string& path, NameResolver& names,
                       std::vector<std::string>& problems);
// Reads VLAN names ("ID<Tab>Name"; the name runs to the next tab and may hold spaces).
bool read_vlans_file(const std::string& path, NameResolver& names,
                     std::vector<std::string>& problems);

// Reads the profile's and global files. The global services file is the built-in table.
// Lines of the ethers, subnets and vlans files that cannot be read are skipped (as tshark
// does, silently) and described in `problems` ("FILE:LINE: ..."), for the user.
void read_profile_name_files(const ConfigLocation& loc, NameResolver& names,
                             std::vector<std::string>& problems);

}  // namespace netsift
