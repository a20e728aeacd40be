// Display-filter syntax tree. The parser only checks the grammar; names and literals are
// resolved against the field registry by the compiler.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "filter/filter_error.h"
#include "filter/lexer.h"

namespace netsift::dfilter {

enum class AstKind : uint8_t {
  kWord,       // field, protocol or unquoted literal (token)
  kString,     // "..." or r"..." (token)
  kChar,       // '.' (token)
  kSlice,      // child[0] sliced by token's ranges
  kLayer,      // child[0] (a field) restricted to token's layer range
  kFunction,   // token is the name; children are the arguments
  kReference,  // ${field} or ${field#layer}: children[0] (a kWord or kLayer); GUI only
  kArith,      // token is + - * / % &; children[0] op children[1]
  kNegate,     // unary minus: -children[0]
  kCompare,    // children[0] op children[1]; op token, optional any/all quantifier
  kIn,         // children[0] in { children[1..] }; a kRange child is lo..hi
  kRange,      // children[0] .. children[1] inside a set
  kNot,
  kAnd,
  kOr,
};

struct AstNode {
  AstKind kind;
  Token token;              // the token this node is about (errors point at it)
  Tok quantifier = Tok::kEnd;  // kAny / kAll before a comparison
  std::vector<int> children;
  uint32_t begin = 0, end = 0;  // source span, for errors about a whole sub-expression
};

struct Ast {
  std::vector<AstNode> nodes;
  int root = -1;  // -1: empty filter (matches everything)
};

std::variant<Ast, FilterError> parse(std::string_view expr);

}  // namespace netsift::dfilter
