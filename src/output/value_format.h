// A field's value as tshark 4.0 prints it in -T fields and -T json: integers in the field's
// base, booleans 1/0, times with nine decimals, addresses in their usual text form, bytes as
// plain hex, strings as captured (the printers do their own escaping).
#pragma once

#include <cstdint>
#include <string>

#include "core/field.h"
#include "core/packet.h"
#include "core/text_format.h"  // append_hex_bytes

namespace netsift {

// The bytes of data source `source` (0: the frame, n: pkt.sources[n-1]); empty if unknown.
ByteReader source_reader(const Packet& pkt, uint16_t source);

// Appends the value of `n` as tshark -T fields prints it ("1" for FT_NONE, the tree text for
// protocols, hex for the data protocol).
void append_field_value(std::string& out, const Packet& pkt, const Node& n);

// Appends the value of `n` as tshark's fvalue_to_string_repr (FTREPR_DISPLAY) gives it, which
// -T json and PDML ("show") print: the -T fields text, except that byte fields keep colons
// between the bytes and an FT_BYTES option protocol shows its bytes.
void append_display_value(std::string& out, const Packet& pkt, const Node& n);

// The value of a bitmask field in upper-case hex, as -T jsonraw and PDML show it (signed values
// of up to 32 bits in 32-bit two's complement).
void append_bitmask_value_hex(std::string& out, const Node& n, const FieldInfo& f);

// A text item (tshark's hf_text_only): a node without field, or of a protocol's own "Text"
// field, "<protocol>.text" (FT_NONE), which netsift's dissectors use for text lines so that
// field interest keeps them with their protocol; tshark has no such fields.
bool is_text_item(const FieldInfo& f);

// Pieces shared with tree labels.
// Hex forms are zero-padded to `hex_digits` (two per byte of the type for -T fields).
void append_uint_in_base(std::string& out, uint64_t v, int hex_digits, Base b);
int type_hex_digits(FieldType t);
// "Apr  6, 2017 22:06:23.915793000 UTC"; the local time zone unless `base` is kAbsUtc or
// kAbsNtpUtc (which shows a zero time as "NULL").
void append_abs_time(std::string& out, int64_t ns, Base base);
void append_double(std::string& out, double d, FieldType t);
// The bytes of a string field; Stringz values stop at the first NUL.
std::string_view string_value(const FieldInfo& f, const Value& v);

}  // namespace netsift
