// Expert info: the notes, warnings and errors dissectors attach to packets (tshark's _ws.expert
// items, "[Expert Info (Warning/Sequence): ...]" in the tree, -z expert).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/packet.h"

namespace netsift {

// Wireshark's expert severities and groups (expert.h) and the expert items every dissector adds.
enum ExpertSeverity : uint32_t {
  kExpertComment = 0x00100000,
  kExpertChat = 0x00200000,  // normal flow worth a mention: connection set-up, window updates
  kExpertNote = 0x00400000,
  kExpertWarn = 0x00600000,
  kExpertError = 0x00800000,
};
enum ExpertGroup : uint32_t {
  kGroupChecksum = 0x01000000,
  kGroupSequence = 0x02000000,
  kGroupResponse = 0x03000000,  // a response code that reports a problem
  kGroupUndecoded = 0x05000000,
  kGroupReassemble = 0x06000000,
  kGroupMalformed = 0x07000000,
  kGroupProtocol = 0x09000000,
  kGroupSecurity = 0x0a000000,
  kGroupComment = 0x0b000000,
  kGroupDeprecated = 0x0e000000,
};
// Adds an expert item as tshark shows it: "[Expert Info (Error/Protocol): msg]" holding the
// protocol's expert field `f` (labelled `msg`), the message, severity and group.
void add_expert(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
                std::string_view msg, ExpertSeverity severity, ExpertGroup group);

// Wireshark's proto_tree_add_expert: a text item labelled `msg` that carries the expert item.
int add_expert_text(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
                    std::string_view msg, ExpertSeverity severity, ExpertGroup group);

// tshark's names: "Comment", "Chat", "Note", "Warning", "Error"; "Checksum", "Sequence", ...
// "Protocol".
const char* severity_text(ExpertSeverity s);
const char* group_text(ExpertGroup g);

}  // namespace netsift
