// F5 BIG-IP capture information (first packet of a BIG-IP tcpdump file): what other parts of
// netsift read back from it.
#pragma once

#include <string_view>

#include "core/field.h"

namespace netsift {

// Wireshark's name for a BIG-IP platform id ("Z100" -> "BIG-IP Virtual Edition (VE)").
const char* f5_platform_name(std::string_view id);

// The capture information fields netsift info reports.
namespace f5fileinfo_fields {
extern ProtocolField proto;
extern StringField cmdline, version, hostname, platform, product;
}  // namespace f5fileinfo_fields

}  // namespace netsift
