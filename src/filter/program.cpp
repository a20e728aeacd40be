#define PCRE2_CODE_UNIT_WIDTH 8
#include "filter/program.h"

#include <arpa/inet.h>
#include <pcre2.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/field_registry.h"
#include "core/packet.h"

namespace netsift::dfilter {

VType value_type(FieldType t) {
  switch (t) {
    case FieldType::kNone: return VType::kNone;
    case FieldType::kProtocol: return VType::kProtocol;
    case FieldType::kInt8:
    case FieldType::kInt16:
    case FieldType::kInt24:
    case FieldType::kInt32:
    case FieldType::kInt64: return VType::kInt;
    case FieldType::kFloat:
    case FieldType::kDouble: return VType::kDouble;
    case FieldType::kEther: return VType::kEther;
    case FieldType::kIpv4: return VType::kIpv4;
    case FieldType::kIpv6: return VType::kIpv6;
    case FieldType::kBytes:
    case FieldType::kOid: return VType::kBytes;
    case FieldType::kString:
    case FieldType::kStringz: return VType::kString;
    case FieldType::kAbsTime: return VType::kAbsTime;
    case FieldType::kRelTime: return VType::kRelTime;
    default: return VType::kUint;  // unsigned integers, booleans, chars, frame numbers
  }
}

bool is_bytes_like(VType t) {
  return t == VType::kBytes || t == VType::kString || t == VType::kEther ||
         t == VType::kProtocol;
}

namespace {

template <typename T>
int order(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compare_bytes(const Val& a, const Val& b) {
  size_t n = std::min(a.n, b.n);
  int c = n ? std::memcmp(a.p, b.p, n) : 0;
  return c ? (c < 0 ? -1 : 1) : order(a.n, b.n);
}

// A network prefix shared by both sides: the shorter one wins.
int prefix_bits(const Val& a, const Val& b, int full) {
  int pa = a.prefix ? a.prefix - 1 : full, pb = b.prefix ? b.prefix - 1 : full;
  return std::min(pa, pb);
}

bool has_bytes(const uint8_t* hay, size_t hn, const uint8_t* needle, size_t nn) {
  if (nn == 0) return true;
  if (nn > hn) return false;
  return std::search(hay, hay + hn, needle, needle + nn) != hay + hn;
}

bool non_zero(VType t, const Val& v) {
  switch (t) {
    case VType::kUint:
    case VType::kIpv4: return v.u != 0;
    case VType::kInt:
    case VType::kAbsTime:
    case VType::kRelTime: return v.i != 0;
    case VType::kDouble: return v.d != 0;
    case VType::kString: return v.n != 0;
    default:
      for (uint32_t k = 0; k < v.n; ++k)
        if (v.p[k]) return true;
      return false;
  }
}

// Value of node `nd` for filtering; false when the node carries none (labels).
bool node_value(const Packet& pkt, const Node& nd, Val& v) {
  switch (registry().info(nd.field).def.type) {
    case FieldType::kNone: return false;
    case FieldType::kProtocol: {
      // Source 0 is the captured frame; source k > 0 is pkt.sources[k - 1].
      const uint8_t* base;
      uint32_t size;
      if (nd.source == 0) {
        base = pkt.frame->data;
        size = pkt.frame->caplen;
      } else if (nd.source - 1u < pkt.sources.size()) {
        base = pkt.sources[nd.source - 1].data;
        size = pkt.sources[nd.source - 1].length;
      } else {
        return false;
      }
      // As in Wireshark, a protocol's value is its bytes to the end of the data source (its
      // payload included), so "udp contains ..." searches the datagram's data too.
      uint32_t off = std::min(nd.offset, size);
      v.p = base + off;
      v.n = size - off;
      // Slices and len() see the protocol item's own bytes (tshark's protocol.length).
      v.u = nd.length;
      return true;
    }
    case FieldType::kEther:
    case FieldType::kIpv6:
    case FieldType::kBytes:
    case FieldType::kOid:
    case FieldType::kString:
      v.p = nd.value.bytes.p;
      v.n = nd.value.bytes.n;
      return true;
    case FieldType::kStringz: {
      // A NUL-terminated string's value ends at its NUL (the item's bytes include it).
      v.p = nd.value.bytes.p;
      const void* nul = v.p ? std::memchr(v.p, 0, nd.value.bytes.n) : nullptr;
      v.n = nul ? static_cast<uint32_t>(static_cast<const uint8_t*>(nul) - v.p)
                : nd.value.bytes.n;
      return true;
    }
    default:
      v.u = nd.value.u;
      return true;
  }
}

// Text of a value as string() gives it.
void append_text(VType t, const Val& v, std::string& out) {
  char tmp[64];
  switch (t) {
    case VType::kUint: out += std::to_string(v.u); return;
    case VType::kInt: out += std::to_string(v.i); return;
    case VType::kDouble: std::snprintf(tmp, sizeof tmp, "%.*g", 17, v.d), out += tmp; return;
    case VType::kIpv4: {
      uint32_t be = htonl(static_cast<uint32_t>(v.u));
      inet_ntop(AF_INET, &be, tmp, sizeof tmp);
      out += tmp;
      return;
    }
    case VType::kIpv6:
      if (v.n == 16) inet_ntop(AF_INET6, v.p, tmp, sizeof tmp), out += tmp;
      return;
    case VType::kRelTime:
    case VType::kAbsTime: {
      int64_t s = v.i / 1000000000, ns = v.i % 1000000000;
      std::snprintf(tmp, sizeof tmp, "%s%lld.%09lld", v.i < 0 && s == 0 ? "-" : "",
                    static_cast<long long>(s), static_cast<long long>(ns < 0 ? -ns : ns));
      out += tmp;
      return;
    }
    default:
      for (uint32_t k = 0; k < v.n; ++k) {
        std::snprintf(tmp, sizeof tmp, k ? ":%02x" : "%02x", v.p[k]);
        out += tmp;
      }
  }
}

// Values that may point into `buf` are first recorded as offsets (buf may move while it
// grows), then turned into pointers once it is complete.
void fix_pointers(std::vector<Val>& vals, size_t from, const std::string& buf) {
  for (size_t k = from; k < vals.size(); ++k)
    vals[k].p = reinterpret_cast<const uint8_t*>(buf.data()) + reinterpret_cast<uintptr_t>(vals[k].p);
}

Val uint_val(uint64_t n) {
  Val v;
  v.u = n;
  return v;
}

Val text_val(size_t offset, size_t n) {
  Val v;
  v.p = reinterpret_cast<const uint8_t*>(offset);
  v.n = static_cast<uint32_t>(n);
  return v;
}

}  // namespace

int compare_values(VType t, const Val& a, const Val& b) {
  switch (t) {
    case VType::kUint: return order(a.u, b.u);
    case VType::kInt:
    case VType::kAbsTime:
    case VType::kRelTime: return order(a.i, b.i);
    case VType::kDouble: return order(a.d, b.d);
    case VType::kIpv4: {
      int bits = prefix_bits(a, b, 32);
      uint64_t mask = bits == 0 ? 0 : (0xFFFFFFFFull << (32 - bits)) & 0xFFFFFFFFull;
      return order(a.u & mask, b.u & mask);
    }
    case VType::kIpv6: {
      if (a.n != 16 || b.n != 16) return compare_bytes(a, b);
      int bits = prefix_bits(a, b, 128);
      for (int k = 0; k < 16 && bits > 0; ++k, bits -= 8) {
        uint8_t mask = bits >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - bits));
        int c = order(a.p[k] & mask, b.p[k] & mask);
        if (c) return c;
      }
      return 0;
    }
    default: return compare_bytes(a, b);
  }
}

