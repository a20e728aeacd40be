#include "output/http2_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/conversation.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/http2.h"
#include "dissectors/http2_fields.h"
#include "output/stat_taps.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

// -z http2,tree: every HTTP/2 frame (not the preface) under "HTTP2", pivoted by its type name
// (tshark's http2_stats_tree_packet).
class Http2Tree : public Statistic {
 public:
  Http2Tree() : tree_("HTTP2", StatsTree::Order::kByCountDescending) {
    http2_ = tree_.node("HTTP2", StatsTree::kRoot);
    type_ = tree_.node("Type", http2_);
  }
  void packet(const Packet& pkt) override {
    for_each_http2_frame(pkt, [&](const Http2FrameRecord& f) {
      if (f.magic || !f.whole) return;
      tree_.use_budget(pkt.session->memory());
      tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
      tree_.tick("HTTP2", StatsTree::kRoot);
      const char* name = value_name(registry().info(http2_fields::type).def, f.type);
      tree_.tick_pivot(type_, name ? std::string(name) : fmt::format("Unknown type ({})", f.type));
    });
  }
  void print(OutputSink& out) override { out.write(tree_.format()); }

 private:
  StatsTree tree_;
  int http2_, type_;
};

// -z http2_streams (netsift's own): one row per stream of every connection, in order of first
// appearance. The request side is the one that sent :method (else the peer of :status);
// bytes are DATA payloads; TTFB is from the request HEADERS to the first response frame, End
// to the response's END_STREAM; RST names a RST_STREAM's error, GOAWAY marks a stream above
// the last stream id a GOAWAY announced, from the peer of the side that opened the stream
// (odd ids the client's, even ones the server's pushes: RFC 9113 section 6.8).
class Http2Streams : public Statistic {
 public:
  bool reads_only(std::vector<std::string>& names) const override {
    names.push_back("http2");
    names.push_back("tcp.stream");
    return true;
  }
  void packet(const Packet& pkt) override {
    if (!pkt.conversation) return;
    const uint32_t conn = pkt.conversation->stream;
    const int64_t now = pkt.frame->ts.total_ns();
    // The frames' records, in order, and each Stream item's header fields.
    std::vector<const Http2FrameRecord*> records;
    for_each_http2_frame(pkt, [&](const Http2FrameRecord& f) { records.push_back(&f); });
    size_t frame_index = 0;
    Row* row = nullptr;
    const Http2FrameRecord* rec = nullptr;
    for (const Node& n : pkt.tree.nodes()) {
      if (n.field == http2_fields::stream) {
        rec = frame_index < records.size() ? records[frame_index++] : nullptr;
        if (rec && rec->magic) client_dir_.try_emplace(conn, rec->dir);
        row = rec && !rec->magic ? frame(conn, *rec, now) : nullptr;
        continue;
      }
      if (!row) continue;
      if (auto v = field_value(n, http2_fields::h_method)) {
        row->method.assign(*v);
        row->client_dir = rec->dir;
        client_dir_.try_emplace(conn, rec->dir);
        row->request_ns = now;
      } else if (auto v = field_value(n, http2_fields::h_path)) {
        row->path.assign(*v);
      } else if (auto v = field_value(n, http2_fields::h_authority)) {
        row->authority.assign(*v);
      } else if (auto v = field_value(n, http2_fields::h_status)) {
        row->status = std::to_string(*v);
        if (row->client_dir < 0) row->client_dir = rec->dir ^ 1;
      }
    }
  }
  void print(OutputSink& out) override {
    std::string text = "\n" + std::string(kRule) + "HTTP/2 Streams\n";
    text += fmt::format("{:>5} {:>7} {:<7} {:<40} {:>6} {:>10} {:>10} {:>5} {:>8} {:>10} {:>10}  {}\n",
                        "Conn", "Stream", "Method", "Authority+Path", "Status", "Req bytes",
                        "Resp bytes", "DATA", "Largest", "TTFB (s)", "End (s)", "RST/GOAWAY");
    for (const Row& r : rows_) {
      std::string target = r.authority + r.path;
      auto seconds = [&](int64_t t) {
        return t && r.request_ns ? fmt::format("{:.6f}", static_cast<double>(t - r.request_ns) / 1e9)
                                 : std::string("-");
      };
      std::string ends;
      if (!r.rst.empty()) ends = "RST " + r.rst;
      if (goaway_below(r)) ends += ends.empty() ? "GOAWAY" : ", GOAWAY";
      text += fmt::format("{:>5} {:>7} {:<7} {:<40} {:>6} {:>10} {:>10} {:>5} {:>8} {:>10} {:>10}  {}\n",
                          r.conn, r.id, r.method.empty() ? "-" : r.method,
                          target.empty() ? "-" : target, r.status.empty() ? "-" : r.status,
                          r.bytes[r.client_dir < 0 ? 0 : r.client_dir],
                          r.bytes[r.client_dir < 0 ? 1 : r.client_dir ^ 1], r.data_frames,
                          r.largest, seconds(r.first_response_ns), seconds(r.end_ns), ends);
    }
    text += kRule;
    out.write(text);
  }

