// Where Wireshark keeps a user's configuration, so netsift reads the same files: the personal
// directory ($WIRESHARK_CONFIG_DIR, else $XDG_CONFIG_HOME/wireshark, else ~/.config/wireshark,
// else a legacy ~/.wireshark that exists), a profile below it (`-C NAME` ->
// profiles/NAME), and the global directory Debian's wireshark-common installs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace netsift {

struct ConfigLocation {
  std::filesystem::path personal_dir;  // may not exist
  std::string profile;                 // "" for the default profile
  std::filesystem::path global_dir = "/usr/share/wireshark";

  // The directory a profile's files live in: personal_dir itself for the default profile.
  std::filesystem::path profile_dir() const;
  // The profile's copy of file `name` ("preferences", "hosts", "esp_sa", ...) if it exists.
  std::optional<std::filesystem::path> personal_file(const std::string& name) const;
  // The global copy of `name` if it exists.
  std::optional<std::filesystem::path> global_file(const std::string& name) const;
};

// The location for `profile` from the environment, as Wireshark 4.0 finds it.
ConfigLocation config_location(const std::string& profile = "");

// Whether a profile of that name exists below the personal directory (tshark -C refuses others).
bool profile_exists(const ConfigLocation& loc);

}  // namespace netsift