Program::Program(Program&&) noexcept = default;
Program& Program::operator=(Program&&) noexcept = default;

Program::~Program() {
  for (auto* md : match_data) pcre2_match_data_free(md);
  for (auto* re : regexes) pcre2_code_free(re);
}

bool Program::run(const Packet& pkt) const {
  if (root < 0) return true;
  pkt_ = &pkt;
  if (regs_.size() != code.size()) {
    regs_.resize(code.size());
    bufs_.resize(code.size());
  }
  gather(pkt);
  return test(root);
}

void Program::gather(const Packet& pkt) const {
  occurrences_.resize(slot_field.size());
  for (auto& o : occurrences_) o.clear();
  const auto& nodes = pkt.tree.nodes();
  for (uint32_t k = 0; k < nodes.size(); ++k) {
    FieldId f = nodes[k].field;
    if (f < slot_of_field.size() && slot_of_field[f] >= 0)
      occurrences_[slot_of_field[f]].push_back(k);
  }
}

// Layer n of a field is the n-th instance, in tree order, of the protocol it belongs to; the
// ranges select layers as slices select bytes, counting from 1 (layer 0 never exists).
bool Program::layer_ok(const Insn& in, uint32_t node) const {
  if (in.layer_count == 0) return true;
  const auto& nodes = pkt_->tree.nodes();
  FieldId proto = registry().info(nodes[node].field).protocol;
  int32_t at = static_cast<int32_t>(node);
  while (at >= 0 && nodes[at].field != proto) at = nodes[at].parent;
  if (at < 0) return false;
  int64_t layer = 0, layers = 0;
  for (uint32_t k = 0; k < nodes.size(); ++k) {
    if (nodes[k].field != proto) continue;
    ++layers;
    if (k <= static_cast<uint32_t>(at)) layer = layers;
  }
  for (uint32_t r = 0; r < in.layer_count; ++r) {
    const SliceRange& sr = slices[in.layer_first + r];
    // A negative start counts back from the last layer; as in tshark 4.0, a negative end of a
    // start-end range is not, so such a range selects nothing.
    int64_t lo = sr.start < 0 ? layers + sr.start + 1 : sr.start, hi;
    if (sr.kind == SliceRange::kStartLength) hi = lo + sr.second - 1;
    else if (sr.kind == SliceRange::kToEnd) hi = layers;
    else hi = sr.second;
    if (layer >= lo && layer <= hi) return true;
  }
  return false;
}

