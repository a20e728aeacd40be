// The payloads of HTTP/2's control frames (RFC 9113 section 6, RFC 7838 ALTSVC, RFC 8336
// ORIGIN, RFC 9218 PRIORITY_UPDATE) as tshark 4.0 shows them, and what SETTINGS and
// WINDOW_UPDATE change on the connection: the HPACK table size once acknowledged, and the
// frame-size and flow-control limits netsift's own expert items check.
#include <fmt/format.h>

#include "core/field_registry.h"
#include "dissectors/http2_internal.h"

namespace netsift::http2 {

using namespace http2_fields;

namespace {

enum SettingId : uint16_t {
  kHeaderTableSize = 1,
  kEnablePush = 2,
  kMaxConcurrentStreams = 3,
  kInitialWindowSize = 4,
  kMaxFrameSize = 5,
  kMaxHeaderListSize = 6,
  kExtendedConnect = 8,
};

FieldId setting_field(uint16_t id) {
  switch (id) {
    case kHeaderTableSize:
      return settings_header_table_size;
    case kEnablePush:
      return settings_enable_push;
    case kMaxConcurrentStreams:
      return settings_max_concurrent_streams;
    case kInitialWindowSize:
      return settings_initial_window_size;
    case kMaxFrameSize:
      return settings_max_frame_size;
    case kMaxHeaderListSize:
      return settings_max_header_list_size;
    case kExtendedConnect:
      return settings_extended_connect;
    default:
      return settings_unknown;
  }
}

// A new SETTINGS_INITIAL_WINDOW_SIZE from `dir` moves every open stream window of the peer by
// the difference (RFC 9113 section 6.9.2).
void change_initial_window(Http2Connection& conn, int dir, uint32_t size) {
  int64_t delta = static_cast<int64_t>(size) - conn.initial_window[dir];
  conn.initial_window[dir] = size;
  for (auto& [id, s] : conn.streams) s.side[dir ^ 1].window += delta;
}

// An acknowledged SETTINGS_HEADER_TABLE_SIZE limits the acknowledging side's encoder, so the
// decoder of its blocks (tshark's apply_and_pop_settings).
void apply_acknowledged_settings(Frame& f) {
  std::deque<Http2PendingSettings>& queue = f.conn.settings[f.dir ^ 1];
  if (queue.empty()) return;
  Http2PendingSettings s = queue.front();
  queue.pop_front();
  if (!s.has_header_table_size) return;
  if (s.min_header_table_size < s.header_table_size)
    f.conn.hpack[f.dir].change_table_size(s.min_header_table_size);
  f.conn.hpack[f.dir].change_table_size(s.header_table_size);
}

}  // namespace

int add_setting(Packet& pkt, int tree, const ByteReader& r, size_t off) {
  int item = pkt.tree.add(tree, settings, r, off, 6, Value{});
  uint16_t id = r.u16(off);
  pkt.add_item(item, settings_id, r, off, 2);
  pkt.add_item(item, setting_field(id), r, off + 2, 4);
  if (pkt.labels) {
    const char* name = value_name(registry().info(settings_id).def, id);
    std::string what = name ? name : fmt::format("Unknown ({})", id);
    pkt.set_label(item, fmt::format("Settings - {} : {}", what, r.u32(off + 2)));
  }
  return item;
}

size_t dissect_padding(Frame& f, size_t off, uint16_t* padding) {
  *padding = 0;
  size_t pad_len = 0;
  if (f.flags & kPadded) {
    *padding = f.r.u8(off);
    f.pkt.add_item(f.tree, http2_fields::padding, f.r, off, 1);
    ++off;
    pad_len = 1;
  }
  f.pkt.tree.add(f.tree, pad_length, f.r, off - pad_len, pad_len, Value::of_uint(*padding),
                 kGenerated);
  return off;
}

size_t dissect_priority_fields(Frame& f, size_t off) {
  f.pkt.add_item(f.tree, exclusive, f.r, off, 4);
  f.pkt.add_item(f.tree, stream_dependency, f.r, off, 4);
  off += 4;
  f.pkt.add_item(f.tree, weight, f.r, off, 1);
  f.pkt.tree.add(f.tree, weight_real, f.r, off, 1, Value::of_uint(f.r.u8(off) + 1u), kGenerated);
  return off + 1;
}

void dissect_rst_stream(Frame& f, size_t off) {
  f.pkt.add_item(f.tree, rst_stream_error, f.r, off, 4);
}

void dissect_settings(Frame& f, size_t off) {
  Http2PendingSettings pending;
  for (; off < f.r.reported_size(); off += 6) {
    add_setting(f.pkt, f.tree, f.r, off);
    uint16_t id = f.r.u16(off);
    uint32_t value = f.r.u32(off + 2);
    switch (id) {
      case kHeaderTableSize:
        pending.has_header_table_size = true;
        pending.header_table_size = value;
        pending.min_header_table_size = std::min(pending.min_header_table_size, value);
        break;
      case kMaxFrameSize:
        f.conn.max_frame_size[f.dir] = value;
        break;
      case kInitialWindowSize:
        change_initial_window(f.conn, f.dir, value);
        break;
      default:
        break;
    }
  }
  if (f.flags & kAck)
    apply_acknowledged_settings(f);
  else if (f.conn.settings[f.dir].size() < 64)
    f.conn.settings[f.dir].push_back(pending);
}

void dissect_ping(Frame& f, size_t off) {
  f.pkt.add_item(f.tree, (f.flags & kAck) ? pong : ping, f.r, off, 8);
}

void dissect_goaway(Frame& f, size_t off) {
  f.pkt.add_item(f.tree, goaway_r, f.r, off, 4);
  f.pkt.add_item(f.tree, goaway_last_stream_id, f.r, off, 4);
  off += 4;
  f.pkt.add_item(f.tree, goaway_error, f.r, off, 4);
  off += 4;
  if (off < f.r.reported_size())
    f.pkt.add_item(f.tree, goaway_addata, f.r, off, f.r.reported_size() - off);
}

void dissect_window_update(Frame& f, size_t off) {
  f.pkt.add_item(f.tree, window_update_r, f.r, off, 4);
  f.pkt.add_item(f.tree, window_update_window_size_increment, f.r, off, 4);
  uint32_t increment = f.r.u32(off) & 0x7fffffff;
  // The sender allows its peer to send this much more.
  if (f.stream_id == 0)
    f.conn.connection_window[f.dir ^ 1] += increment;
  else
    f.stream().side[f.dir ^ 1].window += increment;
}

void dissect_altsvc(Frame& f, size_t off) {
  size_t end = f.r.reported_size();
  f.pkt.add_item(f.tree, altsvc_origin_len, f.r, off, 2);
  uint16_t origin_len = f.r.u16(off);
  off += 2;
  f.pkt.add_item(f.tree, altsvc_origin, f.r, off, origin_len);
  off += origin_len;
  if (off < end) f.pkt.add_item(f.tree, altsvc_field_value, f.r, off, end - off);
}

void dissect_origin(Frame& f, size_t off) {
  while (off < f.r.reported_size()) {
    uint16_t len = f.r.u16(off);
    int item = f.pkt.tree.add(f.tree, origin, f.r, off, 2 + size_t{len}, Value{});
    f.pkt.add_item(item, origin_origin_len, f.r, off, 2);
    f.pkt.add_item(item, origin_origin, f.r, off + 2, len);
    off += 2 + size_t{len};
  }
}

void dissect_priority_update(Frame& f, size_t off) {
  f.pkt.add_item(f.tree, priority_update_stream_id, f.r, off, 4);
  off += 4;
  if (off < f.r.reported_size())
    f.pkt.add_item(f.tree, priority_update_field_value, f.r, off, f.r.reported_size() - off);
}

}  // namespace netsift::http2

namespace netsift {

void dissect_http2_settings_list(Packet& pkt, int parent, const ByteReader& r) {
  for (size_t off = 0; off < r.reported_size(); off += 6) http2::add_setting(pkt, parent, r, off);
}

}  // namespace netsift
