// Everything known about the packet being dissected: its bytes and capture metadata, the tree
// being built, the summary columns, and the addresses/ports later layers and outputs use.
// One Packet object is reused for every frame of a run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/captured_frame.h"
#include "core/address.h"
#include "core/arena.h"
#include "core/byte_reader.h"
#include "core/dissector_table.h"
#include "core/field.h"
#include "core/packet_tree.h"
#include "core/protocol_state.h"

namespace netsift {

struct Session;
struct Conversation;

enum class Endian { kBig, kLittle };

enum class PortType : uint8_t { kNone, kTcp, kUdp };

// Extra byte buffers a packet's tree may point into (reassembled or decrypted data), shown as
// additional tabs in Wireshark and extra hex dumps with -x.
struct DataSource {
  const char* name;  // "Reassembled IPv4"
  const uint8_t* data;
  uint32_t length;
};

// Summary-line columns. Dissectors write them only when `enabled` (formatting costs time).
struct Columns {
  bool enabled = true;
  std::string protocol;
  std::string info;
  size_t info_fence = 0;  // info text before this index is kept by later set_info calls
  size_t protocol_fence = 0;  // the same for set_protocol (tshark's col_set_fence)

  void clear() {
    protocol.clear();
    info.clear();
    info_fence = 0;
    protocol_fence = 0;
  }
  // Replaces the protocol text after the fence.
  void set_protocol(std::string_view p) {
    protocol.resize(protocol_fence);
    protocol.append(p);
  }
  void fence_protocol() { protocol_fence = protocol.size(); }
  // Replaces the info text after the fence.
  void set_info(std::string_view s) {
    info.resize(info_fence);
    info.append(s);
  }
  void append_info(std::string_view s) { info.append(s); }
  // Appends `s`, preceded by `sep` when info already has text after the fence.
  void append_sep_info(std::string_view sep, std::string_view s) {
    if (info.size() > info_fence) info.append(sep);
    info.append(s);
  }
  void fence() { info_fence = info.size(); }
};

// A record a dissector leaves for statistics and exports about something it dissected in this
// packet (Wireshark's tap_queue_packet): `tap` tells the kind (the address of a tag the
// dissector's header declares), `data` points into the packet arena or bytes.
struct TapRecord {
  const void* tap;
  const void* data;
};

struct Packet {
  // Capture metadata and bytes.
  uint64_t number = 0;
  const CapturedFrame* frame = nullptr;
  Session* session = nullptr;

  // Dissection results.
  PacketTree tree;
  Arena arena;
  Columns cols;
  // Whether the tree's text is wanted (-V, -O, -x, JSON, protocol fields in -T fields): only
  // then do dissectors build their own item labels (cols.enabled only asks for the columns).
  bool labels = true;
  std::vector<FieldId> layers;  // protocols in dissection order, for frame.protocols
  std::vector<DataSource> sources;
  std::vector<TapRecord> taps;  // in the order the dissectors queued them
  bool malformed = false;
  // Time since the previous captured and the previous displayed frame (frame.time_delta and
  // frame.time_delta_displayed), kept for the Time column whatever fields the run reads.
  int64_t delta_ns = 0, delta_displayed_ns = 0;

  Address dl_src, dl_dst;    // link layer
  Address net_src, net_dst;  // network layer
  Address src, dst;          // the most recent of the two (Source/Destination columns)
  PortType port_type = PortType::kNone;
  uint16_t src_port = 0, dst_port = 0;
  int ip_depth = 0;           // nesting depth of IP headers (tunnels, ICMP quotes)
  bool in_error_pkt = false;  // dissecting the packet an ICMP error quotes (Wireshark's flag)
  // An IP fragment dissected without reassembly (Wireshark's pinfo->fragmented): the transport
  // layer sees part of its segment, so cannot verify its checksum.
  bool fragmented = false;
  // Whether TCP and UDP hand payloads to application dissectors: a run-wide setting, false when
  // nothing the run reads comes from above the transport layer (cli/field_interest.h).
  bool payloads = true;

  // The transport conversation (TCP connection, UDP flow) of the innermost transport header
  // dissected so far, set by TCP and UDP before they hand on their payload: protocols above
  // keep their per-conversation state in it (core/conversation.h).
  Conversation* conversation = nullptr;

  void reset(uint64_t num, const CapturedFrame* f, Session* s);

  // Per-packet data of protocol state type `T` (registered with StateScope::kPacket), initial
  // again in every packet: how protocols hand each other per-packet facts without a member
  // here (TCP's desegmentation contract, dissectors/tcp_desegment.h).
  template <class T>
  T& scratch() {
    return scratch_.get<T>();
  }

  // Adds a protocol node and records the protocol in `layers` (for frame.protocols).
  int add_protocol(int parent, FieldId proto, const ByteReader& r, size_t off, size_t len);
  // Records a layer that has no tree node (tshark's "ethertype" pseudo protocol).
  void add_layer(FieldId proto) { layers.push_back(proto); }

  // Adds field `f` read from r[off, off+len) according to its type, bitmask and `e`, as
  // Wireshark's proto_tree_add_item does; returns the node index.
  int add_item(int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
               Endian e = Endian::kBig);
  // Adds field `f` with a value computed by the dissector.
  int add_uint(int parent, FieldId f, const ByteReader& r, size_t off, size_t len, uint64_t v) {
    return tree.add(parent, f, r, off, len, Value::of_uint(v));
  }
  int add_generated_uint(int parent, FieldId f, uint64_t v) {
    return tree.add_generated(parent, f, Value::of_uint(v));
  }
  // A string value kept in the packet arena (generated text).
  int add_generated_string(int parent, FieldId f, std::string_view s, uint8_t flags = 0);
  // String field `f` read from r[off, off+len) as tshark's ENC_ASCII reads it (up to a NUL,
  // bytes above 0x7f as U+FFFD).
  int add_ascii(int parent, FieldId f, const ByteReader& r, size_t off, size_t len);
  // Sets a custom tree label for node `n` (only called when the tree text is wanted).
  void set_label(int n, std::string_view text) {
    if (labels) tree[n].label = arena.copy(text).data();
  }

  // Hands the rest of the packet to the dissector registered for `key` in `table`, or to the
  // "data" dissector when none is. Returns the bytes consumed.
  size_t call_next(const DissectorTable& table, uint32_t key, const ByteReader& r, int parent);
  // The "data" dissector: the bytes as an opaque blob.
  size_t call_data(const ByteReader& r, int parent);

  void set_dl_addresses(const Address& s, const Address& d) {
    dl_src = src = s;
    dl_dst = dst = d;
  }
  void set_net_addresses(const Address& s, const Address& d) {
    net_src = src = s;
    net_dst = dst = d;
  }

 private:
  PacketScratch scratch_;
};

}  // namespace netsift
