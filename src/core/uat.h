// Wireshark's UAT ("user accessible tables"): small tables of records such as TLS keys, ESP SAs
// or custom HTTP header fields, set with `-o uat:NAME:"a","b"` and read from the profile's file
// of the same name. Each record is one line of comma-separated fields: quoted strings (with
// \xNN, octal and C escapes) or bare hex byte strings ("0a0b"); '#' starts a comment line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netsift {

using UatRecord = std::vector<std::string>;

// A table's declaration: its name (also its file's name in the profile), its fields' names in
// order, and optional checks returning the message tshark prints for what it refuses: `check`
// of a complete record (reading stops there), `check_field` of one field given the records
// accepted before it (tshark's field callbacks: the record is left out, reading goes on).
struct UatDef {
  const char* name;
  const char* title;  // "Custom HTTP Header Fields", for tshark's "Error loading table" message
  std::vector<const char*> fields;
  std::optional<std::string> (*check)(const UatRecord& record) = nullptr;
  std::optional<std::string> (*check_field)(const std::vector<UatRecord>& earlier, size_t field,
                                            const std::string& value) = nullptr;
};

struct UatTable {
  std::string name;
  std::vector<UatRecord> records;
};

// The outcome of reading UAT text: the records read and, for a line tshark refuses, its
// message ("expecting field port", "unexpected char , while looking for end of line", or the
// table's own check) and line number. Records before the error are kept, as tshark keeps them.
struct UatParseResult {
  std::vector<UatRecord> records;
  std::string error;  // empty when every line was read
  int error_line = 0;
  bool check_failed = false;  // the error is the table's check, not the syntax
  // The last field check failure, "NAME:LINE: message"; its record was left out.
  std::string field_error;
};

UatParseResult parse_uat(const UatDef& def, std::string_view text);

// A field value quoted and escaped as Wireshark writes it, for messages and tests.
std::string uat_quote(std::string_view value);

}  // namespace netsift
