// Length-prefixed vectors (RFC 8446 section 3.4, "opaque x<min..max>") checked as tshark 4.0
// checks them (ssl_add_vector, ssl_end_vector in packet-tls-utils.c), so that malformed hellos
// show the same expert items and stop at the same place.
#include <string>

#include "core/expert.h"
#include "dissectors/tls_internal.h"

namespace netsift::tls {

namespace {

// An error item of its own (tshark's proto_tree_add_expert_format): a text node labelled `msg`
// holding the expert info.
void add_expert_text(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len,
                     const std::string& msg) {
  int n = add_text(pkt, parent, r, off, len, msg);
  add_expert(pkt, n, f_malformed_too_small, r, off, len, msg, kExpertError, kGroupMalformed);
}

}  // namespace

bool add_vector(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t end, FieldId f,
                uint32_t min, uint32_t max, uint32_t* len) {
  *len = 0;
  if (off > end) {
    add_expert(pkt, parent, f_malformed_too_small, r, 0, 0,
               "Vector offset is past buffer end offset (" + std::to_string(off) + " > " +
                   std::to_string(end) + ")",
               kExpertError, kGroupMalformed);
    return false;
  }
  size_t width = max > 0xffffff ? 4 : max > 0xffff ? 3 : max > 0xff ? 2 : 1;
  if (end - off < width) {
    add_expert_text(pkt, parent, r, off, end - off,
                    "No more room for vector of length " + std::to_string(width));
    return false;
  }
  int item = pkt.add_item(parent, f, r, off, width);
  auto value = static_cast<uint32_t>(r.uint(off, width));
  off += width;
  if (value < min) {
    add_expert(pkt, item, f_malformed_vector_length, r, off - width, width,
               "Vector length " + std::to_string(value) + " is smaller than minimum " +
                   std::to_string(min),
               kExpertWarn, kGroupProtocol);
  } else if (value > max) {
    add_expert(
        pkt, item, f_malformed_vector_length, r, off - width, width,
        "Vector length " + std::to_string(value) + " is larger than maximum " + std::to_string(max),
        kExpertWarn, kGroupProtocol);
  }
  if (end - off < value) {
    add_expert(pkt, item, f_malformed_too_small, r, off - width, width,
               "Vector length " + std::to_string(value) + " is too large, truncating it to " +
                   std::to_string(end - off),
               kExpertError, kGroupMalformed);
    *len = static_cast<uint32_t>(end - off);
    return false;
  }
  *len = value;
  return true;
}

bool end_vector(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t end) {
  if (off < end) {
    size_t n = end - off;
    std::string msg =
        std::to_string(n) + " trailing byte" + (n == 1 ? " was" : "s were") + " unprocessed";
    int t = add_text(pkt, parent, r, off, n, msg);
    add_expert(pkt, t, f_malformed_trailing, r, off, n, msg, kExpertWarn, kGroupProtocol);
    return false;
  }
  if (off > end) {
    size_t n = off - end;
    add_expert_text(pkt, parent, r, end, n,
                    "Dissector processed too much data (" + std::to_string(n) + " byte" +
                        (n == 1 ? "" : "s") + ")");
    return false;
  }
  return true;
}

}  // namespace netsift::tls
