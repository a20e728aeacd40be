#include "filter/tshark_protocols.h"

#include <algorithm>
#include <iterator>

namespace netsift {

namespace {
constexpr std::string_view kNames[] = {
#include "filter/tshark_protocol_names.inc"
};
}  // namespace

bool is_tshark_protocol(std::string_view name) {
  return std::binary_search(std::begin(kNames), std::end(kNames), name);
}

}  // namespace netsift
