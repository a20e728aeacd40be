// HTTP/2 on hand-built connections (prior knowledge on port 80): HPACK state across blocks and
// CONTINUATION, the dynamic table size applied on SETTINGS ACK, a frame split over segments,
// and netsift's own frame-size and flow-control expert items, which no corpus capture triggers;
// tshark's :path segments, DNS over HTTPS and gRPC with Protocol Buffers on small cases.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "dissected.h"

namespace netsift::test {
namespace {

constexpr uint32_t kLinkEthernet = 1;

Bytes frame(uint8_t type, uint8_t flags, uint32_t stream, const Bytes& payload) {
  Bytes f = {static_cast<uint8_t>(payload.size() >> 16),
             static_cast<uint8_t>(payload.size() >> 8),
             static_cast<uint8_t>(payload.size()),
             type,
             flags,
             static_cast<uint8_t>(stream >> 24),
             static_cast<uint8_t>(stream >> 16),
             static_cast<uint8_t>(stream >> 8),
             static_cast<uint8_t>(stream)};
  f.insert(f.end(), payload.begin(), payload.end());
  return f;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes preface() {
  std::string p = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  return Bytes(p.begin(), p.end());
}

// A client (10.0.0.1:40000) and server (10.0.0.2:80) exchanging HTTP/2 bytes.
class Connection {
 public:
  Connection() : d_(kLinkEthernet) {}
  Dissected& send(bool from_client, const Bytes& data) {
    uint32_t& seq = from_client ? client_seq_ : server_seq_;
    uint32_t ack = from_client ? server_seq_ : client_seq_;
    Bytes tcp = from_client ? tcp_header(40000, 80, seq, ack, 0x18, 65535, {}, data)
                            : tcp_header(80, 40000, seq, ack, 0x18, 65535, {}, data);
    seq += static_cast<uint32_t>(data.size());
    d_.next(from_client ? ipv4_frame(6, tcp, 1, 2) : ipv4_frame(6, tcp, 2, 1));
    return d_;
  }

 private:
  Dissected d_;
  uint32_t client_seq_ = 1000, server_seq_ = 5000;
};

// RFC 7541 appendix C.3: three requests from one encoder, the later ones through its dynamic
// table.
const Bytes kC31 = hex("828684410f7777772e6578616d706c652e636f6d");
const Bytes kC32 = hex("828684be58086e6f2d6361636865");
const Bytes kC33 = hex("828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565");

TEST(Http2, HpackDynamicTableAcrossBlocks) {
  Connection c;
  c.send(true, cat({preface(), frame(4, 0, 0, {})}));
  Dissected& d = c.send(true, frame(1, 0x05, 1, kC31));
  EXPECT_EQ(d.str("http2.headers.authority"), "www.example.com");
  EXPECT_EQ(d.info(), "HEADERS[1]: GET /");
  EXPECT_EQ(d.str("http2.request.full_uri"), "http://www.example.com/");
  c.send(true, frame(1, 0x05, 3, kC32));
  // "cache-control: no-cache" is new; the authority comes from the dynamic table (index 62).
  EXPECT_EQ(d.str("http2.headers.authority"), "www.example.com");
  EXPECT_EQ(d.str("http2.header.repr", 3), "Indexed Header Field");
  EXPECT_EQ(d.uint("http2.header.index", 3), 62u);
  EXPECT_EQ(d.str("http2.headers.cache_control"), "no-cache");
  c.send(true, frame(1, 0x05, 5, kC33));
  EXPECT_EQ(d.str("http2.headers.scheme"), "https");
  EXPECT_EQ(d.str("http2.headers.path"), "/index.html");
  EXPECT_EQ(d.str("http2.header.name", 4), "custom-key");
  EXPECT_EQ(d.str("http2.header.repr", 4),
            "Literal Header Field with Incremental Indexing - New Name");
  EXPECT_EQ(d.uint("http2.header.count"), 5u);
}

TEST(Http2, HeaderBlockAcrossContinuation) {
  Connection c;
  c.send(true, preface());
  Bytes first(kC31.begin(), kC31.begin() + 5), rest(kC31.begin() + 5, kC31.end());
  Dissected& d = c.send(true, cat({frame(1, 0x01, 1, first), frame(9, 0x04, 1, rest)}));
  EXPECT_EQ(d.info(), "HEADERS[1]: GET /, CONTINUATION[1]");
  EXPECT_EQ(d.str("http2.headers.authority"), "www.example.com");
}

TEST(Http2, FrameSplitOverSegmentsAndBody) {
  Connection c;
  c.send(true, preface());
  c.send(true, frame(1, 0x05, 1, kC31));
  Bytes headers = hex("885f87497ca589d34d1f");  // :status 200, content-type text/html
  c.send(false, frame(1, 0x04, 1, headers));
  std::string text = "hello, world\n";
  Bytes data = frame(0, 0x01, 1, Bytes(text.begin(), text.end()));
  Dissected& d = c.send(false, Bytes(data.begin(), data.begin() + 6));
  EXPECT_FALSE(d.has("http2"));
  c.send(false, Bytes(data.begin() + 6, data.end()));
  EXPECT_EQ(d.info(), "DATA[1] (text/html)");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:tcp:http:http2:data-text-lines");
  EXPECT_FALSE(d.has("http2.request_in"));  // only on the response's HEADERS
}

TEST(Http2, RequestResponseLinks) {
  Connection c;
  c.send(true, preface());
  c.send(true, frame(1, 0x05, 1, kC31));  // frame 2
  Dissected& d = c.send(false, frame(1, 0x05, 1, hex("88")));
  EXPECT_EQ(d.info(), "HEADERS[1]: 200 OK");
  EXPECT_EQ(d.uint("http2.request_in"), 2u);
  EXPECT_EQ(d.num("http2.time"), 1000000000);
}

TEST(Http2, FrameAboveThePeersMaxFrameSize) {
  Connection c;
  // The client accepts frames of 16384 bytes at most (the default); the server sends 16385.
  c.send(true, cat({preface(), frame(4, 0, 0, {})}));
  Dissected& d = c.send(false, frame(7, 0, 0, Bytes(16385, 0)));
  EXPECT_TRUE(d.has("http2.analysis.frame_too_large"));
  c.send(false, frame(7, 0, 0, Bytes(16384, 0)));
  EXPECT_FALSE(d.has("http2.analysis.frame_too_large"));
}

TEST(Http2, DataBeyondTheFlowControlWindow) {
  Connection c;
  // SETTINGS_INITIAL_WINDOW_SIZE 10 from the client: the server may send 10 bytes on a stream.
  c.send(true, cat({preface(), frame(4, 0, 0, hex("000400 00000a"))}));
  c.send(true, frame(1, 0x05, 1, kC31));
  c.send(false, frame(1, 0x04, 1, hex("88")));
  Dissected& d = c.send(false, frame(0, 0, 1, Bytes(10, 'a')));
  EXPECT_FALSE(d.has("http2.analysis.window_exceeded"));
  c.send(false, frame(0, 0, 1, Bytes(1, 'a')));
  EXPECT_TRUE(d.has("http2.analysis.window_exceeded"));
  // A WINDOW_UPDATE on the stream opens it again.
  c.send(true, frame(8, 0, 1, hex("00000064")));
  c.send(false, frame(0, 0x01, 1, Bytes(50, 'a')));
  EXPECT_FALSE(d.has("http2.analysis.window_exceeded"));
}

// ":path: /x?a=1&b@zzz" split as tshark 4.0's http_add_path_components_to_tree does: only ":?#[]@"
// delimit segments, every later segment is as long as the first, and the next general
// delimiter is always looked for after the first one.
TEST(Http2, PathSegmentsAsTsharkSplitsThem) {
  Connection c;
  c.send(true, preface());
  // :method GET, :scheme http, :path (literal, indexed name 4) "/x?a=1&b@zzz".
  Dissected& d = c.send(true, frame(1, 0x05, 1, hex("8286 040c 2f783f613d312662407a7a7a")));
  EXPECT_EQ(d.str("http2.headers.path"), "/x?a=1&b@zzz");
  ASSERT_EQ(d.count("http.path_segment"), 3);
  EXPECT_EQ(d.str("http.path_segment", 0), "/x");
  EXPECT_EQ(d.str("http.path_segment", 1), "b@");
  EXPECT_EQ(d.str("http.path_segment", 2), "zz");
  ASSERT_EQ(d.count("http.path_sub_segment"), 1);
  EXPECT_EQ(d.str("http.path_sub_segment"), "a=1");
  // A path without a general delimiter has none.
  c.send(true, frame(1, 0x05, 3, hex("8286 0404 2f612f62")));
  EXPECT_FALSE(d.has("http.path_segment"));
}

// "content-type: application/dns-message" (literal, indexed name 31).
const Bytes kDnsMessageType = hex("0f10 17 6170706c69636174696f6e2f646e732d6d657373616765");

TEST(Http2, DnsOverHttpsBodies) {
  Connection c;
  c.send(true, preface());
  // POST / with a DNS query for a.com (transaction 0, as RFC 8484 advises).
  c.send(true, frame(1, 0x04, 1, cat({hex("838684"), kDnsMessageType})));
  Dissected& d = c.send(true, frame(0, 0x01, 1, hex("0000 0100 0001 0000 0000 0000 "
                                                     "01610363 6f6d00 0001 0001")));
  EXPECT_EQ(d.packet().cols.protocol, "DoH");
  EXPECT_EQ(d.info(), "Standard query 0x0000 A a.com");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:tcp:http:http2:dns");
  c.send(false, frame(1, 0x04, 1, cat({hex("88"), kDnsMessageType})));
  // The answer, and a PING after it in the same packet: the protocol is HTTP2 again.
  c.send(false, cat({frame(0, 0x01, 1, hex("0000 8180 0001 0001 0000 0000 01610363 6f6d00 0001 0001 "
                                           "c00c 0001 0001 0000003c 0004 01020304")),
                     frame(6, 0, 0, Bytes(8, 0))}));
  EXPECT_EQ(d.packet().cols.protocol, "HTTP2");
  EXPECT_EQ(d.info(), "Standard query response 0x0000 A a.com A 1.2.3.4, PING[0]");
  EXPECT_EQ(d.str("dns.qry.name"), "a.com");
  EXPECT_EQ(d.count("dns.a"), 1);
  EXPECT_EQ(d.uint("dns.response_to"), 3u);  // paired by the HTTP/2 stream
}

TEST(Http2, GrpcMessagesAsProtocolBuffers) {
  Connection c;
  c.send(true, preface());
  // POST /p.S/M, content-type application/grpc (literal, indexed name 31).
  c.send(true, frame(1, 0x04, 1,
                     hex("838684 0406 2f702e532f4d 0f10 10 6170706c69636174696f6e2f67727063")));
  // One message: field 1 "abc" (length-delimited), field 2 = 150 (varint).
  Dissected& d = c.send(true, frame(0, 0x01, 1, hex("00 00000008 0a03616263 109601")));
  EXPECT_EQ(d.packet().cols.protocol, "GRPC");
  EXPECT_EQ(d.info(), "DATA[1] (GRPC) (PROTOBUF)");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:tcp:http:http2:grpc:protobuf");
  EXPECT_EQ(d.uint("grpc.message_length"), 8u);
  EXPECT_EQ(d.uint("grpc.compressed_flag"), 0u);
  ASSERT_EQ(d.count("protobuf.field.number"), 2);
  EXPECT_EQ(d.uint("protobuf.field.number", 1), 2u);
  EXPECT_EQ(d.uint("protobuf.field.wiretype", 0), 2u);
  EXPECT_EQ(d.uint("protobuf.field.value.length"), 3u);
  EXPECT_EQ(d.bytes("protobuf.field.value", 0), "616263");
  EXPECT_EQ(d.uint("protobuf.field.value.uint32"), 150u);
  EXPECT_EQ(d.str("protobuf.field.name"), "<UNKNOWN>");
}

}  // namespace
}  // namespace netsift::test
