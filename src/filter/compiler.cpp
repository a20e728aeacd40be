#define PCRE2_CODE_UNIT_WIDTH 8
#include "filter/compiler.h"

#include <pcre2.h>

#include <algorithm>
#include <string>

#include "core/field_registry.h"
#include "filter/literal.h"
#include "filter/tshark_protocols.h"

namespace netsift::dfilter {

namespace {

// The field types tshark 4.0's string() converts (numbers, addresses, OIDs); strings, bytes,
// booleans, times and protocols are refused.
bool string_convertible(FieldType t) {
  switch (value_kind(t)) {
    case ValueKind::kUint:
      return t != FieldType::kBoolean && t != FieldType::kChar;
    case ValueKind::kInt:
      return t != FieldType::kInt24;  // tshark 4.0 leaves FT_INT24 out
    case ValueKind::kDouble:
    case ValueKind::kIpv4:
      return true;
    default:
      return t == FieldType::kIpv6 || t == FieldType::kEther || t == FieldType::kOid;
  }
}

// A field by name, or by a protocol alias's name ("ssl.record.version"), as tshark's
// dfilter_resolve_unparsed.
FieldId find_field(std::string_view name) {
  if (FieldId f = registry().find(name)) return f;
  return registry().find_by_alias(name);
}

struct FuncSpec {
  std::string_view name;
  Func func;
  uint32_t min_args, max_args;
};

constexpr FuncSpec kFunctions[] = {
    {"len", Func::kLen, 1, 1},     {"count", Func::kCount, 1, 1},   {"upper", Func::kUpper, 1, 1},
    {"lower", Func::kLower, 1, 1}, {"string", Func::kString, 1, 1}, {"max", Func::kMax, 1, 64},
    {"min", Func::kMin, 1, 64},    {"abs", Func::kAbs, 1, 1},
};

bool is_numeric(VType t) {
  return t == VType::kUint || t == VType::kInt || t == VType::kDouble || t == VType::kRelTime ||
         t == VType::kAbsTime;
}

bool compatible(VType a, VType b) {
  if (a == b) return true;
  // Signed and unsigned integers compare (as tshark, by the left side's type).
  auto integer = [](VType t) { return t == VType::kUint || t == VType::kInt; };
  if (integer(a) && integer(b)) return true;
  auto bytes_like = [](VType t) {
    return t == VType::kBytes || t == VType::kProtocol || t == VType::kEther;
  };
  return bytes_like(a) && bytes_like(b);
}

class Compiler {
 public:
  Compiler(const Ast& ast, std::string_view src, UnknownNames unknown)
      : ast_(ast), src_(src), unknown_absent_(unknown == UnknownNames::kAbsent) {
    out_.program.slot_of_field.assign(registry().size(), -1);
  }

  std::variant<Compiled, FilterError> run() {
    if (ast_.root >= 0) out_.program.root = test(ast_.root);
    if (failed_) return err_;
    return std::move(out_);
  }

 private:
  const AstNode& node(int a) const { return ast_.nodes[a]; }
  std::string_view text(int a) const {
    return src_.substr(node(a).begin, node(a).end - node(a).begin);
  }
  std::string_view tok_text(int a) const {
    return src_.substr(node(a).token.pos, node(a).token.len);
  }

  int fail(std::string message, size_t pos, size_t len) {
    if (!failed_) {
      failed_ = true;
      err_ = {std::move(message), pos, len, {}};
    }
    return -1;
  }
  int fail_at(std::string message, int a) {
    return fail(std::move(message), node(a).begin, node(a).end - node(a).begin);
  }

  int emit(Insn in) {
    out_.program.code.push_back(in);
    return static_cast<int>(out_.program.code.size() - 1);
  }

