#include "filter/lexer.h"

#include <cctype>
#include <charconv>

namespace netsift::dfilter {

namespace {

struct Keyword {
  std::string_view word;
  Tok tok;
};

constexpr Keyword kKeywords[] = {
    {"eq", Tok::kEq},         {"any_eq", Tok::kEq},       {"ne", Tok::kNe},
    {"all_ne", Tok::kNe},     {"all_eq", Tok::kAllEq},    {"any_ne", Tok::kAnyNe},
    {"gt", Tok::kGt},         {"ge", Tok::kGe},           {"lt", Tok::kLt},
    {"le", Tok::kLe},         {"contains", Tok::kContains}, {"matches", Tok::kMatches},
    {"in", Tok::kIn},         {"bitwise_and", Tok::kBitAnd}, {"not", Tok::kNot},
    {"and", Tok::kAnd},       {"or", Tok::kOr},           {"any", Tok::kAny},
    {"all", Tok::kAll},
};

// Longest symbols first so that "===" wins over "==".
constexpr Keyword kSymbols[] = {
    {"===", Tok::kAllEq}, {"!==", Tok::kAnyNe}, {"==", Tok::kEq},     {"!=", Tok::kNe},
    {">=", Tok::kGe},     {"<=", Tok::kLe},     {"&&", Tok::kAnd},    {"||", Tok::kOr},
    {"..", Tok::kDotDot}, {">", Tok::kGt},      {"<", Tok::kLt},      {"~", Tok::kMatches},
    {"&", Tok::kBitAnd},  {"!", Tok::kNot},     {"+", Tok::kPlus},    {"-", Tok::kMinus},
    {"*", Tok::kStar},    {"/", Tok::kSlash},   {"%", Tok::kPercent}, {"(", Tok::kLParen},
    {")", Tok::kRParen},  {"{", Tok::kLBrace},  {"}", Tok::kRBrace},  {",", Tok::kComma},
    {"$", Tok::kDollar},
};

bool is_word_start(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':';
}
bool is_word_char(char c) { return is_word_start(c) || c == '-'; }

// Words shaped like an address may carry a CIDR prefix ("10.0.0.0/8", "fe80::/10"); any other
// word followed by '/' is a division ("frame.len/2").
bool looks_like_address(std::string_view w) {
  bool sep = false;
  for (char c : w) {
    if (c == '.' || c == ':') sep = true;
    else if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return sep;
}

FilterError error_at(std::string message, size_t pos, size_t len) {
  return FilterError{std::move(message), pos, len, {}};
}

bool parse_int(std::string_view s, int64_t& v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// One comma-separated element of a slice.
bool parse_range(std::string_view s, SliceRange& r) {
  s = trim(s);
  if (s.empty()) return false;
  size_t colon = s.find(':');
  if (colon != std::string_view::npos) {
    std::string_view a = trim(s.substr(0, colon)), b = trim(s.substr(colon + 1));
    r.start = 0;
    if (!a.empty() && !parse_int(a, r.start)) return false;
    if (b.empty()) {
      r.kind = SliceRange::kToEnd;
      return true;
    }
    r.kind = SliceRange::kStartLength;
    return parse_int(b, r.second) && r.second > 0;
  }
  // start-end: the separator is a '-' that is not the sign of the start.
  size_t dash = s.find('-', 1);
  if (dash != std::string_view::npos) {
    r.kind = SliceRange::kStartEnd;
    return parse_int(trim(s.substr(0, dash)), r.start) &&
           parse_int(trim(s.substr(dash + 1)), r.second);
  }
  r.kind = SliceRange::kStartLength;
  r.second = 1;
  return parse_int(s, r.start);
}

}  // namespace

Escape decode_escape(std::string_view s, size_t& i, std::string& out) {
  if (i >= s.size()) return Escape::kUnknown;
  char c = s[i++];
  switch (c) {
    case '\'': out += '\''; return Escape::kOk;
    case '"': out += '"'; return Escape::kOk;
    case '\\': out += '\\'; return Escape::kOk;
    case 'a': out += '\a'; return Escape::kOk;
    case 'b': out += '\b'; return Escape::kOk;
    case 'f': out += '\f'; return Escape::kOk;
    case 'n': out += '\n'; return Escape::kOk;
    case 'r': out += '\r'; return Escape::kOk;
    case 't': out += '\t'; return Escape::kOk;
    case 'v': out += '\v'; return Escape::kOk;
    case 'x': {
      unsigned v = 0;
      int n = 0;
      while (n < 2 && i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) {
        v = v * 16 + (std::isdigit(static_cast<unsigned char>(s[i])) ? s[i] - '0'
                                                                     : (s[i] | 0x20) - 'a' + 10);
        ++i, ++n;
      }
      if (n == 0) return Escape::kUnknown;
      out += static_cast<char>(v);
      return Escape::kOk;
    }
    case 'u':
    case 'U': {
      int digits = c == 'u' ? 4 : 8;
      uint32_t cp = 0;
      for (int n = 0; n < digits; ++n, ++i) {
        if (i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i])))
          return Escape::kBadUniversal;
        cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(s[i])) ? s[i] - '0'
                                                                        : (s[i] | 0x20) - 'a' + 10);
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return Escape::kBadUniversal;
      // UTF-8 encoding of the code point.
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
      return Escape::kOk;
    }
    default:
      if (c >= '0' && c <= '7') {
        unsigned v = c - '0';
        for (int n = 1; n < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++n, ++i)
          v = v * 8 + (s[i] - '0');
        if (v > 0xFF) return Escape::kTooLarge;
        out += static_cast<char>(v);
        return Escape::kOk;
      }
      return Escape::kUnknown;
  }
}