 private:
  static constexpr const char* kRule =
      "===================================================================\n";
  struct Row {
    uint32_t conn = 0, id = 0;
    std::string method, authority, path, status, rst;
    int client_dir = -1;
    uint64_t bytes[2] = {0, 0};
    uint32_t data_frames = 0, largest = 0;
    int64_t request_ns = 0, first_response_ns = 0, end_ns = 0;
  };

  Row* frame(uint32_t conn, const Http2FrameRecord& f, int64_t now) {
    if (f.stream_id == 0) {
      if (f.type == 7 && f.data_len >= 4)  // GOAWAY: the last stream id it announces
        last_stream_[goaway_key(conn, f.dir)] =
            (uint32_t{f.data[0]} << 24 | uint32_t{f.data[1]} << 16 | uint32_t{f.data[2]} << 8 |
             f.data[3]) &
            0x7fffffff;
      return nullptr;
    }
    auto [it, added] = index_.try_emplace((uint64_t{conn} << 32) | f.stream_id, rows_.size());
    if (added) {
      rows_.emplace_back();
      rows_.back().conn = conn;
      rows_.back().id = f.stream_id;
    }
    Row& r = rows_[it->second];
    r.largest = std::max(r.largest, f.length);
    if (f.type == 0) {
      ++r.data_frames;
      r.bytes[f.dir] += f.length;
    }
    if (f.type == 3 && f.data_len >= 4) {
      uint32_t code = uint32_t{f.data[0]} << 24 | uint32_t{f.data[1]} << 16 |
                      uint32_t{f.data[2]} << 8 | f.data[3];
      const char* name = value_name(registry().info(http2_fields::rst_stream_error).def, code);
      r.rst = name ? name : std::to_string(code);
    }
    const bool from_server = r.client_dir >= 0 && f.dir != r.client_dir;
    if (from_server && r.first_response_ns == 0) r.first_response_ns = now;
    if (from_server && (f.flags & 0x1) && (f.type == 0 || f.type == 1)) r.end_ns = now;
    return &r;
  }
  static uint64_t goaway_key(uint32_t conn, int sender_dir) {
    return uint64_t{conn} << 1 | static_cast<uint64_t>(sender_dir & 1);
  }
  bool goaway_below(const Row& r) const {
    auto client = client_dir_.find(r.conn);
    if (client == client_dir_.end()) return false;  // which side is which is not known
    const int opener = r.id % 2 ? client->second : client->second ^ 1;
    auto it = last_stream_.find(goaway_key(r.conn, opener ^ 1));
    return it != last_stream_.end() && r.id > it->second;
  }

  std::vector<Row> rows_;
  std::unordered_map<uint64_t, size_t> index_;
  std::unordered_map<uint64_t, uint32_t> last_stream_;  // by connection and GOAWAY sender
  std::unordered_map<uint32_t, int> client_dir_;        // by connection: the preface's sender
};

}  // namespace

std::unique_ptr<Statistic> make_http2_streams() {
  return std::make_unique<Http2Streams>();
}

std::unique_ptr<Statistic> make_http2_tree() {
  return std::make_unique<Http2Tree>();
}

}  // namespace netsift
