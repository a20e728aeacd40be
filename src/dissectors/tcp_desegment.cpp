// TCP desegmentation (see tcp_desegment.h): collecting pending PDU bytes, showing them and calling
// the dissector again on the reassembled buffer.
#include "dissectors/tcp_desegment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/tcp_analysis_tree.h"
#include "dissectors/tcp_fields.h"

namespace netsift {

namespace {

using namespace tcp_reassembly_fields;

std::vector<Dissector> pdu_dissectors;  // written at registration only

// What the first pass of -2 notes when a PDU is complete: where each earlier segment went.
void note_reassembled(Packet& pkt, const TcpPendingPdu& p) {
  FirstPassNotes& later = pkt.session->later;
  if (!later.recording()) return;
  for (const TcpPendingPdu::Segment& s : p.segments)
    if (s.frame != pkt.number) later.note(reassembled_in, s.frame, 0, pkt.number);
}

// A segment holding the start or the middle of a PDU: with -2 it names the frame the first
// pass reassembled that PDU in.
void add_start_of_pdu(Packet& pkt, int tcp_tree, const ByteReader& data) {
  if (auto frame = pkt.session->later.find(reassembled_in, pkt.number))
    pkt.add_generated_uint(tcp_tree, reassembled_in, *frame);
  add_tcp_segment_data(pkt, tcp_tree, data, false);
}

void mark_segment_of_pdu(Packet& pkt, int tcp_tree, const ByteReader& data) {
  add_start_of_pdu(pkt, tcp_tree, data);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("TCP");
    // A payload dissector may have cleared the column (TLS does): no separator then.
    pkt.cols.append_info(pkt.cols.info.empty() ? "[TCP segment of a reassembled PDU]"
                                               : " [TCP segment of a reassembled PDU]");
  }
}

void report_limit(Packet& pkt, int tcp_tree, const ByteReader& data, const TcpPendingPdu& p,
                  size_t more) {
  add_expert(pkt, tcp_tree, limit_exceeded, data, 0, data.size(),
             "Reassembly memory limit exceeded: pending PDU dropped (" + p.limit_hit(more) + ")",
             kExpertNote, kGroupReassemble);
}

// Calls `upper` on `r` allowing it to ask for more bytes; returns whether it did (and where).
bool call_desegmentable(Packet& pkt, int tcp_tree, Dissector upper, const ByteReader& r,
                        uint32_t* offset, uint32_t* len) {
  TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  tcp.can_desegment = true;
  tcp.tcp_tree = tcp_tree;
  tcp.desegment_offset = 0;
  tcp.desegment_len = 0;
  tcp.frames_pdus = false;
  upper(r, pkt, -1);
  tcp.can_desegment = false;
  *offset = tcp.desegment_offset;
  *len = tcp.desegment_len;
  return *len > 0 && *offset < r.size();
}

// Starts a pending PDU with bytes [off, end) of `r`, which ends just before raw `end_seq`;
// false when the memory limits refuse it.
bool start_pending(TcpStreamReassembly& st, Packet& pkt, int tcp_tree, const ByteReader& r,
                   uint32_t off, uint32_t more, uint32_t end_seq) {
  size_t n = r.size() - off;
  auto p = std::make_shared<TcpPendingPdu>();
  if (pkt.session) p->budget = &pkt.session->memory();
  size_t wanted = n + (more >= kDesegmentUntilFin ? 0 : more);
  if (!p->within_limits(wanted)) {
    report_limit(pkt, tcp_tree, r, *p, wanted);
    st.pending.reset();
    return false;
  }
  p->append(r.ptr(off, n), n);
  p->needed = more >= kDesegmentUntilFin ? more : static_cast<uint32_t>(n + more);
  p->next_seq = end_seq;
  p->segments.push_back({pkt.number, static_cast<uint32_t>(n)});
  p->frames_pdus = pkt.scratch<TcpPayloadContext>().frames_pdus;
  st.pending = std::move(p);
  return true;
}

// The reassembled PDU: its own data source and tshark's segment list at the top of the tree.
ByteReader add_reassembled(Packet& pkt, const TcpPendingPdu& p) {
  uint32_t n = static_cast<uint32_t>(p.bytes.size());
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n ? n : 1, 1));
  std::memcpy(copy, p.bytes.data(), n);
  pkt.sources.push_back(DataSource{"Reassembled TCP", copy, n});
  ByteReader whole(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
  static const ReassemblyTreeFields kTcpTree{segments,           segment,          segment_count,
                                             reassembled_length, reassembled_data, "TCP Segments"};
  add_reassembly_tree(pkt, kTcpTree, p.segments, whole);
  return whole;
}

