#include "core/protocols.h"

#include "core/field_registry.h"

namespace netsift::protocols {

FieldId data, data_data, data_len;
FieldId malformed, malformed_expert, malformed_dissector_bug, malformed_reassembly, short_frame;
FieldId unreassembled, unreassembled_expert, type_length, type_length_mismatch;
FieldId expert, expert_message, expert_severity, expert_group;

namespace {
// Severity and group values as Wireshark's expert.h defines them.
constexpr ValueName kSeverities[] = {{0x00100000, "Comment"},
                                     {0x00200000, "Chat"},
                                     {0x00400000, "Note"},
                                     {0x00600000, "Warning"},
                                     {0x00800000, "Error"}};
constexpr ValueName kGroups[] = {
    {0x01000000, "Checksum"},   {0x02000000, "Sequence"},  {0x03000000, "Response"},
    {0x04000000, "Request"},    {0x05000000, "Undecoded"}, {0x06000000, "Reassemble"},
    {0x07000000, "Malformed"},  {0x08000000, "Debug"},     {0x09000000, "Protocol"},
    {0x0a000000, "Security"},   {0x0b000000, "Comment"},   {0x0c000000, "Decryption"},
    {0x0d000000, "Assumption"}, {0x0e000000, "Deprecated"}};
}  // namespace

void register_core_protocols() {
  FieldRegistry& reg = registry();
  data = reg.add_protocol({"Data", "Data", "data"});
  static const FieldReg data_fields[] = {
      {&data_data, {.name = "Data", .abbrev = "data.data", .type = FieldType::kBytes}},
      {&data_len,
       {.name = "Length", .abbrev = "data.len", .type = FieldType::kInt32, .base = Base::kDec}},
  };
  reg.add_fields(data, data_fields);

  malformed = reg.add_protocol({"Malformed Packet", "Malformed", "_ws.malformed"});
  static const FieldReg malformed_fields[] = {
      {&malformed_dissector_bug,
       {.name = "Dissector bug", .abbrev = "_ws.malformed.dissector_bug"}},
      {&malformed_reassembly, {.name = "Reassembly error", .abbrev = "_ws.malformed.reassembly"}},
      {&malformed_expert,
       {.name = "Malformed Packet (Exception occurred)", .abbrev = "_ws.malformed.expert"}},
  };
  reg.add_fields(malformed, malformed_fields);
  short_frame = reg.add_protocol({"Short Frame", "Short frame", "_ws.short"});
  unreassembled = reg.add_protocol(
      {"Unreassembled Fragmented Packet", "Unreassembled fragmented packet", "_ws.unreassembled"});
  static const FieldReg unreassembled_fields[] = {
      {&unreassembled_expert,
       {.name = "Unreassembled fragment (change preferences to enable reassembly)",
        .abbrev = "_ws.unreassembled.expert"}},
  };
  reg.add_fields(unreassembled, unreassembled_fields);
  type_length =
      reg.add_protocol({"Type Length Mismatch", "Type length mismatch", "_ws.type_length"});
  static const FieldReg type_length_fields[] = {
      {&type_length_mismatch,
       {.name = "Trying to fetch X with length Y", .abbrev = "_ws.type_length.mismatch"}},
  };
  reg.add_fields(type_length, type_length_fields);
  expert = reg.add_protocol({"Expert Info", "Expert", "_ws.expert"});
  static const FieldReg expert_fields[] = {
      {&expert_message,
       {.name = "Message",
        .abbrev = "_ws.expert.message",
        .type = FieldType::kString,
        .blurb = "Wireshark expert information"}},
      {&expert_severity,
       {.name = "Severity level",
        .abbrev = "_ws.expert.severity",
        .type = FieldType::kUint32,
        .values = kSeverities,
        .blurb = "Wireshark expert severity level"}},
      {&expert_group,
       {.name = "Group",
        .abbrev = "_ws.expert.group",
        .type = FieldType::kUint32,
        .values = kGroups,
        .blurb = "Wireshark expert group"}},
  };
  reg.add_fields(expert, expert_fields);
}

}  // namespace netsift::protocols
