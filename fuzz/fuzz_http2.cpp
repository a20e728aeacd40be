// libFuzzer target: HTTP/2 over TCP (prior knowledge on HTTP's port 80), through the real TCP,
// reassembly, HTTP hand-over and HTTP/2 dissectors with the summary columns on.
//
// The input builds both directions from frames: a client preface, then frames of every type
// with input-chosen flags, stream ids, padding and lengths (sometimes lying), whose header
// blocks are either random bytes or valid HPACK from libnghttp2's deflater (so the inflater
// state goes deep: dynamic table entries, size updates, CONTINUATION splits), then mutated
// (bytes flipped, cut). The streams are cut into segments and interleaved; both sides close
// with FIN: nothing may crash or leak, and no reassembly buffer may stay held. With the first
// byte's second bit the frames go through two passes, as -2 runs them.
#include <nghttp2/nghttp2.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/packet.h"
#include "dissectors/all.h"
#include "dissectors/tcp_desegment.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;
using namespace netsift::fuzz;

void put24(std::string& s, size_t v) {
  s += static_cast<char>(v >> 16);
  s += static_cast<char>(v >> 8);
  s += static_cast<char>(v);
}

std::string frame(uint8_t type, uint8_t flags, uint32_t stream, const std::string& payload,
                  size_t claimed) {
  std::string f;
  put24(f, claimed);
  f += static_cast<char>(type);
  f += static_cast<char>(flags);
  for (int i = 3; i >= 0; --i) f += static_cast<char>(stream >> (8 * i));
  return f + payload;
}

// A valid HPACK block for a few input-chosen fields, from one direction's deflater (so later
// blocks refer to the dynamic table), or random bytes.
std::string header_block(Input& in, nghttp2_hd_deflater* deflater) {
  if (in.byte() % 4 == 0) return in.bytes(in.byte() % 48);
  static const char* kNames[] = {":method",  ":path",        ":status",          ":authority",
                                 ":scheme",  "content-type", "content-encoding", "content-length",
                                 "x-custom", "cookie"};
  // Content types that pick a body's path: gRPC's streaming mode, media dissectors.
  static const char* kTypes[] = {"application/grpc", "application/grpc+json", "application/json",
                                 "text/plain"};
  std::vector<std::string> names, values;
  size_t n = 1 + in.byte() % 6;
  for (size_t i = 0; i < n; ++i) {
    names.push_back(kNames[in.byte() % 10]);
    uint8_t v = in.byte();
    if (names.back() == "content-type" && v % 2 == 0)
      values.push_back(kTypes[(v / 2) % 4]);
    else
      values.push_back(in.bytes(v % 20));
  }
  std::vector<nghttp2_nv> nv;
  for (size_t i = 0; i < n; ++i)
    nv.push_back({reinterpret_cast<uint8_t*>(names[i].data()),
                  reinterpret_cast<uint8_t*>(values[i].data()), names[i].size(), values[i].size(),
                  static_cast<uint8_t>(in.byte() & 1 ? NGHTTP2_NV_FLAG_NO_INDEX : 0)});
  std::string out(nghttp2_hd_deflate_bound(deflater, nv.data(), nv.size()), '\0');
  ssize_t len = nghttp2_hd_deflate_hd(deflater, reinterpret_cast<uint8_t*>(out.data()), out.size(),
                                      nv.data(), nv.size());
  out.resize(len > 0 ? static_cast<size_t>(len) : 0);
  if (!out.empty() && in.byte() % 3 == 0)
    out[in.byte() % out.size()] ^= static_cast<char>(in.byte());
  return out;
}

std::string frames(Input& in, nghttp2_hd_deflater* deflater, bool client) {
  std::string s = client ? std::string("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 24) : "";
  size_t count = 1 + in.byte() % 12;
  for (size_t i = 0; i < count; ++i) {
    uint8_t type = in.byte() % 18;
    uint8_t flags = in.byte();
    uint32_t stream = in.byte() % 8;
    std::string payload;
    if (type == 1 || type == 5 || type == 9) {
      if (type == 5) payload += std::string("\0\0\0\2", 4);
      std::string block = header_block(in, deflater);
      if (flags & 0x08) payload = std::string(1, static_cast<char>(in.byte() % 8)) + payload;
      if (type == 1 && (flags & 0x20)) payload += in.bytes(5);
      payload += block;
      if (flags & 0x08) payload += std::string(in.byte() % 8, '\0');
    } else if (type == 4) {
      size_t n = in.byte() % 5;
      for (size_t k = 0; k < n; ++k) payload += in.bytes(6);
    } else {
      payload = in.bytes(in.byte() % 40);
    }
    size_t claimed = payload.size();
    if (in.byte() % 8 == 0) claimed = in.byte();  // a length that lies
    s += frame(type, flags, stream, payload, claimed);
  }
  return s;
}

// The handshake, the segments and both FINs through one capture's state.
void play(Connection& c, const std::vector<Segment>& segs) {
  c.play(segs);
  CHECK(tcp_reassembly_buffered_bytes() == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  (void)registered;
  if (size < 2) return 0;
  Input in{data + 1, size - 1};
  const bool perturb = data[0] & 1;
  // -2: a first pass noting what the second shows (body and message reassembly, HTTP/2 from
  // a connection's first packet), then the second pass over the same frames.
  const bool two_passes = data[0] & 2;

  nghttp2_hd_deflater* deflaters[2];
  nghttp2_hd_deflate_new(&deflaters[0], 4096);
  nghttp2_hd_deflate_new(&deflaters[1], 4096);
  Connection c;
  c.stream[0] = frames(in, deflaters[0], true);
  c.stream[1] = frames(in, deflaters[1], false);
  c.stream[0] += frames(in, deflaters[0], false);
  nghttp2_hd_deflate_del(deflaters[0]);
  nghttp2_hd_deflate_del(deflaters[1]);
  std::vector<Segment> segs = cut_into_segments(in, c.stream, perturb);

  if (!two_passes) {
    play(c, segs);
    return 0;
  }
  Connection first;
  first.stream[0] = c.stream[0];
  first.stream[1] = c.stream[1];
  first.frames.session.later.start_recording();
  play(first, segs);
  first.frames.session.later.hand_over_to(c.frames.session.later);
  play(c, segs);
  return 0;
}