  // A word or literal that names no field where one is needed, in tshark's words.
  int fail_unknown(int a) {
    std::string_view t = text(a);
    if (node(a).kind == AstKind::kWord && t.size() > 1 && t[0] == '.')
      return fail_at(
          "\"" + std::string(t.substr(1)) + "\" is not a valid protocol or protocol field.", a);
    return fail_at(std::string(t) + " is neither a field nor a protocol name.", a);
  }
  // A leading dot marks a field name (".udp.dstport"): never a literal.
  FieldId field_of_word(int a) const {
    if (node(a).kind != AstKind::kWord) return kNoField;
    std::string_view name = node(a).token.text;
    if (name.size() > 1 && name[0] == '.') name.remove_prefix(1);
    return find_field(name);
  }
  // A word naming a protocol tshark has and netsift does not dissect: a field no packet has.
  bool is_foreign_protocol(int a) const {
    if (node(a).kind != AstKind::kWord || field_of_word(a)) return false;
    std::string_view name = node(a).token.text;
    if (name.size() > 1 && name[0] == '.') name.remove_prefix(1);
    return is_tshark_protocol(name);
  }
  // A word that names no field, a string or a character: its meaning depends on the other side.
  bool is_literal(int a) const {
    const AstNode& n = node(a);
    if (n.kind == AstKind::kWord)
      return field_of_word(a) == kNoField && !n.token.text.starts_with('.') &&
             !is_foreign_protocol(a);
    return n.kind == AstKind::kString || n.kind == AstKind::kChar;
  }
  // The field whose value names and width apply to literals compared with `a`.
  const FieldInfo* field_info(int a) const {
    const AstNode& n = node(a);
    if (n.kind == AstKind::kLayer || n.kind == AstKind::kReference)
      return field_info(n.children[0]);
    if (n.kind == AstKind::kArith || n.kind == AstKind::kNegate) {
      for (int c : n.children)
        if (const FieldInfo* f = field_info(c)) return f;
      return nullptr;
    }
    FieldId f = field_of_word(a);
    return f ? &registry().info(f) : nullptr;
  }

  // A field reference's field: the word inside ${...}, with or without a layer.
  int reference_word(int a) const {
    int c = node(a).children[0];
    return node(c).kind == AstKind::kLayer ? node(c).children[0] : c;
  }
  // How tshark names an operand in its messages: a reference as "ip.src#[1:1] <FT_IPv4>",
  // anything else as written.
  std::string shown(int a) const {
    if (node(a).kind != AstKind::kReference) return std::string(text(a));
    const AstNode& w = node(reference_word(a));
    std::string out = w.token.text;
    const AstNode& c = node(node(a).children[0]);
    if (c.kind == AstKind::kLayer) {
      out += "#[";
      bool bracketed = src_.substr(c.token.pos, c.token.len).find('[') != std::string_view::npos;
      for (size_t k = 0; k < c.token.ranges.size(); ++k) {
        const SliceRange& r = c.token.ranges[k];
        if (k) out += ',';
        out += std::to_string(r.start);
        if (!bracketed)
          out += ":1";  // "#4" is the range 4:1
        else if (r.kind == SliceRange::kToEnd)
          out += ':';
        else
          out += (r.kind == SliceRange::kStartEnd ? "-" : ":") + std::to_string(r.second);
      }
      out += ']';
    }
    FieldId f = find_field(w.token.text);
    if (f) out += std::string(" <") + field_type_name(registry().info(f).def.type) + ">";
    return out;
  }

  uint32_t slot(FieldId f) {
    Program& p = out_.program;
    if (p.slot_of_field[f] >= 0) return p.slot_of_field[f];
    uint32_t s = static_cast<uint32_t>(p.slot_field.size());
    p.slot_field.push_back(f);
    for (FieldId id = f; id != kNoField; id = registry().info(id).same_name_next) {
      p.slot_of_field[id] = static_cast<int32_t>(s);
      out_.referenced.push_back(id);
    }
    return s;
  }

  int field_insn(Op op, FieldId f, const AstNode* layer) {
    Insn in{op, value_type(registry().info(f).def.type)};
    in.first = slot(f);
    if (layer) {
      in.layer_first = static_cast<uint32_t>(out_.program.slices.size());
      in.layer_count = static_cast<uint32_t>(layer->token.ranges.size());
      for (const SliceRange& r : layer->token.ranges) out_.program.slices.push_back(r);
    }
    return emit(in);
  }

