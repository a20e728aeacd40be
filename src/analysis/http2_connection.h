// What one HTTP/2 connection remembers across packets (a per-conversation protocol state of
// its TCP connection): for each direction the HPACK decoder and the SETTINGS not yet
// acknowledged, and for each stream what its header blocks said (content type and coding, the
// request line for the Info column) and the DATA collected for its body. Also the flow-control
// view (the peers' SETTINGS_MAX_FRAME_SIZE and windows) behind netsift's own expert items, and
// the request/response links (http2.request_in, http2.response_in, http2.time).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/http2_hpack.h"
#include "core/address.h"
#include "core/memory_budget.h"

namespace netsift {

// The parts of a SETTINGS frame that wait for the peer's ACK (tshark's http2_settings_t).
struct Http2PendingSettings {
  bool has_header_table_size = false;
  uint32_t header_table_size = 0, min_header_table_size = 0xffffffff;
};

// One direction of one stream.
struct Http2StreamSide {
  // The first header block (HEADERS and its CONTINUATIONs): frames numbered per connection.
  uint64_t header_start = 0, header_end = 0;
  std::string content_type, content_type_params, content_encoding;
  // :path and grpc-encoding of the first header block, for gRPC (tshark's
  // http2_get_header_value).
  bool has_path = false;
  std::string path, grpc_encoding;
  bool partial_content = false;   // :status 206
  bool data_initiated = false;    // a :status or :method was seen: DATA can be reassembled
  bool transfer_encoded = false;  // transfer-encoding: not reassembled, as tshark
  bool ended = false;             // END_STREAM seen (HEADERS or DATA)
  // DATA payloads collected until END_STREAM (tshark's fragment_add_seq_next), charged to the
  // Session's memory budget (HTTP/2 share; one body at most its item limit).
  BudgetedBytes body;
  struct Fragment {
    uint64_t frame;  // the packet
    uint32_t length;
    uint64_t frame_key;  // the DATA frame's Frame::key (its -2 notes' key)
  };
  std::vector<Fragment> fragments;
  bool body_too_large = false;
  // Streaming mode (gRPC): the message begun in an earlier DATA frame, its fragments, and the
  // bytes it still needs (tshark's last_msp and prev_deseg_len).
  std::vector<uint8_t> pending;
  std::vector<Fragment> pending_fragments;
  size_t pending_missing = 0;
  uint64_t data_frames = 0, data_bytes = 0;
  int64_t window = 65535;  // what the peer still allows on this stream (flow control)
};

struct Http2Stream {
  Http2StreamSide side[2];
  bool is_connect = false;
  // DATA goes to the body's dissector frame by frame, not reassembled (tshark's
  // HTTP2_DATA_REASSEMBLY_MODE_STREAMING, for gRPC's content types).
  bool streaming = false;
  // Request/response links (netsift's own): the first request HEADERS and response HEADERS.
  uint64_t request_frame = 0, response_frame = 0;
  int64_t request_ns = 0;
};

// The streams' charge to the memory budget (HTTP/2 share), given back when the connection goes
// (move-only, so a moved-from connection gives nothing back twice).
struct Http2StreamCharge {
  MemoryBudget* budget = nullptr;
  size_t bytes = 0;
  Http2StreamCharge() = default;
  Http2StreamCharge(Http2StreamCharge&& o) noexcept
      : budget(std::exchange(o.budget, nullptr)), bytes(std::exchange(o.bytes, 0)) {}
  Http2StreamCharge& operator=(Http2StreamCharge&& o) noexcept {
    if (this != &o) {
      if (budget) budget->release(MemoryUse::kHttp2Bodies, bytes);
      budget = std::exchange(o.budget, nullptr);
      bytes = std::exchange(o.bytes, 0);
    }
    return *this;
  }
  ~Http2StreamCharge() {
    if (budget) budget->release(MemoryUse::kHttp2Bodies, bytes);
  }
};

struct Http2Connection {
  static constexpr size_t kMaxStreams = 4096;  // streams kept; the oldest go first
  // What a stream holds besides its body (charged on its own): the stream, its map node, the
  // header values it keeps (content type, path).
  static constexpr size_t kStreamCost = sizeof(Http2Stream) + 64 + 256;

  // Set by the dissector: new streams are charged to it. When its HTTP/2 share is used up, a
  // new stream makes the connection forget its oldest one; one that had not ended in both
  // directions (so that later frames could have needed it) is named in `forgotten_stream` until
  // the dissector has said so.
  Http2StreamCharge charge;
  uint32_t forgotten_stream = 0;

  bool have_first_sender = false;
  Address first_sender;
  uint16_t first_sender_port = 0;
  HpackDecoder hpack[2];
  std::deque<Http2PendingSettings> settings[2];
  std::map<uint32_t, Http2Stream> streams;
  uint64_t frames = 0;  // HTTP/2 frames seen, numbering them (tshark's http2_frame_num_t)
  // Flow control and frame size as each side announced them (index: the announcing side).
  uint32_t max_frame_size[2] = {16384, 16384};
  uint32_t initial_window[2] = {65535, 65535};
  int64_t connection_window[2] = {65535, 65535};  // what side i may still send

  int direction(const Address& src, uint16_t src_port) {
    if (!have_first_sender) {
      have_first_sender = true;
      first_sender = src;
      first_sender_port = src_port;
    }
    return src == first_sender && src_port == first_sender_port ? 0 : 1;
  }
  Http2Stream& stream(uint32_t id) {
    auto it = streams.find(id);
    if (it != streams.end()) return it->second;
    MemoryBudget* budget = charge.budget;
    if (streams.size() >= kMaxStreams) {
      streams.erase(streams.begin());
    } else if (budget && !streams.empty() && !budget->fits(MemoryUse::kHttp2Bodies, kStreamCost)) {
      const Http2Stream& oldest = streams.begin()->second;
      if (!oldest.side[0].ended || !oldest.side[1].ended) forgotten_stream = streams.begin()->first;
      streams.erase(streams.begin());
    } else if (budget) {
      budget->charge(MemoryUse::kHttp2Bodies, kStreamCost);
      charge.bytes += kStreamCost;
    }
    Http2Stream& s = streams[id];
    // What each side may send on a new stream: the peer's SETTINGS_INITIAL_WINDOW_SIZE.
    for (int d = 0; d < 2; ++d) s.side[d].window = initial_window[d ^ 1];
    return s;
  }
};

}  // namespace netsift
