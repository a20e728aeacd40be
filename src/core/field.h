// Field definitions: what a dissector can put in the packet tree. Each dissector declares its
// fields in a table next to its code (name, filter abbreviation, type, display base, value names,
// bitmask), as Wireshark's hf_register_info does, so names and values match tshark's.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace netsift {

using FieldId = uint32_t;
inline constexpr FieldId kNoField = 0;  // id 0 is reserved: "not registered"

enum class FieldType : uint8_t {
  kNone,  // a label or subtree with no value
  kProtocol,
  kBoolean,
  kChar,
  kUint8,
  kUint16,
  kUint24,
  kUint32,
  kUint40,
  kUint48,
  kUint64,
  kInt8,
  kInt16,
  kInt24,
  kInt32,
  kInt64,
  kFloat,
  kDouble,
  kEther,
  kIpv4,
  kIpv6,
  kBytes,
  kString,
  kStringz,
  kAbsTime,
  kRelTime,
  kFrameNum,
  kOid,  // ASN.1 object identifier: a view of its BER content octets
};

// Display base, with tshark's names (BASE_DEC, ...). For booleans with a bitmask the bit width
// of the parent field goes in FieldDef::bits instead, as Wireshark does.
enum class Base : uint8_t {
  kNone,
  kDec,
  kHex,
  kOct,
  kDecHex,
  kHexDec,
  kPtTcp,  // port numbers: name resolution as TCP/UDP ports
  kPtUdp,
  kAbsLocal,  // absolute time, local time zone
  kAbsUtc,
  kAbsNtpUtc,  // UTC, but a zero time (NTP's unset timestamp) shows as "NULL"
  kSepColon,  // bytes printed aa:bb:cc
  kSepSpace,
  kSepDash,
  kSepDot,
  kUnit,  // numbers with a unit suffix in the label; filter value stays the number
  kStrUnicode,
  kStrAscii,
  kOui,         // 24-bit organizationally unique identifier, shown "00:0c:29 (VMware, Inc.)"
  kDecSpecial,  // decimal; value names only for the listed special values, any other value is
                // the plain number (BASE_DEC|BASE_SPECIAL_VALS)
  kAllowZero,   // bytes that may be empty: shown "<none>" rather than "<MISSING>" (BASE_ALLOW_ZERO)
};

struct ValueName {
  uint64_t value;
  const char* name;
};

// Inclusive ranges of values sharing a name (Wireshark's range_string).
struct RangeName {
  uint64_t low;
  uint64_t high;
  const char* name;
};

struct TrueFalse {
  const char* true_text;
  const char* false_text;
};

struct FieldDef {
  const char* name;    // label in the detail tree, "Source Port"
  const char* abbrev;  // filter name, "tcp.srcport"
  FieldType type = FieldType::kNone;
  Base base = Base::kNone;
  std::span<const ValueName> values{};  // value names (e.g. EtherType 0x0800 -> "IPv4")
  uint64_t bitmask = 0;
  const char* blurb = "";
  const TrueFalse* tf = nullptr;        // boolean texts; default "True"/"False"
  uint8_t bits = 0;                     // booleans: width of the parent field in bits
  std::span<const RangeName> ranges{};  // alternative to values
  const char* unit = nullptr;           // " bytes", " seconds" appended in labels
};

// What a field's value is to a reader of the tree (which member of Value holds it).
enum class ValueKind : uint8_t {
  kNone,    // protocols and labels: no value
  kUint,    // Value::u: unsigned integers, booleans, characters, frame numbers
  kInt,     // Value::i: signed integers
  kTime,    // Value::i: absolute or relative times in nanoseconds
  kDouble,  // Value::d
  kIpv4,    // Value::u: the address in host order
  kBytes,   // Value::bytes: byte strings, Ethernet and IPv6 addresses
  kString,  // Value::bytes: text
};
ValueKind value_kind(FieldType t);
const char* value_kind_name(ValueKind k);

// A registered field's id, typed by the kind of value it holds. The owning dissector declares
// it and its FieldReg table fills it at start-up, so code elsewhere reads fields through
// handles rather than by name: a renamed field cannot leave a reader silently finding nothing,
// and the typed readers (packet_tree.h) do not compile for a handle of another kind.
// It converts to FieldId, so it serves wherever an id is compared or added to the tree.
template <ValueKind K>
struct FieldHandle {
  static constexpr ValueKind kKind = K;
  FieldId id = kNoField;
  constexpr operator FieldId() const { return id; }
};
using ProtocolField = FieldHandle<ValueKind::kNone>;
using LabelField = FieldHandle<ValueKind::kNone>;
using UintField = FieldHandle<ValueKind::kUint>;
using IntField = FieldHandle<ValueKind::kInt>;
using TimeField = FieldHandle<ValueKind::kTime>;
using DoubleField = FieldHandle<ValueKind::kDouble>;
using Ipv4Field = FieldHandle<ValueKind::kIpv4>;
using BytesField = FieldHandle<ValueKind::kBytes>;
using StringField = FieldHandle<ValueKind::kString>;

// Where registration stores a field's id: a typed handle, whose kind registration checks
// against the field's type, or a plain id used only inside its dissector.
struct FieldSlot {
  FieldId* id;
  bool typed = false;
  ValueKind kind = ValueKind::kNone;
  constexpr FieldSlot(FieldId* plain) : id(plain) {}
  template <ValueKind K>
  constexpr FieldSlot(FieldHandle<K>* handle) : id(&handle->id), typed(true), kind(K) {}
};

// Registration entry: where the assigned id goes, and the definition, written with designated
// initializers: {&seq, {.name = "Sequence Number", .abbrev = "tcp.seq", .type = ...}}.
struct FieldReg {
  FieldSlot id;
  FieldDef def;
};

// A protocol is a field of type kProtocol; `short_name` is the Protocol column text.
struct ProtocolDef {
  const char* name;        // "Transmission Control Protocol"
  const char* short_name;  // "TCP"
  const char* abbrev;      // "tcp"
  // tshark registers TCP and IP options as protocols "in name only" of type FT_BYTES: such a
  // protocol has a value, its bytes (tcp.options.mss "02:04:05:b4" in JSON, "020405b4" in -T
  // fields), where other protocols have none.
  bool bytes_value = false;
};

struct FieldInfo {
  FieldDef def;
  FieldId id = kNoField;
  FieldId protocol = kNoField;        // the protocol this field belongs to
  const char* short_name = nullptr;   // protocols only
  FieldId same_name_next = kNoField;  // other fields with the same abbreviation
  bool read_back = false;  // dissectors read it from the tree: kept even when no output needs it
  bool protocol_bytes_value = false;  // ProtocolDef::bytes_value
};

const char* field_type_name(FieldType t);   // "FT_UINT16"
const char* base_name(const FieldInfo& f);  // "BASE_DEC", "12" for booleans
bool is_unsigned(FieldType t);
bool is_signed(FieldType t);
bool is_integer(FieldType t);
int integer_bits(FieldType t);

// Name of `v` from the field's value or range names; nullptr when none matches.
const char* value_name(const FieldDef& f, uint64_t v);
// Name of `v` in a value-name table; nullptr when none matches.
const char* value_name(std::span<const ValueName> names, uint64_t v);

}  // namespace netsift