  int constant(int a, VType t, const FieldInfo* f) {
    const AstNode& n = node(a);
    Program& p = out_.program;
    p.const_bytes.push_back(std::make_unique<std::string>());
    std::string& store = *p.const_bytes.back();
    Val v;
    std::optional<std::string> e;
    if (n.kind == AstKind::kWord)
      e = value_from_word(t, f, n.token.text, v, store);
    else if (n.kind == AstKind::kString)
      e = value_from_string(t, f, n.token.text, v, store);
    else
      e = value_from_char(t, f, static_cast<uint8_t>(n.token.number), n.token.text, v, store);
    if (e) return fail_at(*e, a);
    Insn in{Op::kConst, t};
    in.first = static_cast<uint32_t>(p.consts.size());
    in.count = 1;
    p.consts.push_back(v);
    return emit(in);
  }

  // A value-producing expression. Literals take `hint` (the type of what they are compared
  // with); with no hint a literal is an error.
  int value(int a, VType hint, const FieldInfo* hint_field) {
    if (failed_) return -1;
    const AstNode& n = node(a);
    switch (n.kind) {
      case AstKind::kWord: {
        if (FieldId f = field_of_word(a)) return field_insn(Op::kField, f, nullptr);
        if (is_foreign_protocol(a)) return emit(Insn{Op::kConst, VType::kBytes});
        if (!is_literal(a)) return fail_unknown(a);
        [[fallthrough]];
      }
      case AstKind::kString:
      case AstKind::kChar:
        // A literal with nothing to take its type from: in arithmetic or a function left of
        // a comparison, tshark refuses the constant expression.
        if (hint == VType::kNone)
          return fail_at("Constant arithmetic expression on the LHS is invalid.", a);
        return constant(a, hint, hint_field);
      case AstKind::kLayer: {
        FieldId f = field_of_word(n.children[0]);
        if (!f) return fail_unknown(n.children[0]);
        return field_insn(Op::kField, f, &n);
      }
      case AstKind::kSlice: {
        if (is_literal(n.children[0]) || node(n.children[0]).kind == AstKind::kReference)
          return fail_at("Range is not supported for entity " + shown(n.children[0]),
                         n.children[0]);
        int src = value(n.children[0], VType::kNone, nullptr);
        if (src < 0) return -1;
        VType st = out_.program.code[src].type;
        if (!is_bytes_like(st) && st != VType::kIpv4 && st != VType::kIpv6)
          return fail_at(std::string(text(n.children[0])) + " cannot be sliced.", n.children[0]);
        Insn in{Op::kSlice, VType::kBytes};
        in.a = src;
        in.first = static_cast<uint32_t>(out_.program.slices.size());
        in.count = static_cast<uint32_t>(n.token.ranges.size());
        for (const SliceRange& r : n.token.ranges) out_.program.slices.push_back(r);
        return emit(in);
      }
      case AstKind::kFunction:
        return function(a, hint);
      case AstKind::kReference: {
        // tshark has no selected packet: a reference has no value, and whatever compares
        // with it is false.
        int w = reference_word(a);
        FieldId f = find_field(node(w).token.text);
        if (!f) return fail_at(node(w).token.text + " is not a valid field", w);
        return emit(Insn{Op::kConst, value_type(registry().info(f).def.type)});
      }
      case AstKind::kArith:
        return arith(a, hint, hint_field);
      case AstKind::kNegate: {
        int c = value(n.children[0], hint, hint_field);
        if (c < 0) return -1;
        VType t = out_.program.code[c].type;
        if (!is_numeric(t))
          return fail_at("Constant expression is invalid on the RHS of unary minus.", a);
        // tshark promotes a negated unsigned value to a signed one.
        Insn in{Op::kNegate, t == VType::kUint ? VType::kInt : t};
        in.a = c;
        return emit(in);
      }
      default:
        return fail_at("\"" + std::string(text(a)) + "\" was unexpected in this context.", a);
    }
  }

