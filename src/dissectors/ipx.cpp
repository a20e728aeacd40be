// Novell IPX (the 30-byte header of "IPX Router Specification", Novell 1996) with its Routing
// Information Protocol (socket 0x0453) and Service Advertising Protocol (socket 0x0452), as
// tshark 4.0's packet-ipx.c shows them: the header with hidden "network.node" address strings
// and either-direction fields (ipx.net, ipx.node, ipx.socket), then the payload by socket (the
// lower one first) and by packet type. IPX comes in raw 802.3 frames (Novell's 0xffff checksum
// where LLC would be), Ethernet II type 0x8137 and LLC SAP 0xe0. Networks are Wireshark's
// FT_IPXNET, kept as hex 32-bit values: tshark's label shows the first byte only
// ("00 (0x00000028)": its ipxnet_to_str_punct stops at the NUL separator), reproduced here.
// Not dissected: SPX, NCP, NetBIOS over IPX and the other sockets' protocols (data).
#include "core/address_format.h"
#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/llc.h"

namespace netsift {

namespace {

constexpr size_t kHeaderLen = 30;
constexpr uint16_t kEthertypeIpx = 0x8137;
constexpr uint8_t kSapNetware = 0xe0;

enum Socket : uint16_t {
  kSocketSap = 0x0452,
  kSocketRip = 0x0453,
  kSocketNwlinkSmbNameQuery = 0x0551,
};
enum RipOperation : uint16_t { kRipRequest = 1, kRipResponse = 2 };
enum SapOperation : uint16_t {
  kSapGeneralQuery = 1,
  kSapGeneralResponse = 2,
  kSapNearestQuery = 3,
  kSapNearestResponse = 4,
};
constexpr size_t kSapEntryLen = 64;
constexpr size_t kSapNameLen = 48;
// Ticks are 1/18 s (the PC's timer).
constexpr unsigned kTicksPerSecond = 18;

FieldId proto, checksum, src, dst, addr, len, hops, packet_type, dst_net, dst_node, dst_socket,
    src_net, src_node, src_socket, net, node, socket;
FieldId rip_proto, rip_request, rip_response, rip_packet_type, rip_route_vector, rip_hops,
    rip_ticks;
FieldId sap_proto, sap_request, sap_response, sap_packet_type, sap_server, sap_server_type,
    sap_server_name, sap_server_network, sap_server_node, sap_server_socket,
    sap_intermediate_networks;

constexpr ValueName kSocketNames[] = {
    {0x0002, "CISCO PING"},
    {0x0451, "NCP"},
    {0x0452, "SAP"},
    {0x0453, "RIP"},
    {0x0455, "NetBIOS"},
    {0x0456, "Diagnostic"},
    {0x0457, "Serialization"},
    {0x0550, "NWLink SMB Server"},
    {0x0551, "NWLink SMB Name Query"},
    {0x0552, "NWLink SMB Redirector"},
    {0x0553, "NWLink SMB Mailslot Datagram"},
    {0x0554, "NWLink SMB Messenger"},
    {0x0555, "NWLink SMB Browse"},
    {0x055d, "Attachmate Gateway"},
    {0x4001, "IPX Message"},
    {0x4003, "IPX Message"},
    {0x4006, "NetWare Directory Server"},
    {0x400c, "HP LaserJet/QuickSilver"},
    {0x8104, "NetWare 386"},
    {0x8522, "ADSM"},
    {0x85be, "Cisco EIGRP for IPX"},
    {0x8f83, "Powerchute UPS Monitoring"},
    {0x9001, "NetWare Link Services Protocol"},
    {0x9004, "IPX WAN"},
    {0x900f, "SNMP Agent"},
    {0x9010, "SNMP Sink"},
    {0x907b, "SMS Testing and Development"},
    {0x9086, "Novell PING"},
    {0x9091, "TCP Tunnel"},
    {0x9092, "UDP Tunnel"},
    {0x90b2, "NDPS Printer Agent/PSM"},
    {0x90b3, "NDPS Broker"},
    {0x90b4, "NDPS Service Registry Service"},
    {0x90b5, "NDPS Event Notification Service"},
    {0x90b6, "NDPS Remote Management Service"},
    {0x90b7, "NDPS Notify Listener"},
    {0xe885, "NT Server-RPC/GW"},
};
constexpr ValueName kPacketTypes[] = {
    {0, "IPX"},
    {1, "RIP"},
    {2, "Echo"},
    {3, "Error"},
    {4, "PEP"},
    {5, "SPX"},
    {16, "Experimental Protocol"},
    {17, "NCP"},
    {18, "Experimental Protocol"},
    {19, "Experimental Protocol"},
    {20, "NetBIOS Broadcast"},
    {21, "Experimental Protocol"},
    {22, "Experimental Protocol"},
    {23, "Experimental Protocol"},
    {24, "Experimental Protocol"},
    {25, "Experimental Protocol"},
    {26, "Experimental Protocol"},
    {27, "Experimental Protocol"},
    {28, "Experimental Protocol"},
    {29, "Experimental Protocol"},
    {30, "Experimental Protocol"},
    {31, "Experimental Protocol"},
};
constexpr ValueName kRipOperations[] = {{kRipRequest, "Request"}, {kRipResponse, "Response"}};
constexpr ValueName kSapOperations[] = {{kSapGeneralQuery, "General Query"},
                                        {kSapGeneralResponse, "General Response"},
                                        {kSapNearestQuery, "Nearest Query"},
                                        {kSapNearestResponse, "Nearest Response"}};
constexpr ValueName kServerTypes[] = {
#include "dissectors/ipx_server_types.inc"
};

using FT = FieldType;
const FieldReg kFields[] = {
    {&checksum,
     {.name = "Checksum", .abbrev = "ipx.checksum", .type = FT::kUint16, .base = Base::kHex}},
    {&src,
     {.name = "Source Address",
      .abbrev = "ipx.src",
      .type = FT::kString,
      .blurb = "Source IPX Address  \"network.node\""}},
    {&dst,
     {.name = "Destination Address",
      .abbrev = "ipx.dst",
      .type = FT::kString,
      .blurb = "Destination IPX Address  \"network.node\""}},
    {&addr,
     {.name = "Src/Dst Address",
      .abbrev = "ipx.addr",
      .type = FT::kString,
      .blurb = "Source or Destination IPX Address  \"network.node\""}},
    {&len,
     {.name = "Length",
      .abbrev = "ipx.len",
      .type = FT::kUint16,
      .base = Base::kDec,
      .unit = " bytes"}},
    {&hops,
     {.name = "Transport Control (Hops)",
      .abbrev = "ipx.hops",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&packet_type,
     {.name = "Packet Type",
      .abbrev = "ipx.packet_type",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kPacketTypes}},
    {&dst_net,
     {.name = "Destination Network",
      .abbrev = "ipx.dst.net",
      .type = FT::kUint32,
      .base = Base::kHex}},
    {&dst_node, {.name = "Destination Node", .abbrev = "ipx.dst.node", .type = FT::kEther}},
    {&dst_socket,
     {.name = "Destination Socket",
      .abbrev = "ipx.dst.socket",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kSocketNames}},
    {&src_net,
     {.name = "Source Network", .abbrev = "ipx.src.net", .type = FT::kUint32, .base = Base::kHex}},
    {&src_node, {.name = "Source Node", .abbrev = "ipx.src.node", .type = FT::kEther}},
    {&src_socket,
     {.name = "Source Socket",
      .abbrev = "ipx.src.socket",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kSocketNames}},
    {&net,
     {.name = "Source or Destination Network",
      .abbrev = "ipx.net",
      .type = FT::kUint32,
      .base = Base::kHex}},
    {&node, {.name = "Source or Destination Node", .abbrev = "ipx.node", .type = FT::kEther}},
    {&socket,
     {.name = "Source or Destination Socket",
      .abbrev = "ipx.socket",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kSocketNames}},
};

const FieldReg kRipFields[] = {
    {&rip_request,
     {.name = "Request",
      .abbrev = "ipxrip.request",
      .type = FT::kBoolean,
      .blurb = "TRUE if IPX RIP request"}},
    {&rip_response,
     {.name = "Response",
      .abbrev = "ipxrip.response",
      .type = FT::kBoolean,
      .blurb = "TRUE if IPX RIP response"}},
    {&rip_packet_type,
     {.name = "RIP packet type",
      .abbrev = "ipxrip.packet_type",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kRipOperations}},
    {&rip_route_vector,
     {.name = "Route Vector",
      .abbrev = "ipxrip.route_vector",
      .type = FT::kUint32,
      .base = Base::kHex}},
    {&rip_hops, {.name = "Hops", .abbrev = "ipxrip.hops", .type = FT::kUint16, .base = Base::kDec}},
    {&rip_ticks,
     {.name = "Ticks", .abbrev = "ipxrip.ticks", .type = FT::kUint16, .base = Base::kDec}},
};

const FieldReg kSapFields[] = {
    {&sap_request,
     {.name = "Request",
      .abbrev = "ipxsap.request",
      .type = FT::kBoolean,
      .blurb = "TRUE if SAP request"}},
    {&sap_response,
     {.name = "Response",
      .abbrev = "ipxsap.response",
      .type = FT::kBoolean,
      .blurb = "TRUE if SAP response"}},
    {&sap_packet_type,
     {.name = "SAP packet type",
      .abbrev = "ipxsap.packet_type",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kSapOperations}},
    {&sap_server, {.name = "Server", .abbrev = "ipxsap.server", .type = FT::kNone}},
    {&sap_server_type,
     {.name = "Server Type",
      .abbrev = "ipxsap.server.type",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kServerTypes}},
    {&sap_server_name,
     {.name = "Server Name", .abbrev = "ipxsap.server.name", .type = FT::kStringz}},
    {&sap_server_network,
     {.name = "Network",
      .abbrev = "ipxsap.server.network",
      .type = FT::kUint32,
      .base = Base::kHex}},
    {&sap_server_node, {.name = "Node", .abbrev = "ipxsap.server.node", .type = FT::kEther}},
    {&sap_server_socket,
     {.name = "Socket",
      .abbrev = "ipxsap.server.socket",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kSocketNames}},
    {&sap_intermediate_networks,
     {.name = "Intermediate Networks",
      .abbrev = "ipxsap.server.intermediate_networks",
      .type = FT::kUint16,
      .base = Base::kDec}},
};

DissectorTable& socket_table() {
  static DissectorTable t("ipx.socket", "IPX socket", {FieldType::kUint16, Base::kHex, "IPX", false});
  return t;
}
DissectorTable& packet_type_table() {
  static DissectorTable t("ipx.packet_type", "IPX packet type",
                          {FieldType::kUint8, Base::kHex, "IPX", false});
  return t;
}

// An FT_IPXNET item: its label as tshark prints it (see the file comment).
int add_network(Packet& pkt, int parent, FieldId f, const char* name, const ByteReader& r,
                size_t off, uint8_t flags = 0) {
  uint32_t v = r.u32(off);
  int n = pkt.tree.add(parent, f, r, off, 4, Value::of_uint(v), flags);
  if (pkt.labels) {
    std::string text;
    append_format(text, "{}: {:02x} (0x{:08X})", name, v >> 24, v);
    pkt.set_label(n, text);
  }
  return n;
}

// The hidden "network.node" string items (address_to_str of AT_IPX).
void add_address_strings(Packet& pkt, int tree, const ByteReader& r, FieldId f,
                         const Address& a) {
  if (!pkt.tree.wants(f) && !pkt.tree.wants(addr)) return;
  std::string text;
  append_ipx(text, a.bytes);
  std::string_view copy = pkt.arena.copy(text);
  Value v = Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size());
  pkt.tree.add(tree, f, r, 0, 0, v, kHidden);
  pkt.tree.add(tree, addr, r, 0, 0, v, kHidden);
}

size_t dissect_ipx(const ByteReader& whole, Packet& pkt, int parent) {
  // A layer from the start, as tshark's handle adds it: a header cut short is IPX's error.
  pkt.add_layer(proto);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("IPX");
    pkt.cols.set_info("");
  }
  uint16_t dsock = whole.u16(16), ssock = whole.u16(28);
  uint8_t type = whole.u8(5);
  uint16_t length = whole.u16(2);
  // The datagram ends where its length says (set_actual_length: never grows the buffer).
  ByteReader r = length < whole.reported_size() ? whole.sub(0, length) : whole;
  Address s = Address::ipx(r.ptr(18, 10)), d = Address::ipx(r.ptr(6, 10));
  pkt.set_net_addresses(s, d);
  if (pkt.cols.enabled) {
    const char* name = value_name(kSocketNames, dsock);
    std::string info;
    if (name)
      info = name;
    else
      append_format(info, "Unknown (0x{:04x})", dsock);
    pkt.cols.set_info(info);
  }