void Program::field_values(const Insn& in, std::vector<Val>& out) const {
  for (uint32_t node : occurrences_[in.first]) {
    Val v;
    if (layer_ok(in, node) && node_value(*pkt_, pkt_->tree[node], v)) out.push_back(v);
  }
}

void Program::slice_values(const Insn& in, std::vector<Val>& out, std::string& buf) const {
  const std::vector<Val>& src = values(in.a);
  VType st = code[in.a].type;
  for (const Val& v0 : src) {
    uint8_t addr[4];
    Val v = v0;
    if (st == VType::kIpv4) {  // an IPv4 address slices as its 4 network-order bytes
      uint32_t be = htonl(static_cast<uint32_t>(v0.u));
      std::memcpy(addr, &be, 4);
      v.p = addr;
      v.n = 4;
    }
    size_t start_off = buf.size();
    bool ok = true;
    for (uint32_t r = 0; r < in.count && ok; ++r) {
      const SliceRange& sr = slices[in.first + r];
      int64_t len = st == VType::kProtocol ? std::min<int64_t>(v.n, v.u) : v.n;
      int64_t start = sr.start < 0 ? len + sr.start : sr.start, end;
      if (sr.kind == SliceRange::kStartLength) end = start + sr.second;
      else if (sr.kind == SliceRange::kToEnd) end = len;
      else end = (sr.second < 0 ? len + sr.second : sr.second) + 1;
      ok = start >= 0 && start < len && end > start && end <= len;
      if (ok) buf.append(reinterpret_cast<const char*>(v.p + start), end - start);
    }
    if (!ok) {
      buf.resize(start_off);
      continue;
    }
    out.push_back(text_val(start_off, buf.size() - start_off));
  }
}

