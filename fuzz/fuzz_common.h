// What the libFuzzer targets share: a CHECK that aborts (libFuzzer reports the input), the input
// read as a stream of decisions, raw IPv4 + TCP frames, and a session dissecting frames in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/packet.h"
#include "core/session.h"
#include "dissectors/frame.h"

// A property the target asserts; unlike assert() it stays on in optimised fuzz builds.
#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) {                                                       \
      __builtin_printf("check failed: %s (line %d)\n", #cond, __LINE__); \
      std::abort();                                                      \
    }                                                                    \
  } while (0)

namespace netsift::fuzz {

// Reads input bytes as decisions; zeros once the input is used up.
struct Input {
  const uint8_t* p;
  size_t n;
  uint8_t byte() {
    if (!n) return 0;
    --n;
    return *p++;
  }
  uint16_t u16() { return static_cast<uint16_t>(byte() << 8 | byte()); }
  std::string bytes(size_t len) {
    len = len < n ? len : n;
    std::string s(reinterpret_cast<const char*>(p), len);
    p += len, n -= len;
    return s;
  }
};

// A raw IPv4 + TCP frame between 10.0.0.1:40000 (the client) and 10.0.0.2:`server_port`.
inline std::vector<uint8_t> tcp_frame(uint16_t server_port, bool to_server, uint32_t seq,
                                      uint32_t ack, uint8_t flags, const void* payload, size_t n) {
  std::vector<uint8_t> f(40 + n, 0);
  size_t total = f.size();
  f[0] = 0x45;
  f[2] = static_cast<uint8_t>(total >> 8);
  f[3] = static_cast<uint8_t>(total);
  f[8] = 64;
  f[9] = 6;
  f[12] = 10, f[15] = to_server ? 1 : 2;
  f[16] = 10, f[19] = to_server ? 2 : 1;
  uint16_t sport = to_server ? 40000 : server_port, dport = to_server ? server_port : 40000;
  uint8_t* t = f.data() + 20;
  t[0] = static_cast<uint8_t>(sport >> 8), t[1] = static_cast<uint8_t>(sport);
  t[2] = static_cast<uint8_t>(dport >> 8), t[3] = static_cast<uint8_t>(dport);
  for (int i = 0; i < 4; ++i) t[4 + i] = static_cast<uint8_t>(seq >> (24 - 8 * i));
  for (int i = 0; i < 4; ++i) t[8 + i] = static_cast<uint8_t>(ack >> (24 - 8 * i));
  t[12] = 0x50;
  t[13] = flags;
  t[14] = 0xff, t[15] = 0xff;
  if (n) std::memcpy(f.data() + 40, payload, n);
  return f;
}

// One capture's worth of state: frames dissected in order, numbered from 1, one second apart.
struct FrameRunner {
  Session session;
  Packet pkt;
  uint64_t number = 0;

  void run(const std::vector<uint8_t>& bytes, bool columns) {
    CapturedFrame frame;
    frame.data = bytes.data();
    frame.caplen = frame.len = static_cast<uint32_t>(bytes.size());
    frame.linktype = kLinkRaw;
    frame.ts.sec = static_cast<int64_t>(++number);
    pkt.reset(number, &frame, &session);
    pkt.cols.enabled = columns;
    dissect_packet(pkt);
  }
};

// One TCP segment of a two-way conversation: which direction and which bytes of its stream.
struct Segment {
  bool to_server;
  uint32_t off, len;
};

// Cuts the client's and the server's byte streams into segments, interleaved as the input
// says; once the input is used up, the rest of a stream goes in one segment (one-byte segments
// of a long stream only make each run slow). With `perturb`, segments are then swapped,
// repeated or dropped.
inline std::vector<Segment> cut_into_segments(Input& in, const std::string (&stream)[2],
                                              bool perturb) {
  std::vector<Segment> segs;
  uint32_t pos[2] = {0, 0};
  while (pos[0] < stream[0].size() || pos[1] < stream[1].size()) {
    uint8_t b = in.byte();
    int d = (b & 1) && pos[1] < stream[1].size() ? 1 : pos[0] < stream[0].size() ? 0 : 1;
    uint32_t left = static_cast<uint32_t>(stream[d].size()) - pos[d];
    uint32_t len = in.n ? 1 + (b >> 1) % 90 : left;
    if (len > left) len = left;
    segs.push_back({d == 0, pos[d], len});
    pos[d] += len;
  }
  if (perturb) {
    size_t ops = in.byte() % 12;
    for (size_t i = 0; i < ops && !segs.empty(); ++i) {
      uint8_t op = in.byte();
      size_t at = in.byte() % segs.size();
      if (op % 3 == 0 && at + 1 < segs.size())
        std::swap(segs[at], segs[at + 1]);
      else if (op % 3 == 1)
        segs.insert(segs.begin() + static_cast<long>(at), segs[at]);
      else
        segs.erase(segs.begin() + static_cast<long>(at));
    }
  }
  return segs;
}

// One TCP connection to port 80 whose two byte streams are sent as the segments cut from them.
struct Connection {
  FrameRunner frames;
  std::string stream[2];  // [0] client -> server, [1] server -> client
  uint32_t isn[2] = {1000, 90000};

  void send(const Segment& s, uint8_t flags) {
    int d = s.to_server ? 0 : 1;
    frames.run(tcp_frame(80, s.to_server, isn[d] + 1 + s.off, isn[1 - d] + 1, flags,
                         stream[d].data() + s.off, s.len),
               true);
  }

  // The handshake, every segment (PSH+ACK), then both sides' FINs after their last bytes (so
  // bodies read until the connection closes end).
  void play(const std::vector<Segment>& segs) {
    frames.run(tcp_frame(80, true, isn[0], 0, 0x02, nullptr, 0), true);
    frames.run(tcp_frame(80, false, isn[1], isn[0] + 1, 0x12, nullptr, 0), true);
    frames.run(tcp_frame(80, true, isn[0] + 1, isn[1] + 1, 0x10, nullptr, 0), true);
    for (const Segment& s : segs) send(s, 0x18);
    for (int d = 0; d < 2; ++d)
      frames.run(tcp_frame(80, d == 0, isn[d] + 1 + static_cast<uint32_t>(stream[d].size()),
                           isn[1 - d] + 1, 0x11, nullptr, 0),
                 true);
  }
};

}  // namespace netsift::fuzz
