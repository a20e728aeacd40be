// The public face of display filters: compile an expression once, then test packets with it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/field.h"
#include "filter/filter_error.h"

namespace netsift {

struct Packet;

namespace dfilter {
class Program;
}

class DisplayFilter {
 public:
  // Expands macros (filter/macros.h), then compiles against the field registry (complete
  // after register_all_dissectors()).
  static std::variant<DisplayFilter, FilterError> compile(std::string_view expr);

  DisplayFilter(DisplayFilter&&) noexcept;
  DisplayFilter& operator=(DisplayFilter&&) noexcept;
  ~DisplayFilter();

  // Does the dissected packet pass? The empty filter passes everything. Reuses internal
  // scratch: one DisplayFilter must not be used by two threads at once.
  bool matches(const Packet& pkt) const;
  // The expression with canonical operators and explicit grouping, as dftest shows it.
  const std::string& normalized() const { return normalized_; }
  // Every field and protocol id the filter reads, so the engine can limit dissection.
  const std::vector<FieldId>& referenced() const { return referenced_; }

 private:
  DisplayFilter();
  std::unique_ptr<dfilter::Program> program_;
  std::string normalized_;
  std::vector<FieldId> referenced_;
};

}  // namespace netsift
