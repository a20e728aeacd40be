#include "core/field_registry.h"

#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace netsift {

FieldRegistry::FieldRegistry() {
  fields_.emplace_back();
}  // id 0: kNoField

FieldId FieldRegistry::add(const FieldInfo& f) {
  FieldId id = static_cast<FieldId>(fields_.size());
  fields_.push_back(f);
  fields_.back().id = id;
  auto [it, inserted] = by_abbrev_.emplace(f.def.abbrev, id);
  if (!inserted) {
    // Several definitions may share one abbreviation (as in Wireshark); chain them.
    FieldId prev = it->second;
    while (fields_[prev].same_name_next != kNoField) prev = fields_[prev].same_name_next;
    fields_[prev].same_name_next = id;
  }
  return id;
}

FieldId FieldRegistry::add_protocol(const ProtocolDef& p) {
  FieldInfo f;
  f.def.name = p.name;
  f.def.abbrev = p.abbrev;
  f.def.type = FieldType::kProtocol;
  f.short_name = p.short_name;
  f.protocol_bytes_value = p.bytes_value;
  FieldId id = add(f);
  fields_[id].protocol = id;
  return id;
}

void FieldRegistry::add_fields(FieldId protocol, std::span<const FieldReg> regs) {
  for (const FieldReg& r : regs) {
    // A handle whose kind does not match the field's type would read the wrong Value member:
    // refuse to start rather than print garbage.
    if (r.id.typed && r.id.kind != value_kind(r.def.type))
      throw std::logic_error(fmt::format("field {} is {} but its handle reads {}", r.def.abbrev,
                                         field_type_name(r.def.type), value_kind_name(r.id.kind)));
    FieldInfo f;
    f.def = r.def;
    f.protocol = protocol;
    *r.id.id = add(f);
  }
}

FieldId FieldRegistry::find(std::string_view abbrev) const {
  auto it = by_abbrev_.find(abbrev);
  return it == by_abbrev_.end() ? kNoField : it->second;
}

void FieldRegistry::add_protocol_alias(FieldId protocol, std::string_view alias) {
  aliases_.emplace(alias, info(protocol).def.abbrev);
}

FieldId FieldRegistry::find_by_alias(std::string_view name) const {
  size_t dot = name.find('.');
  auto it = aliases_.find(name.substr(0, dot));
  if (it == aliases_.end()) return kNoField;
  if (dot == std::string_view::npos) return find(it->second);
  std::string real(it->second);
  real += name.substr(dot);
  return find(real);
}

FieldRegistry g_registry;

const char* field_type_name(FieldType t) {
  switch (t) {
    case FieldType::kNone:
      return "FT_NONE";
    case FieldType::kProtocol:
      return "FT_PROTOCOL";
    case FieldType::kBoolean:
      return "FT_BOOLEAN";
    case FieldType::kChar:
      return "FT_CHAR";
    case FieldType::kUint8:
      return "FT_UINT8";
    case FieldType::kUint16:
      return "FT_UINT16";
    case FieldType::kUint24:
      return "FT_UINT24";
    case FieldType::kUint32:
      return "FT_UINT32";
    case FieldType::kUint40:
      return "FT_UINT40";
    case FieldType::kUint48:
      return "FT_UINT48";
    case FieldType::kUint64:
      return "FT_UINT64";
    case FieldType::kInt8:
      return "FT_INT8";
    case FieldType::kInt16:
      return "FT_INT16";
    case FieldType::kInt24:
      return "FT_INT24";
    case FieldType::kInt32:
      return "FT_INT32";
    case FieldType::kInt64:
      return "FT_INT64";
    case FieldType::kFloat:
      return "FT_FLOAT";
    case FieldType::kDouble:
      return "FT_DOUBLE";
    case FieldType::kEther:
      return "FT_ETHER";
    case FieldType::kIpv4:
      return "FT_IPv4";
    case FieldType::kIpv6:
      return "FT_IPv6";
    case FieldType::kBytes:
      return "FT_BYTES";
    case FieldType::kString:
      return "FT_STRING";
    case FieldType::kStringz:
      return "FT_STRINGZ";
    case FieldType::kAbsTime:
      return "FT_ABSOLUTE_TIME";
    case FieldType::kRelTime:
      return "FT_RELATIVE_TIME";
    case FieldType::kFrameNum:
      return "FT_FRAMENUM";
    case FieldType::kOid:
      return "FT_OID";
  }
  return "FT_NONE";
}

