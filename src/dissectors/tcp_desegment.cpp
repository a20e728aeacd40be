// TCP desegmentation (see tcp_desegment.h): collecting pending PDU bytes, showing them and calling
// the dissector again on the reassembled buffer.
#include "dissectors/tcp_desegment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "analysis/tcp_sequence_analysis.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/tcp_analysis_tree.h"
#include "dissectors/tcp_fields.h"

namespace netsift {

namespace {

using namespace tcp_reassembly_fields;

std::vector<Dissector> pdu_dissectors;  // written at registration only

bool lt_seq(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) < 0;
}
bool le_seq(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) <= 0;
}

// The frames of a PDU's segments, in the order tshark lists them (by offset).
std::vector<TcpPendingPdu::Segment> segments_of(const TcpMsp& m) {
  std::vector<TcpPendingPdu::Segment> parts;
  for (const TcpMsp::Fragment& f : m.fragments)
    parts.push_back({f.frame, static_cast<uint32_t>(f.bytes.size()), f.offset});
  return parts;
}

// What the first pass of -2 notes when a PDU is complete: where each earlier segment went.
void note_reassembled(Packet& pkt, const TcpMsp& m) {
  FirstPassNotes& later = pkt.session->later;
  if (!later.recording()) return;
  for (const TcpMsp::Fragment& f : m.fragments)
    if (f.frame != pkt.number) later.note(reassembled_in, f.frame, 0, pkt.number);
}

// Segment data of a PDU's start or middle: with -2 it names the frame the first pass
// reassembled that PDU in.
void add_segment_of_pdu(Packet& pkt, int tcp_tree, const ByteReader& data) {
  if (auto frame = pkt.session->later.find(reassembled_in, pkt.number))
    pkt.add_generated_uint(tcp_tree, reassembled_in, *frame);
  add_tcp_segment_data(pkt, tcp_tree, data, false);
}

void mark_segment_of_pdu(Packet& pkt) {
  if (!pkt.cols.enabled) return;
  pkt.cols.set_protocol("TCP");
  // A payload dissector may have cleared the column (TLS does): no separator then.
  pkt.cols.append_info(pkt.cols.info.empty() ? "[TCP segment of a reassembled PDU]"
                                             : " [TCP segment of a reassembled PDU]");
}

void report_limit(Packet& pkt, int tcp_tree, const ByteReader& data, const std::string& why) {
  add_expert(pkt, tcp_tree, limit_exceeded, data, 0, data.size(),
             "Reassembly memory limit exceeded: pending PDU dropped (" + why + ")", kExpertNote,
             kGroupReassemble);
}

// tshark's process_tcp_payload/decode_tcp_ports for `r`: a keep-alive's byte is data, a
// retransmitted or out-of-order segment goes to no dissector (tcp.no_subdissector_on_error),
// else `upper` (data without one), allowed to ask for more bytes when `can_desegment`.
// Returns the dissector's answer in `offset`/`len` (0 when it asks for nothing).
void process_payload(Packet& pkt, int tcp_tree, const TcpSegmentInfo& seg, Dissector upper,
                     const ByteReader& r, bool can_desegment, uint32_t* offset, uint32_t* len) {
  *offset = *len = 0;
  TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  tcp.tcp_tree = tcp_tree;
  if (seg.analysis & kTaKeepAlive) {
    pkt.call_data(r, -1);
    return;
  }
  if (seg.no_subdissector_on_error && (seg.analysis & (kTaRetransmission | kTaOutOfOrder))) return;
  if (!upper) {
    pkt.call_data(r, -1);
    return;
  }
  tcp.can_desegment = can_desegment;
  tcp.desegment_offset = 0;
  tcp.desegment_len = 0;
  tcp.frames_pdus = false;
  upper(r, pkt, -1);
  tcp.can_desegment = false;
  if (!can_desegment || tcp.desegment_len == 0 || tcp.desegment_offset >= r.size()) return;
  *offset = tcp.desegment_offset;
  *len = tcp.desegment_len;
}

// tshark's segment list of the reassembled PDU `whole`, at the top level of the tree.
void add_segment_list(Packet& pkt, const TcpMsp& m, const ByteReader& whole) {
  static const ReassemblyTreeFields kTcpTree{segments,           segment,          segment_count,
                                             reassembled_length, reassembled_data, "TCP Segments"};
  add_reassembly_tree(pkt, kTcpTree, segments_of(m), whole);
}

// The reassembled PDU as its own data source.
ByteReader reassembled_source(Packet& pkt, const TcpMsp& m) {
  uint32_t n = static_cast<uint32_t>(m.whole.size());
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n ? n : 1, 1));
  if (n) std::memcpy(copy, m.whole.data(), n);
  pkt.sources.push_back(DataSource{"Reassembled TCP", copy, n});
  return ByteReader(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
}