  int tree = pkt.tree.add(parent, proto, r, 0, kHeaderLen, Value{});
  add_address_strings(pkt, tree, r, src, s);
  add_address_strings(pkt, tree, r, dst, d);
  pkt.add_item(tree, checksum, r, 0, 2);
  pkt.add_uint(tree, len, r, 2, 2, length);
  int n = pkt.add_item(tree, hops, r, 4, 1);
  if (pkt.labels) {
    std::string text;
    append_format(text, "Transport Control: {} hops", r.u8(4));
    pkt.set_label(n, text);
  }
  pkt.add_uint(tree, packet_type, r, 5, 1, type);
  add_network(pkt, tree, dst_net, "Destination Network", r, 6);
  add_network(pkt, tree, net, "Source or Destination Network", r, 6, kHidden);
  pkt.add_item(tree, dst_node, r, 10, 6);
  pkt.tree[pkt.add_item(tree, node, r, 10, 6)].flags |= kHidden;
  pkt.add_uint(tree, dst_socket, r, 16, 2, dsock);
  pkt.tree.add(tree, socket, r, 16, 2, Value::of_uint(dsock), kHidden);
  add_network(pkt, tree, src_net, "Source Network", r, 18);
  add_network(pkt, tree, net, "Source or Destination Network", r, 18, kHidden);
  pkt.add_item(tree, src_node, r, 22, 6);
  pkt.tree[pkt.add_item(tree, node, r, 22, 6)].flags |= kHidden;
  pkt.add_uint(tree, src_socket, r, 28, 2, ssock);
  pkt.tree.add(tree, socket, r, 28, 2, Value::of_uint(ssock), kHidden);

