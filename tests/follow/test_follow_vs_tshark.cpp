// -z follow against tshark, byte for byte: every mode on varied captures (in-order, out-of-order,
// retransmissions, bytes missing from the capture, IPv6, UDP, ICMP-quoted UDP, a damaged file,
// chunk ranges, endpoint filters). One run of each program serves all the follows of a capture;
// tshark's answers are cached.
#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

struct FollowCase {
  const char* name;
  const char* capture;  // relative to the shared corpus, or fixtures/... in the source tree
  std::vector<std::string> follows;
};

void PrintTo(const FollowCase& c, std::ostream* os) {
  *os << c.name;
}

std::vector<std::string> every_mode(const std::string& proto, const std::string& filter) {
  std::vector<std::string> out;
  for (const char* m : {"ascii", "hex", "raw", "yaml"})
    out.push_back("follow," + proto + "," + m + "," + filter);
  return out;
}

std::vector<FollowCase> cases() {
  std::vector<FollowCase> c = {
      {"single_segment", "http1/tcpdump-ipv4_tcp_http_xml.pcap", every_mode("tcp", "0")},
      {"three_streams", "http1/pcpp-three_http_streams.pcap", every_mode("tcp", "1")},
      {"out_of_order", "tcp/wiki-out-of-order.pcap", every_mode("tcp", "0")},
      {"ipv6", "ipv6/ndpi-http_ipv6.pcap", every_mode("tcp", "0")},
      {"one_direction_gap", "tcp/pcpp-unidirectional_tcp_stream_with_missing_packet.pcap",
       every_mode("tcp", "0")},
      {"missing_bytes", "tcp/zeek-tcp-reassembly.pcap", every_mode("tcp", "0")},
      {"missing_bytes_http", "http1/suricata-http-pipeline-files-with-gap.pcap",
       every_mode("tcp", "0")},
      {"retransmissions", "tcp/zeek-retransmit-fast009.pcap", every_mode("tcp", "0")},
      {"handshake_reorder", "tcp/zeek-handshake-reorder.pcap", every_mode("tcp", "0")},
      {"ssh_duplicates", "tcp/zeek-ssh-dups.pcap", every_mode("tcp", "0")},
      {"dns_tcp_and_udp", "dns-mdns/tcpdump-dns_tcp.pcap", every_mode("tcp", "0")},
      {"udp", "dns-mdns/wiki-dns.cap", every_mode("udp", "1")},
      {"udp_icmp_quoted", "icmp/pcpp-IcmpPackets.pcap", every_mode("udp", "0")},
      {"damaged_file", "malformed/wiki-ssl.dump.pcap", every_mode("tcp", "0")},
      {"bogus_header", "ip-fragments/ndpi-ip_fragmented_garbage.pcap", every_mode("tcp", "0")},
      {"truncated_options", "malformed/tcpdump-heapoverflow-tcp_print.pcap",
       every_mode("tcp", "0")},
      {"no_such_stream",
       "http1/pcpp-three_http_streams.pcap",
       {"follow,tcp,hex,99", "follow,tcp,yaml,99", "follow,udp,ascii,0"}},
      {"chunk_ranges",
       "http1/pcpp-three_http_streams.pcap",
       {"follow,tcp,ascii,1,2-3", "follow,tcp,hex,1,2", "follow,tcp,yaml,0,1-1"}},
      {"endpoints_v4",
       "http1/pcpp-three_http_streams.pcap",
       {"follow,tcp,raw,172.16.133.132:44305,98.138.19.88:80",
        "follow,tcp,ascii,98.138.19.88:80,172.16.133.132:44305"}},
      {"endpoints_v6",
       "ipv6/ndpi-http_ipv6.pcap",
       {"follow,tcp,hex,[2a00:d40:1:3:7aac:c0ff:fea7:d4c]:40526,[2a00:1450:4006:804::200e]:443"}},
      {"http_gzip_body", "http1/pcpp-three_http_streams.pcap", every_mode("http", "1")},
      {"http_chunked_gzip", "http1/wiki-http-chunked-gzip.pcap", every_mode("http", "0")},
      {"http_pipelined", "http1/zeek-pipelined-requests.pcap", every_mode("http", "0")},
      {"http_post", "http1/wiki-http_with_jpegs.cap", {"follow,http,ascii,1", "follow,http,raw,1"}},
      // Text that is no HTTP message starting a connection: an empty header block and the text.
      {"http_leading_text",
       "http1/zeek-methods.pcap",
       {"follow,http,ascii,2", "follow,http,hex,7"}},
      {"http_endpoints",
       "http1/pcpp-three_http_streams.pcap",
       {"follow,http,hex,172.16.133.132:44305,98.138.19.88:80"}},
      // HTTP/2: header blocks as decoded fields, DATA/WINDOW_UPDATE/RST_STREAM frames whole,
      // frames cut across segments, h2c after an upgrade, decrypted TLS.
      {"http2_frame_size", "fixtures/http2-frame-size.pcap", every_mode("http2", "0,3")},
      {"http2_refused", "fixtures/http2-frame-size.pcap", {"follow,http2,hex,0,7"}},
      {"http2_h2c", "http2/wiki-http2-h2c.pcap", {"follow,http2,ascii,0,1", "follow,http2,raw,0,3"}},
      // By endpoints: every stream of the connection (tshark 4.0 accepts the form for HTTP/2).
      {"http2_endpoints",
       "http2/wiki-http2-h2c.pcap",
       {"follow,http2,ascii,10.9.0.2:58038,139.162.123.134:80",
        "follow,http2,hex,139.162.123.134:80,10.9.0.2:58038,2-4"}},
      {"http2_endpoints_frame_size",
       "fixtures/http2-frame-size.pcap",
       {"follow,http2,raw,192.0.2.10:51000,198.51.100.20:80"}},
      {"endpoints_udp",
       "dns-mdns/wiki-dns.cap",
       {"follow,udp,raw,192.168.170.20:53,192.168.170.8:32796"}},
      // Decrypted TLS (key log beside the capture, or a pcapng's own secrets): a record per
      // chunk, TLS 1.0's empty records left out, node 0 the first sender of a decrypted record.
      {"tls_records", "tls-decrypt/snet-tls10.pcap", every_mode("tls", "0")},
      {"tls13_server_first", "tls-decrypt/illustrated-tls13.pcap", every_mode("tls", "0")},
      {"tls_reassembled_http", "tls-decrypt/lekensteyn-http-chunked-ssl.pcapng",
       every_mode("tls", "0")},
      {"tls13_early_data", "fixtures/tls-early-data.pcapng", every_mode("tls", "0")},
      {"tls_resumed_by_ticket",
       "fixtures/tls-resumption.pcapng",
       {"follow,tls,ascii,1", "follow,tls,yaml,1", "follow,tls,hex,1,1"}},
      {"tls_endpoints",
       "fixtures/tls-ems.pcapng",
       {"follow,tls,raw,192.168.57.10:51001,192.168.57.20:443"}},
      {"tls_without_keys", "tls-handshake/pcpp-tls.pcap", {"follow,tls,ascii,0"}},
  };
  return c;
}

