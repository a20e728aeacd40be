#include "tshark_cache.h"

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace netsift::test {

namespace {

namespace fs = std::filesystem;

bool load(const fs::path& file, std::string& out) {
  std::ifstream in{file, std::ios::binary};
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
  if (std::ofstream(tmp, std::ios::binary) << text) fs::rename(tmp, file, ec);
}

// `tshark --version`'s first line, written by the build (tests/common/CMakeLists.txt reruns it
// when the tshark executable changes). Running tshark for it here would cost 0.2 s per process.
const std::string& tshark_version() {
  static const std::string version = [] {
    std::string text;
    if (!load(TSHARK_VERSION_FILE, text) || text.empty())
      throw std::runtime_error("no tshark version in " + std::string(TSHARK_VERSION_FILE));
    return text;
  }();
  return version;
}

// A hash of a file's bytes, computed again only when its size or modification time changes
// (a test process asks for the same capture several times).
size_t content_hash(const fs::path& file) {
  struct Seen {
    uintmax_t size;
    fs::file_time_type mtime;
    size_t hash;
  };
  static std::map<fs::path, Seen> seen;
  std::error_code ec;
  uintmax_t size = fs::file_size(file, ec);
  fs::file_time_type mtime = fs::last_write_time(file, ec);
  auto it = seen.find(file);
  if (it != seen.end() && it->second.size == size && it->second.mtime == mtime)
    return it->second.hash;
  std::string bytes;
  load(file, bytes);
  size_t hash = std::hash<std::string>{}(bytes);
  seen[file] = {size, mtime, hash};
  return hash;
}

// "path=hash" for every existing regular file a word of the command names: the word itself,
// or what follows its last ':' or '=' (-o tls.keylog_file:PATH), relative paths taken from
// the directory of the latest `cd`.
std::string named_file_hashes(const std::string& command) {
  std::string out;
  fs::path base = fs::current_path();
  std::vector<std::string> words = shell_words(command);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "cd" && i + 1 < words.size()) {
      base = base / words[i + 1];
      continue;
    }
    // Options and the field names after -e are no files: a fields run names thousands of
    // fields, and two system calls for each made every cache lookup cost tens of milliseconds.
    if (w.rfind('-', 0) == 0 || (i > 0 && words[i - 1] == "-e")) continue;
    for (std::string candidate : {w, w.substr(w.find_last_of(":=") + 1)}) {
      if (candidate.empty()) continue;
      std::error_code ec;
      fs::path p = base / candidate;
      if (fs::is_regular_file(p, ec)) {
        out += candidate + "=" + std::to_string(content_hash(p)) + "\n";
        break;
      }
    }
  }
  return out;
}

fs::path cache_file(const std::string& command) {
  std::string key = command + "\n" + tshark_version() + named_file_hashes(command);
  return fs::path(NETSIFT_SOURCE_DIR) / ".tshark-cache" /
         std::to_string(std::hash<std::string>{}(key));
}

// One shell word starting at `i`; leaves `i` after it.
std::string next_word(const std::string& s, size_t& i) {
  std::string w;
  for (; i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])); ++i) {
    char c = s[i];
    if (c == '\'') {
      size_t end = s.find('\'', i + 1);
      if (end == std::string::npos) end = s.size();
      w += s.substr(i + 1, end - i - 1);
      i = end;
    } else if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        w += s[i];
      }
    } else if (c == '\\' && i + 1 < s.size()) {
      w += s[++i];
    } else {
      w += c;
    }
  }
  return w;
}

}  // namespace

std::vector<std::string> shell_words(const std::string& command) {
  std::vector<std::string> words;
  for (size_t i = 0; i < command.size();) {
    if (std::isspace(static_cast<unsigned char>(command[i]))) {
      ++i;
      continue;
    }
    words.push_back(next_word(command, i));
    // The script of `bash -c '...'`: its own words name files too.
    if (words.size() >= 2 && words[words.size() - 2] == "-c")
      for (std::string& inner : shell_words(words.back())) words.push_back(std::move(inner));
  }
  return words;
}

std::string tshark_cached(const std::string& args) {
  return shell_cached(tshark_command(args)).out;
}

std::string tshark_command(const std::string& args) {
  return "tshark " + args + " 2>/dev/null";
}

CommandResult shell_cached(const std::string& command) {
  // The exit status is kept on the first line of the cache entry.
  fs::path file = cache_file(command);
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
