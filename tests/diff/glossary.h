// Which fields and protocols the differential tests compare: those netsift registers that
// tshark knows too, minus a short, reasoned exclusion list.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace netsift::test {

struct Glossary {
  std::vector<std::string> compared_fields;
  std::set<std::string> netsift_protocols;
};

const Glossary& glossary();

}  // namespace netsift::test
