// libFuzzer target: TLS over TCP, through the real TCP, reassembly and TLS dissectors.
//
// The input builds a client and a server byte stream of TLS records: handshake messages
// (hellos with extension lists, certificates, key exchanges, tickets, arbitrary types) cut
// across records at input-chosen points, ChangeCipherSpec, alerts, heartbeats, application
// data, SSLv2 ClientHellos and raw bytes, with lengths that may lie. Both streams are cut into
// segments, interleaved, and optionally reordered, repeated or dropped. Every frame is dissected
// with the summary columns on; afterwards both sides close with FIN and no reassembly buffer may
// stay held.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dissectors/all.h"
#include "dissectors/tcp_desegment.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;
using namespace netsift::fuzz;

void put16(std::string& s, size_t v) {
  s += static_cast<char>(v >> 8);
  s += static_cast<char>(v);
}
void put24(std::string& s, size_t v) {
  s += static_cast<char>(v >> 16);
  put16(s, v);
}

// A length that is right most of the time.
size_t length(Input& in, size_t real) {
  uint8_t b = in.byte();
  return b < 200 ? real : real + (b % 7) - 3;
}

std::string extensions(Input& in) {
  static const uint16_t kTypes[] = {0,  1,  5,  10, 11, 13, 15, 16, 18, 21, 22, 23, 27,
                                    28, 34, 35, 40, 41, 42, 43, 44, 45, 49, 50, 51, 13172,
                                    17513, 65281, 65486, 0x0a0a, 65037};
  std::string list;
  size_t n = in.byte() % 8;
  for (size_t i = 0; i < n; ++i) {
    std::string body = in.bytes(in.byte() % 40);
    put16(list, kTypes[in.byte() % (sizeof kTypes / sizeof kTypes[0])]);
    put16(list, length(in, body.size()));
    list += body;
  }
  std::string out;
  put16(out, length(in, list.size()));
  return out + list;
}

// One handshake message body of `type`.
std::string handshake_body(Input& in, uint8_t type) {
  std::string b;
  if (type == 1 || type == 2) {  // hellos
    b += "\x03";
    b += static_cast<char>(in.byte() % 5);
    b += in.bytes(32);
    size_t sid = in.byte() % 33;
    b += static_cast<char>(sid);
    b += in.bytes(sid);
    if (type == 1) {
      size_t suites = 2 * (in.byte() % 8);
      put16(b, suites);
      b += in.bytes(suites);
      b += "\x01";
      b += '\0';
    } else {
      b += in.bytes(2);
      b += '\0';
    }
    if (in.byte() & 1) b += extensions(in);
    return b;
  }
  return in.bytes(in.byte() % 80);
}

std::string records(Input& in) {
  static const uint8_t kHsTypes[] = {0, 1, 2, 4, 5, 6, 8, 11, 12, 13, 14, 15, 16, 20, 22, 24, 25, 99};
  std::string out;
  size_t n = 1 + in.byte() % 6;
  for (size_t i = 0; i < n; ++i) {
    uint8_t kind = in.byte();
    std::string payload;
    uint8_t content = 22;
    switch (kind % 7) {
      case 0:
      case 1: {  // handshake messages, maybe several, maybe cut across records
        size_t msgs = 1 + in.byte() % 3;
        for (size_t m = 0; m < msgs; ++m) {
          uint8_t type = kHsTypes[in.byte() % sizeof kHsTypes];
          std::string body = handshake_body(in, type);
          payload += static_cast<char>(type);
          put24(payload, length(in, body.size()));
          payload += body;
        }
        break;
      }
      case 2:
        content = 20;
        payload = "\x01";
        break;
      case 3:
        content = 21;
        payload = in.bytes(in.byte() & 1 ? 2 : 26);
        break;
      case 4:
        content = 24;
        payload = in.bytes(in.byte() % 40);
        break;
      case 5:
        content = 23;
        payload = in.bytes(in.byte() % 60);
        break;
      default: {  // SSLv2 ClientHello or raw bytes
        if (in.byte() & 1) {
          std::string h = "\x01\x03\x01";
          put16(h, 3);
          put16(h, 0);
          put16(h, 16);
          h += in.bytes(19);
          out += static_cast<char>(0x80);
          out += static_cast<char>(length(in, h.size()));
          out += h;
        } else {
          out += in.bytes(in.byte() % 20);
        }
        continue;
      }
    }
    // Records may split the payload (handshake fragments).
    size_t pos = 0;
    do {
      size_t len = payload.size() - pos;
      if (in.byte() & 1) len = std::min<size_t>(len, 1 + in.byte() % 32);
      out += static_cast<char>(content);
      out += "\x03";
      out += static_cast<char>(in.byte() % 5);
      put16(out, length(in, len));
      out += payload.substr(pos, len);
      pos += len;
    } while (pos < payload.size());
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  (void)registered;
  if (size < 2) return 0;
  Input in{data + 1, size - 1};
  const bool perturb = data[0] & 1;
  // 443 is a TLS port; 8400 is not, so the heuristic has to find TLS there.
  const uint16_t port = data[0] & 2 ? 443 : 8400;

  FrameRunner frames;
  std::string stream[2];
  uint32_t isn[2] = {1000, 90000};
  size_t rounds = 1 + in.byte() % 4;
  for (size_t i = 0; i < rounds; ++i) {
    stream[0] += records(in);
    stream[1] += records(in);
  }
  std::vector<Segment> segs = cut_into_segments(in, stream, perturb);

  frames.run(tcp_frame(port, true, isn[0], 0, 0x02, nullptr, 0), true);
  frames.run(tcp_frame(port, false, isn[1], isn[0] + 1, 0x12, nullptr, 0), true);
  frames.run(tcp_frame(port, true, isn[0] + 1, isn[1] + 1, 0x10, nullptr, 0), true);
  for (const Segment& s : segs) {
    int d = s.to_server ? 0 : 1;
    frames.run(tcp_frame(port, s.to_server, isn[d] + 1 + s.off, isn[1 - d] + 1, 0x18,
                         stream[d].data() + s.off, s.len),
               true);
  }
  for (int d = 0; d < 2; ++d)
    frames.run(tcp_frame(port, d == 0, isn[d] + 1 + static_cast<uint32_t>(stream[d].size()),
                         isn[1 - d] + 1, 0x11, nullptr, 0),
               true);
  CHECK(tcp_reassembly_buffered_bytes() == 0);
  return 0;
}
