#include "profile_dir.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace netsift::test {

namespace fs = std::filesystem;

std::string profile_dir(const std::map<std::string, std::string>& files) {
  std::string key;
  for (const auto& [name, content] : files) key += name + '\0' + content + '\0';
  fs::path dir =
      fs::temp_directory_path() / ("netsift-profile-" + std::to_string(std::hash<std::string>{}(key)));
  fs::create_directories(dir);
  for (const auto& [name, content] : files) {
    // Written through a temporary file: tests running in parallel may share the directory.
    fs::path tmp = dir / (name + ".tmp" + std::to_string(::getpid()));
    std::ofstream(tmp) << content;
    fs::rename(tmp, dir / name);
  }
  return dir.string();
}

std::string corpus(const std::string& path) {
  return shell_quote(std::string(NETSIFT_CORPUS_DIR) + "/" + path);
}

namespace {

std::string command(const std::string& tool, const std::string& dir, const std::string& args,
                    bool with_stderr) {
  std::string run = "WIRESHARK_CONFIG_DIR=" + shell_quote(dir) + " " + tool + " " + args;
  if (!with_stderr) return run + " 2>/dev/null";
  return "bash -c " + shell_quote(run +
                                  " 2>&1 >/dev/null | grep -v '^Running as user' | "
                                  "sed 's/^netsift: /tshark: /'; exit ${PIPESTATUS[0]}");
}

}  // namespace

CommandResult tshark_in(const std::string& dir, const std::string& args, bool with_stderr) {
  return shell_cached(command("tshark", dir, args, with_stderr));
}

CommandResult netsift_in(const std::string& dir, const std::string& args, bool with_stderr) {
  return run_command(command(NETSIFT_BINARY, dir, args, with_stderr));
}

}  // namespace netsift::test