  // Sockets before the packet type, the lower socket first, except that a name query to
  // NWLink's socket is known by that socket alone (packet-ipx.c explains the captures behind
  // this order).
  ByteReader payload = r.sub(kHeaderLen);
  uint16_t first = ssock > dsock ? dsock : ssock, second = ssock > dsock ? ssock : dsock;
  if (second != kSocketNwlinkSmbNameQuery)
    if (Dissector f = socket_table().find(first)) return kHeaderLen + f(payload, pkt, parent);
  if (Dissector f = socket_table().find(second)) return kHeaderLen + f(payload, pkt, parent);
  return kHeaderLen + pkt.call_next(packet_type_table(), type, payload, parent);
}

// RIP: an operation, then (network, hops, ticks) entries to the end of the datagram.
size_t dissect_ipxrip(const ByteReader& r, Packet& pkt, int parent) {
  uint16_t op = r.u16(0);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("IPX RIP");
    const char* name = value_name(kRipOperations, op);
    pkt.cols.set_info(name ? name : "Unknown");
  }
  // Called by socket without adding a layer, as tshark's socket table does.
  int tree = pkt.tree.add(parent, rip_proto, r, 0, r.reported_size(), Value{});
  pkt.add_item(tree, rip_packet_type, r, 0, 2);
  if (op == kRipRequest || op == kRipResponse)
    pkt.tree.add(tree, op == kRipRequest ? rip_request : rip_response, r, 0, 2,
                 Value::of_uint(1), kHidden);
  for (size_t off = 2; off < r.reported_size(); off += 8) {
    uint16_t ticks = r.u16(off + 6);
    add_network(pkt, tree, rip_route_vector, "Route Vector", r, off);
    pkt.add_item(tree, rip_hops, r, off + 4, 2);
    // tshark shows ticks as milliseconds except in operation 0, where it meant requests (its
    // test is IPX_RIP_REQUEST - 1).
    int n = pkt.add_uint(tree, rip_ticks, r, off + 6, 2, ticks);
    if (op != 0 && pkt.labels) {
      std::string text;
      append_format(text, "Ticks: {} ms", ticks * 1000u / kTicksPerSecond);
      pkt.set_label(n, text);
    }
  }
  return r.reported_size();
}

