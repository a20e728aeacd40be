// -T fields: one line per packet with the values of the -e fields, formatted by the -E options
// exactly as tshark 4.0 does (separator, aggregator, quoting, occurrence, header, BOM).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/field.h"
#include "output/columns.h"
#include "output/printer.h"

namespace netsift {

struct FieldsFormat {
  bool header = false;
  bool bom = false;
  char separator = '\t';
  char aggregator = ',';
  char occurrence = 'a';  // f(irst), l(ast), a(ll)
  char quote = '\0';
};

// Applies one -E option ("separator=/s"). On a bad one prints tshark's message to stderr and
// returns false (tshark then exits with status 1).
bool parse_fields_option(std::string_view option, FieldsFormat& format);

class FieldsPrinter : public PacketPrinter {
 public:
  FieldsPrinter(std::vector<std::string> names, FieldsFormat format,
                ColumnLayout columns = default_column_layout());
  // Looks the names up in the registry; prints tshark's message for unknown or missing fields
  // and returns false when the run must stop (exit status 1).
  bool resolve();

  void begin(OutputSink& out) override;
  void packet(const Packet& pkt, OutputSink& out) override;

 private:
  struct Occurrence {
    uint32_t begin, end;  // range in values_
  };
  void append_column(std::string& out, size_t column) const;
  void append_summary_column(std::string& out, const Packet& pkt, const ColumnSpec& column) const;

  std::vector<std::string> names_;
  FieldsFormat format_;
  std::vector<int> first_column_;          // by field id: first column showing it, or -1
  std::vector<int> next_column_;           // by column: next column showing the same field, or -1
  std::vector<std::vector<FieldId>> ids_;  // by column: every field id of that name
  // by column: a summary column (-e _ws.col.Info); an unknown title prints nothing, as in tshark
  ColumnLayout columns_;
  std::vector<const ColumnSpec*> summary_columns_;
  // Reused per packet: the formatted values and, per column, where each occurrence lies.
  std::string values_;
  std::vector<std::vector<Occurrence>> occurrences_;
};

}  // namespace netsift
