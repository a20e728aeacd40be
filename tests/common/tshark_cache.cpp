#include "tshark_cache.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace netsift::test {

namespace {

namespace fs = std::filesystem;

fs::path cache_file(const std::string& key) {
  return fs::path(NETSIFT_SOURCE_DIR) / ".tshark-cache" /
         std::to_string(std::hash<std::string>{}(key));
}

bool load(const fs::path& file, std::string& out) {
  std::ifstream in{file};
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

// Written through a temporary file so parallel tests never read a half-written answer.
void store(const fs::path& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  fs::path tmp = file;
  tmp += "." + std::to_string(::getpid());
  if (std::ofstream(tmp) << text) fs::rename(tmp, file, ec);
}

}  // namespace

std::string tshark_cached(const std::string& args) {
  return shell_cached(tshark_command(args)).out;
}

std::string tshark_command(const std::string& args) {
  return "tshark " + args + " 2>/dev/null";
}

CommandResult shell_cached(const std::string& command) {
  // The exit status is kept on the first line of the cache entry.
  fs::path file = cache_file("shell:" + command);
  std::string text;
  if (load(file, text)) {
    size_t nl = text.find('\n');
    if (nl != std::string::npos) return {text.substr(nl + 1), std::stoi(text.substr(0, nl))};
  }
  CommandResult r = run_command(command);
  store(file, std::to_string(r.status) + "\n" + r.out);
  return r;
}

}  // namespace netsift::test