// SAP (Service Advertising Protocol): queries name a server type; responses list 64-byte
// server entries (type, 48-byte name, address, hops) to the end of the datagram.
size_t dissect_ipxsap(const ByteReader& r, Packet& pkt, int parent) {
  uint16_t op = r.u16(0);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("IPX SAP");
    const char* name = value_name(kSapOperations, op);
    pkt.cols.set_info(name ? name : "Unknown Packet Type");
  }
  // Called by socket without adding a layer, as tshark's socket table does.
  int tree = pkt.tree.add(parent, sap_proto, r, 0, r.reported_size(), Value{});
  pkt.add_item(tree, sap_packet_type, r, 0, 2);
  // tshark marks queries as responses and responses as requests (its hidden items are swapped).
  if (op == kSapGeneralQuery || op == kSapNearestQuery)
    pkt.tree.add(tree, sap_response, r, 0, 2, Value::of_uint(1), kHidden);
  else if (op == kSapGeneralResponse || op == kSapNearestResponse)
    pkt.tree.add(tree, sap_request, r, 0, 2, Value::of_uint(1), kHidden);
  if (op != kSapGeneralResponse && op != kSapNearestResponse) {
    pkt.add_item(tree, sap_server_type, r, 2, 2);
    return r.reported_size();
  }
  for (size_t off = 2; off < r.reported_size(); off += kSapEntryLen) {
    int server = pkt.tree.add(tree, sap_server, r, off, kSapEntryLen, Value{});
    r.need(off, kSapEntryLen);
    pkt.add_item(server, sap_server_type, r, off, 2);
    pkt.add_ascii(server, sap_server_name, r, off + 2, kSapNameLen);
    if (pkt.labels) {
      std::string label = "Server: ";
      label += ascii_string(r.text(off + 2, kSapNameLen));
      pkt.set_label(server, label);
    }
    add_network(pkt, server, sap_server_network, "Network", r, off + 50);
    pkt.add_item(server, sap_server_node, r, off + 54, 6);
    pkt.add_item(server, sap_server_socket, r, off + 60, 2);
    pkt.add_item(server, sap_intermediate_networks, r, off + 62, 2);
  }
  return r.reported_size();
}

}  // namespace

void register_ipx() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Internetwork Packet eXchange", "IPX", "ipx"});
  reg.add_fields(proto, kFields);
  rip_proto = reg.add_protocol({"IPX Routing Information Protocol", "IPX RIP", "ipxrip"});
  reg.add_fields(rip_proto, kRipFields);
  tables::ethertype().add(kEthertypeIpx, dissect_ipx, "ipx");
  llc::dsap_table().add(kSapNetware, dissect_ipx, "ipx");
  sap_proto = reg.add_protocol({"Service Advertisement Protocol", "IPX SAP", "ipxsap"});
  reg.add_fields(sap_proto, kSapFields);
  socket_table().add(kSocketRip, dissect_ipxrip, "ipxrip");
  socket_table().add(kSocketSap, dissect_ipxsap, "ipxsap");
}

}  // namespace netsift
