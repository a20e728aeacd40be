#include "dissectors/ip_dsfield.h"

namespace netsift {

namespace {
const ValueName kDscpNames[] = {
    {0, "Default"},
    {1, "Lower Effort"},
    {8, "Class Selector 1"},
    {10, "Assured Forwarding 11"},
    {12, "Assured Forwarding 12"},
    {14, "Assured Forwarding 13"},
    {16, "Class Selector 2"},
    {18, "Assured Forwarding 21"},
    {20, "Assured Forwarding 22"},
    {22, "Assured Forwarding 23"},
    {24, "Class Selector 3"},
    {26, "Assured Forwarding 31"},
    {28, "Assured Forwarding 32"},
    {30, "Assured Forwarding 33"},
    {32, "Class Selector 4"},
    {34, "Assured Forwarding 41"},
    {36, "Assured Forwarding 42"},
    {38, "Assured Forwarding 43"},
    {40, "Class Selector 5"},
    {44, "Voice Admit"},
    {46, "Expedited Forwarding"},
    {48, "Class Selector 6"},
    {56, "Class Selector 7"},
};
const ValueName kEcnNames[] = {{0, "Not ECN-Capable Transport"},
                               {1, "ECN-Capable Transport codepoint '01'"},
                               {2, "ECN-Capable Transport codepoint '10'"},
                               {3, "Congestion Experienced"}};
}  // namespace

std::span<const ValueName> dscp_names() {
  return kDscpNames;
}
std::span<const ValueName> ecn_names() {
  return kEcnNames;
}

// Short DSCP names for the dsfield summary ("CS0", "AF11", "EF PHB").
const char* dscp_short_name(unsigned v) {
  switch (v) {
    case 0:
      return "CS0";
    case 1:
      return "LE";
    case 8:
      return "CS1";
    case 10:
      return "AF11";
    case 12:
      return "AF12";
    case 14:
      return "AF13";
    case 16:
      return "CS2";
    case 18:
      return "AF21";
    case 20:
      return "AF22";
    case 22:
      return "AF23";
    case 24:
      return "CS3";
    case 26:
      return "AF31";
    case 28:
      return "AF32";
    case 30:
      return "AF33";
    case 32:
      return "CS4";
    case 34:
      return "AF41";
    case 36:
      return "AF42";
    case 38:
      return "AF43";
    case 40:
      return "CS5";
    case 44:
      return "VOICE-ADMIT";
    case 46:
      return "EF PHB";
    case 48:
      return "CS6";
    case 56:
      return "CS7";
    default:
      return "Unknown";
  }
}
const char* ecn_short_name(unsigned v) {
  static const char* const kNames[] = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};
  return kNames[v & 3];
}

}  // namespace netsift