  int arith(int a, VType hint, const FieldInfo* hint_field) {
    const AstNode& n = node(a);
    int l = n.children[0], r = n.children[1];
    for (int c : {l, r}) {
      AstKind k = node(c).kind;
      if (k == AstKind::kString)
        return fail_at("\"" + node(c).token.text + "\" is not a valid arithmetic operand.", c);
      if (k == AstKind::kChar)
        return fail_at(std::string(text(c)) + " is not a valid arithmetic operand.", c);
    }
    int li, ri;
    if (is_literal(l) && !is_literal(r)) {
      ri = value(r, hint, hint_field);
      if (ri < 0) return -1;
      li = value(l, out_.program.code[ri].type, field_info(r));
    } else {
      li = value(l, hint, hint_field);
      if (li < 0) return -1;
      VType lt0 = out_.program.code[li].type;
      if (n.token.kind != Tok::kBitAnd && !is_numeric(lt0))
        return fail_at(std::string(text(l)) + " is not a numeric value.", l);
      ri = value(r, out_.program.code[li].type, field_info(l) ? field_info(l) : hint_field);
    }
    if (li < 0 || ri < 0) return -1;
    VType lt = out_.program.code[li].type, rt = out_.program.code[ri].type;
    ArithOp op;
    switch (n.token.kind) {
      case Tok::kPlus:
        op = ArithOp::kAdd;
        break;
      case Tok::kMinus:
        op = ArithOp::kSub;
        break;
      case Tok::kStar:
        op = ArithOp::kMul;
        break;
      case Tok::kSlash:
        op = ArithOp::kDiv;
        break;
      case Tok::kPercent:
        op = ArithOp::kMod;
        break;
      default:
        op = ArithOp::kBitAnd;
        break;
    }
    bool ok =
        compatible(lt, rt) &&
        (op == ArithOp::kBitAnd ? (lt == VType::kUint || lt == VType::kInt || is_bytes_like(lt))
                                : is_numeric(lt));
    if (!ok) return fail_at(shown(l) + " and " + shown(r) + " are not of compatible types.", a);
    Insn in{Op::kArith, is_bytes_like(lt) ? VType::kBytes : lt, static_cast<uint8_t>(op)};
    in.a = li;
    in.b = ri;
    return emit(in);
  }

  // Arguments that must be fields (or slices of fields, for len()).
  bool field_arg(int a, bool allow_slice) const {
    AstKind k = node(a).kind;
    return (k == AstKind::kWord && !is_literal(a)) || k == AstKind::kLayer ||
           (allow_slice && k == AstKind::kSlice);
  }

  int function(int a, VType outer_hint) {
    const AstNode& n = node(a);
    const FuncSpec* spec = nullptr;
    for (const FuncSpec& f : kFunctions)
      if (f.name == n.token.text) spec = &f;
    if (!spec)
      return fail("Function '" + n.token.text + "' does not exist", n.token.pos, n.token.len);
    uint32_t argc = static_cast<uint32_t>(n.children.size());
    std::string name(spec->name);
    if (argc < spec->min_args || argc > spec->max_args)
      return fail_at("Function " + name + "() " +
                         (argc < spec->min_args ? "needs at least " : "takes at most ") +
                         std::to_string(argc < spec->min_args ? spec->min_args : spec->max_args) +
                         " argument" + (spec->max_args == 1 ? "" : "s") + ".",
                     a);
    std::vector<int32_t> args;
    VType type = VType::kUint;
    for (uint32_t k = 0; k < argc; ++k) {
      int c = n.children[k];
      switch (spec->func) {
        case Func::kLen:
        case Func::kCount:
          if (!field_arg(c, spec->func == Func::kLen))
            return fail_at("Only fields can be used as parameter for " + name + "()", c);
          break;
        case Func::kUpper:
        case Func::kLower:
        case Func::kString:
          if (!field_arg(c, false))
            return fail_at("Only fields can be used as parameter for " + name + "()", c);
          break;
        default:
          break;
      }
      // A literal argument takes its type from an earlier argument, or from what the result
      // is compared with ("udp.dstport == abs(-67)").
      VType hint =
          !args.empty() ? out_.program.code[args[0]].type
          : spec->func == Func::kAbs || spec->func == Func::kMax || spec->func == Func::kMin
              ? outer_hint
              : VType::kNone;
      if (hint == VType::kNone && (spec->func == Func::kAbs || spec->func == Func::kMax ||
                                   spec->func == Func::kMin))
        if (int f = untyped_constant_argument(c, spec->func, name); f != 0) return f;
      int v = value(c, hint, nullptr);
      if (v < 0) return -1;
      VType vt = out_.program.code[v].type;
      switch (spec->func) {
        case Func::kLen:
          if (!is_bytes_like(vt) && vt != VType::kIpv4 && vt != VType::kIpv6)
            return fail_at("Only fields with a length can be used as parameter for len()", c);
          break;
        case Func::kUpper:
        case Func::kLower:
          if (vt != VType::kString)
            return fail_at("Only string type fields can be used as parameter for " + name + "()",
                           c);
          type = VType::kString;
          break;
        case Func::kString: {
          int w = node(c).kind == AstKind::kLayer ? node(c).children[0] : c;
          FieldId f = field_of_word(w);
          if (f && !string_convertible(registry().info(f).def.type))
            return fail_at(std::string("String conversion for field \"") +
                               registry().info(f).def.abbrev + "\" is not supported",
                           c);
          type = VType::kString;
          break;
        }
        case Func::kMax:
        case Func::kMin:
        case Func::kAbs:
          if (!is_numeric(vt))
            return fail_at(
                "Argument '" + std::string(text(c)) + "' is not valid for " + name + "()", c);
          if (!args.empty() && vt != type)
            return fail_at("Arguments to '" + name + "' must have the same type", c);
          type = vt;
          break;
        default:
          break;
      }
      args.push_back(v);
    }
    Insn in{Op::kFunc, type, static_cast<uint8_t>(spec->func)};
    in.first = static_cast<uint32_t>(out_.program.args.size());
    in.count = argc;
    out_.program.args.insert(out_.program.args.end(), args.begin(), args.end());
    return emit(in);
  }

