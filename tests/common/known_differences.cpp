#include "known_differences.h"

#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace netsift::test {

namespace {

struct Entry {
  std::string test, file, reason;
};

const std::vector<Entry>& entries(const std::string& list_file) {
  static std::map<std::string, std::vector<Entry>> lists;
  auto it = lists.find(list_file);
  if (it != lists.end()) return it->second;
  std::vector<Entry>& e = lists[list_file];
  std::ifstream in(list_file);
  for (std::string l; std::getline(in, l);) {
    if (l.empty() || l[0] == '#') continue;
    std::istringstream words(l);
    Entry entry;
    words >> entry.test >> entry.file;
    std::getline(words, entry.reason);
    e.push_back(std::move(entry));
  }
  return e;
}

}  // namespace

std::string known_difference(const std::string& list_file, const std::string& test,
                             const std::string& capture_path) {
  std::string name = capture_path.substr(capture_path.find_last_of('/') + 1);
  for (const Entry& e : entries(list_file))
    if ((e.test == test || e.test == "*") && e.file == name) return e.reason;
  return {};
}

}  // namespace netsift::test