std::string path_of(const std::string& capture) {
  if (capture.rfind("fixtures/", 0) == 0)
    return std::string(NETSIFT_SOURCE_DIR) + "/tests/" + capture;
  return std::string(NETSIFT_CORPUS_DIR) + "/" + capture;
}

// A key log beside the capture (X.keys) as the differential tests give it to both tools.
std::string key_args(const std::string& capture) {
  std::string keys = capture.substr(0, capture.rfind('.')) + ".keys";
  if (!std::filesystem::exists(keys)) return "";
  return " -o " + shell_quote("tls.keylog_file:" + keys);
}

std::string z_args(const FollowCase& c) {
  std::string out;
  for (const std::string& f : c.follows) out += " -z " + shell_quote(f);
  return out;
}

class FollowVsTshark : public ::testing::TestWithParam<FollowCase> {};

TEST_P(FollowVsTshark, SameOutput) {
  const FollowCase& c = GetParam();
  std::string args =
      "-r " + shell_quote(path_of(c.capture)) + key_args(path_of(c.capture)) + " -q" + z_args(c);
  CommandResult tshark = shell_cached("tshark " + args + " 2>/dev/null");
  CommandResult ours = run_command(std::string(NETSIFT_BINARY) + " " + args + " 2>/dev/null");
  ASSERT_FALSE(tshark.out.empty()) << "tshark printed nothing for " << args;
  EXPECT_EQ(ours.status, tshark.status);
  EXPECT_EQ(ours.out, tshark.out);
}

