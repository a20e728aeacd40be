// Display-filter tokens, as Wireshark 4.0's scanner splits them. Words (field names and
// unquoted literals such as 10.0.0.0/8, aa:bb:cc, 0x1f) stay unparsed: only the semantic pass
// knows, from the field compared with, what a word means.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "filter/filter_error.h"

namespace netsift::dfilter {

enum class Tok : uint8_t {
  kEnd,
  kWord,       // unparsed identifier or literal
  kString,     // "..." (text holds the unescaped bytes)
  kRawString,  // r"..." (text holds the bytes between the quotes, backslashes kept)
  kChar,       // '...' (number holds the value)
  kLParen,
  kRParen,
  kLBrace,
  kRBrace,
  kComma,
  kDotDot,
  kSlice,  // [ranges] (ranges holds them)
  kLayer,  // #n or #[m-n] (ranges holds one range of layer numbers)
  kEq,     // == eq any_eq
  kNe,     // != ne all_ne
  kAllEq,  // === all_eq
  kAnyNe,  // !== any_ne
  kGt,
  kGe,
  kLt,
  kLe,
  kContains,
  kMatches,  // matches ~
  kIn,
  kBitAnd,  // & bitwise_and
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kNot,  // not !
  kAnd,  // and &&
  kOr,   // or ||
  kAny,
  kAll,
  kDollar,  // field reference ${...}: GUI only
};

// One element of a slice: [start:length], [start-end], [start], [:length], [start:].
struct SliceRange {
  enum Kind : uint8_t { kStartLength, kStartEnd, kToEnd } kind = kStartLength;
  int64_t start = 0;
  int64_t second = 1;  // length or inclusive end
};

struct Token {
  Tok kind = Tok::kEnd;
  uint32_t pos = 0;
  uint32_t len = 0;
  std::string text;
  uint64_t number = 0;
  std::vector<SliceRange> ranges;
};

const char* token_spelling(Tok t);  // canonical text: "==", "contains", ...

// Splits `expr` into tokens ending with kEnd, or reports the first lexical error.
std::variant<std::vector<Token>, FilterError> tokenize(std::string_view expr);

// Decodes one escape sequence after a backslash at s[i] (s[i] is the character after '\');
// advances i past what it read and appends the bytes. What tshark says of a bad one:
enum class Escape : uint8_t {
  kOk,
  kUnknown,       // "\q is not a valid character escape sequence"
  kBadUniversal,  // "\u12 is not a valid universal character name"
  kTooLarge,      // "\777 is larger than 255."
};
Escape decode_escape(std::string_view s, size_t& i, std::string& out);

}  // namespace netsift::dfilter
