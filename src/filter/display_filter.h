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

// What a name that is no field or protocol means: an error (as typed filters report it), or a
// field no packet has (rules written for tshark's protocols, such as Wireshark's coloring
// rules: "!ospf" holds and "hsrp.state != 8" fails on every packet netsift dissects).
enum class UnknownNames { kError, kAbsent };

class DisplayFilter {
 public:
  // Expands macros (filter/macros.h), then compiles against the field registry (complete
  // after register_all_dissectors()).
  static std::variant<DisplayFilter, FilterError> compile(
      std::string_view expr, UnknownNames unknown = UnknownNames::kError);

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