void Program::func_values(const Insn& in, std::vector<Val>& out, std::string& buf) const {
  Func f = static_cast<Func>(in.sub);
  const Insn& arg0 = code[args[in.first]];
  switch (f) {
    case Func::kCount: {
      uint64_t n = 0;
      if (arg0.op == Op::kField) {
        for (uint32_t node : occurrences_[arg0.first]) n += layer_ok(arg0, node);
      } else {
        n = values(args[in.first]).size();
      }
      if (n) out.push_back(uint_val(n));
      return;
    }
    case Func::kMax:
    case Func::kMin: {
      bool have = false;
      Val best;
      for (uint32_t k = 0; k < in.count; ++k)
        for (const Val& v : values(args[in.first + k])) {
          int c = have ? compare_values(in.type, v, best) : 0;
          if (!have || (f == Func::kMax ? c > 0 : c < 0)) best = v;
          have = true;
        }
      if (have) out.push_back(best);
      return;
    }
    default: break;
  }
  for (const Val& v : values(args[in.first])) {
    switch (f) {
      case Func::kLen: {
        uint64_t n = arg0.type == VType::kIpv4 ? 4 : arg0.type == VType::kProtocol ? v.u : v.n;
        out.push_back(uint_val(n));
        break;
      }
      case Func::kUpper:
      case Func::kLower: {
        size_t off = buf.size();
        for (uint32_t k = 0; k < v.n; ++k) {
          char c = static_cast<char>(v.p[k]);
          buf += static_cast<char>(f == Func::kUpper ? std::toupper(static_cast<unsigned char>(c))
                                                     : std::tolower(static_cast<unsigned char>(c)));
        }
        out.push_back(text_val(off, v.n));
        break;
      }
      case Func::kString: {
        size_t off = buf.size();
        append_text(arg0.type, v, buf);
        out.push_back(text_val(off, buf.size() - off));
        break;
      }
      case Func::kAbs: {
        Val r = v;
        if (in.type == VType::kDouble) r.d = std::fabs(v.d);
        else if (in.type != VType::kUint && v.i < 0) r.i = -static_cast<uint64_t>(v.i);
        out.push_back(r);
        break;
      }
      default: break;
    }
  }
}

void Program::arith_values(const Insn& in, std::vector<Val>& out, std::string& buf) const {
  const std::vector<Val>& as = values(in.a);
  const std::vector<Val>& bs = values(in.b);
  ArithOp op = static_cast<ArithOp>(in.sub);
  for (const Val& x : as)
    for (const Val& y : bs) {
      Val r;
      if (is_bytes_like(in.type)) {  // only "&" reaches here for byte strings
        if (x.n != y.n) continue;
        size_t off = buf.size();
        for (uint32_t k = 0; k < x.n; ++k) buf += static_cast<char>(x.p[k] & y.p[k]);
        out.push_back(text_val(off, x.n));
        continue;
      }
      if (in.type == VType::kDouble) {
        switch (op) {
          case ArithOp::kAdd: r.d = x.d + y.d; break;
          case ArithOp::kSub: r.d = x.d - y.d; break;
          case ArithOp::kMul: r.d = x.d * y.d; break;
          case ArithOp::kDiv:
            if (y.d == 0) continue;
            r.d = x.d / y.d;
            break;
          default: continue;
        }
      } else if (in.type == VType::kUint) {
        switch (op) {
          case ArithOp::kAdd: r.u = x.u + y.u; break;
          case ArithOp::kSub:
            if (y.u > x.u) continue;  // tshark drops results that underflow
            r.u = x.u - y.u;
            break;
          case ArithOp::kMul: r.u = x.u * y.u; break;
          case ArithOp::kDiv:
            if (y.u == 0) continue;
            r.u = x.u / y.u;
            break;
          case ArithOp::kMod:
            if (y.u == 0) continue;
            r.u = x.u % y.u;
            break;
          case ArithOp::kBitAnd: r.u = x.u & y.u; break;
        }
      } else {  // signed integers and times, in wrapping 64-bit arithmetic
        uint64_t ux = static_cast<uint64_t>(x.i), uy = static_cast<uint64_t>(y.i);
        switch (op) {
          case ArithOp::kAdd: r.i = static_cast<int64_t>(ux + uy); break;
          case ArithOp::kSub: r.i = static_cast<int64_t>(ux - uy); break;
          case ArithOp::kMul: r.i = static_cast<int64_t>(ux * uy); break;
          case ArithOp::kDiv:
          case ArithOp::kMod:
            if (y.i == 0 || (y.i == -1 && x.i == INT64_MIN)) continue;
            r.i = op == ArithOp::kDiv ? x.i / y.i : x.i % y.i;
            break;
          case ArithOp::kBitAnd: r.i = x.i & y.i; break;
        }
      }
      out.push_back(r);
    }
}