  // A constant argument of abs(), max() or min() with nothing to take its type from (the
  // function is left of a comparison): tshark's semantic checks refuse it, each in its words.
  // Returns -1 after failing, 0 when the argument is no such constant.
  int untyped_constant_argument(int c, Func func, const std::string& name) {
    AstKind k = node(c).kind;
    bool literal = k == AstKind::kWord && !field_of_word(c) && is_literal(c);
    if (!literal && k != AstKind::kString && k != AstKind::kChar) return 0;
    if (func != Func::kAbs)
      return fail_at("Argument '" + std::string(text(c)) + "' is not valid for " + name + "()", c);
    if (literal) return fail_at("Need a field or field-like value on the LHS.", c);
    return fail_at(std::string("Type ") + (k == AstKind::kString ? "STRING" : "CHARCONST") +
                       " is not valid for " + name,
                   c);
  }

  int test(int a) {
    if (failed_) return -1;
    const AstNode& n = node(a);
    switch (n.kind) {
      case AstKind::kNot: {
        int c = test(n.children[0]);
        Insn in{Op::kNot};
        in.a = c;
        return failed_ ? -1 : emit(in);
      }
      case AstKind::kAnd:
      case AstKind::kOr: {
        int l = test(n.children[0]);
        int r = test(n.children[1]);
        Insn in{n.kind == AstKind::kAnd ? Op::kAnd : Op::kOr};
        in.a = l;
        in.b = r;
        return failed_ ? -1 : emit(in);
      }
      case AstKind::kWord:
        if (FieldId f = field_of_word(a)) return field_insn(Op::kExists, f, nullptr);
        if (unknown_absent_ || is_foreign_protocol(a)) return absent();
        return fail_unknown(a);
      case AstKind::kLayer: {
        FieldId f = field_of_word(n.children[0]);
        if (!f && unknown_absent_) return absent();
        if (!f) return fail_unknown(n.children[0]);
        return field_insn(Op::kExists, f, &n);
      }
      case AstKind::kCompare:
      case AstKind::kIn:
        // An unknown name on the left is a field no packet has: the test fails.
        if (unknown_absent_ && node(n.children[0]).kind == AstKind::kWord &&
            !field_of_word(n.children[0]))
          return absent();
        return n.kind == AstKind::kCompare ? compare(a) : membership(a);
      case AstKind::kReference:
        if (!find_field(node(reference_word(a)).token.text)) return value(a, VType::kNone, nullptr);
        return fail_at(shown(a) + " is neither a field nor a protocol name.", a);
      case AstKind::kString:
      case AstKind::kChar:
        return fail_unknown(a);
      case AstKind::kFunction: {
        // tshark names an unknown function first, then refuses the test before the arguments.
        bool known = false;
        for (const FuncSpec& f : kFunctions) known |= f.name == n.token.text;
        if (!known)
          return fail("Function '" + n.token.text + "' does not exist", n.token.pos, n.token.len);
        return fail("You cannot test whether a function is present.", n.token.pos, n.token.len);
      }
      default: {
        // A slice is true when its bytes exist (whatever they are), arithmetic when some
        // result is non-zero ("tcp.flags & 2").
        int v = value(a, VType::kNone, nullptr);
        Insn in{n.kind == AstKind::kSlice ? Op::kNonEmpty : Op::kNonZero};
        in.a = v;
        return failed_ ? -1 : emit(in);
      }
    }
  }