// Adds this segment's bytes to the pending PDU; returns how many it took, and dissects the PDU
// when they complete it.
size_t continue_pending(TcpStreamReassembly& st, Packet& pkt, int tcp_tree, const ByteReader& data,
                        Dissector upper) {
  TcpPendingPdu& p = *st.pending;
  size_t take = data.size();
  if (p.needed < kDesegmentUntilFin) take = std::min<size_t>(take, p.needed - p.bytes.size());
  if (!p.within_limits(take)) {
    report_limit(pkt, tcp_tree, data, p, take);
    st.pending.reset();
    return 0;
  }
  p.append(data.ptr(0, take), take);
  p.segments.push_back({pkt.number, static_cast<uint32_t>(take)});
  p.next_seq += static_cast<uint32_t>(take);
  ByteReader part = data.sub(0, take);
  if (p.needed == kDesegmentUntilFin ||
      (p.needed != kDesegmentOneMoreSegment && p.bytes.size() < p.needed)) {
    mark_segment_of_pdu(pkt, tcp_tree, part);
    return take;
  }

  const size_t tree_before = pkt.tree.size();
  const size_t sources_before = pkt.sources.size();
  const size_t layers_before = pkt.layers.size();
  const bool sized = p.frames_pdus || std::find(pdu_dissectors.begin(), pdu_dissectors.end(),
                                                 upper) != pdu_dissectors.end();
  if (sized) pkt.add_generated_uint(tcp_tree, pdu_size, p.bytes.size());
  add_tcp_segment_data(pkt, tcp_tree, part, false);
  std::shared_ptr<TcpPendingPdu> done = std::move(st.pending);
  ByteReader whole = add_reassembled(pkt, *done);
  uint32_t off, more;
  pkt.scratch<TcpPayloadContext>().reassembled_pdu_sized = sized;
  bool wants_more = call_desegmentable(pkt, tcp_tree, upper, whole, &off, &more);
  pkt.scratch<TcpPayloadContext>().reassembled_pdu_sized = false;
  if (wants_more) {
    if (off == 0) {
      // The PDU's length is known only now and it is still short: as in tshark, this segment
      // is just one more segment of it (no reassembly shown yet), and collecting goes on.
      pkt.tree.truncate(tree_before);
      pkt.sources.resize(sources_before);
      pkt.layers.resize(layers_before);
      mark_segment_of_pdu(pkt, tcp_tree, part);
      done->needed =
          more >= kDesegmentUntilFin ? more : static_cast<uint32_t>(done->bytes.size() + more);
      st.pending = std::move(done);
      return take;
    }
    note_reassembled(pkt, *done);
    // A whole PDU, then the start of the next one: collect that one from where it starts.
    auto rest = std::make_shared<TcpPendingPdu>();
    rest->append(done->bytes.data() + off, done->bytes.size() - off);
    rest->needed =
        more >= kDesegmentUntilFin ? more : static_cast<uint32_t>(done->bytes.size() - off + more);
    rest->next_seq = done->next_seq;
    rest->frames_pdus = pkt.scratch<TcpPayloadContext>().frames_pdus;
    rest->segments.push_back({pkt.number, static_cast<uint32_t>(take)});
    st.pending = std::move(rest);
    return take;
  }
  note_reassembled(pkt, *done);
  return take;
}

}  // namespace

