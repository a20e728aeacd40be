// Recursive descent over Wireshark 4.0's grammar. Precedence, loosest first: "or", "and",
// "not", comparisons, "&", "+ -", "* / %", unary minus, then slices and layers.
#include "filter/parser.h"

#include <string>

namespace netsift::dfilter {

namespace {

class Parser {
 public:
  Parser(std::string_view src, std::vector<Token> toks) : src_(src), toks_(std::move(toks)) {}

  std::variant<Ast, FilterError> run() {
    if (peek().kind == Tok::kEnd) return std::move(ast_);
    int root = parse_or();
    if (failed_) return err_;
    if (peek().kind != Tok::kEnd) return unexpected(peek()), err_;
    ast_.root = root;
    return std::move(ast_);
  }

 private:
  const Token& peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return toks_[i < toks_.size() ? i : toks_.size() - 1];
  }
  Token take() {
    Token t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool at(Tok k) const { return peek().kind == k; }

  int unexpected(const Token& t) {
    if (!failed_) {
      failed_ = true;
      if (t.kind == Tok::kEnd)
        err_ = {"Unexpected end of filter expression.", 0, 0, {}};
      else
        err_ = {"\"" + std::string(src_.substr(t.pos, t.len)) +
                    "\" was unexpected in this context.",
                t.pos, t.len, {}};
    }
    return -1;
  }

  int add(AstKind kind, Token tok, std::vector<int> children = {}) {
    AstNode n{kind, std::move(tok), Tok::kEnd, std::move(children)};
    n.begin = n.token.pos;
    n.end = n.token.pos + n.token.len;
    for (int c : n.children) {
      n.begin = std::min(n.begin, ast_.nodes[c].begin);
      n.end = std::max(n.end, ast_.nodes[c].end);
    }
    ast_.nodes.push_back(std::move(n));
    return static_cast<int>(ast_.nodes.size() - 1);
  }

  int parse_or() {
    int l = parse_and();
    while (!failed_ && at(Tok::kOr)) {
      Token op = take();
      int r = parse_and();
      if (failed_) return -1;
      l = add(AstKind::kOr, op, {l, r});
    }
    return failed_ ? -1 : l;
  }

  int parse_and() {
    int l = parse_not();
    while (!failed_ && at(Tok::kAnd)) {
      Token op = take();
      int r = parse_not();
      if (failed_) return -1;
      l = add(AstKind::kAnd, op, {l, r});
    }
    return failed_ ? -1 : l;
  }

  int parse_not() {
    if (at(Tok::kNot)) {
      Token op = take();
      int e = parse_not();
      return failed_ ? -1 : add(AstKind::kNot, op, {e});
    }
    return parse_test();
  }

  static bool is_comparison(Tok k) {
    switch (k) {
      case Tok::kEq:
      case Tok::kNe:
      case Tok::kAllEq:
      case Tok::kAnyNe:
      case Tok::kGt:
      case Tok::kGe:
      case Tok::kLt:
      case Tok::kLe:
        return true;
      default:
        return false;
    }
  }

  // "a < b <= c" is "a < b and b <= c": the middle operand is shared by both comparisons.
  int parse_comparison_chain(int l) {
    Token op = take();
    int r = parse_arith();
    if (failed_) return -1;
    if (!is_comparison(peek().kind)) return add(AstKind::kCompare, std::move(op), {l, r});
    int rest = parse_comparison_chain(r);
    if (failed_) return -1;
    int first = add(AstKind::kCompare, std::move(op), {l, r});
    Token both;
    both.kind = Tok::kAnd;
    both.pos = ast_.nodes[first].begin;
    return add(AstKind::kAnd, std::move(both), {first, rest});
  }

  int parse_test() {
    if (at(Tok::kLParen)) {
      take();
      int e = parse_or();
      if (failed_) return -1;
      if (!at(Tok::kRParen)) return unexpected(peek());
      take();
      return e;
    }
    Tok quantifier = Tok::kEnd;
    if (at(Tok::kAny) || at(Tok::kAll)) quantifier = take().kind;
    int l = parse_arith();
    if (failed_) return -1;
    if (at(Tok::kContains) || at(Tok::kMatches)) {
      Token op = take();
      int r = parse_arith();
      if (failed_) return -1;
      int n = add(AstKind::kCompare, op, {l, r});
      ast_.nodes[n].quantifier = quantifier;
      return n;
    }
    if (is_comparison(peek().kind)) {
      int n = parse_comparison_chain(l);
      if (n >= 0) ast_.nodes[n].quantifier = quantifier;
      return n;
    }
    // "a not in {...}" is "not (a in {...})"; a quantifier before it has no effect.
    Token negation;
    bool negated = at(Tok::kNot);
    if (negated) {
      negation = take();
      if (!at(Tok::kIn)) return unexpected(peek());
    }
    if (at(Tok::kIn)) {
      Token op = take();
      if (!at(Tok::kLBrace)) return unexpected(peek());
      take();
      std::vector<int> children{l};
      while (true) {
        int lo = parse_arith();
        if (failed_) return -1;
        if (at(Tok::kDotDot)) {
          Token dots = take();
          int hi = parse_arith();
          if (failed_) return -1;
          lo = add(AstKind::kRange, dots, {lo, hi});
        }
        children.push_back(lo);
        if (at(Tok::kComma)) {
          take();
          continue;
        }
        if (at(Tok::kRBrace)) break;
        return unexpected(peek());
      }
      take();
      int n = add(AstKind::kIn, op, std::move(children));
      if (negated) return add(AstKind::kNot, std::move(negation), {n});
      ast_.nodes[n].quantifier = quantifier;
      return n;
    }
    if (quantifier != Tok::kEnd) return unexpected(peek());
    return l;
  }

  int parse_arith() {
    int l = parse_additive();
    while (!failed_ && at(Tok::kBitAnd)) {
      Token op = take();
      int r = parse_additive();
      if (failed_) return -1;
      l = add(AstKind::kArith, op, {l, r});
    }
    return failed_ ? -1 : l;
  }

  int parse_additive() {
    int l = parse_multiplicative();
    while (!failed_ && (at(Tok::kPlus) || at(Tok::kMinus))) {
      Token op = take();
      int r = parse_multiplicative();
      if (failed_) return -1;
      l = add(AstKind::kArith, op, {l, r});
    }
    return failed_ ? -1 : l;
  }

  int parse_multiplicative() {
    int l = parse_unary();
    while (!failed_ && (at(Tok::kStar) || at(Tok::kSlash) || at(Tok::kPercent))) {
      Token op = take();
      int r = parse_unary();
      if (failed_) return -1;
      l = add(AstKind::kArith, op, {l, r});
    }
    return failed_ ? -1 : l;
  }

  int parse_unary() {
    if (at(Tok::kMinus)) {
      Token op = take();
      int e = parse_unary();
      return failed_ ? -1 : add(AstKind::kNegate, op, {e});
    }
    if (at(Tok::kPlus)) {
      take();
      return parse_unary();
    }
    return parse_postfix();
  }

  int parse_postfix() {
    int e = parse_primary();
    if (failed_) return -1;
    if (at(Tok::kLayer)) {
      if (ast_.nodes[e].kind != AstKind::kWord) return unexpected(peek());
      e = add(AstKind::kLayer, take(), {e});
    }
    while (at(Tok::kSlice)) e = add(AstKind::kSlice, take(), {e});
    return e;
  }

  int parse_primary() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::kWord: {
        Token name = take();
        if (!at(Tok::kLParen) || peek().pos != name.pos + name.len)
          return add(AstKind::kWord, std::move(name));
        take();
        std::vector<int> args;
        if (!at(Tok::kRParen)) {
          while (true) {
            int a = parse_arith();
            if (failed_) return -1;
            args.push_back(a);
            if (at(Tok::kComma)) {
              take();
              continue;
            }
            break;
          }
        }
        if (!at(Tok::kRParen)) return unexpected(peek());
        Token close = take();
        int n = add(AstKind::kFunction, std::move(name), std::move(args));
        ast_.nodes[n].end = close.pos + close.len;
        return n;
      }
      case Tok::kDollar: {
        // A field reference: the value of a field in the packet selected in a GUI. Its span
        // is the field name's, where tshark points its messages.
        Token dollar = take();
        if (!at(Tok::kLBrace)) return unexpected(peek());
        take();
        if (!at(Tok::kWord)) return unexpected(peek());
        int word = add(AstKind::kWord, take());
        int field = at(Tok::kLayer) ? add(AstKind::kLayer, take(), {word}) : word;
        if (!at(Tok::kRBrace)) return unexpected(peek());
        take();
        int n = add(AstKind::kReference, std::move(dollar), {field});
        ast_.nodes[n].begin = ast_.nodes[word].begin;
        ast_.nodes[n].end = ast_.nodes[word].end;
        return n;
      }
      case Tok::kString:
      case Tok::kRawString:
        return add(AstKind::kString, take());
      case Tok::kChar:
        return add(AstKind::kChar, take());
      case Tok::kLBrace: {
        take();
        int e = parse_arith();
        if (failed_) return -1;
        if (!at(Tok::kRBrace)) return unexpected(peek());
        take();
        return e;
      }
      default:
        return unexpected(t);
    }
  }

  std::string_view src_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  Ast ast_;
  bool failed_ = false;
  FilterError err_;
};

}  // namespace

std::variant<Ast, FilterError> parse(std::string_view expr) {
  auto toks = tokenize(expr);
  if (auto* e = std::get_if<FilterError>(&toks)) return *e;
  return Parser(expr, std::move(std::get<std::vector<Token>>(toks))).run();
}

}  // namespace netsift::dfilter
