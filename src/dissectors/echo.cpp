// Echo (RFC 862, TCP and UDP port 7) as Wireshark's packet-echo.c: the bytes sent to the port
// are a request, those coming from it the response; the payload is shown whole.
#include "core/field_registry.h"
#include "core/packet.h"

namespace netsift {

namespace {

constexpr uint16_t kPortEcho = 7;

FieldId proto, data, request, response;

using FT = FieldType;
const FieldReg kFields[] = {
    {&data, {.name = "Echo data", .abbrev = "echo.data", .type = FT::kBytes}},
    {&request, {.name = "Echo request", .abbrev = "echo.request", .type = FT::kBoolean}},
    {&response, {.name = "Echo response", .abbrev = "echo.response", .type = FT::kBoolean}},
};

size_t dissect_echo(const ByteReader& r, Packet& pkt, int parent) {
  bool is_request = pkt.dst_port == kPortEcho;
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("ECHO");
    pkt.cols.set_info(is_request ? "Request" : "Response");
  }
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  // A hidden flag for filters (echo.request, echo.response), as tshark adds it.
  pkt.tree.add(tree, is_request ? request : response, r, 0, 0, Value::of_uint(1), kHidden);
  pkt.add_item(tree, data, r, 0, r.size());
  return r.reported_size();
}

}  // namespace

void register_echo() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Echo", "ECHO", "echo"});
  reg.add_fields(proto, kFields);
  tables::udp_port().add(kPortEcho, dissect_echo, "echo");
  tables::tcp_port().add(kPortEcho, dissect_echo, "echo");
}

}  // namespace netsift
