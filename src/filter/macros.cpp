#include "filter/macros.h"

#include <cctype>

#include "core/field_registry.h"
#include "core/preferences.h"

namespace netsift {

namespace {

// A macro's text cut at its $N placeholders: parts[0] arg[0] parts[1] arg[1] ... parts[n].
struct Macro {
  std::string name;
  std::vector<std::string> parts;
  std::vector<int> arg_index;  // which argument follows parts[k] (0-based; -1 for "$0")
  int argc = 0;                // the highest N of a $N
};

Macro parse_macro(const std::string& name, std::string_view text) {
  Macro m{name, {""}, {}, 0};
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {  // the next character stands for itself
      if (++i < text.size()) m.parts.back() += text[i];
      continue;
    }
    size_t digits = 0;
    while (c == '$' && i + 1 + digits < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[i + 1 + digits])))
      ++digits;
    if (digits == 0) {
      m.parts.back() += c;
      continue;
    }
    int n = 0;
    for (size_t k = 0; k < digits; ++k) n = std::min(n * 10 + (text[i + 1 + k] - '0'), 1 << 20);
    m.argc = std::max(m.argc, n);
    m.arg_index.push_back(n - 1);
    m.parts.emplace_back();
    i += digits;
  }
  return m;
}

std::vector<Macro>& macros() {
  static std::vector<Macro> table;
  return table;
}

// The table's field checks, as tshark's: names are letters, digits and '_', unique; texts
// printable.
std::optional<std::string> check_macro_field(const std::vector<UatRecord>& earlier, size_t field,
                                             const std::string& value) {
  if (field == 0) {
    if (value.empty()) return "invalid name";
    for (char c : value)
      if (c != '_' && !std::isalnum(static_cast<unsigned char>(c))) return "invalid char in name";
    for (const UatRecord& r : earlier)
      if (!r.empty() && r[0] == value) return "macro '" + value + "' already exists";
    return std::nullopt;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c > 0x7e) {
      char msg[48];
      std::snprintf(msg, sizeof msg, "invalid char pos=%zu value=%02x", i, c);
      return std::string(msg);
    }
  }
  return std::nullopt;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// Whether the text after "${" starts a field reference: what precedes the first '#' of the
// rest of the filter (or, with none, its first '}') names a field that has a value.
bool starts_field_reference(std::string_view rest) {
  size_t end = rest.find('#');
  if (end == std::string_view::npos) end = rest.find('}');
  if (end == std::string_view::npos) return false;
  FieldId f = registry().find(rest.substr(0, end));
  if (f == kNoField) return false;
  FieldType t = registry().info(f).def.type;
  return t != FieldType::kProtocol && t != FieldType::kNone;
}

FilterError macro_error(std::string message) {
  return FilterError{std::move(message), 0, 0, {}};
}

std::variant<std::string, FilterError> resolve(const std::string& name,
                                               const std::vector<std::string>& args) {
  const Macro* m = nullptr;
  for (const Macro& c : macros())
    if (c.name == name) {
      m = &c;
      break;
    }
  if (!m) return macro_error("macro '" + name + "' does not exist");
  if (static_cast<int>(args.size()) != m->argc)
    return macro_error("wrong number of arguments for macro '" + name + "', expecting " +
                       std::to_string(m->argc) + " instead of " + std::to_string(args.size()));
  std::string out = m->parts[0];
  for (size_t k = 0; k < m->arg_index.size(); ++k) {
    int i = m->arg_index[k];
    if (i >= 0) out += args[i];
    out += m->parts[k + 1];
  }
  return out;
}

constexpr int kMaxDepth = 31;  // tshark's limit on macros expanding to macros
// Beyond tshark: a macro using itself twice doubles the text at every level; tshark runs out
// of memory, netsift stops at a length no real filter reaches.
constexpr size_t kMaxExpandedLength = 1 << 20;

std::variant<std::string, FilterError> expand(std::string_view text, int depth) {
  if (depth > kMaxDepth) return macro_error("too much nesting in macros");
  const char* kUnfinished = "end of filter in the middle of a macro expression";
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i++];
    if (c != '$') {
      out += c;
      continue;
    }
    if (i == text.size()) {
      out += '$';
      break;
    }
    if (text[i] != '{') {
      out += '$';
      out += text[i++];
      continue;
    }
    ++i;
    if (starts_field_reference(text.substr(i))) {
      out += "${";
      continue;
    }
    std::string name;
    while (i < text.size() && is_name_char(text[i])) name += text[i++];
    if (i == text.size()) return macro_error(kUnfinished);
    std::vector<std::string> args;
    if (text[i] == ':') {
      args.emplace_back();
      for (++i;; ++i) {
        if (i == text.size()) return macro_error(kUnfinished);
        char a = text[i];
        if (a == '}') break;
        if (a == ';') {
          args.emplace_back();
        } else if (a == '\\') {
          if (++i == text.size()) return macro_error(kUnfinished);
          args.back() += text[i];
        } else {
          args.back() += a;
        }
      }
    } else if (text[i] != '}') {
      return macro_error("invalid character in macro name");
    }
    ++i;  // the closing '}'
    auto resolved = resolve(name, args);
    if (auto* e = std::get_if<FilterError>(&resolved)) return *e;
    out += std::get<std::string>(resolved);
    if (out.size() > kMaxExpandedLength) return macro_error("macro expansion too long");
    changed = true;
  }
  if (changed) return expand(out, depth + 1);
  return out;
}

}  // namespace

void register_filter_macro_table() {
  static bool done = false;
  if (done) return;
  done = true;
  prefs_registry().add_uat(
      {"dfilter_macros", "Display Filter Macros", {"name", "text"}, nullptr, check_macro_field});
}

void use_filter_macros(const UatTable* table) {
  macros().clear();
  if (!table) return;
  for (const UatRecord& r : table->records)
    if (r.size() == 2) macros().push_back(parse_macro(r[0], r[1]));
}

namespace dfilter {

std::variant<std::string, FilterError> expand_macros(std::string_view text) {
  if (text.find('$') == std::string_view::npos) return std::string(text);
  return expand(text, 0);
}

}  // namespace dfilter
}  // namespace netsift
