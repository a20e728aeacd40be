// tshark 4.0's JSON grammar (packet-json.c init_json_parser) evaluated the way epan/tvbparse.c
// evaluates it. Each function below is one grammar element; "seq", "oneof" and "some" are
// tvbparse's combinators and carry its exact checks: an offset past the end fails before the
// recursion counter moves, entering one counts a level, a level past 100 fails without giving the
// count back, a token spans its elements up to the last non-empty one, and whitespace is
// skipped after every element of a sequence.
#include "dissectors/json_grammar.h"

#include <climits>
#include <cstring>
#include <string_view>

namespace netsift::json {

namespace {

constexpr int kMaxRecursion = 100;        // TVBPARSE_MAX_RECURSION_DEPTH
constexpr long kManyChars = INT_MAX / 2;  // tvbparse_chars() with no maximum
constexpr long kManyItems = INT_MAX;      // tvbparse_some() up to G_MAXINT

struct Tok {
  long off = 0, len = 0;
};

// A combinator's token: from its first element's token to the end of its last non-empty one.
struct Span {
  long off = -1, len = 0;
  void add(const Tok& t) {
    if (off < 0) {
      off = t.off;
      len = t.len;
    } else if (t.len) {
      len = t.off - off + t.len;
    }
  }
  Tok tok() const { return {off, len}; }
};

bool is_ws(uint8_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

class Recogniser {
 public:
  Recogniser(const uint8_t* p, size_t n, std::vector<Event>& ev)
      : p_(p), end_(static_cast<long>(n)), ev_(ev) {}

  // tvbparse_get(want): whitespace, then an object or an array.
  long text(long off) {
    if (off > end_ || !enter()) return -1;
    Tok t;
    long n = object(off, t);
    if (n < 0) n = array(off, t);
    --depth_;
    return n;
  }

  long skip_ws(long off) const {
    while (off < end_ && is_ws(p_[off])) ++off;
    return off;
  }

 private:
  bool enter() { return ++depth_ <= kMaxRecursion; }
  long fail(size_t mark) {
    ev_.resize(mark);
    --depth_;
    return -1;
  }

  // Primitive elements (no recursion count). ch() matches one character, `c` or `alt`.
  long ch(long off, char c, Tok& t, char alt = 0) const {
    if (off + 1 > end_ ||
        (p_[off] != static_cast<uint8_t>(c) && (!alt || p_[off] != static_cast<uint8_t>(alt))))
      return -1;
    t = {off, 1};
    return 1;
  }
  template <typename Accept>
  long chars(long off, long min, long max, Accept accept, Tok& t) const {
    if (off + min > end_) return -1;
    long left = end_ - off < max ? end_ - off : max, n = 0;
    while (left-- > 0 && accept(p_[off + n])) ++n;
    if (n < min) return -1;
    t = {off, n};
    return n;
  }
  long literal(long off, std::string_view s, Tok& t) const {
    long n = static_cast<long>(s.size());
    if (off + n > end_ || p_[off] != static_cast<uint8_t>(s[0]) ||
        std::memcmp(p_ + off, s.data(), s.size()) != 0)
      return -1;
    t = {off, n};
    return n;
  }

  // tvbparse_some(0, max, element).
  template <typename Element>
  long some(long off, long max, Element element, Tok& t) {
    if (off > end_ || !enter()) return -1;
    Span s{off, 0};
    long o = off;
    for (long got = 0; got < max; ++got) {
      Tok e;
      long n = element(o, e);
      if (n < 0) break;
      s.add(e);
      o += n;
    }
    --depth_;
    t = s.tok();
    return o - off;
  }

  // A sequence's elements, each followed by whitespace: step() runs one and tracks the span.
  struct Seq {
    Recogniser& r;
    long o;
    Span s;
    bool step(long n, const Tok& e) {
      if (n < 0) return false;
      s.add(e);
      o = r.skip_ws(o + n);
      return true;
    }
  };

  long digits(long off, long min, Tok& t) const {
    return chars(
        off, min, kManyChars, [](uint8_t c) { return c >= '0' && c <= '9'; }, t);
  }

  // int = "0" / ( digit1-9 [ *DIGIT ] )
  long integer(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    long n = ch(off, '0', t);
    if (n < 0) n = integer_seq(off, t);
    --depth_;
    return n;
  }
  long integer_seq(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    if (!q.step(chars(
                    q.o, 1, 1, [](uint8_t c) { return c >= '1' && c <= '9'; }, e),
                e) ||
        !q.step(some(
                    q.o, 1, [this](long o, Tok& x) { return digits(o, 1, x); }, e),
                e))
      return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }

  // number = [ "-" ] int [ "." 1*DIGIT ] [ ("e" / "E") [ "-" / "+" ] 1*DIGIT ]
  long number(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    auto minus = [this](long o, Tok& x) {
      return chars(
          o, 1, 1, [](uint8_t c) { return c == '-'; }, x);
    };
    auto frac = [this](long o, Tok& x) { return fraction(o, x); };
    auto exp = [this](long o, Tok& x) { return exponent(o, x); };
    if (!q.step(some(q.o, 1, minus, e), e) || !q.step(integer(q.o, e), e) ||
        !q.step(some(q.o, 1, frac, e), e) || !q.step(some(q.o, 1, exp, e), e))
      return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }
  long fraction(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    if (!q.step(ch(q.o, '.', e), e) || !q.step(digits(q.o, 1, e), e)) return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }
  long exponent(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    auto sign = [this](long o, Tok& x) {
      return chars(
          o, 1, 1, [](uint8_t c) { return c == '-' || c == '+'; }, x);
    };
    if (!q.step(ch(q.o, 'e', e, 'E'), e) || !q.step(some(q.o, 1, sign, e), e) ||
        !q.step(digits(q.o, 1, e), e))
      return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }

  // string = quote *( unescaped-run / escape ) quote
  long string(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    auto piece = [this](long o, Tok& x) { return string_piece(o, x); };
    if (!q.step(ch(q.o, '"', e), e) || !q.step(some(q.o, kManyItems, piece, e), e) ||
        !q.step(ch(q.o, '"', e), e))
      return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }
  long string_piece(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    long n = chars(
        off, 1, kManyChars, [](uint8_t c) { return c != '"' && c != '\\'; }, t);
    if (n < 0) n = escape(off, t);
    --depth_;
    return n;
  }
  long escape(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    if (!q.step(ch(q.o, '\\', e), e) || !q.step(escaped(q.o, e), e)) return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }
  long escaped(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    long n = chars(
        off, 1, 1,
        [](uint8_t c) {
          return c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' ||
                 c == 'r' || c == 't';
        },
        t);
    if (n < 0) n = unicode_escape(off, t);
    --depth_;
    return n;
  }
  long unicode_escape(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    auto hex = [](uint8_t c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    if (!q.step(ch(q.o, 'u', e), e) || !q.step(chars(q.o, 4, 4, hex, e), e)) return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }

  // value = false / null / true / NaN / object / array / number / string; a scalar value is an
  // event after its token's (tshark's after_value callback).
  long value(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    static constexpr struct {
      std::string_view text;
      EventKind kind;
    } kLiterals[] = {{"false", EventKind::kFalse},
                     {"null", EventKind::kNull},
                     {"true", EventKind::kTrue},
                     {"NaN", EventKind::kNaN}};
    long n = -1;
    EventKind kind = EventKind::kString;
    bool scalar = true;
    for (const auto& l : kLiterals)
      if ((n = literal(off, l.text, t)) >= 0) {
        kind = l.kind;
        break;
      }
    if (n < 0 && ((n = object(off, t)) >= 0 || (n = array(off, t)) >= 0)) scalar = false;
    if (n < 0 && (n = number(off, t)) >= 0) kind = EventKind::kNumber;
    if (n < 0 && (n = string(off, t)) >= 0) kind = EventKind::kString;
    --depth_;
    if (n >= 0 && scalar)
      ev_.push_back({kind, static_cast<uint32_t>(t.off), static_cast<uint32_t>(t.len), 0, 0});
    return n;
  }

  // member = string ":" value
  long member(long off, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    ev_.push_back({EventKind::kBeginMember, 0, 0, 0, 0});
    Seq q{*this, off, {}};
    Tok key, e;
    if (!q.step(string(q.o, key), key) || !q.step(ch(q.o, ':', e), e) || !q.step(value(q.o, e), e))
      return fail(mark);
    --depth_;
    t = q.s.tok();
    Event m{EventKind::kBeginMember, static_cast<uint32_t>(t.off), static_cast<uint32_t>(t.len),
            static_cast<uint32_t>(key.off), static_cast<uint32_t>(key.len)};
    ev_[mark] = m;
    m.kind = EventKind::kEndMember;
    ev_.push_back(m);
    return q.o - off;
  }

  // object = "{" [ member *( "," member ) ] "}", array = "[" [ value *( "," value ) ] "]"
  template <typename Item>
  long container(long off, char open, char close, EventKind begin, EventKind end, Item item,
                 Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    ev_.push_back({begin, 0, 0, 0, 0});
    Seq q{*this, off, {}};
    Tok e;
    auto items = [&](long o, Tok& x) { return item_list(o, item, x); };
    if (!q.step(ch(q.o, open, e), e) || !q.step(some(q.o, 1, items, e), e) ||
        !q.step(ch(q.o, close, e), e))
      return fail(mark);
    --depth_;
    t = q.s.tok();
    ev_[mark] = {begin, static_cast<uint32_t>(t.off), static_cast<uint32_t>(t.len), 0, 0};
    ev_.push_back({end, static_cast<uint32_t>(t.off), static_cast<uint32_t>(t.len), 0, 0});
    return q.o - off;
  }
  template <typename Item>
  long item_list(long off, Item item, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    auto more = [&](long o, Tok& x) { return next_item(o, item, x); };
    if (!q.step(item(q.o, e), e) || !q.step(some(q.o, kManyItems, more, e), e)) return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }
  template <typename Item>
  long next_item(long off, Item item, Tok& t) {
    if (off > end_ || !enter()) return -1;
    size_t mark = ev_.size();
    Seq q{*this, off, {}};
    Tok e;
    if (!q.step(ch(q.o, ',', e), e) || !q.step(item(q.o, e), e)) return fail(mark);
    --depth_;
    t = q.s.tok();
    return q.o - off;
  }
  long object(long off, Tok& t) {
    auto item = [this](long o, Tok& x) { return member(o, x); };
    return container(off, '{', '}', EventKind::kBeginObject, EventKind::kEndObject, item, t);
  }
  long array(long off, Tok& t) {
    auto item = [this](long o, Tok& x) { return value(o, x); };
    return container(off, '[', ']', EventKind::kBeginArray, EventKind::kEndArray, item, t);
  }

  const uint8_t* p_;
  long end_;
  std::vector<Event>& ev_;
  int depth_ = 0;  // tvbparse's recursion_depth: one per body, leaks included
};

}  // namespace

size_t recognise(const uint8_t* p, size_t n, std::vector<Event>& events) {
  Recogniser r(p, n, events);
  long off = 0;
  for (;;) {
    long start = r.skip_ws(off);
    long used = r.text(start);
    if (used < 0) break;
    off = start + used;
  }
  return static_cast<size_t>(off);
}

}  // namespace netsift::json