ValueKind value_kind(FieldType t) {
  switch (t) {
    case FieldType::kNone:
    case FieldType::kProtocol:
      return ValueKind::kNone;
    case FieldType::kInt8:
    case FieldType::kInt16:
    case FieldType::kInt24:
    case FieldType::kInt32:
    case FieldType::kInt64:
      return ValueKind::kInt;
    case FieldType::kAbsTime:
    case FieldType::kRelTime:
      return ValueKind::kTime;
    case FieldType::kFloat:
    case FieldType::kDouble:
      return ValueKind::kDouble;
    case FieldType::kIpv4:
      return ValueKind::kIpv4;
    case FieldType::kEther:
    case FieldType::kIpv6:
    case FieldType::kBytes:
    case FieldType::kOid:
      return ValueKind::kBytes;
    case FieldType::kString:
    case FieldType::kStringz:
      return ValueKind::kString;
    case FieldType::kBoolean:
    case FieldType::kChar:
    case FieldType::kUint8:
    case FieldType::kUint16:
    case FieldType::kUint24:
    case FieldType::kUint32:
    case FieldType::kUint40:
    case FieldType::kUint48:
    case FieldType::kUint64:
    case FieldType::kFrameNum:
      return ValueKind::kUint;
  }
  return ValueKind::kNone;
}

const char* value_kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::kNone:
      return "no value";
    case ValueKind::kUint:
      return "unsigned integers";
    case ValueKind::kInt:
      return "signed integers";
    case ValueKind::kTime:
      return "times";
    case ValueKind::kDouble:
      return "floating point";
    case ValueKind::kIpv4:
      return "IPv4 addresses";
    case ValueKind::kBytes:
      return "bytes";
    case ValueKind::kString:
      return "strings";
  }
  return "?";
}

const char* base_name(const FieldInfo& f) {
  // As tshark -G fields: booleans show the parent width ("0" without one), frame numbers and
  // other non-integer types an empty base.
  if (f.def.type == FieldType::kBoolean) {
    static const char* const kWidths[] = {
        "0",  "1",  "2",  "3",  "4",  "5",  "6",  "7",  "8",  "9",  "10", "11", "12",
        "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25",
        "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38",
        "39", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51",
        "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63", "64"};
    return kWidths[f.def.bits <= 64 ? f.def.bits : 0];
  }
  if (!is_integer(f.def.type) || f.def.type == FieldType::kFrameNum) return "";
  switch (f.def.base) {
    case Base::kNone:
      return "BASE_NONE";
    case Base::kDec:
      return "BASE_DEC";
    case Base::kHex:
      return "BASE_HEX";
    case Base::kOct:
      return "BASE_OCT";
    case Base::kDecHex:
      return "BASE_DEC_HEX";
    case Base::kHexDec:
      return "BASE_HEX_DEC";
    case Base::kPtTcp:
      return "BASE_PT_TCP";
    case Base::kPtUdp:
      return "BASE_PT_UDP";
    case Base::kAbsLocal:
      return "ABSOLUTE_TIME_LOCAL";
    case Base::kAbsUtc:
      return "ABSOLUTE_TIME_UTC";
    case Base::kAbsNtpUtc:
      return "ABSOLUTE_TIME_NTP_UTC";
    case Base::kSepColon:
      return "SEP_COLON";
    case Base::kSepSpace:
      return "SEP_SPACE";
    case Base::kSepDash:
      return "SEP_DASH";
    case Base::kSepDot:
      return "SEP_DOT";
    case Base::kUnit:
      return "BASE_DEC";
    case Base::kStrUnicode:
      return "STR_UNICODE";
    case Base::kStrAscii:
      return "STR_ASCII";
    case Base::kOui:
      return "BASE_OUI";
    case Base::kDecSpecial:
      return "BASE_DEC";
    case Base::kAllowZero:
      return "BASE_NONE";
  }
  return "BASE_NONE";
}

bool is_unsigned(FieldType t) {
  switch (t) {
    case FieldType::kChar:
    case FieldType::kUint8:
    case FieldType::kUint16:
    case FieldType::kUint24:
    case FieldType::kUint32:
    case FieldType::kUint40:
    case FieldType::kUint48:
    case FieldType::kUint64:
    case FieldType::kFrameNum:
    case FieldType::kBoolean:
      return true;
    default:
      return false;
  }
}

bool is_signed(FieldType t) {
  return t == FieldType::kInt8 || t == FieldType::kInt16 || t == FieldType::kInt24 ||
         t == FieldType::kInt32 || t == FieldType::kInt64;
}

bool is_integer(FieldType t) {
  return is_unsigned(t) || is_signed(t);
}

int integer_bits(FieldType t) {
  switch (t) {
    case FieldType::kChar:
    case FieldType::kUint8:
    case FieldType::kInt8:
      return 8;
    case FieldType::kUint16:
    case FieldType::kInt16:
      return 16;
    case FieldType::kUint24:
    case FieldType::kInt24:
      return 24;
    case FieldType::kUint32:
    case FieldType::kInt32:
    case FieldType::kFrameNum:
      return 32;
    case FieldType::kUint40:
      return 40;
    case FieldType::kUint48:
      return 48;
    case FieldType::kUint64:
    case FieldType::kInt64:
      return 64;
    default:
      return 0;
  }
}

const char* value_name(std::span<const ValueName> names, uint64_t v) {
  for (const ValueName& n : names)
    if (n.value == v) return n.name;
  return nullptr;
}

const char* value_name(const FieldDef& f, uint64_t v) {
  if (const char* name = value_name(f.values, v)) return name;
  for (const RangeName& r : f.ranges)
    if (v >= r.low && v <= r.high) return r.name;
  return nullptr;
}

}  // namespace netsift
