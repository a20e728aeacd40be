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

// Like tshark's, the subtree covers no bytes (offset and length 0: Wireshark adds it without a
// data source), whatever the flagged item `r[off, off+len)` covers; the call sites name that
// item as tshark's expert calls do. A note of the Malformed group also gets a hidden
// _ws.malformed item beside it, as tshark's expert_create_tree adds.
void add_expert(Packet& pkt, int parent, FieldId f, const ByteReader&, size_t, size_t,
                std::string_view msg, ExpertSeverity severity, ExpertGroup group) {
  int e = pkt.tree.add_generated(parent, protocols::expert, Value{});
  int item = pkt.tree.add_generated(e, f, Value{});
  pkt.add_generated_string(e, protocols::expert_message, msg, kHidden);
  pkt.tree.add_generated(e, protocols::expert_severity, Value::of_uint(severity));
  pkt.tree.add_generated(e, protocols::expert_group, Value::of_uint(group));
  if (group == kGroupMalformed)
    pkt.tree.add_generated(parent, protocols::malformed, Value{}, kHidden);
  if (pkt.labels) {
    pkt.set_label(
        e, fmt::format("Expert Info ({}/{}): {}", severity_text(severity), group_text(group), msg));
    pkt.set_label(item, msg);
  }
}

int add_expert_text(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
                    std::string_view msg, ExpertSeverity severity, ExpertGroup group) {
  int text = pkt.tree.add(parent, kNoField, r, off, len, Value{});
  pkt.set_label(text, msg);
  add_expert(pkt, text, f, r, off, len, msg, severity, group);
  return text;
}

}  // namespace netsift