// Adds a fragment to `m`, within the memory bounds (a PDU refused is dropped with an expert
// info). True when the PDU is whole.
bool add_fragment(Packet& pkt, TcpStreamReassembly& st, int tcp_tree, TcpMsp& m, uint32_t offset,
                  const ByteReader& part, bool more) {
  uint32_t n = static_cast<uint32_t>(part.size());
  size_t need = n + (more ? 0 : uint64_t{offset} + n);  // the reassembled copy too
  if (!m.within_limits(need)) {
    report_limit(pkt, tcp_tree, part, m.limit_hit(need));
    st.msps.erase(m.seq);
    return false;
  }
  return m.add(pkt.number, offset, part.ptr(0, n), n, more);
}

// A new PDU from `deseg_seq` to `nxtpdu`, starting with `part` (pdu_store_sequencenumber_of_
// next_pdu and its first fragment).
void start_pdu(Packet& pkt, TcpStreamReassembly& st, int tcp_tree, uint32_t deseg_seq,
               uint32_t nxtpdu, bool entire_segment, const ByteReader& part, uint32_t nxtseq) {
  auto m = std::make_shared<TcpMsp>();
  if (pkt.session) m->budget = &pkt.session->memory();
  m->seq = deseg_seq;
  m->nxtpdu = nxtpdu;
  m->first_frame = m->last_frame = pkt.number;
  m->entire_segment = entire_segment;
  m->frames_pdus = pkt.scratch<TcpPayloadContext>().frames_pdus;
  TcpMsp& added = st.insert(std::move(m));
  add_fragment(pkt, st, tcp_tree, added, 0, part, lt_seq(nxtseq, nxtpdu));
}

}  // namespace

