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

// Reads the profile's and global files. The global services file is the built-in table.
void read_profile_name_files(const ConfigLocation& loc, NameResolver& names);

}  // namespace netsift