const std::vector<Val>& Program::values(int i) const {
  const Insn& in = code[i];
  if (in.op == Op::kConst) {
    // Constants are copied once; they never change.
    std::vector<Val>& out = regs_[i];
    if (out.size() != in.count) out.assign(consts.begin() + in.first, consts.begin() + in.first + in.count);
    return out;
  }
  std::vector<Val>& out = regs_[i];
  std::string& buf = bufs_[i];
  out.clear();
  buf.clear();
  switch (in.op) {
    case Op::kField: field_values(in, out); break;
    case Op::kSlice: slice_values(in, out, buf), fix_pointers(out, 0, buf); break;
    case Op::kFunc: {
      Func f = static_cast<Func>(in.sub);
      func_values(in, out, buf);
      if (f == Func::kUpper || f == Func::kLower || f == Func::kString) fix_pointers(out, 0, buf);
      break;
    }
    case Op::kArith:
      arith_values(in, out, buf);
      if (is_bytes_like(in.type)) fix_pointers(out, 0, buf);
      break;
    case Op::kNegate:
      for (const Val& v : values(in.a)) {
        Val r = v;
        if (in.type == VType::kDouble) r.d = -v.d;
        else r.u = 0 - v.u;
        out.push_back(r);
      }
      break;
    default: break;
  }
  return out;
}

bool Program::test(int i) const {
  const Insn& in = code[i];
  switch (in.op) {
    case Op::kNot: return !test(in.a);
    case Op::kAnd: return test(in.a) && test(in.b);
    case Op::kOr: return test(in.a) || test(in.b);
    case Op::kExists:
      for (uint32_t node : occurrences_[in.first])
        if (layer_ok(in, node)) return true;
      return false;
    case Op::kNonZero:
      for (const Val& v : values(in.a))
        if (non_zero(code[in.a].type, v)) return true;
      return false;
    case Op::kNonEmpty:
      return !values(in.a).empty();
    case Op::kCompare: {
      const std::vector<Val>& as = values(in.a);
      if (as.empty()) return false;
      const std::vector<Val>& bs = values(in.b);
      if (bs.empty()) return false;
      VType t = code[in.a].type;
      Cmp c = static_cast<Cmp>(in.sub);
      for (const Val& x : as)
        for (const Val& y : bs) {
          int r = compare_values(t, x, y);
          bool ok = c == Cmp::kEq   ? r == 0
                    : c == Cmp::kNe ? r != 0
                    : c == Cmp::kGt ? r > 0
                    : c == Cmp::kGe ? r >= 0
                    : c == Cmp::kLt ? r < 0
                                    : r <= 0;
          if (ok && !in.all) return true;
          if (!ok && in.all) return false;
        }
      return in.all;
    }
    case Op::kIn: {
      const std::vector<Val>& as = values(in.a);
      if (as.empty()) return false;
      VType t = code[in.a].type;
      for (const Val& x : as) {
        bool member = false;
        for (uint32_t k = 0; k < in.count && !member; k += 2) {
          int32_t lo = args[in.first + k], hi = args[in.first + k + 1];
          for (const Val& l : values(lo)) {
            if (hi < 0) {
              member = compare_values(t, x, l) == 0;
            } else {
              for (const Val& h : values(hi))
                member = member || (compare_values(t, x, l) >= 0 && compare_values(t, x, h) <= 0);
            }
            if (member) break;
          }
        }
        if (member && !in.all) return true;
        if (!member && in.all) return false;
      }
      return in.all;
    }
    case Op::kContains: {
      const std::vector<Val>& as = values(in.a);
      if (as.empty()) return false;
      for (const Val& x : as)
        for (const Val& y : values(in.b))
          if (has_bytes(x.p, x.n, y.p, y.n)) return true;
      return false;
    }
    case Op::kMatches: {
      pcre2_code* re = regexes[in.first];
      pcre2_match_data* md = match_data[in.first];
      for (const Val& x : values(in.a))
        if (pcre2_match(re, x.p ? x.p : reinterpret_cast<const uint8_t*>(""), x.n, 0, 0, md,
                        nullptr) >= 0)
          return true;
      return false;
    }
    default: return false;
  }
}

}  // namespace netsift::dfilter
