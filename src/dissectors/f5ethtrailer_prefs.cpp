// tshark's "f5ethtrailer" preferences (-o f5ethtrailer.NAME:VALUE, -G defaultprefs) and the
// Info column prefix they shape (packet-f5ethtrailer.c's info_format_* strings).
#include "dissectors/f5ethtrailer_prefs.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <fmt/format.h>

#include "core/protocol_state.h"
#include "core/session.h"

namespace netsift::f5_prefs {

BoolPref walk_trailer;
BoolPref pop_other_fields;
BoolPref perform_analysis;
EnumPref info_type;
StringPref brief_inout_chars;
StringPref slots_regex;
BoolPref rstcause_in_info;
BoolPref generate_keylog;

namespace {

const PrefEnumValue kInfoTypeValues[] = {
    {"None", "None", kInfoNone},
    {"Full", "Full", kInfoFull},
    {"InOutOnly", "In/out only", kInfoInOut},
    {"Brief", "Brief", kInfoBrief},
    {"BriefInOutOnly", "Brief in/out only", kInfoBriefInOut},
};

const PrefReg kPrefs[] = {
    pref_bool(&walk_trailer, "pref_walk_trailer",
              "In a few cases a short ethernet frame will be padded with non-zerobytes.  If this happens, an f5ethtrailer will not be found.Enabling this will step through each byte of the ethernet trailerto try and find the start of an f5ethtrailer",
              false),
    pref_bool(&pop_other_fields, "pref_pop_other_fields",
              "Disable this if you do not want this dissector to populate well-known fields in other dissectors (i.e. ip.addr, ipv6.addr, tcp.port and udp.port).  Enabling this will allow filters that reference those fields to also find data in the trailers but will reduce performance.  After disabling, you should restart Wireshark to get performance back.",
              false),
    pref_bool(&perform_analysis, "perform_analysis",
              "Enabling this will perform analysis of the trailer data.  It will enable taps on other protocols and slow down Wireshark.",
              false),
    pref_enum(&info_type, "info_type",
              "In/out only removes slot/tmm information.  Brief shortens the string to >S/T (for in) or <S/T (for out).  See \"Brief in/out characters\" below.",
              kInfoFull, kInfoTypeValues),
    pref_string(&brief_inout_chars, "brief_inout_chars",
                "A string specifying the characters to use to represent \"in\" and \"out\" in the brief summary.  The default is \"><\" ('>' for in and '<' for out).  If this is not set or is less than two characters, the default is used.  If it is longer than two characters, the extra characters are ignored."),
    pref_string(&slots_regex, "slots_regex",
                "If the platform in the F5 FILEINFO packet matches the provided regex, slot information will be displayed in the info column; otherwise, it will not.  A reasonable value is \"^(A.*|Z101)$\".  If the regex is empty or there is no platform information in the capture, slot information is always displayed."),
    pref_bool(&rstcause_in_info, "rstcause_in_info",
              "If present, include the RST cause text from the trailer in the \"info\" column of the packet list pane.",
              true),
    pref_bool(&generate_keylog, "generate_keylog",
              "If enabled, KEYLOG entries will be added to the TLS decode in the f5ethtrailer protocol tree.  It will populate the f5ethtrailer.tls.keylog field.",
              true),
};

// Whether the Info prefix names the slot: true until a FILEINFO platform fails slots_regex.
struct SlotDisplay {
  bool show_slot = true;
};

// GLib's g_regex_match_simple: an unanchored search; a pattern that does not compile matches
// nothing.
bool regex_matches(const std::string& pattern, std::string_view subject) {
  int error = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), 0,
                                 &error, &error_offset, nullptr);
  if (!re) return false;
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(re, nullptr);
  int rc = pcre2_match(re, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                       md, nullptr);
  pcre2_match_data_free(md);
  pcre2_code_free(re);
  return rc >= 0;
}

}  // namespace

void register_prefs() {
  prefs_registry().add_module({"f5ethtrailer", "F5 Ethernet Trailer Protocol"}, kPrefs);
  register_protocol_state<SlotDisplay>(StateScope::kCapture);
}

void note_platform(Packet& pkt, std::string_view platform) {
  const std::string& regex = pkt.session->prefs.get(slots_regex);
  pkt.session->state<SlotDisplay>().show_slot =
      platform.empty() || regex.empty() || regex_matches(regex, platform);
}

std::string info_prefix(const Packet& pkt, bool ingress, unsigned slot, unsigned tmm) {
  const PrefStore& prefs = pkt.session->prefs;
  int type = prefs.get(info_type);
  if (type == kInfoNone) return {};
  bool in_out_only = type == kInfoInOut || type == kInfoBriefInOut;
  bool show_slot = pkt.session->state<SlotDisplay>().show_slot;
  if (type == kInfoFull || type == kInfoInOut) {
    const char* dir = ingress ? "IN " : "OUT";
    if (in_out_only) return fmt::format("{}: ", ingress ? "IN " : "OUT");
    if (show_slot) return fmt::format("{} s{}/tmm{:<2}: ", dir, slot, tmm);
    return fmt::format("{} tmm{:<2}: ", dir, tmm);
  }
  const std::string& chars = prefs.get(brief_inout_chars);
  char dir = chars.size() >= 2 ? chars[ingress ? 0 : 1] : (ingress ? '>' : '<');
  if (in_out_only) return fmt::format("{}: ", dir);
  if (show_slot) return fmt::format("{}{}/{:<2}: ", dir, slot, tmm);
  return fmt::format("{}t{:<2}: ", dir, tmm);
}

}  // namespace netsift::f5_prefs
