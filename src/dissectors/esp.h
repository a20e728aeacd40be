// The ESP protocol (dissectors/esp.cpp), as other dissectors need to recognise it: tshark's
// ICMP and ICMPv6 know their IP header's TTL / hop limit only when IP hands them on, not when
// ESP does after decryption in transport mode.
#pragma once

#include "core/field.h"

namespace netsift::esp {

extern FieldId protocol;

}  // namespace netsift::esp
