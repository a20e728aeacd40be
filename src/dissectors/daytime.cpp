// Daytime (RFC 867, TCP and UDP port 13) as Wireshark's packet-daytime.c: a request to the
// port, and the response from it carrying the date and time as text.
#include "core/field_registry.h"
#include "core/packet.h"

namespace netsift {

namespace {

constexpr uint16_t kPortDaytime = 13;

FieldId proto, text, response_request;

constexpr TrueFalse kResponseRequest{"Response", "Request"};

using FT = FieldType;
const FieldReg kFields[] = {
    {&text,
     {.name = "Daytime",
      .abbrev = "daytime.string",
      .type = FT::kString,
      .blurb = "String containing time and date"}},
    {&response_request,
     {.name = "Type",
      .abbrev = "daytime.response_request",
      .type = FT::kBoolean,
      .tf = &kResponseRequest,
      .bits = 8}},
};

size_t dissect_daytime(const ByteReader& r, Packet& pkt, int parent) {
  bool is_response = pkt.src_port == kPortDaytime;
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("DAYTIME");
    pkt.cols.set_info(is_response ? "DAYTIME Response" : "DAYTIME Request");
  }
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.tree.add(tree, response_request, r, 0, 0, Value::of_uint(is_response));
  if (is_response) pkt.add_item(tree, text, r, 0, r.size());
  return r.reported_size();
}

}  // namespace

void register_daytime() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Daytime Protocol", "DAYTIME", "daytime"});
  reg.add_fields(proto, kFields);
  tables::udp_port().add(kPortDaytime, dissect_daytime, "daytime");
  tables::tcp_port().add(kPortDaytime, dissect_daytime, "daytime");
}

}  // namespace netsift
