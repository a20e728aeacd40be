// Typed field handles: registration checks a handle's kind against the field's type, fills it,
// and the handles other layers read name the fields they mean once everything is registered.
#include <gtest/gtest.h>

#include <concepts>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/field_registry.h"
#include "core/packet_tree.h"
#include "dissectors/all.h"
#include "dissectors/dns_fields.h"
#include "dissectors/eth.h"
#include "dissectors/f5fileinfo.h"
#include "dissectors/frame.h"
#include "dissectors/http_fields.h"
#include "dissectors/icmp_fields.h"
#include "dissectors/ip_fields.h"
#include "dissectors/sll_fields.h"
#include "dissectors/tcp_fields.h"
#include "dissectors/udp_fields.h"

namespace netsift {
namespace {

// field_value() returns the Value member the handle's kind names, and nothing else: reading
// a string or an IPv4 address as an unsigned integer does not compile.
template <class Handle, class T>
concept Reads = requires(const Node& n, Handle h) {
  { field_value(n, h) } -> std::same_as<std::optional<T>>;
};
static_assert(Reads<UintField, uint64_t>);
static_assert(Reads<StringField, std::string_view>);
static_assert(!Reads<StringField, uint64_t>);
static_assert(!Reads<Ipv4Field, uint64_t>);
static_assert(!Reads<TimeField, uint64_t>);
static_assert(!std::is_convertible_v<FieldId, UintField>);  // no handle from a bare id

TEST(FieldHandles, RegistrationFillsHandle) {
  FieldRegistry reg;
  FieldId proto = reg.add_protocol({"Test", "TEST", "test"});
  UintField count;
  StringField name;
  const FieldReg fields[] = {
      {&count, {.name = "Count", .abbrev = "test.count", .type = FieldType::kUint16}},
      {&name, {.name = "Name", .abbrev = "test.name", .type = FieldType::kStringz}},
  };
  reg.add_fields(proto, fields);
  EXPECT_EQ(reg.find("test.count"), count.id);
  EXPECT_EQ(reg.find("test.name"), name.id);
  EXPECT_NE(count.id, name.id);
}

TEST(FieldHandles, KindMismatchFailsRegistration) {
  FieldRegistry reg;
  FieldId proto = reg.add_protocol({"Test", "TEST", "test"});
  UintField wrong;
  const FieldReg fields[] = {
      {&wrong, {.name = "Name", .abbrev = "test.name", .type = FieldType::kString}}};
  EXPECT_THROW(reg.add_fields(proto, fields), std::logic_error);
  EXPECT_EQ(wrong.id, kNoField);
}

TEST(FieldHandles, FieldValueMatchesOnlyItsField) {
  FieldRegistry reg;
  FieldId proto = reg.add_protocol({"Test", "TEST", "test"});
  UintField a, b;
  const FieldReg fields[] = {
      {&a, {.name = "A", .abbrev = "test.a", .type = FieldType::kUint8}},
      {&b, {.name = "B", .abbrev = "test.b", .type = FieldType::kUint8}},
  };
  reg.add_fields(proto, fields);
  Node n{};
  n.field = a;
  n.value = Value::of_uint(7);
  EXPECT_EQ(field_value(n, a), std::optional<uint64_t>(7));
  EXPECT_EQ(field_value(n, b), std::nullopt);
}

// Every handle read outside its dissector, with the field it must be. Registering everything
// also runs each table's kind checks.
TEST(FieldHandles, ExportedHandlesNameTheirFields) {
  register_all_dissectors();
  const std::pair<FieldId, std::string_view> expected[] = {
      {frame_fields::proto, "frame"},
      {frame_fields::comment, "frame.comment"},
      {frame_fields::protocols, "frame.protocols"},
      {eth_fields::proto, "eth"},
      {eth_fields::src, "eth.src"},
      {eth_fields::dst, "eth.dst"},
      {eth_fields::padding_bad, "eth.padding_bad"},
      {sll_fields::proto, "sll"},
      {ip_fields::protocol, "ip"},
      {ip_fields::src, "ip.src"},
      {ip_fields::dst, "ip.dst"},
      {ip_fields::ttl, "ip.ttl"},
      {ipv6_fields::protocol, "ipv6"},
      {ipv6_fields::src, "ipv6.src"},
      {ipv6_fields::dst, "ipv6.dst"},
      {ipv6_fields::hlim, "ipv6.hlim"},
      {ipv6_fields::frag_offset, "ipv6.fraghdr.offset"},
      {ipv6_fields::frag_more, "ipv6.fraghdr.more"},
      {ipv6_fields::fragments, "ipv6.fragments"},
      {icmp_fields::icmp, "icmp"},
      {icmp_fields::type, "icmp.type"},
      {icmp_fields::code, "icmp.code"},
      {icmpv6_fields::icmpv6, "icmpv6"},
      {icmpv6_fields::type, "icmpv6.type"},
      {icmpv6_fields::code, "icmpv6.code"},
      {tcp_fields::proto, "tcp"},
      {tcp_fields::srcport, "tcp.srcport"},
      {tcp_fields::dstport, "tcp.dstport"},
      {tcp_fields::stream, "tcp.stream"},
      {tcp_fields::len, "tcp.len"},
      {tcp_fields::seq, "tcp.seq"},
      {tcp_fields::ack, "tcp.ack"},
      {tcp_fields::flags, "tcp.flags"},
      {tcp_fields::hdr_len, "tcp.hdr_len"},
      {tcp_fields::window_size, "tcp.window_size"},
      {tcp_fields::time_relative, "tcp.time_relative"},
      {tcp_fields::payload, "tcp.payload"},
      {udp_fields::proto, "udp"},
      {udp_fields::srcport, "udp.srcport"},
      {udp_fields::dstport, "udp.dstport"},
      {udp_fields::stream, "udp.stream"},
      {udp_fields::payload, "udp.payload"},
      {dns_fields::proto_dns, "dns"},
      {dns_fields::proto_mdns, "mdns"},
      {dns_fields::flags, "dns.flags"},
      {dns_fields::fl_opcode, "dns.flags.opcode"},
      {dns_fields::fl_rcode, "dns.flags.rcode"},
      {dns_fields::count_queries, "dns.count.queries"},
      {dns_fields::count_answers, "dns.count.answers"},
      {dns_fields::count_auth, "dns.count.auth_rr"},
      {dns_fields::count_add, "dns.count.add_rr"},
      {dns_fields::qry_name_len, "dns.qry.name.len"},
      {dns_fields::count_labels, "dns.count.labels"},
      {dns_fields::qry_type, "dns.qry.type"},
      {dns_fields::qry_class, "dns.qry.class"},
      {dns_fields::qry_class_mdns, "dns.qry.class"},
      {dns_fields::time, "dns.time"},
      {dns_fields::retransmission, "dns.retransmission"},
      {dns_fields::unsolicited, "dns.unsolicited"},
      {http_fields::proto, "http"},
      {http_fields::request_method, "http.request.method"},
      {http_fields::request_uri, "http.request.uri"},
      {http_fields::request_full_uri, "http.request.full_uri"},
      {http_fields::response_code, "http.response.code"},
      {http_fields::response_code_desc, "http.response.code.desc"},
      {http_fields::response_for_uri, "http.response_for.uri"},
      {http_fields::host, "http.host"},
      {http_fields::referer, "http.referer"},
      {http_fields::location, "http.location"},
      {f5fileinfo_fields::proto, "f5fileinfo"},
      {f5fileinfo_fields::version, "f5fileinfo.version"},
      {f5fileinfo_fields::platform, "f5fileinfo.platform"},
      {f5fileinfo_fields::hostname, "f5fileinfo.hostname"},
      {f5fileinfo_fields::product, "f5fileinfo.product"},
      {f5fileinfo_fields::cmdline, "f5fileinfo.cmdline"},
  };
  for (const auto& [id, abbrev] : expected) {
    ASSERT_NE(id, kNoField) << abbrev;
    EXPECT_EQ(std::string_view(registry().info(id).def.abbrev), abbrev);
  }
  // mDNS registers its own question class under DNS's name; the handles are distinct.
  EXPECT_NE(FieldId{dns_fields::qry_class}, FieldId{dns_fields::qry_class_mdns});
}

}  // namespace
}  // namespace netsift