void tcp_reassemble_payload(Packet& pkt, TcpStreamReassembly& st, int tcp_tree,
                            const TcpSegmentInfo& seg, const ByteReader& data, Dissector upper) {
  const uint32_t nxtseq = seg.seq + static_cast<uint32_t>(data.size());
  uint32_t offset = 0;
  uint32_t seq = seg.seq;
  bool first_pdu = true;
  for (;;) {  // tshark's desegment_tcp, one PDU of the segment per round
    ByteReader here = data.sub(offset);
    uint32_t deseg_off = 0, deseg_len = 0;  // the last dissector's answer
    bool called = false, must_desegment = false;
    uint32_t deseg_offset = offset;
    uint32_t another_pdu_follows = 0;
    uint32_t last_fragment_len = 0;
    bool complete = false;

    TcpMsp* msp = st.find(seq);
    if (msp && nxtseq <= msp->nxtpdu && msp->last_frame != pkt.number) {
      // The first segment of a known PDU again: a retransmission.
      add_tcp_segment_data(pkt, tcp_tree, here, msp->first_frame != pkt.number);
      return;
    }
    if (seg.analysis & kTaSpuriousRetransmission) return;
    if (seg.analysis & kTaRetransmission) {
      add_tcp_segment_data(pkt, tcp_tree, here, true);
      return;
    }
    if (!msp) msp = st.find_le(seq - 1);
    if (msp && le_seq(msp->seq, seq) && lt_seq(seq, msp->nxtpdu)) {
      // The segment continues a PDU (whatever came before it): add it where it belongs.
      msp->last_frame = pkt.number;
      uint32_t len = msp->entire_segment ? static_cast<uint32_t>(here.size())
                                         : std::min(nxtseq - seq, msp->nxtpdu - seq);
      last_fragment_len = len;
      bool entire = msp->entire_segment;
      uint32_t msp_seq = msp->seq;
      complete = add_fragment(pkt, st, tcp_tree, *msp, seq - msp_seq, here.sub(0, len),
                              lt_seq(nxtseq, msp->nxtpdu));
      msp = st.find(msp_seq);  // null when the memory bounds dropped it
      if (msp && complete && entire) {
        msp->entire_segment = false;
        if (lt_seq(msp->nxtpdu, nxtseq)) msp->nxtpdu = nxtseq;
      }
      if (msp && msp->nxtpdu < nxtseq && msp->nxtpdu >= seq && len > 0)
        another_pdu_follows = msp->nxtpdu - seq;
    } else {
      msp = nullptr;
      process_payload(pkt, tcp_tree, seg, upper, here, true, &deseg_off, &deseg_len);
      called = true;
      if (deseg_len) {
        must_desegment = true;
        deseg_offset = offset + deseg_off;
      }
    }

    if (msp && complete && msp->reassembled_in == pkt.number) {
      const size_t tree_before = pkt.tree.size();
      const size_t sources_before = pkt.sources.size();
      const size_t layers_before = pkt.layers.size();
      const bool sized = msp->frames_pdus || std::find(pdu_dissectors.begin(), pdu_dissectors.end(),
                                                       upper) != pdu_dissectors.end();
      if (sized) pkt.add_generated_uint(tcp_tree, pdu_size, msp->whole.size());
      // tshark adds the segment list after the PDU's dissection and moves it right behind
      // TCP's item, but proto_tree_move_item does nothing in a tree built only for fields or
      // statistics: there (-z io,phs) the list follows the PDU's protocols.
      const bool list_after = !pkt.labels;
      ByteReader whole = reassembled_source(pkt, *msp);
      if (!list_after) add_segment_list(pkt, *msp, whole);
      pkt.scratch<TcpPayloadContext>().reassembled_pdu_sized = sized;
      process_payload(pkt, tcp_tree, seg, upper, whole, true, &deseg_off, &deseg_len);
      pkt.scratch<TcpPayloadContext>().reassembled_pdu_sized = false;
      called = true;
      if (deseg_len) {
        if (deseg_off == 0) {
          // Nothing of it dissected: the segment is one more segment of the PDU, which the
          // dissector now knows to be longer.
          pkt.tree.truncate(tree_before);
          pkt.sources.resize(sources_before);
          pkt.layers.resize(layers_before);
          msp->set_partial();
        } else if (le_seq(msp->seq + deseg_off, seq)) {
          msp->set_partial();
        } else {
          // A whole PDU, then the start of the next one: that one is a PDU of its own.
          if (list_after) add_segment_list(pkt, *msp, whole);
          note_reassembled(pkt, *msp);
          std::shared_ptr<TcpMsp> rest = msp->split(deseg_off, pkt.number);
          msp = &st.insert(std::move(rest));
        }
        if (deseg_len == kDesegmentOneMoreSegment) {
          uint32_t end = seq + static_cast<uint32_t>(here.size());
          msp->nxtpdu = (lt_seq(msp->nxtpdu, end) ? end : msp->nxtpdu) + 1;
          msp->entire_segment = true;
        } else if (deseg_len == kDesegmentUntilFin) {
          st.until_fin = true;
          msp->nxtpdu = msp->seq + 0x40000000;
        } else if (!lt_seq(seq + last_fragment_len, msp->nxtpdu)) {
          msp->nxtpdu = seq + last_fragment_len + deseg_len;
        } else {
          msp->nxtpdu += deseg_len;  // an out-of-order segment completed it
        }
        offset += last_fragment_len;
        seq += last_fragment_len;
        if (offset < data.size()) continue;
      } else {
        uint32_t n = another_pdu_follows ? another_pdu_follows : static_cast<uint32_t>(here.size());
        add_tcp_segment_data(pkt, tcp_tree, here.sub(0, n), false);
        if (list_after) add_segment_list(pkt, *msp, whole);
        note_reassembled(pkt, *msp);
        if (!msp->partial) msp->drop_bytes();
      }
    }

    if (must_desegment) {
      uint32_t deseg_seq = seq + (deseg_offset - offset);
      if (deseg_len == kDesegmentUntilFin) st.until_fin = true;
      if (nxtseq - deseg_seq <= 1024 * 1024) {
        uint32_t nxtpdu = deseg_len == kDesegmentOneMoreSegment ? nxtseq + 1
                          : deseg_len == kDesegmentUntilFin     ? nxtseq + 0x40000000
                                                                : nxtseq + deseg_len;
        start_pdu(pkt, st, tcp_tree, deseg_seq, nxtpdu, deseg_len == kDesegmentOneMoreSegment,
                  data.sub(deseg_offset), nxtseq);
      }
    }

    if (!called || deseg_len != 0) {
      // The middle of a PDU, or the start of one the dissector could not finish.
      if (deseg_off == 0 && first_pdu) mark_segment_of_pdu(pkt);
      ByteReader rest = data.sub(deseg_offset);
      add_segment_of_pdu(pkt, tcp_tree,
                         another_pdu_follows ? rest.sub(0, another_pdu_follows) : rest);
    }
    if (!another_pdu_follows) return;
    // Another PDU follows in this segment: what the Info column shows of this one stays.
    if (pkt.cols.enabled) pkt.cols.fence();
    first_pdu = false;
    offset += another_pdu_follows;
    seq += another_pdu_follows;
  }
}

bool tcp_reassembly_fin(Packet& pkt, TcpStreamReassembly& st, int tcp_tree, uint32_t seq,
                        const ByteReader& data, Dissector upper) {
  if (!st.until_fin) return false;
  if (st.fin_frame && st.fin_frame != pkt.number) return false;  // a retransmitted FIN
  st.fin_frame = pkt.number;
  TcpMsp* msp = st.find_le(seq - 1);
  if (!msp) return false;
  if (!add_fragment(pkt, st, tcp_tree, *msp, seq - msp->seq, data, false)) return false;
  if (msp->reassembled_in != pkt.number) return false;
  ByteReader whole = reassembled_source(pkt, *msp);
  add_segment_list(pkt, *msp, whole);  // before the payload in any tree, as tshark here
  note_reassembled(pkt, *msp);
  uint32_t off, len;
  process_payload(pkt, tcp_tree, TcpSegmentInfo{seq, 0, false}, upper, whole, false, &off, &len);
  msp->drop_bytes();
  return true;
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
    if (s.offset >= 0) off = static_cast<uint32_t>(s.offset);
    uint32_t shown = off > n ? 0 : std::min(s.length, n - off);
    int c =
        pkt.tree.add(list, fields.segment, whole, off, shown, Value::of_uint(s.frame), kGenerated);
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
