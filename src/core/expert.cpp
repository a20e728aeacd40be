#include "core/expert.h"

#include <fmt/format.h>

#include "core/protocols.h"

namespace netsift {

const char* severity_text(ExpertSeverity s) {
  switch (s) {
    case kExpertComment:
      return "Comment";
    case kExpertChat:
      return "Chat";
    case kExpertNote:
      return "Note";
    case kExpertWarn:
      return "Warning";
    default:
      return "Error";
  }
}
const char* group_text(ExpertGroup g) {
  switch (g) {
    case kGroupChecksum:
      return "Checksum";
    case kGroupSequence:
      return "Sequence";
    case kGroupResponse:
      return "Response";
    case kGroupReassemble:
      return "Reassemble";
    case kGroupMalformed:
      return "Malformed";
    case kGroupUndecoded:
      return "Undecoded";
    case kGroupDeprecated:
      return "Deprecated";
    case kGroupComment:
      return "Comment";
    case kGroupSecurity:
      return "Security";
    default:
      return "Protocol";
  }
}

void add_expert(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
                std::string_view msg, ExpertSeverity severity, ExpertGroup group) {
  int e = pkt.tree.add(parent, protocols::expert, r, off, len, Value{}, kGenerated);
  int item = pkt.tree.add(e, f, r, off, len, Value{}, kGenerated);
  pkt.add_generated_string(e, protocols::expert_message, msg, kHidden);
  pkt.tree.add(e, protocols::expert_severity, r, off, len, Value::of_uint(severity), kGenerated);
  pkt.tree.add(e, protocols::expert_group, r, off, len, Value::of_uint(group), kGenerated);
  if (pkt.labels) {
    pkt.set_label(
        e, fmt::format("Expert Info ({}/{}): {}", severity_text(severity), group_text(group), msg));
    pkt.set_label(item, msg);
  }
  // tshark puts a hidden "_ws.malformed" beside every Malformed expert item (so that the filter
  // matches; JSON shows it).
  if (group == kGroupMalformed) pkt.tree.add(parent, protocols::malformed, r, off, 0, Value{}, kHidden);
}

int add_expert_text(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
                    std::string_view msg, ExpertSeverity severity, ExpertGroup group) {
  int text = pkt.tree.add(parent, kNoField, r, off, len, Value{});
  pkt.set_label(text, msg);
  add_expert(pkt, text, f, r, off, len, msg, severity, group);
  return text;
}

}  // namespace netsift
