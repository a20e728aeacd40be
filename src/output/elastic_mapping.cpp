// -G elastic-mapping: an Elasticsearch index mapping for -T ek documents, laid out as tshark's
// proto_registrar_dump_elastic lays it out, about netsift's own fields.
#include <string>
#include <string_view>
#include <vector>

#include "core/field_registry.h"
#include "output/glossary.h"
#include "output/json_writer.h"
#include "output/value_format.h"

namespace netsift {

namespace {

// The Elasticsearch type of a field's -T ek values; nullptr for those Elasticsearch maps as
// strings by default (they are left out of the mapping).
const char* elastic_type(FieldType t) {
  switch (t) {
    case FieldType::kUint16:
    case FieldType::kInt16:
    case FieldType::kInt32:
    case FieldType::kUint24:
    case FieldType::kInt24:
      return "integer";
    case FieldType::kInt8:
    case FieldType::kUint8:
      return "short";
    case FieldType::kFrameNum:
    case FieldType::kUint32:
    case FieldType::kUint40:
    case FieldType::kUint48:
    case FieldType::kUint64:
    case FieldType::kInt64:
      return "long";
    case FieldType::kFloat:
    case FieldType::kDouble:
      return "float";
    case FieldType::kIpv4:
    case FieldType::kIpv6:
      return "ip";
    case FieldType::kAbsTime:
    case FieldType::kRelTime:
      return "date";
    case FieldType::kBytes:
      return "byte";
    case FieldType::kBoolean:
      return "boolean";
    default:
      return nullptr;
  }
}

std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> out;
  if (s.empty()) return out;
  for (size_t start = 0;;) {
    size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

}  // namespace

void append_elastic_mapping(std::string& out, std::string_view filter) {
  const std::vector<std::string_view> only = split_commas(filter);
  const FieldRegistry& reg = registry();
  JsonWriter w(out, true, false);
  w.begin_object();
  w.name("settings");
  w.begin_object();
  w.name("index.mapping.total_fields.limit");
  w.raw("1000000");
  w.end_object();
  w.name("mappings");
  w.begin_object();
  w.name("dynamic");
  w.raw("false");
  w.name("properties");
  w.begin_object();
  w.name("timestamp");
  w.begin_object();
  w.name("type");
  w.string("date");
  w.end_object();
  w.name("layers");
  w.begin_object();
  w.name("properties");
  w.begin_object();
  // Fields in registration order, one object per run of fields of the same protocol (so a
  // protocol whose fields are registered in two runs gets two objects, as in tshark).
  FieldId open_protocol = kNoField;
  std::string member, previous_member;
  for (const FieldInfo& f : reg.all()) {
    if (f.def.type == FieldType::kProtocol && f.protocol == f.id) continue;
    if (f.protocol == kNoField || is_text_item(f)) continue;  // text items have no values
    std::string_view protocol = reg.info(f.protocol).def.abbrev;
    if (!only.empty()) {
      bool listed = false;
      for (std::string_view p : only) listed = listed || p == protocol;
      if (!listed) continue;
    }
    if (f.protocol != open_protocol) {
      if (open_protocol != kNoField) {
        w.end_object();
        w.end_object();
      }
      open_protocol = f.protocol;
      w.name(protocol);
      w.begin_object();
      w.name("properties");
      w.begin_object();
    }
    const char* type = elastic_type(f.def.type);
    if (!type) continue;
    member.assign(protocol);
    member.push_back('_');
    member.append(f.def.abbrev);
    for (char& c : member)
      if (c == '.') c = '_';
    if (member != previous_member) {  // same-named fields registered one after the other
      w.name(member);
      w.begin_object();
      w.name("type");
      w.string(type);
      w.end_object();
    }
    previous_member.swap(member);
  }
  if (open_protocol != kNoField) {
    w.end_object();
    w.end_object();
  }
  for (int i = 0; i < 5; ++i) w.end_object();
  out.push_back('\n');
}

}  // namespace netsift