  // A test on a field no packet has: false (the bytes of no value).
  int absent() {
    Insn none{Op::kConst, VType::kBytes};
    Insn test{Op::kNonEmpty};
    test.a = emit(none);
    return emit(test);
  }

  int lhs(int a, int op_node) {
    int l = node(op_node).children[0];
    if (is_literal(l))
      return fail_at("Left side of \"" + std::string(tok_text(op_node)) +
                         "\" expression must be a field or function, not " + std::string(text(l)) +
                         ".",
                     l);
    return value(l, VType::kNone, nullptr);
  }

  int compare(int a) {
    const AstNode& n = node(a);
    int l = n.children[0], r = n.children[1];
    Tok op = n.token.kind;
    if (op == Tok::kMatches) {
      if (node(r).kind != AstKind::kString || node(r).token.kind == Tok::kChar)
        return fail_at("Matches requires a double quoted string on the right side.", r);
      int li = lhs(l, a);
      if (li < 0) return -1;
      VType lt = out_.program.code[li].type;
      if (!is_bytes_like(lt)) return fail_at(participate(l, lt, "matches"), l);
      return regex(a, li);
    }
    int li = lhs(l, a);
    if (li < 0) return -1;
    VType lt = out_.program.code[li].type;
    if (lt == VType::kNone)
      return fail_at(participate(l, lt, op == Tok::kContains ? "contains" : "comparison"), l);
    if (op == Tok::kContains) {
      if (!is_bytes_like(lt)) return fail_at(participate(l, lt, "contains"), l);
      VType hint = lt == VType::kString ? VType::kString : VType::kBytes;
      int ri = value(r, hint, field_info(l));
      if (ri < 0) return -1;
      if (!is_bytes_like(out_.program.code[ri].type))
        return fail_at(shown(l) + " and " + shown(r) + " are not of compatible types.", r);
      Insn in{Op::kContains};
      in.a = li;
      in.b = ri;
      return emit(in);
    }
    // A slice compared with a field (or a field with a slice) compares the field's bytes,
    // where its type has bytes to slice.
    int ri;
    if (node(r).kind == AstKind::kSlice && is_field_entity(l) && !compatible(VType::kBytes, lt)) {
      ri = value(r, VType::kBytes, nullptr);  // the slice is checked first
      if (ri < 0) return -1;
      li = as_bytes(li, l, "\"" + std::string(field_info(l)->def.abbrev) + "\"");
      if (li < 0) return -1;
      lt = VType::kBytes;
    } else {
      ri = value(r, lt, field_info(l));
      if (ri < 0) return -1;
    }
    if (node(l).kind == AstKind::kSlice && is_field_entity(r) &&
        !compatible(VType::kBytes, out_.program.code[ri].type)) {
      ri = as_bytes(ri, r, "\"" + shown(r) + "\"");
      if (ri < 0) return -1;
    }
    // Booleans share kUint with unsigned integers, but a boolean compares only with booleans.
    const FieldInfo* lf = is_field_entity(l) ? field_info(l) : nullptr;
    const FieldInfo* rf = is_field_entity(r) ? field_info(r) : nullptr;
    bool boolean_mix =
        lf && rf && lf->def.type == FieldType::kBoolean && rf->def.type != FieldType::kBoolean;
    if (boolean_mix || !compatible(lt, out_.program.code[ri].type))
      return fail_at(shown(l) + " and " + shown(r) + " are not of compatible types.", r);
    Insn in{Op::kCompare};
    Cmp c = Cmp::kEq;
    bool all = false;
    switch (op) {
      case Tok::kEq:
        break;
      case Tok::kNe:
        c = Cmp::kNe, all = true;
        break;
      case Tok::kAllEq:
        all = true;
        break;
      case Tok::kAnyNe:
        c = Cmp::kNe;
        break;
      case Tok::kGt:
        c = Cmp::kGt;
        break;
      case Tok::kGe:
        c = Cmp::kGe;
        break;
      case Tok::kLt:
        c = Cmp::kLt;
        break;
      default:
        c = Cmp::kLe;
        break;
    }
    if (n.quantifier != Tok::kEnd) all = n.quantifier == Tok::kAll;
    in.sub = static_cast<uint8_t>(c);
    in.all = all;
    in.a = li;
    in.b = ri;
    return emit(in);
  }

