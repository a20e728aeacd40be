// tshark's "f5ethtrailer" preferences, read by the trailer's source files through these
// handles, and the per-capture choice of Info prefix that f5fileinfo's platform drives.
#pragma once

#include <string_view>

#include "core/packet.h"
#include "core/preferences.h"

namespace netsift::f5_prefs {

extern BoolPref walk_trailer;      // search the trailer byte by byte past non-zero padding
extern BoolPref pop_other_fields;  // the peer's addresses/ports also as ip.addr, tcp.port, ...
extern BoolPref perform_analysis;  // f5ethtrailer.analysis: flow reuse / flow lost
extern EnumPref info_type;         // kInfoNone ... kInfoBriefInOut
extern StringPref brief_inout_chars;
extern StringPref slots_regex;
extern BoolPref rstcause_in_info;
extern BoolPref generate_keylog;  // f5ethtrailer.tls.keylog items

// tshark's values: bit 0 "shown", bit 1 "in/out only", bit 2 "brief".
enum InfoType { kInfoNone = 0, kInfoFull = 1, kInfoInOut = 3, kInfoBrief = 5, kInfoBriefInOut = 7 };

void register_prefs();

// Called by f5fileinfo with the capture's platform id ("" when it names none): as tshark,
// slot numbers leave the Info prefix when f5ethtrailer.slots_regex is set and does not match.
void note_platform(Packet& pkt, std::string_view platform);

// The "IN  s1/tmm3 : " prefix (or its brief / in-out-only / slot-less form) for a frame's
// trailer; empty with info_type None.
std::string info_prefix(const Packet& pkt, bool ingress, unsigned slot, unsigned tmm);

}  // namespace netsift::f5_prefs
