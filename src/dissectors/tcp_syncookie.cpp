#include "dissectors/tcp_syncookie.h"

#include <ctime>
#include <string>

#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/tcp_fields.h"

namespace netsift {

namespace {

using namespace tcp_syncookie_fields;

// proto_tree_add_bits_item's label: the bits of the bytes the item covers, two spaces between
// bytes, then the name and `value_text`.
void set_bits_label(Packet& pkt, int n, uint64_t bytes, uint64_t mask, int width,
                    std::string_view value_text) {
  if (!pkt.labels) return;
  std::string text;
  for (int i = 0; i < width; ++i) {
    if (i && i % 8 == 0)
      text.append("  ");
    else if (i && i % 4 == 0)
      text.push_back(' ');
    uint64_t bit = uint64_t{1} << (width - 1 - i);
    text.push_back(mask & bit ? (bytes & bit ? '1' : '0') : '.');
  }
  append_format(text, " = {}: {}", registry().info(pkt.tree[n].field).def.name, value_text);
  pkt.set_label(n, text);
}

// tshark's abs_time_secs_to_str in local time with the zone: "Oct  5, 1972 06:08:00 UTC".
std::string local_time_text(time_t secs) {
  struct tm tm {};
  if (!localtime_r(&secs, &tm)) return "Not representable";
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string text;
  append_format(text, "{} {:2}, {} {:02}:{:02}:{:02} {}", kMonths[tm.tm_mon], tm.tm_mday,
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_zone);
  return text;
}

void append_syn_cookie_note(Packet& pkt, int n) {
  if (!pkt.labels || !pkt.tree[n].label) return;
  pkt.set_label(n, std::string(pkt.tree[n].label) + " (syn cookie)");
}

}  // namespace

void add_syn_cookie_sequence(Packet& pkt, int seq_raw_node, const ByteReader& r) {
  if (pkt.labels && !pkt.tree[seq_raw_node].label)
    pkt.set_label(seq_raw_node, fmt::format("Sequence Number (raw): {}", r.u32(4)));
  append_syn_cookie_note(pkt, seq_raw_node);
  uint8_t first = r.u8(4);
  int n = pkt.add_uint(seq_raw_node, time, r, 4, 1, first >> 3);
  set_bits_label(pkt, n, first, 0xf8, 8, std::to_string(first >> 3));
  n = pkt.add_uint(seq_raw_node, mss, r, 4, 1, first & 7);
  set_bits_label(pkt, n, first, 0x07, 8, std::to_string(first & 7));
  pkt.add_uint(seq_raw_node, hash, r, 5, 3, r.u32(4) & 0xffffff);
}

void add_syn_cookie_timestamp(Packet& pkt, int tsval_node, const ByteReader& o) {
  uint32_t tsval = o.u32(2);
  uint32_t timestamp = tsval & ~uint32_t{0x3f};  // 26 bits, shifted back to seconds
  int n = pkt.add_uint(tsval_node, option_timestamp, o, 2, 4, timestamp);
  set_bits_label(pkt, n, tsval, 0xffffffc0, 32, local_time_text(timestamp));
  uint8_t last = o.u8(5);
  n = pkt.add_uint(tsval_node, option_ecn, o, 5, 1, (last >> 5) & 1);
  set_bits_label(pkt, n, last, 0x20, 8, (last & 0x20) ? "True" : "False");
  n = pkt.add_uint(tsval_node, option_sack, o, 5, 1, (last >> 4) & 1);
  set_bits_label(pkt, n, last, 0x10, 8, (last & 0x10) ? "True" : "False");
  n = pkt.add_uint(tsval_node, option_wscale, o, 5, 1, last & 0x0f);
  set_bits_label(pkt, n, last, 0x0f, 8, std::to_string(last & 0x0f));
}

}  // namespace netsift
