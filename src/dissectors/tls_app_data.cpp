// Decrypted TLS application data handed to the protocol inside it, with TLS's own reassembly of
// that protocol's PDUs across records, as tshark 4.0's desegment_ssl does: a protocol that finds
// its PDU cut at the end of a record asks for more bytes as it would ask TCP; the record then
// shows "TLS segment data (N bytes)" and the Info "[TLS segment of a reassembled PDU]", and the
// record completing the PDU shows the segment list ("[N Reassembled TLS segments (...)]") and a
// "Reassembled TLS" data source the protocol is called on again. Records decrypt in order (each
// needs the previous one's cipher state), so one pending PDU per direction is all the state.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "core/session.h"
#include "dissectors/tcp_desegment.h"
#include "dissectors/tls.h"
#include "dissectors/tls_internal.h"

namespace netsift::tls {

namespace {

// The dissector of the connection's application data, as tshark picks it: the server's ALPN
// choice; else the first heuristic that accepts the data, else the protocol of the server's
// port (either is kept for the connection); else none (data), asking again next time.
Dissector app_dissector(RecordContext& ctx, const ByteReader& data) {
  TlsSession& s = ctx.session;
  if (s.app_dissector) return s.app_dissector;
  if (!s.alpn.empty())
    for (const tls_tables::AlpnDissector& a : tls_tables::alpn())
      if (a.alpn == s.alpn) return s.app_dissector = a.dissect;
  for (const HeuristicDissector& h : tls_tables::heuristics())
    if (h.accepts(data)) return s.app_dissector = h.dissect;
  Dissector port = tls_tables::port().find(ctx.pkt.src_port);
  if (!port) port = tls_tables::port().find(ctx.pkt.dst_port);
  return s.app_dissector = port;
}

// What the protocol inside answered: where the PDU it could not finish starts and how many more
// bytes it needs (0: none).
struct AppAnswer {
  uint32_t offset = 0;
  uint32_t more = 0;
};

// Calls the protocol inside on `data` (tshark's process_ssl_payload), letting it ask for more.
AppAnswer call_app(RecordContext& ctx, const ByteReader& data) {
  Packet& pkt = ctx.pkt;
  Dissector dissect = app_dissector(ctx, data);
  if (!dissect) {
    pkt.call_data(data, -1);
    return {};
  }
  // The record layer's own desegmentation state is TCP's; the application protocol gets a
  // fresh one for the decrypted stream.
  TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  TcpPayloadContext saved = tcp;
  tcp.can_desegment = true;
  tcp.desegment_offset = 0;
  tcp.desegment_len = 0;
  tcp.fin = false;  // the end of the TCP stream is not the end of the decrypted one
  dissect(data, pkt, -1);
  AppAnswer answer{tcp.desegment_offset, tcp.desegment_len};
  tcp = saved;
  return answer;
}

// -2: the frame whose record completes the PDU this frame's record is a segment of, noted by
// the first pass, shown before the segment data as tshark's second pass does.
void add_later_reassembled_in(Packet& pkt, int tls_tree) {
  if (auto frame = pkt.session->later.find(f_reassembled_in, pkt.number);
      frame && *frame != pkt.number)
    pkt.add_generated_uint(tls_tree, f_reassembled_in, *frame);
}

// First pass of -2: the PDU `p` completes in this frame. As tshark's second pass, its first
// segment names this frame, and so do the others unless the PDU was once found still short
// (tshark then keeps the reassembly partial and shows nothing on them).
void note_reassembled_in(Packet& pkt, const TcpPendingPdu& p, bool partial) {
  for (const auto& segment : p.segments) {
    if (segment.frame != pkt.number)
      pkt.session->later.note(f_reassembled_in, segment.frame, 0, pkt.number);
    if (partial) break;
  }
}

void add_segment_data(Packet& pkt, int tls_tree, const ByteReader& data) {
  int n = pkt.add_item(tls_tree, f_segment_data, data, 0, data.size());
  if (pkt.labels)
    pkt.set_label(n, fmt::format("TLS segment data ({} {})", data.size(),
                                 plural(data.size(), "byte", "bytes")));
}

// A record holding nothing but the start or the middle of a PDU: the frame stays TLS's.
void mark_segment_of_pdu(RecordContext& ctx) {
  if (!ctx.pkt.cols.enabled) return;
  const char* version = version_short_name(ctx.session.version);
  ctx.pkt.cols.set_protocol(version ? version : "SSL");
  ctx.pkt.cols.set_info("[TLS segment of a reassembled PDU]");
}

// The total a pending PDU must reach: its bytes so far plus what the protocol asked for.
uint32_t needed_after(size_t have, uint32_t more) {
  if (more == kDesegmentOneMoreSegment || more == kDesegmentUntilFin) return more;
  return static_cast<uint32_t>(have + more);
}

bool complete(const TcpPendingPdu& p) {
  if (p.needed == kDesegmentOneMoreSegment) return true;  // the whole next record was added
  return p.needed != kDesegmentUntilFin && p.bytes.size() >= p.needed;
}

// Starts a pending PDU with data[off, end) of this frame's record; false when the memory
// bounds refuse it (the PDU is then given up, as an unbounded one would be).
bool start_pending(TlsDirectionState& d, Packet& pkt, const ByteReader& data, uint32_t off,
                   uint32_t more) {
  size_t n = data.size() - off;
  auto p = std::make_unique<TcpPendingPdu>();
  if (pkt.session) p->budget = &pkt.session->memory();
  if (!p->within_limits(n)) return false;
  p->append(data.ptr(off, n), n);
  p->needed = needed_after(n, more);
  p->segments.push_back({pkt.number, static_cast<uint32_t>(n)});
  d.app_pending = std::move(p);
  d.app_pending_partial = false;
  return true;
}

// A record (or what is left of it) with no PDU pending: to the protocol, which may start one.
void dissect_new(RecordContext& ctx, const ByteReader& data) {
  AppAnswer a = call_app(ctx, data);
  if (a.more == 0 || a.offset >= data.size()) return;
  if (!start_pending(ctx.session.dir[ctx.dir], ctx.pkt, data, a.offset, a.more)) return;
  if (a.offset == 0) mark_segment_of_pdu(ctx);
  add_later_reassembled_in(ctx.pkt, ctx.tls_tree);
  add_segment_data(ctx.pkt, ctx.tls_tree, data.sub(a.offset));
}

// The segment list of the reassembled PDU `whole`, at the top of the tree.
void add_segment_list(Packet& pkt, const TcpPendingPdu& p, const ByteReader& whole) {
  static const ReassemblyTreeFields kTlsTree{f_segments,         f_segment,
                                             f_segment_count,    f_reassembled_length,
                                             f_reassembled_data, "TLS segments"};
  add_reassembly_tree(pkt, kTlsTree, p.segments, whole);
}

// A record continuing the pending PDU: its bytes are added, and the PDU is dissected when they
// complete it. Returns how many bytes of `data` the PDU took.
size_t continue_pending(RecordContext& ctx, const ByteReader& data) {
  Packet& pkt = ctx.pkt;
  TlsDirectionState& d = ctx.session.dir[ctx.dir];
  TcpPendingPdu& p = *d.app_pending;
  size_t take = data.size();
  if (p.needed != kDesegmentOneMoreSegment && p.needed != kDesegmentUntilFin)
    take = std::min(take, p.needed - p.bytes.size());
  if (!p.within_limits(take)) {
    d.app_pending.reset();
    return 0;
  }
  p.append(data.ptr(0, take), take);
  p.segments.push_back({pkt.number, static_cast<uint32_t>(take)});
  if (!complete(p)) {
    mark_segment_of_pdu(ctx);
    add_later_reassembled_in(pkt, ctx.tls_tree);
    add_segment_data(pkt, ctx.tls_tree, data);
    return take;
  }

  const size_t tree_before = pkt.tree.size();
  const size_t layers_before = pkt.layers.size();
  std::unique_ptr<TcpPendingPdu> done = std::move(d.app_pending);
  ByteReader whole = add_decrypted_source(pkt, "Reassembled TLS", done->bytes);
  // tshark adds the segment list after the PDU's dissection and moves it right behind the TLS
  // item, but proto_tree_move_item does nothing in a tree built only for fields or statistics:
  // there (-z io,phs) the list follows the PDU's protocols.
  const bool list_after = !pkt.labels;
  if (!list_after) add_segment_list(pkt, *done, whole);
  AppAnswer a = call_app(ctx, whole);
  // Bytes of the PDU before this record (tshark counts the record whole, even the part after
  // the PDU's end, so this may go below zero).
  int64_t before = static_cast<int64_t>(whole.size()) - static_cast<int64_t>(data.size());
  if (a.more != 0 && a.offset <= before) {
    // Its length is known only now and it is still short: this record is one more segment of
    // it (no reassembly shown; the data source stays, as in tshark), and collecting goes on.
    pkt.tree.truncate(tree_before);
    pkt.layers.resize(layers_before);
    done->needed = needed_after(done->bytes.size(), a.more);
    d.app_pending = std::move(done);
    d.app_pending_partial = true;
    if (a.offset == 0) mark_segment_of_pdu(ctx);
    add_later_reassembled_in(pkt, ctx.tls_tree);
    add_segment_data(pkt, ctx.tls_tree, data);
    return data.size();
  }
  if (list_after) add_segment_list(pkt, *done, whole);
  note_reassembled_in(pkt, *done, d.app_pending_partial);
  d.app_pending_partial = false;
  // The Info column keeps what the completed PDU wrote; the rest of the record appends.
  if (pkt.cols.enabled) pkt.cols.fence();
  add_segment_data(pkt, ctx.tls_tree, data);
  if (a.more != 0 && a.offset < whole.size()) {
    // A whole PDU, then the start of the next one within this record.
    uint32_t start = static_cast<uint32_t>(data.size() - (whole.size() - a.offset));
    if (start_pending(d, pkt, data, start, a.more)) {
      pkt.add_generated_uint(ctx.tls_tree, f_reassembled_in, pkt.number);
      add_segment_data(pkt, ctx.tls_tree, data.sub(start));
    }
    return data.size();
  }
  return take;
}

}  // namespace

ByteReader add_decrypted_source(Packet& pkt, const char* name, std::span<const uint8_t> bytes) {
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(bytes.size() ? bytes.size() : 1, 1));
  if (!bytes.empty()) std::memcpy(copy, bytes.data(), bytes.size());
  pkt.sources.push_back(DataSource{name, copy, static_cast<uint32_t>(bytes.size())});
  return ByteReader(copy, bytes.size(), bytes.size(), 0, static_cast<uint16_t>(pkt.sources.size()));
}

void dissect_app_plaintext(RecordContext& ctx, const ByteReader& plain) {
  if (plain.size() == 0) return;  // an empty record (the CBC countermeasure) carries nothing
  size_t used = 0;
  if (ctx.session.dir[ctx.dir].app_pending) used = continue_pending(ctx, plain);
  // The rest of a record whose first bytes completed a PDU starts the next one.
  if (used < plain.size()) dissect_new(ctx, plain.sub(used));
}

}  // namespace netsift::tls
