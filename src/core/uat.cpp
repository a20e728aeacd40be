#include "core/uat.h"

#include "core/ascii.h"

namespace netsift {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// Wireshark's uat_unesc: \xNN (one or two hex digits), \NNN octal, C escapes; any other
// escaped character stands for itself.
std::string unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x': {
        int v = 0, n = 0;
        while (n < 2 && i + 1 < s.size() && hex_digit_value(s[i + 1]) >= 0) {
          v = v * 16 + hex_digit_value(s[++i]);
          ++n;
        }
        if (n == 0)
          out += 'x';
        else
          out += static_cast<char>(v);
        break;
      }
      default:
        if (c >= '0' && c <= '7') {
          int v = c - '0', n = 1;
          while (n < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') {
            v = v * 8 + (s[++i] - '0');
            ++n;
          }
          out += static_cast<char>(v);
        } else {
          out += c;
        }
    }
  }
  return out;
}

// The reader follows the states of Wireshark's uat_load.l: a record's fields, the separator
// after each (spaces allowed before the comma), the end of line after the last.
class UatReader {
 public:
  UatReader(const UatDef& def, std::string_view text) : def_(def), s_(text) {}

  UatParseResult run() {
    while (pos_ < s_.size() && result_.error.empty()) step();
    if (result_.error.empty()) at_end();
    return std::move(result_);
  }

 private:
  enum class State { kStartOfLine, kNextField, kSeparator, kEndOfRecord };

  void fail(std::string msg) {
    result_.error = std::move(msg);
    result_.error_line = line_;
  }

  const char* field_name(size_t i) const { return i < def_.fields.size() ? def_.fields[i] : ""; }

  // A quoted string or hex byte pair run starting at pos_; false when neither starts here.
  bool read_value() {
    char c = s_[pos_];
    if (c == '"') {
      size_t i = pos_ + 1;
      while (i < s_.size() && s_[i] != '"' && s_[i] != '\n') i += s_[i] == '\\' ? 2 : 1;
      if (i >= s_.size() || s_[i] != '"') return false;
      record_.push_back(unescape(s_.substr(pos_ + 1, i - pos_ - 1)));
      pos_ = i + 1;
      return true;
    }
    size_t i = pos_;
    std::string bytes;
    while (i + 1 < s_.size() && hex_digit_value(s_[i]) >= 0 && hex_digit_value(s_[i + 1]) >= 0) {
      bytes += static_cast<char>(hex_digit_value(s_[i]) * 16 + hex_digit_value(s_[i + 1]));
      i += 2;
    }
    if (i == pos_) return false;
    record_.push_back(std::move(bytes));
    pos_ = i;
    return true;
  }

  void end_field() {
    state_ = record_.size() >= def_.fields.size() ? State::kEndOfRecord : State::kSeparator;
  }

  // `at_newline`: tshark checks the last field once it has read the end of its line, and
  // names the next line in that message.
  void commit(bool at_newline) {
    bool valid = true;
    if (def_.check_field) {
      for (size_t i = 0; i < record_.size(); ++i) {
        if (auto msg = def_.check_field(result_.records, i, record_[i])) {
          int line = line_ + (at_newline && i + 1 == record_.size() ? 1 : 0);
          result_.field_error = std::string(def_.name) + ":" + std::to_string(line) + ": " + *msg;
          valid = false;
        }
      }
    }
    if (!valid) {
      record_.clear();
      return;
    }
    if (def_.check) {
      if (auto msg = def_.check(record_)) {
        fail(*msg);
        result_.check_failed = true;
        return;
      }
    }
    result_.records.push_back(std::move(record_));
    record_.clear();
  }

  void step() {
    char c = s_[pos_];
    switch (state_) {
      case State::kStartOfLine:
      case State::kNextField:
        if (c == '\n') {
          ++line_;
          ++pos_;
        } else if (is_space(c)) {
          ++pos_;
        } else if (c == '#' && state_ == State::kStartOfLine) {
          while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
        } else if (c == ',' && state_ == State::kNextField) {
          record_.emplace_back();  // an empty field (",,"), as tshark reads it; the ',' is next
          end_field();
        } else if (read_value()) {
          end_field();
        } else {
          ++pos_;  // tshark's lexer echoes and ignores a character no rule matches
        }
        break;
      case State::kSeparator:
        if (c == ',') {
          state_ = State::kNextField;
          ++pos_;
        } else if (is_space(c)) {
          ++pos_;
        } else if (c == '\n') {
          fail(std::string("expecting field ") + field_name(record_.size()));
        } else {
          fail(std::string("unexpected char '") + c + "' while looking for field " +
               field_name(record_.size() - 1));
        }
        break;
      case State::kEndOfRecord:
        if (c == '\n') {
          commit(true);
          state_ = State::kStartOfLine;
          ++line_;
          ++pos_;
        } else {
          fail(std::string("unexpected char ") + c + " while looking for end of line");
        }
        break;
    }
  }

  void at_end() {
    if (state_ == State::kEndOfRecord) commit(false);
    else if (state_ == State::kSeparator)
      fail(std::string("expecting field ") + field_name(record_.size()));
  }

  const UatDef& def_;
  std::string_view s_;
  size_t pos_ = 0;
  int line_ = 1;
  State state_ = State::kStartOfLine;
  UatRecord record_;
  UatParseResult result_;
};

}  // namespace

UatParseResult parse_uat(const UatDef& def, std::string_view text) {
  return UatReader(def, text).run();
}

std::string uat_quote(std::string_view value) {
  std::string out = "\"";
  for (unsigned char c : value) {
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace netsift
