// What the DHCP message dissector (dhcp.cpp) and its option dissectors (dhcp_options.cpp,
// dhcp_option_table.cpp) share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/byte_reader.h"
#include "core/packet.h"

namespace netsift::dhcp {

// How an option's value is shown (RFC 2132's option formats, Wireshark's field_type): most
// options are one of the basic kinds; kSpecial options have their own dissector, kOpaque ones
// are shown as bytes.
enum class Kind : uint8_t {
  kNone,  // Pad and End: no length octet
  kIpv4,
  kIpv4List,
  kString,
  kBool,
  kUint8,
  kUint16,
  kUint16List,
  kUint32,
  kTimeSigned,    // seconds, signed
  kTimeUnsigned,  // seconds, 0xffffffff is "infinity"
  kOpaque,
  kSpecial,
};

struct OptionInfo {
  const char* name;  // "Subnet Mask": the option's tree label and Parameter Request List name
  Kind kind;
};

// Option 53's name for a message type, "Discover", or "Unknown Message Type (0x13)".
std::string message_type_name(uint8_t type);

// The 256 option codes' names and kinds, and the field each basic option fills.
const OptionInfo& option_info(uint8_t code);
FieldId option_field(uint8_t code);
void register_option_table_fields(FieldId proto);

// Fields and expert items of the message that option dissectors add too.
struct SharedFields {
  FieldId hw_type, hw_mac_addr, option_type, option_value, bad_length;
};
const SharedFields& shared_fields();

// What the first pass over the options learnt (Wireshark reads these before the tree).
struct MessageFacts {
  uint8_t overload = 0;          // option 52: sname/file hold options
  bool is_dhcp = false;          // an option 53 was seen: DHCP, not plain BOOTP
  std::string message_type;      // its name, "Discover"
  int domain_search_blocks = 0;  // option 119 occurrences (RFC 3396 long options)
  int domain_search_index = 0;
};

// One option as its dissector sees it: the whole message in `r`, the value at [off, off+len).
struct OptionContext {
  Packet& pkt;
  const ByteReader& r;
  int proto_node;   // the DHCP protocol item (option 53 appends the message type to it)
  int option_node;  // the "Option: (n) Name" item
  uint8_t code;
  size_t off, len;
  std::string& option_label;  // the option item's label, built while dissecting
  MessageFacts& facts;
};

// Adds the value items of a basic-kind option; returns the octets it showed (0 when the length
// is wrong or the kind is not basic), as tshark's dhcp_handle_basic_types.
size_t dissect_basic_option(OptionContext& c, Kind kind);
// Adds the value items of an option with its own dissector and returns what that dissector
// reports consumed; nullopt when there is none.
std::optional<size_t> dissect_special_option(OptionContext& c);
// The options of [off, end) under `tree`, as Wireshark's dhcp_option loop (also used for the
// sname/file fields an option 52 overloads, `message_level` false); returns whether an End
// option was seen. At message level, what follows the End option is shown as padding.
bool dissect_options(Packet& pkt, const ByteReader& r, int proto_node, int tree, size_t off,
                     size_t end, MessageFacts& facts, bool message_level);
void register_option_fields(FieldId proto);

// "length isn't 4" and the like: an Error/Protocol expert item on the option.
void add_bad_length(OptionContext& c, std::string_view msg);

}  // namespace netsift::dhcp
