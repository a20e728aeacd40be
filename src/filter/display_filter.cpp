#include "filter/display_filter.h"

#include "filter/compiler.h"
#include "filter/macros.h"
#include "filter/parser.h"
#include "filter/program.h"

namespace netsift {

namespace {

using dfilter::AstKind;
using dfilter::AstNode;

// Canonical text of the syntax tree: symbolic operators, one space around them, parentheses
// wherever "and" and "or" nest, braces around nested arithmetic.
void print(const dfilter::Ast& ast, std::string_view src, int i, std::string& out) {
  const AstNode& n = ast.nodes[i];
  auto child = [&](int k) { return n.children[k]; };
  auto token = [&] { return src.substr(n.token.pos, n.token.len); };
  auto grouped = [&](int c, bool need) {
    if (need) out += ast.nodes[c].kind == AstKind::kArith ? "{" : "(";
    print(ast, src, c, out);
    if (need) out += ast.nodes[c].kind == AstKind::kArith ? "}" : ")";
  };
  switch (n.kind) {
    case AstKind::kWord:
    case AstKind::kString:
    case AstKind::kChar: out += token(); break;
    case AstKind::kSlice:
    case AstKind::kLayer:
      print(ast, src, child(0), out);
      out += token();
      break;
    case AstKind::kReference:
      out += "${";
      print(ast, src, child(0), out);
      out += '}';
      break;
    case AstKind::kFunction:
      out += n.token.text;
      out += '(';
      for (size_t k = 0; k < n.children.size(); ++k) {
        if (k) out += ", ";
        print(ast, src, child(k), out);
      }
      out += ')';
      break;
    case AstKind::kArith:
      grouped(child(0), ast.nodes[child(0)].kind == AstKind::kArith);
      out += ' ';
      out += dfilter::token_spelling(n.token.kind);
      out += ' ';
      grouped(child(1), ast.nodes[child(1)].kind == AstKind::kArith);
      break;
    case AstKind::kNegate:
      out += '-';
      grouped(child(0), ast.nodes[child(0)].kind == AstKind::kArith);
      break;
    case AstKind::kCompare:
      if (n.quantifier != dfilter::Tok::kEnd) {
        out += dfilter::token_spelling(n.quantifier);
        out += ' ';
      }
      print(ast, src, child(0), out);
      out += ' ';
      out += dfilter::token_spelling(n.token.kind);
      out += ' ';
      print(ast, src, child(1), out);
      break;
    case AstKind::kIn:
      if (n.quantifier != dfilter::Tok::kEnd) {
        out += dfilter::token_spelling(n.quantifier);
        out += ' ';
      }
      print(ast, src, child(0), out);
      out += " in {";
      for (size_t k = 1; k < n.children.size(); ++k) {
        if (k > 1) out += ", ";
        print(ast, src, child(k), out);
      }
      out += '}';
      break;
    case AstKind::kRange:
      print(ast, src, child(0), out);
      out += "..";
      print(ast, src, child(1), out);
      break;
    case AstKind::kNot: {
      out += '!';
      AstKind k = ast.nodes[child(0)].kind;
      grouped(child(0), k == AstKind::kAnd || k == AstKind::kOr || k == AstKind::kCompare ||
                            k == AstKind::kIn);
      break;
    }
    case AstKind::kAnd:
    case AstKind::kOr: {
      AstKind other = n.kind == AstKind::kAnd ? AstKind::kOr : AstKind::kAnd;
      grouped(child(0), ast.nodes[child(0)].kind == other);
      out += n.kind == AstKind::kAnd ? " && " : " || ";
      grouped(child(1), ast.nodes[child(1)].kind == other || ast.nodes[child(1)].kind == n.kind);
      break;
    }
  }
}

}  // namespace

DisplayFilter::DisplayFilter() = default;
DisplayFilter::DisplayFilter(DisplayFilter&&) noexcept = default;
DisplayFilter& DisplayFilter::operator=(DisplayFilter&&) noexcept = default;
DisplayFilter::~DisplayFilter() = default;

std::variant<DisplayFilter, FilterError> DisplayFilter::compile(std::string_view typed,
                                                                UnknownNames unknown) {
  auto expanded = dfilter::expand_macros(typed);
  if (auto* e = std::get_if<FilterError>(&expanded)) return *e;
  const std::string& expr = std::get<std::string>(expanded);
  auto failed = [&](FilterError e) {
    if (expr != typed) e.expression = expr;
    return e;
  };
  auto parsed = dfilter::parse(expr);
  if (auto* e = std::get_if<FilterError>(&parsed)) return failed(*e);
  const dfilter::Ast& ast = std::get<dfilter::Ast>(parsed);
  auto compiled = dfilter::compile(ast, expr, unknown);
  if (auto* e = std::get_if<FilterError>(&compiled)) return failed(*e);
  auto& c = std::get<dfilter::Compiled>(compiled);
  DisplayFilter f;
  f.program_ = std::make_unique<dfilter::Program>(std::move(c.program));
  f.referenced_ = std::move(c.referenced);
  if (ast.root >= 0) print(ast, expr, ast.root, f.normalized_);
  return f;
}

bool DisplayFilter::matches(const Packet& pkt) const { return program_->run(pkt); }

std::string format_filter_error(std::string_view program, std::string_view expr,
                                const FilterError& e) {
  std::string out(program);
  out += ": ";
  out += e.message;
  out += '\n';
  if (e.length == 0 && e.offset == 0) return out;  // "Unexpected end of filter expression."
  out += "    ";
  out += e.expression.empty() ? expr : std::string_view(e.expression);
  out += "\n    ";
  out.append(e.offset, ' ');
  out += '^';
  if (e.length > 1) out.append(e.length - 1, '~');
  out += '\n';
  return out;
}

}  // namespace netsift
