#include "output/hex_dump.h"
#include "core/append_format.h"

#include <fmt/format.h>

namespace netsift {

namespace {
constexpr char kHex[] = "0123456789abcdef";
constexpr size_t kPerLine = 16;

// tshark uses at least four offset digits, more only when the data needs them.
int offset_digits(size_t n) {
  int digits = 4;
  size_t max = n ? n - 1 : 0;
  while (digits < 8 && (max >> (digits * 4)) != 0) ++digits;
  return digits;
}
}  // namespace

void append_hex_dump(std::string& out, const uint8_t* data, size_t n, HexDumpStyle::Ascii ascii) {
  using Ascii = HexDumpStyle::Ascii;
  int digits = offset_digits(n);
  for (size_t line = 0; line < n; line += kPerLine) {
    size_t count = n - line < kPerLine ? n - line : kPerLine;
    append_format(out, "{:0{}x}  ", line, digits);
    for (size_t i = 0; i < kPerLine; ++i) {
      if (i) out.push_back(' ');
      if (i < count) {
        out.push_back(kHex[data[line + i] >> 4]);
        out.push_back(kHex[data[line + i] & 15]);
      } else {
        out.append("  ");
      }
    }
    out.append("   ");
    if (ascii != Ascii::kExclude) {
      if (ascii == Ascii::kDelimit) out.push_back('|');
      for (size_t i = 0; i < count; ++i) {
        uint8_t c = data[line + i];
        out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '.');
      }
      if (ascii == Ascii::kDelimit) out.push_back('|');
    }
    out.push_back('\n');
  }
}

void append_packet_hex_dump(std::string& out, const Packet& pkt, const HexDumpStyle& style) {
  const uint8_t* data = pkt.frame ? pkt.frame->data : nullptr;
  size_t n = pkt.frame ? pkt.frame->caplen : 0;
  if (pkt.sources.empty() || style.frame_only) {
    append_hex_dump(out, data, n, style.ascii);
    return;
  }
  append_format(out, "Frame ({} bytes):\n", n);
  append_hex_dump(out, data, n, style.ascii);
  for (const DataSource& s : pkt.sources) {
    append_format(out, "{} ({} bytes):\n", s.name, s.length);
    append_hex_dump(out, s.data, s.length, style.ascii);
  }
}

}  // namespace netsift