void tcp_reassemble_payload(Packet& pkt, TcpStreamReassembly& st, int tcp_tree, uint32_t seq,
                            const ByteReader& data, Dissector upper) {
  if (data.truncated()) {  // a PDU cannot be rebuilt from a cut snapshot
    st.pending.reset();
    pkt.scratch<TcpPayloadContext>().tcp_tree = tcp_tree;
    upper(data, pkt, -1);
    return;
  }
  size_t used = 0;
  if (st.pending) {
    if (st.pending->next_seq == seq)
      used = continue_pending(st, pkt, tcp_tree, data, upper);
    else
      st.pending.reset();  // a gap or overlap: in-order reassembly gives the PDU up
  }
  if (used == data.size()) return;
  if (used > 0 && st.pending) return;  // the completed PDU's dissector wants more already

  ByteReader rest = data.sub(used);
  // Another PDU follows the reassembled one: what the Info column shows of that one stays, as
  // tshark's TCP fences the column before dissecting the rest.
  if (used > 0 && pkt.cols.enabled) pkt.cols.fence();
  uint32_t off, more;
  if (!call_desegmentable(pkt, tcp_tree, upper, rest, &off, &more)) return;
  if (!start_pending(st, pkt, tcp_tree, rest, off, more, seq + static_cast<uint32_t>(data.size())))
    return;
  // The start of the next PDU is shown as segment data; only a segment that holds nothing else
  // is called a segment of a reassembled PDU (tshark's rule).
  ByteReader tail = rest.sub(off);
  if (off == 0 && used == 0)
    mark_segment_of_pdu(pkt, tcp_tree, tail);
  else
    add_start_of_pdu(pkt, tcp_tree, tail);
}

void tcp_reassembly_fin(Packet& pkt, TcpStreamReassembly& st, int tcp_tree, uint32_t fin_seq,
                        Dissector upper) {
  if (!st.pending || !upper || st.pending->needed != kDesegmentUntilFin ||
      st.pending->next_seq != fin_seq)
    return;
  std::shared_ptr<TcpPendingPdu> done = std::move(st.pending);
  if (done->segments.empty() || done->segments.back().frame != pkt.number)
    done->segments.push_back({pkt.number, 0});
  ByteReader whole = add_reassembled(pkt, *done);
  note_reassembled(pkt, *done);
  TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  tcp.tcp_tree = tcp_tree;
  tcp.can_desegment = false;
  upper(whole, pkt, -1);
}

void add_reassembly_tree(Packet& pkt, const ReassemblyTreeFields& fields,
                         const std::vector<TcpPendingPdu::Segment>& parts,
                         const ByteReader& whole) {
  uint32_t n = static_cast<uint32_t>(whole.size());
  int list = pkt.tree.add(-1, fields.segments, whole, 0, n, Value(), kGenerated);
  std::string label;
  if (pkt.labels)
    label = fmt::format("{} Reassembled {} ({} bytes): ", parts.size(), fields.noun, n);
  uint32_t off = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const TcpPendingPdu::Segment& s = parts[i];
    int c = pkt.tree.add(list, fields.segment, whole, off, s.length, Value::of_uint(s.frame),
                         kGenerated);
    if (pkt.labels) {
      if (s.length == 0)  // the FIN that ended a PDU read until the close
        pkt.set_label(c, fmt::format("Frame: {} (no data)", s.frame));
      else
        pkt.set_label(c, fmt::format("Frame: {}, payload: {}-{} ({} byte{})", s.frame, off,
                                     off + s.length - 1, s.length, s.length == 1 ? "" : "s"));
      label += fmt::format("{}#{}({})", i ? ", " : "", s.frame, s.length);
    }
    off += s.length;
  }
  // tshark appends to this label only while it fits its 240-byte label buffer.
  if (label.size() > 239) label.resize(239);
  if (pkt.labels) pkt.set_label(list, label);
  pkt.tree.add_generated(list, fields.count, Value::of_uint(parts.size()));
  pkt.tree.add_generated(list, fields.length, Value::of_uint(n));
  pkt.tree.add(list, fields.data, whole, 0, n, Value::of_bytes(whole.ptr(0, n), n), kGenerated);
}

void tcp_register_pdu_dissector(Dissector upper) {
  pdu_dissectors.push_back(upper);
}

void tcp_add_pdu_size(Packet& pkt, const ByteReader& r, size_t off, size_t len, bool any_source) {
  // A reassembled PDU's reader has its own data source; TCP has shown its size already.
  int tcp_tree = pkt.scratch<TcpPayloadContext>().tcp_tree;
  const TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  if (tcp_tree < 0) return;
  if (r.source() != pkt.tree[tcp_tree].source &&
      (!any_source || (tcp.reassembled_pdu_sized && r.origin() + off == 0)))
    return;
  pkt.tree.add(tcp_tree, pdu_size, r, off, len, Value::of_uint(len), kGenerated);
}

}  // namespace netsift