  bool is_field_entity(int a) const {
    AstKind k = node(a).kind;
    return (k == AstKind::kWord && field_of_word(a) != kNoField) || k == AstKind::kLayer ||
           k == AstKind::kReference;
  }

  // The whole value of field entity `a` (instruction v) as bytes, or tshark's refusal naming
  // it as `name`.
  int as_bytes(int v, int a, std::string_view name) {
    VType t = out_.program.code[v].type;
    if (t != VType::kIpv4 && t != VType::kIpv6 && t != VType::kString)
      return fail_at(std::string(name) + " is a " + type_pretty_name(field_info(a)->def.type) +
                         " and cannot be converted into a sequence of bytes.",
                     a);
    Insn in{Op::kSlice, VType::kBytes};
    in.a = v;
    in.first = static_cast<uint32_t>(out_.program.slices.size());
    in.count = 1;
    out_.program.slices.push_back({SliceRange::kToEnd, 0, 0});
    return emit(in);
  }

  std::string participate(int l, VType, const char* what) {
    const FieldInfo* f = field_info(l);
    std::string type = f ? type_pretty_name(f->def.type) : "Byte sequence";
    return std::string(text(l)) + " (type=" + type + ") cannot participate in " + what +
           " comparison.";
  }

  int regex(int a, int li) {
    const AstNode& r = node(node(a).children[1]);
    int code;
    PCRE2_SIZE offset;
    pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(r.token.text.data()),
                                   r.token.text.size(), PCRE2_CASELESS, &code, &offset, nullptr);
    if (!re) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(code, msg, sizeof msg);
      return fail_at(std::string("Regular expression \"") + r.token.text +
                         "\" is invalid: " + reinterpret_cast<const char*>(msg),
                     node(a).children[1]);
    }
    Program& p = out_.program;
    Insn in{Op::kMatches};
    in.a = li;
    in.first = static_cast<uint32_t>(p.regexes.size());
    p.regexes.push_back(re);
    p.match_data.push_back(pcre2_match_data_create_from_pattern(re, nullptr));
    return emit(in);
  }

  int membership(int a) {
    const AstNode& n = node(a);
    if (is_literal(n.children[0]))
      return fail_at("Only a field may be tested for membership in a set.", n.children[0]);
    int li = lhs(n.children[0], a);
    if (li < 0) return -1;
    VType lt = out_.program.code[li].type;
    const FieldInfo* f = field_info(n.children[0]);
    std::vector<int32_t> elems;
    for (size_t k = 1; k < n.children.size(); ++k) {
      int c = n.children[k];
      bool range = node(c).kind == AstKind::kRange;
      int lo = range ? node(c).children[0] : c;
      int lv = value(lo, lt, f);
      int hv = range ? value(node(c).children[1], lt, f) : -1;
      if (failed_) return -1;
      for (int v : {lv, hv})
        if (v >= 0 && !compatible(lt, out_.program.code[v].type))
          return fail_at(shown(n.children[0]) + " and " + shown(range ? node(c).children[0] : c) +
                             " are not of compatible types.",
                         c);
      elems.push_back(lv);
      elems.push_back(hv);
    }
    Insn in{Op::kIn};
    in.a = li;
    in.all = n.quantifier == Tok::kAll;
    in.first = static_cast<uint32_t>(out_.program.args.size());
    in.count = static_cast<uint32_t>(elems.size());
    out_.program.args.insert(out_.program.args.end(), elems.begin(), elems.end());
    return emit(in);
  }

  const Ast& ast_;
  std::string_view src_;
  bool unknown_absent_;  // UnknownNames::kAbsent
  Compiled out_;
  bool failed_ = false;
  FilterError err_;
};

}  // namespace

std::variant<Compiled, FilterError> compile(const Ast& ast, std::string_view expr,
                                            UnknownNames unknown) {
  return Compiler(ast, expr, unknown).run();
}

}  // namespace netsift::dfilter
