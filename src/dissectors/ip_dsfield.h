// The differentiated services field (RFC 2474, RFC 3168) of IPv4 (ip.dsfield) and IPv6
// (ipv6.tclass): the long value names of the DSCP and ECN subfields, and the short ones of
// the summary text ("CS0", "AF11"; "Not-ECT", "CE").
#pragma once

#include <span>

#include "core/field.h"

namespace netsift {

std::span<const ValueName> dscp_names();
std::span<const ValueName> ecn_names();
const char* dscp_short_name(unsigned dscp);
const char* ecn_short_name(unsigned ecn);

}  // namespace netsift