std::variant<std::vector<Token>, FilterError> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (true) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    Token t;
    t.pos = static_cast<uint32_t>(i);
    if (i >= s.size()) {
      t.kind = Tok::kEnd;
      out.push_back(std::move(t));
      return out;
    }
    char c = s[i];
    bool raw = c == 'r' && i + 1 < s.size() && s[i + 1] == '"';
    if (c == '"' || raw) {
      size_t j = i + (raw ? 2 : 1);
      std::string text;
      bool closed = false;
      while (j < s.size()) {
        char d = s[j];
        if (d == '"') {
          closed = true;
          ++j;
          break;
        }
        if (d == '\\') {
          if (raw) {
            // Raw strings keep the backslash; it still stops a quote from closing them.
            text += d;
            if (j + 1 < s.size()) text += s[j + 1];
            j += 2;
            continue;
          }
          size_t k = j + 1;
          Escape e = decode_escape(s, k, text);
          if (e != Escape::kOk) {
            std::string spelled(s.substr(j, k - j));
            return error_at(spelled + (e == Escape::kTooLarge      ? " is larger than 255."
                                       : e == Escape::kBadUniversal ? " is not a valid universal "
                                                                      "character name"
                                                                    : " is not a valid character "
                                                                      "escape sequence"),
                            j, k - j);
          }
          j = k;
          continue;
        }
        text += d;
        ++j;
      }
      if (!closed) return error_at("The final quote was missing from a quoted string.", i, 0);
      t.kind = raw ? Tok::kRawString : Tok::kString;
      t.text = std::move(text);
      t.len = static_cast<uint32_t>(j - i);
      i = j;
    } else if (c == '\'') {
      size_t j = i + 1;
      std::string text;
      while (j < s.size() && s[j] != '\'') {
        if (s[j] == '\\') {
          size_t k = j + 1;
          Escape e = decode_escape(s, k, text);
          if (e != Escape::kOk) {
            // tshark names the whole constant, up to its closing quote.
            size_t close = s.find('\'', k);
            if (close == std::string_view::npos)
              return error_at("The final quote was missing from a character constant.", i, 0);
            std::string spelled(s.substr(i, close + 1 - i));
            return error_at(spelled + (e == Escape::kTooLarge
                                           ? " is too large to be a valid character constant."
                                           : " isn't a valid character constant."),
                            i, close + 1 - i);
          }
          j = k;
        } else {
          text += s[j++];
        }
      }
      if (j >= s.size())
        return error_at("The final quote was missing from a character constant.", i, 0);
      ++j;
      std::string_view spelled = s.substr(i, j - i);
      if (text.size() != 1)
        return error_at(std::string(spelled) + (text.empty() ? " is not a valid character constant."
                                                             : " is too long to be a valid "
                                                               "character constant."),
                        i, j - i);
      t.kind = Tok::kChar;
      t.number = static_cast<uint8_t>(text[0]);
      t.text = spelled;
      t.len = static_cast<uint32_t>(j - i);
      i = j;
    } else if (c == '[' || (c == '#' && i + 1 < s.size() && s[i + 1] == '[')) {
      bool layer = c == '#';
      size_t open = layer ? i + 1 : i;
      size_t close = s.find(']', open);
      if (close == std::string_view::npos)
        return error_at(layer ? "The right bracket was missing from a layer range."
                              : "The right bracket was missing from a slice.",
                        s.size(), 0);
      std::string_view body = s.substr(open + 1, close - open - 1);
      size_t start = 0;
      while (true) {
        size_t comma = body.find(',', start);
        std::string_view item = body.substr(start, comma == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : comma - start);
        SliceRange r;
        if (!parse_range(item, r))
          return error_at("\"" + std::string(trim(item)) + "\" is not a valid range.",
                          open + 1 + start, item.size());
        // tshark refuses a start-end range whose ends differ in sign, or running backwards.
        bool signs_differ = (r.start < 0) != (r.second < 0);
        if (r.kind == SliceRange::kStartEnd && signs_differ)
          return error_at("Range " + std::string(trim(item)) + " isn't valid because " +
                              std::to_string(r.start) + " and " + std::to_string(r.second) +
                              " have different signs",
                          open + 1 + start, item.size());
        if (r.kind == SliceRange::kStartEnd && !signs_differ && r.start >= r.second)
          return error_at("Range " + std::string(trim(item)) + " isn't valid because " +
                              std::to_string(r.start) + " is greater or equal than " +
                              std::to_string(r.second),
                          open + 1 + start, item.size());
        t.ranges.push_back(r);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      t.kind = layer ? Tok::kLayer : Tok::kSlice;
      t.len = static_cast<uint32_t>(close + 1 - i);
      i = close + 1;
    } else if (c == '#') {
      size_t j = i + 1;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      int64_t n = 0;
      if (j == s.size() && j == i + 1) return error_at("Unexpected end of filter expression.", 0, 0);
      if (j == i + 1)
        return error_at("Expected digit or \"[\", not \"" + std::string(1, s[j]) + "\"", j, 1);
      if (!parse_int(s.substr(i + 1, j - i - 1), n))
        return error_at("\"" + std::string(s.substr(i + 1, j - i - 1)) +
                            "\" is not a valid layer number.",
                        i + 1, j - i - 1);
      t.kind = Tok::kLayer;
      t.ranges.push_back({SliceRange::kStartEnd, n, n});
      t.len = static_cast<uint32_t>(j - i);
      i = j;
    } else if (is_word_start(c) && !(c == '.' && i + 1 < s.size() && s[i + 1] == '.')) {
      size_t j = i;
      while (j < s.size() && is_word_char(s[j]) &&
             !(s[j] == '.' && j + 1 < s.size() && s[j + 1] == '.'))
        ++j;
      std::string_view w = s.substr(i, j - i);
      if (j + 1 < s.size() && s[j] == '/' && std::isdigit(static_cast<unsigned char>(s[j + 1])) &&
          looks_like_address(w)) {
        j += 1;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        w = s.substr(i, j - i);
      }
      t.kind = Tok::kWord;
      for (const Keyword& k : kKeywords)
        if (k.word == w) t.kind = k.tok;
      t.text = w;
      t.len = static_cast<uint32_t>(w.size());
      i = j;
    } else {
      bool found = false;
      for (const Keyword& k : kSymbols) {
        if (s.substr(i, k.word.size()) == k.word) {
          t.kind = k.tok;
          t.text = k.word;
          t.len = static_cast<uint32_t>(k.word.size());
          i += k.word.size();
          found = true;
          break;
        }
      }
      auto byte = static_cast<unsigned char>(c);
      if (!found && (byte < 0x20 || byte >= 0x7f))
        return error_at("Non-printable ASCII characters may only appear inside double-quotes.", i,
                        1);
      if (!found)
        return error_at("\"" + std::string(1, c) + "\" was unexpected in this context.", i, 1);
    }
    out.push_back(std::move(t));
  }
}

const char* token_spelling(Tok t) {
  switch (t) {
    case Tok::kEq: return "==";
    case Tok::kNe: return "!=";
    case Tok::kAllEq: return "===";
    case Tok::kAnyNe: return "!==";
    case Tok::kGt: return ">";
    case Tok::kGe: return ">=";
    case Tok::kLt: return "<";
    case Tok::kLe: return "<=";
    case Tok::kContains: return "contains";
    case Tok::kMatches: return "matches";
    case Tok::kIn: return "in";
    case Tok::kBitAnd: return "&";
    case Tok::kPlus: return "+";
    case Tok::kMinus: return "-";
    case Tok::kStar: return "*";
    case Tok::kSlash: return "/";
    case Tok::kPercent: return "%";
    case Tok::kNot: return "!";
    case Tok::kAnd: return "&&";
    case Tok::kOr: return "||";
    case Tok::kAny: return "any";
    case Tok::kAll: return "all";
    default: return "";
  }
}

}  // namespace netsift::dfilter
