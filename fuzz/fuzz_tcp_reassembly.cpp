// libFuzzer target: TCP byte streams cut into segments in orders chosen by the input, checked
// against simple reference models.
//
// 1. Follow stream assembly (analysis/tcp_follow.h): segments of a known stream arrive in any
//    order, overlapping, repeated or missing. Without acknowledgments the followed bytes must be
//    exactly the stream from the first segment's start to the first hole; after the peer
//    acknowledges everything, the bytes must be the whole stream with each hole replaced by one
//    "[N bytes missing in capture file]" marker of the hole's size.
// 2. Desegmentation (dissectors/tcp_desegment.h) through the real TCP and DNS dissectors: DNS
//    messages over TCP (2-byte length prefix) split at input-chosen points. Sent in order, every
//    message is dissected exactly once and in order; reordered, duplicated or dropped segments
//    must never crash, and a FIN frees whatever was pending.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "analysis/tcp_follow.h"
#include "analysis/tcp_reassembly.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;
using namespace netsift::fuzz;

struct Piece {
  uint32_t off, len;
};

// Segments over [0, total): consecutive cuts, then input-chosen overlaps, repeats, drops, swaps.
std::vector<Piece> cut(Input& in, uint32_t total, bool perturb) {
  std::vector<Piece> pieces;
  for (uint32_t off = 0; off < total;) {
    uint32_t len = 1 + in.byte() % 40;
    if (len > total - off) len = total - off;
    pieces.push_back({off, len});
    off += len;
  }
  if (!perturb) return pieces;
  size_t ops = in.byte() % 16;
  for (size_t i = 0; i < ops && !pieces.empty(); ++i) {
    uint8_t op = in.byte();
    size_t at = in.byte() % pieces.size();
    switch (op % 4) {
      case 0:  // swap with the next
        if (at + 1 < pieces.size()) std::swap(pieces[at], pieces[at + 1]);
        break;
      case 1:  // repeat later
        pieces.insert(pieces.begin() + static_cast<long>(std::min(pieces.size(), at + 1 + op % 5)),
                      pieces[at]);
        break;
      case 2:  // lose it
        pieces.erase(pieces.begin() + static_cast<long>(at));
        break;
      case 3: {  // a retransmission covering it and the next, arriving later
        Piece p = pieces[at];
        if (at + 1 < pieces.size()) {
          uint64_t end = uint64_t{pieces[at + 1].off} + pieces[at + 1].len;
          if (end > p.off) p.len = static_cast<uint32_t>(end - p.off);
        }
        if (uint64_t{p.off} + p.len <= total && p.len > 0) pieces.push_back(p);
        break;
      }
    }
  }
  return pieces;
}

bool parse_marker(const std::string& d, uint32_t* n) {
  static const char kTail[] = " bytes missing in capture file]";
  if (d.size() < 3 || d[0] != '[' || d.back() != '\0') return false;
  size_t i = 1;
  uint64_t v = 0;
  while (i < d.size() && d[i] >= '0' && d[i] <= '9')
    v = v * 10 + static_cast<uint64_t>(d[i++] - '0');
  if (d.compare(i, std::string::npos, std::string(kTail) + '\0') != 0) return false;
  *n = static_cast<uint32_t>(v);
  return true;
}

