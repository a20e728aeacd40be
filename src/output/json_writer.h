// A JSON writer laid out as Wireshark's json_dumper writes: pretty-printed (two spaces per
// level, "name": value) for -T json/jsonraw, compact with dots in member names turned into
// underscores for -T ek. The printers call it in document order; it places the commas,
// newlines and indentation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netsift {

// Appends `s` as a JSON string literal, escaped as tshark's json_dumper escapes it (invalid
// UTF-8 becomes U+FFFD); `dot_to_underscore` writes '.' as '_' (ek member names).
void append_json_string(std::string& out, std::string_view s, bool dot_to_underscore = false);

class JsonWriter {
 public:
  // `base_depth`: the nesting level of the surrounding document the first value is written at.
  JsonWriter(std::string& out, bool pretty, bool dot_to_underscore, int base_depth = 0)
      : out_(out), pretty_(pretty), dots_(dot_to_underscore), base_(base_depth) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void name(std::string_view n, std::string_view suffix = {});
  // A member name already quoted and escaped (names a printer reuses across documents).
  void quoted_name(std::string_view quoted, std::string_view suffix = {});
  void string(std::string_view s);
  // A value written as is: a number, true, false, null, or an already quoted string.
  void raw(std::string_view s);

 private:
  enum : uint8_t { kHasElements = 1, kHasName = 2 };
  void prepare();
  void end_name(std::string_view suffix);
  void newline_indent(size_t depth);
  void open(char c);
  void close(char c);

  std::string& out_;
  bool pretty_, dots_;
  int base_;
  std::vector<uint8_t> state_;  // one per open object or array
};

}  // namespace netsift