INSTANTIATE_TEST_SUITE_P(Corpus, FollowVsTshark, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// Bad parameters: tshark's message ("follow - Invalid port.") and exit status 1.
TEST(FollowArguments, SameComplaintsAsTshark) {
  const std::string capture = path_of("http1/tcpdump-ipv4_tcp_http_xml.pcap");
  for (const char* z :
       {"follow,tcp,foo,0", "follow,tcp,hex,x", "follow,tcp,ascii,0,0", "follow,tcp,ascii,-1",
        "follow,tcp,ascii,0,3-2", "follow,tcp,ascii,0,1-2x",
        "follow,tcp,ascii,1.2.3.4:0,1.2.3.5:80", "follow,tcp,ascii,1.2.3.4:1,[::1]:80",
        "follow,tcp,ascii,1.2.3.4:1,1.2.3.5:80x", "follow,udp,raw,1.2.3.4:1"}) {
    std::string args = " -r " + shell_quote(capture) + " -q -z " + shell_quote(z) +
                       " 2>&1 >/dev/null | grep -o 'follow - .*'; exit ${PIPESTATUS[0]}";
    CommandResult tshark = shell_cached("bash -c " + shell_quote("tshark" + args));
    CommandResult ours = run_command("bash -c " + shell_quote(std::string(NETSIFT_BINARY) + args));
    ASSERT_FALSE(tshark.out.empty()) << z;
    EXPECT_EQ(ours.out, tshark.out) << z;
    EXPECT_EQ(ours.status, tshark.status) << z;
  }
}

// `netsift follow FILE STREAM [--mode]` prints what tshark's -z follow prints.
TEST(FollowCommand, SameOutputAsTsharkFollow) {
  const std::string file = path_of("http1/pcpp-three_http_streams.pcap");
  struct Spelling {
    std::string ours, z;
  } spellings[] = {
      {"1", "follow,tcp,ascii,1"},
      {"2 --hex", "follow,tcp,hex,2"},
      {"1 --http --yaml", "follow,http,yaml,1"},
      {"172.16.133.132:44305 98.138.19.88:80 --raw",
       "follow,tcp,raw,172.16.133.132:44305,98.138.19.88:80"},
  };
  for (const Spelling& s : spellings) {
    CommandResult tshark =
        shell_cached("tshark -r " + shell_quote(file) + " -q -z " + s.z + " 2>/dev/null");
    CommandResult ours =
        run_command(std::string(NETSIFT_BINARY) + " follow " + shell_quote(file) + " " + s.ours);
    ASSERT_FALSE(tshark.out.empty());
    EXPECT_EQ(ours.status, 0) << s.ours;
    EXPECT_EQ(ours.out, tshark.out) << s.ours;
  }
  CommandResult unpaired =
      run_command(std::string(NETSIFT_BINARY) + " follow " + shell_quote(file) + " 1.2.3.4:5 2>&1");
  EXPECT_NE(unpaired.status, 0);
}

// `--tls` follows the decrypted records (keys from the capture's own secrets block).
TEST(FollowCommand, TlsSpelling) {
  const std::string file = path_of("fixtures/tls-resumption.pcapng");
  CommandResult tshark =
      shell_cached("tshark -r " + shell_quote(file) + " -q -z follow,tls,yaml,2 2>/dev/null");
  CommandResult ours =
      run_command(std::string(NETSIFT_BINARY) + " follow " + shell_quote(file) + " 2 --tls --yaml");
  ASSERT_NE(tshark.out.find("packet:"), std::string::npos) << "tshark followed nothing";
  EXPECT_EQ(ours.out, tshark.out);
}

}  // namespace
}  // namespace netsift::test
