#include "output/json_writer.h"

#include "core/text_format.h"

namespace netsift {

namespace {
constexpr char kHex[] = "0123456789abcdef";
}

void append_json_string(std::string& out, std::string_view s, bool dot_to_underscore) {
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<uint8_t>(s[i]);
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out.append("\uFFFD");
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '/':
        // json_dumper writes "</" as "<\/", so that "</script>" cannot end a web page's script.
        out.append(i >= 2 && s[i - 2] == '<' ? "\\/" : "/");
        break;
      case '.':
        out.push_back(dot_to_underscore ? '_' : '.');
        break;
      default:
        if (c < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void JsonWriter::newline_indent(size_t depth) {
  if (!pretty_) return;
  out_.push_back('\n');
  out_.append((static_cast<size_t>(base_) + depth) * 2, ' ');
}

// Before a value: nothing after a member name; otherwise a comma after an earlier element,
// and in pretty mode a new line at the element's depth.
void JsonWriter::prepare() {
  if (state_.empty()) return;
  uint8_t& top = state_.back();
  if (top & kHasName) {
    top &= ~kHasName;
    return;
  }
  if (top & kHasElements) out_.push_back(',');
  top |= kHasElements;
  newline_indent(state_.size());
}

void JsonWriter::name(std::string_view n, std::string_view suffix) {
  prepare();
  append_json_string(out_, n, dots_);
  end_name(suffix);
}

void JsonWriter::quoted_name(std::string_view quoted, std::string_view suffix) {
  prepare();
  out_.append(quoted);
  end_name(suffix);
}

// After a name's closing quote: the suffix inside it, then the separator.
void JsonWriter::end_name(std::string_view suffix) {
  if (!suffix.empty()) {
    out_.pop_back();  // the closing quote: the suffix belongs inside the name
    out_.append(suffix);
    out_.push_back('"');
  }
  out_.append(pretty_ ? ": " : ":");
  state_.back() |= kHasName;
}

void JsonWriter::string(std::string_view s) {
  prepare();
  append_json_string(out_, s);
}

void JsonWriter::raw(std::string_view s) {
  prepare();
  out_.append(s);
}

void JsonWriter::open(char c) {
  prepare();
  out_.push_back(c);
  state_.push_back(0);
}

void JsonWriter::close(char c) {
  if (state_.empty()) return;
  bool had_elements = state_.back() & kHasElements;
  state_.pop_back();
  if (had_elements) newline_indent(state_.size());
  out_.push_back(c);
}

}  // namespace netsift
