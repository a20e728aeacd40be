#include "output/color_rules.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <variant>

namespace netsift {

namespace {

// A reader over the file's text with fscanf's rules for "%hu" (whitespace skipped, an optional
// sign, the value taken modulo 2^16) and for literal characters (matched exactly).
struct Cursor {
  std::string_view text;
  size_t pos = 0;

  bool at_end() const { return pos >= text.size(); }
  int get() { return at_end() ? EOF : static_cast<unsigned char>(text[pos++]); }
  bool literal(char c) {
    if (at_end() || text[pos] != c) return false;
    ++pos;
    return true;
  }
  bool number(uint16_t& out) {
    while (!at_end() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    bool negative = false;
    if (!at_end() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
    size_t start = pos;
    uint64_t v = 0;
    while (!at_end() && std::isdigit(static_cast<unsigned char>(text[pos])))
      v = v * 10 + static_cast<uint64_t>(text[pos++] - '0');
    if (pos == start) return false;
    out = static_cast<uint16_t>(negative ? 0 - v : v);
    return true;
  }
  // "[r,g,b]"
  bool color(Color16& c) {
    return literal('[') && number(c.red) && literal(',') && number(c.green) && literal(',') &&
           number(c.blue) && literal(']');
  }
  // The text up to the next '@' (consumed), or nullopt at the end of the text.
  std::optional<std::string_view> until_at() {
    size_t at = text.find('@', pos);
    if (at == std::string_view::npos) {
      pos = text.size();
      return std::nullopt;
    }
    std::string_view s = text.substr(pos, at - pos);
    pos = at + 1;
    return s;
  }
  void skip_line() {
    size_t nl = text.find('\n', pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
};

}  // namespace

ColorRules ColorRules::parse(std::string_view text, const std::string& path) {
  ColorRules rules;
  Cursor in{text};
  bool disabled = false;
  while (true) {
    int c;
    while ((c = in.get()) != EOF && std::isspace(c)) {
    }
    if (c == EOF) break;
    if (c == '!') {
      disabled = true;
      continue;
    }
    if (c == '@') {
      auto name = in.until_at();
      if (!name) break;
      std::optional<std::string_view> expr;
      if (!name->empty()) {
        expr = in.until_at();
        if (!expr) break;
      }
      Color16 bg, fg;
      if (expr && !expr->empty() && in.color(bg) && in.color(fg) && !disabled) {
        auto compiled = DisplayFilter::compile(*expr, UnknownNames::kAbsent);
        if (auto* f = std::get_if<DisplayFilter>(&compiled))
          rules.rules_.push_back(ColorRule{std::string(*name), std::move(*f), bg, fg});
        else
          std::fprintf(stderr,
                       "netsift: Could not compile \"%.*s\" in colorfilters file \"%s\".\n%s\n",
                       static_cast<int>(name->size()), name->data(), path.c_str(),
                       std::get<FilterError>(compiled).message.c_str());
      }
    }
    // Whatever the line held, the next rule starts on the next line, enabled.
    in.skip_line();
    disabled = false;
  }
  return rules;
}

ColorRules ColorRules::load(const ConfigLocation& where) {
  auto path = where.personal_file("colorfilters");
  if (!path) path = where.global_file("colorfilters");
  if (!path) return {};
  std::ifstream f(*path, std::ios::binary);
  std::ostringstream text;
  text << f.rdbuf();
  return parse(text.str(), path->string());
}

const ColorRule* ColorRules::match(const Packet& pkt) const {
  for (const ColorRule& r : rules_)
    if (r.filter.matches(pkt)) return &r;
  return nullptr;
}

std::vector<FieldId> ColorRules::referenced() const {
  std::vector<FieldId> ids;
  for (const ColorRule& r : rules_)
    ids.insert(ids.end(), r.filter.referenced().begin(), r.filter.referenced().end());
  return ids;
}

void append_packet_open_tag(std::string& out, const ColorRule* rule) {
  if (!rule) {
    out.append("<packet>\n");
    return;
  }
  append_format(out, "<packet foreground='#{:06x}' background='#{:06x}'>\n",
                 rule->foreground.rgb(), rule->background.rgb());
}

void append_ansi_colored_line(std::string& out, std::string_view line, const ColorRule& rule) {
  const Color16 &fg = rule.foreground, &bg = rule.background;
  append_format(out, "\x1b[38;2;{};{};{}m\x1b[48;2;{};{};{}m", fg.red >> 8,
                 fg.green >> 8, fg.blue >> 8, bg.red >> 8, bg.green >> 8, bg.blue >> 8);
  out.append(line);
  out.append("\x1b[K\n");
  out.append(kAnsiReset);
}

}  // namespace netsift