void fuzz_follow(Input& in) {
  uint32_t total = 1 + in.u16() % 2000;
  uint32_t isn = static_cast<uint32_t>(in.u16()) << 16 | in.u16();  // wraps at times
  std::string stream(total, 'a');
  for (uint32_t i = 0; i < total; ++i) stream[i] = static_cast<char>('a' + (i * 7 + i / 13) % 26);
  std::vector<Piece> pieces = cut(in, total, true);
  if (pieces.empty()) return;

  TcpFollowAssembler a;
  uint32_t frame = 0;
  for (const Piece& p : pieces) {
    FollowSegment s;
    s.seq = isn + p.off;
    s.seglen = p.len;
    s.payload = std::string_view(stream).substr(p.off, p.len);
    s.frame = ++frame;
    a.add(s);
  }
  // Reference without acknowledgments: from the first segment's start to the first hole.
  uint32_t start = pieces.front().off;
  std::vector<bool> covered(total, false);
  for (const Piece& p : pieces)
    for (uint32_t i = p.off; i < p.off + p.len; ++i) covered[i] = true;
  uint32_t end = start;
  while (end < total && covered[end]) ++end;
  std::string got;
  for (const FollowChunk& c : a.chunks()) got += c.data;
  CHECK(got == stream.substr(start, end - start));

  // The peer acknowledges everything: holes become markers, every later byte is followed.
  FollowSegment ack;
  ack.from_server = true;
  ack.ack = isn + total;
  ack.frame = ++frame;
  a.add(ack);
  uint32_t pos = start, last = start;
  for (const Piece& p : pieces)
    if (p.off + p.len > last) last = p.off + p.len;
  for (const FollowChunk& c : a.chunks()) {
    CHECK(!c.from_server);
    uint32_t missing;
    if (parse_marker(c.data, &missing)) {
      CHECK(missing > 0 && pos + missing <= total);
      for (uint32_t i = pos; i < pos + missing; ++i) CHECK(!covered[i]);
      pos += missing;
      continue;
    }
    CHECK(c.data == stream.substr(pos, c.data.size()));
    pos += static_cast<uint32_t>(c.data.size());
  }
  CHECK(pos == last);
  CHECK(a.held_bytes() == 0);
}

// Dissects frames; collects the DNS ids each shows.
struct Dissector {
  FrameRunner frames;
  FieldId dns_id = registry().find("dns.id");

  void run(const std::vector<uint8_t>& bytes, std::vector<uint16_t>* ids) {
    frames.run(bytes, false);
    for (const Node& n : frames.pkt.tree.nodes())
      if (n.field == dns_id) ids->push_back(static_cast<uint16_t>(n.value.u));
  }
};

void fuzz_desegmentation(Input& in) {
  bool perturb = in.byte() & 1;
  // DNS queries with increasing ids: header (id, flags, 0 questions...) and padding; each
  // prefixed by its length.
  std::vector<uint8_t> stream;
  std::vector<uint16_t> sent;
  size_t count = 1 + in.byte() % 8;
  for (size_t m = 0; m < count; ++m) {
    size_t len = 12 + in.byte() % 200;
    uint16_t id = static_cast<uint16_t>(0x1000 + m);
    sent.push_back(id);
    stream.push_back(static_cast<uint8_t>(len >> 8));
    stream.push_back(static_cast<uint8_t>(len));
    std::vector<uint8_t> msg(len, 0);
    msg[0] = static_cast<uint8_t>(id >> 8);
    msg[1] = static_cast<uint8_t>(id);
    msg[2] = 0x01;  // RD; no questions or records: the padding is trailing data
    stream.insert(stream.end(), msg.begin(), msg.end());
  }
  std::vector<Piece> pieces = cut(in, static_cast<uint32_t>(stream.size()), perturb);

  Dissector d;
  std::vector<uint16_t> seen;
  const uint32_t c_isn = 1000, s_isn = 5000;
  d.run(tcp_frame(53, true, c_isn, 0, 0x02, nullptr, 0), &seen);
  d.run(tcp_frame(53, false, s_isn, c_isn + 1, 0x12, nullptr, 0), &seen);
  d.run(tcp_frame(53, true, c_isn + 1, s_isn + 1, 0x10, nullptr, 0), &seen);
  for (const Piece& p : pieces)
    d.run(tcp_frame(53, true, c_isn + 1 + p.off, s_isn + 1, 0x18, stream.data() + p.off, p.len),
          &seen);
  if (!perturb) CHECK(seen == sent);
  d.run(tcp_frame(53, true, c_isn + 1 + static_cast<uint32_t>(stream.size()), s_isn + 1, 0x11,
                  nullptr, 0),
        &seen);
  CHECK(tcp_reassembly_buffered_bytes() == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  (void)registered;
  if (size < 1) return 0;
  Input in{data + 1, size - 1};
  if (data[0] & 1)
    fuzz_follow(in);
  else
    fuzz_desegmentation(in);
  return 0;
}
