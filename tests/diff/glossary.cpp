#include "glossary.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "run_command.h"
#include "tshark_cache.h"

namespace netsift::test {

namespace {

// Which of `names` tshark knows (its field names are listed one per line at build time).
std::set<std::string> known_to_tshark(const std::set<std::string>& names) {
  std::set<std::string> known;
  std::ifstream in(TSHARK_FIELDS_FILE);
  for (std::string l; std::getline(in, l);)
    if (names.count(l)) known.insert(l);
  return known;
}

// Fields listed in known_differences.txt as "field <name> <reason>": compared nowhere (until
// the reason is fixed). scripts/make_golden.py reads the same lines.
std::set<std::string> known_field_differences() {
  std::set<std::string> names;
  std::ifstream in(std::string(NETSIFT_SOURCE_DIR) + "/tests/diff/known_differences.txt");
  for (std::string l; std::getline(in, l);) {
    std::istringstream words(l);
    std::string kind, name;
    if (words >> kind >> name && kind == "field") names.insert(name);
  }
  return names;
}

Glossary load() {
  Glossary g;
  const std::set<std::string> known = known_field_differences();
  std::vector<std::string> ours;
  for (const std::string& l :
       split_lines(run_command(std::string(NETSIFT_BINARY) + " -G fields").out)) {
    auto c = split_tabs(l);
    // A name registered twice (ip.version by IP and IPv6) is compared once: tshark fills only
    // the last of repeated -e columns.
    if (c.size() >= 4 && c[0] == "F" && c[3] != "FT_PROTOCOL" && !known.count(c[2]) &&
        std::find(ours.begin(), ours.end(), c[2]) == ours.end())
      ours.push_back(c[2]);
  }
  const std::set<std::string> theirs = known_to_tshark({ours.begin(), ours.end()});
  for (const std::string& f : ours)
    if (theirs.count(f)) g.compared_fields.push_back(f);
  // tshark lists some fields in -G fields that -e refuses ("Some fields aren't valid"): ask it
  // once (cached: every test process loads the glossary) and leave those out.
  std::string args;
  for (const std::string& f : g.compared_fields) args += " -e " + f;
  auto check = shell_cached(
      "tshark -r " + shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/udp-mix.pcap") +
      " -c 1 -T fields" + args + " 2>&1 >/dev/null");
  std::set<std::string> refused;
  for (const std::string& l : split_lines(check.out))
    if (l.size() > 1 && l[0] == '\t') refused.insert(l.substr(1));
  std::erase_if(g.compared_fields, [&](const std::string& f) { return refused.count(f) > 0; });
  auto protos = run_command(std::string(NETSIFT_BINARY) + " -G protocols");
  for (const std::string& l : split_lines(protos.out)) {
    auto c = split_tabs(l);
    if (c.size() >= 3) g.netsift_protocols.insert(c[2]);
  }
  return g;
}

}  // namespace

const Glossary& glossary() {
  static const Glossary g = load();
  return g;
}

}  // namespace netsift::test
