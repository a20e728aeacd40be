// libFuzzer target: arbitrary bytes as an ISAKMP message (UDP 500), a UDP-encapsulated IPsec
// datagram (UDP 4500: NAT-keepalive, non-ESP marker + ISAKMP, ESP), or an ESP or AH header as
// IP protocol 50/51. The first byte picks the carrier, whether the tree's labels and the
// columns are built, (bit 5) a session with keys: the ESP SAs of the ipsec.pcap and
// esp-twofish.pcap fixtures (GCM, CBC, CTR, Twofish, CAST5,
// a bad Twofish key) and SAs for any SPI with each cipher
// (CBC, CTR, GCM, NULL), the IKEv2 SAs of the corpus capture and of the fixtures whose messages
// seed this target (ipsec.pcap, ike-payloads.pcap, ikev2-fragments.pcap) and the IKEv1 SA of
// the ipsec.pcap fixture, so decryption
// runs over hostile payloads too, and (bit 4) which of two peers sends it (IKEv1 tells initiator
// from responder by address). The rest is the payload. One Session of each kind across inputs, so
// ESP's per-SPI sequence analysis also sees hostile sequences.
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/dissector_bug.h"
#include "core/dissector_table.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"

namespace {

using namespace netsift;

void add_keys(Session& s) {
  s.prefs.set("esp.enable_encryption_decode", "TRUE");
  s.prefs.set("esp.enable_authentication_check", "TRUE");
  const char* const esp[][4] = {
      {"AES-CBC [RFC3602]", "0x343c9a1a9e4519749c3c2b5e5240b428", "HMAC-SHA-256-128 [RFC4868]",
       "0x9214b049b45529f1b3a04e46cc5151a2497281c2b9adff36395f6ebbb2f3dc20"},
      {"AES-CTR [RFC3686]", "0x9e93603f8c0e5406e7bf052518fec074c3ff06c9", "HMAC-SHA-1-96 [RFC2404]",
       "hmacsha1authenticati"},
      {"AES-GCM with 16 octet ICV [RFC4106]", "0x167fc4915921b24f27f71e7498b1978c238398d6", "NULL",
       ""},
      {"NULL", "", "HMAC-MD5-96 [RFC2403]", "0x00112233445566778899aabbccddeeff"},
  };
  UatTable& sas = s.prefs.uat("esp_sa");
  // The SAs of the fixtures whose ESP seeds this target (ipsec.pcap, esp-twofish.pcap), before
  // the SAs for any SPI.
  auto range_key = [](int from, int n) {
    std::string out = "0x";
    for (int i = from; i < from + n; ++i) out += fmt::format("{:02x}", i);
    return out;
  };
  const std::string fixture_esp[][5] = {
      {"0xc0ffee01", "AES-GCM with 16 octet ICV [RFC4106]", range_key(140, 20), "NULL", ""},
      {"0x00005001", "AES-CBC [RFC3602]", range_key(100, 16), "HMAC-SHA-1-96 [RFC2404]",
       range_key(120, 20)},
      {"0x7f000001", "TWOFISH-CBC", range_key(0, 16), "NULL", ""},
      {"0x7f000002", "TWOFISH-CBC", range_key(32, 32), "NULL", ""},
      {"0x7f000003", "CAST5-CBC [RFC2144]", range_key(64, 16), "HMAC-SHA-1-96 [RFC2404]",
       range_key(80, 20)},
      {"0x7f000004", "TWOFISH-CBC", range_key(100, 24), "NULL", ""},
      {"0x7f000005", "AES-CTR [RFC3686]", range_key(124, 20), "NULL", ""},
  };
  for (const auto& e : fixture_esp)
    sas.records.push_back({"IPv4", "*", "*", e[0], e[1], e[2], e[3], e[4]});
  for (const auto& e : esp)
    for (const char* family : {"IPv4", "IPv6"})
      sas.records.push_back({family, "*", "*", "*", e[0], e[1], e[2], e[3]});
  auto bytes = [](const char* hex) {
    std::string out;
    for (size_t i = 0; hex[i] && hex[i + 1]; i += 2)
      out.push_back(static_cast<char>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
    return out;
  };
  UatTable& ike = s.prefs.uat("ikev2_decryption_table");
  ike.records.push_back(
      {bytes("89922c915f35570e"), bytes("98d56d32e2a04742"),
       bytes("f49c0d53899c8aef4435e2850619825dacc1c8b4bfd636f7175032cfbe4c57db8b7b260f"),
       bytes("42e53af4eabccaabf10ad37da3b980edc5af5a4c742fd47a29b4341f7847caf92ccacf3d"),
       "AES-GCM-256 with 16 octet ICV [RFC5282]", "", "", "NONE [RFC4306]"});
  ike.records.push_back({bytes("5a64e0edca3a3614"), bytes("7c9ebe2a8e9ff7b8"),
                         bytes("2d9578e0f30c32d388596ee7cc7df5d43d5faf8dc34369f66c39ea08a19e7596"),
                         bytes("67092f15716ef8c5188e0f9d1e775c0fdeae7e29bed2607e82410252eb8aeeb1"),
                         "AES-CBC-256 [RFC3602]",
                         bytes("784e29258b3752e25a5c9105643299ec0981b565a14008120ce39170752182e3"),
                         bytes("cf5f22bc7ca5c84811dc7e8fb85721e241fee51a8eaa856423b6138310da824b"),
                         "HMAC_SHA2_256_128 [RFC4868]"});
  // The SA of the ipsec.pcap and ike-payloads.pcap fixtures, whose messages seed too.
  ike.records.push_back({bytes("1122334455667788"), bytes("99aabbccddeeff00"),
                         bytes("000102030405060708090a0b0c0d0e0f"),
                         bytes("101112131415161718191a1b1c1d1e1f"), "AES-CBC-128 [RFC3602]",
                         bytes("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"),
                         bytes("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"),
                         "HMAC_SHA2_256_128 [RFC4868]"});
  // The SAs of the ikev2-fragments.pcap fixture (RFC 7383 fragments), whose messages seed too.
  ike.records.push_back({bytes("f1a9000000000001"), bytes("f1a90000000000aa"),
                         bytes("000102030405060708090a0b0c0d0e0f"),
                         bytes("101112131415161718191a1b1c1d1e1f"), "AES-CBC-128 [RFC3602]",
                         bytes("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"),
                         bytes("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"),
                         "HMAC_SHA2_256_128 [RFC4868]"});
  ike.records.push_back({bytes("f1a9000000000002"), bytes("f1a90000000000bb"),
                         bytes("0102030405060708090a0b0c0d0e0f1011121314"),
                         bytes("15161718191a1b1c1d1e1f202122232425262728"),
                         "AES-GCM-128 with 16 octet ICV [RFC5282]", "", "", "NONE [RFC4306]"});
  ike.records.push_back({bytes("f1a9000000000003"), bytes("f1a90000000000cc"),
                         bytes("292a2b2c2d2e2f303132333435363738393a3b"),
                         bytes("3c3d3e3f404142434445464748494a4b4c4d4e"),
                         "AES-CCM-128 with 12 octet ICV [RFC5282]", "", "", "NONE [RFC4306]"});
  s.prefs.uat("ikev1_decryption_table")
      .records.push_back(
          {bytes("1122334455667788"),
           bytes("c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7")});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  static Session plain = [] {  // no keys: ESP goes through tshark's NULL-encryption heuristic
    Session s;
    s.prefs.set("esp.enable_null_encryption_decode_heuristic", "TRUE");
    return s;
  }();
  static Session keyed = [] {
    Session s;
    add_keys(s);
    return s;
  }();
  static Packet pkt;
  static uint64_t number = 0;
  (void)registered;
  if (size < 1) return 0;
  unsigned pick = data[0] % 4;
  static const Address kPeers[] = {
      Address::ipv4(reinterpret_cast<const uint8_t*>("\x0a\x00\x00\x01")),
      Address::ipv4(reinterpret_cast<const uint8_t*>("\x0a\x00\x00\x02"))};
  CapturedFrame frame;
  frame.data = data + 1;
  frame.caplen = frame.len = static_cast<uint32_t>(size - 1);
  Session& session = data[0] & 0x20 ? keyed : plain;
  pkt.reset(++number, &frame, &session);
  pkt.cols.enabled = data[0] & 0x80;
  pkt.labels = data[0] & 0x40;
  bool second = data[0] & 0x10;
  pkt.set_net_addresses(kPeers[second], kPeers[!second]);
  ByteReader r(frame.data, frame.caplen, frame.len);
  static constexpr uint16_t kPorts[] = {500, 4500};
  static constexpr uint8_t kProtocols[] = {50, 51};
  Dissector d = pick < 2 ? tables::udp_port().find(kPorts[pick])
                         : tables::ip_proto().find(kProtocols[pick - 2]);
  try {
    if (d) d(r, pkt, -1);
  } catch (const BoundsError&) {
  } catch (const DissectorBug&) {  // tshark's assertions (ISAKMP's depth, ESP's Twofish length)
  }
  return 0;
}
