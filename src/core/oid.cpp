#include "core/oid.h"

#include <charconv>
#include <unordered_map>

#include "core/oid_names.h"

namespace netsift {

bool append_oid_dotted(std::string& out, const uint8_t* p, size_t n) {
  bool first = true;
  uint64_t v = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    if (bits > 57) return false;  // the next 7 bits would not fit
    v = (v << 7) | (p[i] & 0x7f);
    bits += 7;
    if (p[i] & 0x80) continue;
    if (first) {
      // The first subidentifier packs the first two arcs: 40 * X + Y, X in 0..2.
      uint64_t x = v < 40 ? 0 : v < 80 ? 1 : 2;
      out.append(std::to_string(x)).push_back('.');
      out.append(std::to_string(v - 40 * x));
      first = false;
    } else {
      out.push_back('.');
      out.append(std::to_string(v));
    }
    v = 0;
    bits = 0;
  }
  return bits == 0;
}

namespace {

const std::unordered_map<std::string_view, const char*>& names_by_oid() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::string_view, const char*>();
    m->reserve(kOidNameCount);
    for (size_t i = 0; i < kOidNameCount; ++i) m->emplace(kOidNames[i].dotted, kOidNames[i].name);
    return m;
  }();
  return *map;
}

}  // namespace

const char* oid_exact_name(std::string_view dotted) {
  const auto& m = names_by_oid();
  auto it = m.find(dotted);
  return it == m.end() ? nullptr : it->second;
}

std::string oid_resolved_name(std::string_view dotted) {
  for (size_t end = dotted.size(); end != std::string_view::npos && end > 0;
       end = dotted.rfind('.', end - 1)) {
    if (const char* name = oid_exact_name(dotted.substr(0, end))) {
      std::string s(name);
      s.append(dotted.substr(end));
      return s;
    }
  }
  return {};
}

bool encode_oid(std::string_view dotted, std::string& out) {
  uint64_t arcs[128];
  size_t count = 0;
  size_t i = 0;
  while (i <= dotted.size()) {
    size_t dot = dotted.find('.', i);
    if (dot == std::string_view::npos) dot = dotted.size();
    if (dot == i || count == 128) return false;
    auto [ptr, ec] = std::from_chars(dotted.data() + i, dotted.data() + dot, arcs[count]);
    if (ec != std::errc() || ptr != dotted.data() + dot) return false;
    ++count;
    i = dot + 1;
  }
  if (count < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40)) return false;
  if (arcs[1] > UINT64_MAX - 80) return false;
  arcs[1] += arcs[0] * 40;
  for (size_t k = 1; k < count; ++k) {
    uint8_t buf[10];
    int len = 0;
    uint64_t v = arcs[k];
    do {
      buf[len++] = static_cast<uint8_t>(v & 0x7f);
      v >>= 7;
    } while (v);
    while (len-- > 0) out.push_back(static_cast<char>(buf[len] | (len ? 0x80 : 0)));
  }
  return true;
}

}  // namespace netsift
