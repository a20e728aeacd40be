#include "core/config_files.h"

#include <cstdlib>
#include <system_error>

namespace netsift {
namespace fs = std::filesystem;

namespace {

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

fs::path personal_dir_from_env() {
  if (const char* dir = std::getenv("WIRESHARK_CONFIG_DIR"); dir && *dir) return dir;
  fs::path home = std::getenv("HOME") ? std::getenv("HOME") : "";
  fs::path xdg = std::getenv("XDG_CONFIG_HOME") && *std::getenv("XDG_CONFIG_HOME")
                     ? fs::path(std::getenv("XDG_CONFIG_HOME")) / "wireshark"
                     : home / ".config" / "wireshark";
  // Wireshark keeps using a pre-XDG ~/.wireshark when the XDG directory does not exist.
  if (!is_dir(xdg) && !home.empty() && is_dir(home / ".wireshark")) return home / ".wireshark";
  return xdg;
}

}  // namespace

fs::path ConfigLocation::profile_dir() const {
  return profile.empty() ? personal_dir : personal_dir / "profiles" / profile;
}

std::optional<fs::path> ConfigLocation::personal_file(const std::string& name) const {
  fs::path p = profile_dir() / name;
  if (is_file(p)) return p;
  return std::nullopt;
}

std::optional<fs::path> ConfigLocation::global_file(const std::string& name) const {
  fs::path p = global_dir / name;
  if (is_file(p)) return p;
  return std::nullopt;
}

ConfigLocation config_location(const std::string& profile) {
  ConfigLocation loc;
  loc.personal_dir = personal_dir_from_env();
  loc.profile = profile;
  return loc;
}

bool profile_exists(const ConfigLocation& loc) {
  return loc.profile.empty() || is_dir(loc.profile_dir());
}

}  // namespace netsift
