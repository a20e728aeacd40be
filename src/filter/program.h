// A compiled display filter: a small expression tree over typed value lists, evaluated against
// a dissected packet. A field may occur several times in a packet, so every value-producing
// instruction yields a list; comparisons quantify over pairs ("any" or "all"). Result lists and
// text scratch live in buffers reused from packet to packet: evaluation does not allocate once
// they have grown to the packet's needs. A Program is not safe to run from two threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/field.h"
#include "filter/lexer.h"

struct pcre2_real_code_8;
struct pcre2_real_match_data_8;

namespace netsift {
struct Packet;
}

namespace netsift::dfilter {

// What a value means, which decides how it compares. Booleans and unsigned integers share
// kUint; protocols are the bytes they span.
enum class VType : uint8_t {
  kNone,
  kUint,
  kInt,
  kDouble,
  kAbsTime,
  kRelTime,
  kIpv4,
  kIpv6,
  kEther,
  kBytes,
  kString,
  kProtocol,
};

VType value_type(FieldType t);
bool is_bytes_like(VType t);  // compared byte by byte: bytes, strings, MACs, protocols

struct Val {
  union {
    uint64_t u = 0;  // unsigned, boolean, IPv4 in host order
    int64_t i;       // signed, times in nanoseconds
    double d;
  };
  const uint8_t* p = nullptr;  // bytes-like values and IPv6
  uint32_t n = 0;
  uint8_t prefix = 0;  // CIDR prefix length + 1 of an IPv4/IPv6 literal; 0: the whole address
};

enum class Op : uint8_t {
  // Value-producing.
  kField,  // occurrences of a field (slot), optionally of some layers only
  kConst,  // consts[first, first+count)
  kSlice,  // a sliced by slices[first, first+count)
  kFunc,   // sub = Func; arguments args[first, first+count)
  kArith,  // sub = ArithOp; a op b
  kNegate,
  // Tests.
  kExists,    // field slot present (in the layers asked)
  kCompare,   // sub = Cmp; all = quantifier
  kIn,        // a in set: args holds pairs (low, high or -1)
  kContains,  // a contains b
  kMatches,   // a matches regexes[first]
  kNonZero,   // a has a non-zero (non-empty) value: "tcp.flags & 2"
  kNonEmpty,  // a has a value at all: a slice used as a test ("frame[59]")
  kNot,
  kAnd,
  kOr,
};

enum class Cmp : uint8_t { kEq, kNe, kGt, kGe, kLt, kLe };
enum class Func : uint8_t { kLen, kCount, kUpper, kLower, kString, kMax, kMin, kAbs };
enum class ArithOp : uint8_t { kAdd, kSub, kMul, kDiv, kMod, kBitAnd };

struct Insn {
  Op op;
  VType type = VType::kNone;  // type of the values produced
  uint8_t sub = 0;
  bool all = false;
  int32_t a = -1, b = -1;
  uint32_t first = 0, count = 0;
  // kField/kExists: the layers asked, as slices[layer_first, +layer_count) over the protocol's
  // instances numbered from 1 (negative from the last); no ranges: every layer.
  uint32_t layer_first = 0, layer_count = 0;
};

class Program {
 public:
  Program() = default;
  Program(Program&&) noexcept;
  Program& operator=(Program&&) noexcept;
  ~Program();

  bool run(const Packet& pkt) const;

  // Built by the compiler.
  std::vector<Insn> code;
  int root = -1;  // -1: the empty filter, which matches every packet
  std::vector<Val> consts;
  std::vector<std::unique_ptr<std::string>> const_bytes;  // storage behind byte constants
  std::vector<SliceRange> slices;
  std::vector<int32_t> args;
  std::vector<FieldId> slot_field;   // first field id of each slot (a field name)
  std::vector<int32_t> slot_of_field;  // by FieldId: slot, or -1 when not referenced
  std::vector<pcre2_real_code_8*> regexes;
  std::vector<pcre2_real_match_data_8*> match_data;

 private:
  bool test(int i) const;
  const std::vector<Val>& values(int i) const;
  void gather(const Packet& pkt) const;
  void field_values(const Insn& in, std::vector<Val>& out) const;
  void slice_values(const Insn& in, std::vector<Val>& out, std::string& buf) const;
  void func_values(const Insn& in, std::vector<Val>& out, std::string& buf) const;
  void arith_values(const Insn& in, std::vector<Val>& out, std::string& buf) const;
  bool layer_ok(const Insn& in, uint32_t node) const;

  // Per-packet scratch, reused.
  mutable const Packet* pkt_ = nullptr;
  mutable std::vector<std::vector<uint32_t>> occurrences_;  // node indices by slot
  mutable std::vector<std::vector<Val>> regs_;              // by instruction
  mutable std::vector<std::string> bufs_;                   // by instruction
};

// Compares two values of type t: <0, 0, >0. IPv4/IPv6 honour a CIDR prefix on either side.
int compare_values(VType t, const Val& a, const Val& b);

}  // namespace netsift::dfilter
