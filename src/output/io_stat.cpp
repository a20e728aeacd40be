#include "output/io_stat.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/field_registry.h"
#include "filter/display_filter.h"
#include "output/stat_taps.h"

namespace netsift {

namespace {

constexpr uint64_t kWholeCapture = UINT64_MAX;  // interval 0
constexpr uint64_t kNsPerSec = 1000000000;
constexpr uint64_t kUsPerSec = 1000000;

enum class Calc { kFrames, kBytes, kFramesBytes, kCount, kSum, kMin, kMax, kAvg, kLoad };

struct CalcName {
  const char* name;
  Calc calc;
};

// In tshark's order: a column spec is matched against each prefix in turn.
constexpr CalcName kCalcNames[] = {
    {"FRAMES", Calc::kFrames}, {"BYTES", Calc::kBytes}, {"FRAMES BYTES", Calc::kFramesBytes},
    {"COUNT", Calc::kCount},   {"SUM", Calc::kSum},     {"MIN", Calc::kMin},
    {"MAX", Calc::kMax},       {"AVG", Calc::kAvg},     {"LOAD", Calc::kLoad},
};

const char* calc_label(Calc c) {
  for (const CalcName& n : kCalcNames)
    if (n.calc == c) return n.name;
  return "";
}

enum class Kind { kUnsigned, kSigned, kSigned64, kFloat, kDouble, kRelTime, kOther };

Kind kind_of(FieldType t) {
  switch (t) {
    case FieldType::kUint8:
    case FieldType::kUint16:
    case FieldType::kUint24:
    case FieldType::kUint32:
    case FieldType::kUint40:
    case FieldType::kUint48:
    case FieldType::kUint64:
      return Kind::kUnsigned;
    case FieldType::kInt8:
    case FieldType::kInt16:
    case FieldType::kInt24:
    case FieldType::kInt32:
      return Kind::kSigned;
    case FieldType::kInt64:
      return Kind::kSigned64;
    case FieldType::kFloat:
      return Kind::kFloat;
    case FieldType::kDouble:
      return Kind::kDouble;
    case FieldType::kRelTime:
      return Kind::kRelTime;
    default:
      return Kind::kOther;
  }
}

// One table cell: a column's values over one interval.
struct Cell {
  uint32_t frames = 0;
  uint32_t num = 0;  // values averaged
  uint64_t counter = 0;
  float float_counter = 0;
  double double_counter = 0;
};

struct Column {
  std::optional<std::string> spec;  // as given; none: "Frames and bytes"
  Calc calc = Calc::kFramesBytes;
  FieldId field = kNoField;
  Kind kind = Kind::kOther;
  std::optional<DisplayFilter> filter;
  bool field_absent = false;  // not in tshark's tree for this run
  std::vector<Cell> cells;    // by interval; the last is where later packets go
  uint64_t max_val = 0;       // widest value, for the column width
  uint32_t max_frame = 0;
};

unsigned magnitude(uint64_t val, unsigned max_w) {
  unsigned mag = 0;
  for (unsigned i = 0; i < max_w; ++i) {
    ++mag;
    if ((val /= 10) == 0) break;
  }
  return mag;
}

// tshark's printcenter: the label centred in a column `lenval` wide (or nothing when too wide).
void append_centered(std::string& out, const char* label, int lenval) {
  int lenlab = static_cast<int>(std::strlen(label));
  int len = 6 - ((lenval - lenlab) / 2 + 1);
  if (len > 0 && len < 6) {
    std::string pad(static_cast<size_t>(6 - len), ' ');
    if ((lenval - lenlab) % 2 == 0)
      out += pad + label + pad + "|";
    else
      out += " " + pad + label + pad + "|";
  } else if (len > 0 && len <= 15) {
    out += std::string(label) + "|";
  }
}

// Seconds with `prec` decimals. tshark 4.0 pads the microseconds of a whole-second interval's
// duration with spaces ("12.   579"), not zeros.
std::string seconds_text(uint64_t secs, uint64_t nsecs, unsigned prec, bool space_pad = false) {
  if (prec == 0) return fmt::format("{}", secs);
  uint64_t div = 1;
  for (unsigned i = prec; i < 9; ++i) div *= 10;
  if (space_pad) return fmt::format("{}.{:{}}", secs, nsecs / div, prec);
  return fmt::format("{}.{:0{}}", secs, nsecs / div, prec);
}

class IoStat : public Statistic {
 public:
  IoStat(uint64_t interval_us, unsigned prec, std::vector<Column> columns)
      : interval_(interval_us), invl_prec_(prec), columns_(std::move(columns)) {
    for (Column& c : columns_) c.cells.emplace_back();
  }

  void packet(const Packet& pkt) override {
    int64_t rel = relative_ns(pkt);
    if (rel > elapsed_ns_) elapsed_ns_ = rel;
    for (Column& c : columns_) {
      if (c.filter && !c.filter->matches(pkt)) continue;
      // A frame before the capture's first counts at the last time seen, as in tshark.
      if (rel >= 0)
        last_relative_us_ = static_cast<uint64_t>(rel / 1000000000) * kUsPerSec +
                            static_cast<uint64_t>((rel % 1000000000 + 500) / 1000);
      add(c, pkt, last_relative_us_);
    }
  }

  void print(OutputSink& out) override;

  std::vector<const DisplayFilter*> tap_filters() const override {
    std::vector<const DisplayFilter*> out;
    for (const Column& c : columns_)
      if (c.filter) out.push_back(&*c.filter);
    return out;
  }
  // A field tshark's tree leaves out is never counted (COUNT 0, SUM 0...).
  void set_context(const StatisticContext& ctx) override {
    for (Column& c : columns_)
      if (c.field != kNoField && !ctx.in_tree(c.field)) c.field_absent = true;
  }

 private:
  void add(Column& c, const Packet& pkt, uint64_t rt);
  void add_values(Column& c, Cell& cell, const Packet& pkt);
  void add_load(Column& c, uint64_t val);
  void update_max(Column& c, const Cell& cell);
  std::string column_format(Column& c, uint64_t interval, int& fr_w, int& val_w);
  std::string cell_text(const Column& c, const Cell* cell, bool last_row, uint64_t interval,
                        uint64_t t, uint64_t invl_end, int fr_w, int val_w) const;

  uint64_t interval_;
  unsigned invl_prec_;
  std::vector<Column> columns_;
  int64_t elapsed_ns_ = 0;
  uint64_t last_relative_us_ = 0;
};

void IoStat::add(Column& c, const Packet& pkt, uint64_t rt) {
  // Moves on to the interval holding `rt`; earlier times stay in the current interval.
  while (interval_ != kWholeCapture && rt >= (c.cells.size() - 1) * interval_ + interval_)
    c.cells.emplace_back();
  Cell& cell = c.cells.back();
  ++cell.frames;
  add_values(c, cell, pkt);
  update_max(c, cell);
}

void IoStat::add_values(Column& c, Cell& cell, const Packet& pkt) {
  switch (c.calc) {
    case Calc::kFrames:
    case Calc::kBytes:
    case Calc::kFramesBytes:
      cell.counter += pkt.frame->len;
      return;
    default:
      break;
  }
  if (c.field_absent) return;
  uint32_t index = 0;  // occurrence of the field in this packet
  for (size_t i = 0; i < pkt.tree.size(); ++i) {
    const Node& n = pkt.tree[i];
    if (n.field != c.field) continue;
    bool first = cell.frames == 1 && index++ == 0;
    uint64_t u = n.value.u;
    uint64_t ns = static_cast<uint64_t>(n.value.i);
    switch (c.calc) {
      case Calc::kCount:
        ++cell.counter;
        break;
      case Calc::kSum:
      case Calc::kAvg:
        if (c.calc == Calc::kAvg) ++cell.num;
        if (c.kind == Kind::kFloat)
          cell.float_counter += static_cast<float>(n.value.d);
        else if (c.kind == Kind::kDouble)
          cell.double_counter += n.value.d;
        else if (c.kind == Kind::kRelTime)
          cell.counter += ns;
        else
          cell.counter += u;
        break;
      case Calc::kMin:
        if (c.kind == Kind::kFloat) {
          float v = static_cast<float>(n.value.d);
          if (first || v < cell.float_counter) cell.float_counter = v;
        } else if (c.kind == Kind::kDouble) {
          if (first || n.value.d < cell.double_counter) cell.double_counter = n.value.d;
        } else if (c.kind == Kind::kSigned) {
          if (first || static_cast<int32_t>(u) < static_cast<int32_t>(cell.counter))
            cell.counter = u;
        } else if (c.kind == Kind::kSigned64) {
          if (first || static_cast<int64_t>(u) < static_cast<int64_t>(cell.counter))
            cell.counter = u;
        } else {
          uint64_t v = c.kind == Kind::kRelTime ? ns : u;
          if (first || v < cell.counter) cell.counter = v;
        }
        break;
      case Calc::kMax:
        if (c.kind == Kind::kFloat) {
          float v = static_cast<float>(n.value.d);
          if (v > cell.float_counter) cell.float_counter = v;
        } else if (c.kind == Kind::kDouble) {
          if (n.value.d > cell.double_counter) cell.double_counter = n.value.d;
        } else if (c.kind == Kind::kSigned) {
          if (static_cast<int32_t>(u) > static_cast<int32_t>(cell.counter)) cell.counter = u;
        } else if (c.kind == Kind::kSigned64) {
          if (static_cast<int64_t>(u) > static_cast<int64_t>(cell.counter)) cell.counter = u;
        } else {
          uint64_t v = c.kind == Kind::kRelTime ? ns : u;
          if (v > cell.counter) cell.counter = v;
        }
        break;
      case Calc::kLoad:
        add_load(c, ns / kNsPerSec * kUsPerSec + ns % kNsPerSec / 1000);
        break;
      default:
        break;
    }
  }
}

// LOAD: a response time counts in its own interval and, going back, in each interval it
// spans (tshark walks back from the first interval to the last one, as its list is circular).
void IoStat::add_load(Column& c, uint64_t val) {
  size_t at = c.cells.size() - 1;
  uint64_t tival = interval_ == kWholeCapture ? val : val % interval_;
  c.cells[at].counter += tival;
  val -= tival;
  size_t prev = at == 0 ? c.cells.size() - 1 : at - 1;
  while (val > 0) {
    if (val < interval_) {
      c.cells[prev].counter += val;
      break;
    }
    c.cells[prev].counter += interval_;
    val -= interval_;
    prev = prev == 0 ? c.cells.size() - 1 : prev - 1;
  }
}

void IoStat::update_max(Column& c, const Cell& cell) {
  switch (c.calc) {
    case Calc::kFrames:
    case Calc::kFramesBytes:
      c.max_frame = std::max(c.max_frame, cell.frames);
      if (c.calc == Calc::kFramesBytes) c.max_val = std::max(c.max_val, cell.counter);
      break;
    case Calc::kBytes:
    case Calc::kCount:
    case Calc::kLoad:
      c.max_val = std::max(c.max_val, cell.counter);
      break;
    case Calc::kSum:
    case Calc::kMin:
    case Calc::kMax:
      if (c.kind == Kind::kFloat)
        c.max_val = std::max(c.max_val, static_cast<uint64_t>(cell.float_counter + 0.5));
      else if (c.kind == Kind::kDouble)
        c.max_val = std::max(c.max_val, static_cast<uint64_t>(cell.double_counter + 0.5));
      else
        c.max_val = std::max(c.max_val, cell.counter);
      break;
    case Calc::kAvg:
      if (cell.num == 0) break;
      if (c.kind == Kind::kFloat)
        c.max_val = std::max(c.max_val, static_cast<uint64_t>(cell.float_counter) / cell.num);
      else if (c.kind == Kind::kDouble)
        c.max_val = std::max(c.max_val, static_cast<uint64_t>(cell.double_counter) / cell.num);
      else if (c.kind == Kind::kRelTime)
        c.max_val = std::max(c.max_val, (cell.counter / cell.num + kNsPerSec / 2) / kNsPerSec);
      else
        c.max_val = std::max(c.max_val, cell.counter / cell.num);
      break;
  }
}

// Widths of a column's frames and value parts (without padding and borders).
std::string IoStat::column_format(Column& c, uint64_t interval, int& fr_w, int& val_w) {
  fr_w = val_w = 0;
  if (c.calc == Calc::kFrames || c.calc == Calc::kFramesBytes) {
    fr_w = static_cast<int>(std::max(6u, magnitude(c.max_frame, 15)));
    if (c.calc == Calc::kFramesBytes)
      val_w = static_cast<int>(std::max(5u, magnitude(c.max_val, 15)));
    return "";
  }
  if (c.calc == Calc::kBytes || c.calc == Calc::kCount) {
    val_w = static_cast<int>(std::max(5u, magnitude(c.max_val, 15)));
    return "";
  }
  if (c.kind == Kind::kFloat || c.kind == Kind::kDouble) {
    val_w = static_cast<int>(magnitude(c.max_val, 15)) + 7;
  } else if (c.kind == Kind::kRelTime) {
    if (c.calc == Calc::kLoad)
      c.max_val /= interval;
    else if (c.calc != Calc::kAvg)
      c.max_val = (c.max_val + kNsPerSec / 2) / kNsPerSec;
    val_w = static_cast<int>(magnitude(c.max_val, 15)) + 7;
  } else {
    val_w = static_cast<int>(
        std::max(static_cast<unsigned>(std::strlen(calc_label(c.calc))), magnitude(c.max_val, 15)));
  }
  return "";
}

std::string IoStat::cell_text(const Column& c, const Cell* cell, bool last_row, uint64_t interval,
                              uint64_t t, uint64_t invl_end, int fr_w, int val_w) const {
  static const Cell kEmpty;
  const Cell& x = cell ? *cell : kEmpty;
  auto time_value = [&](uint64_t us) {
    return fmt::format(" {:>{}}.{:06} |", us / kUsPerSec, val_w - 7, us % kUsPerSec);
  };
  switch (c.calc) {
    case Calc::kFrames:
      return fmt::format(" {:>{}} |", x.frames, fr_w);
    case Calc::kFramesBytes:
      return fmt::format(" {:>{}} | {:>{}} |", x.frames, fr_w, x.counter, val_w);
    case Calc::kBytes:
    case Calc::kCount:
      return fmt::format(" {:>{}} |", x.counter, val_w);
    default:
      break;
  }
  if (!cell) {
    if (c.kind == Kind::kFloat || c.kind == Kind::kDouble)
      return fmt::format(" {:>{}.6f} |", 0.0, val_w - 7);
    if (c.kind == Kind::kRelTime) return time_value(0);
    return fmt::format(" {:>{}} |", 0, val_w);
  }
  uint32_t num = std::max<uint32_t>(x.num, 1);
  bool avg = c.calc == Calc::kAvg;
  switch (c.kind) {
    case Kind::kFloat:
      return fmt::format(" {:>{}.6f} |", avg ? x.float_counter / num : x.float_counter, val_w - 7);
    case Kind::kDouble:
      return fmt::format(" {:>{}.6f} |", avg ? x.double_counter / num : x.double_counter,
                         val_w - 7);
    case Kind::kRelTime:
      if (c.calc == Calc::kLoad) {
        uint64_t span = last_row ? invl_end - t : interval;
        return fmt::format(" {:>{}}.{:06} |", x.counter / span, val_w - 7,
                           x.counter % span * kUsPerSec / span);
      }
      return time_value(((avg ? x.counter / num : x.counter) + 500) / 1000);
    case Kind::kSigned:
    case Kind::kSigned64:
      return fmt::format(" {:>{}} |", static_cast<int64_t>(avg ? x.counter / num : x.counter),
                         val_w);
    default:
      return fmt::format(" {:>{}} |", avg ? x.counter / num : x.counter, val_w);
  }
}

void IoStat::print(OutputSink& out) {
  uint64_t elapsed_secs = static_cast<uint64_t>(elapsed_ns_) / kNsPerSec;
  uint64_t elapsed_nsecs = static_cast<uint64_t>(elapsed_ns_) % kNsPerSec;
  uint64_t duration = elapsed_secs * kUsPerSec + (elapsed_nsecs + 500) / 1000;
  const uint64_t unrounded_duration = duration;
  bool whole = interval_ == kWholeCapture || interval_ > duration;
  uint64_t interval = whole ? duration : interval_;

  unsigned dur_mag = magnitude(duration / kUsPerSec, 5);
  unsigned invl_mag = magnitude(interval / kUsPerSec, 5);
  unsigned invl_prec;
  size_t borderlen;
  if (interval == duration) {
    invl_prec = dur_mag >= 2 ? 1 : dur_mag == 1 ? 3 : 6;
    borderlen = 30 + dur_mag + invl_prec + 1;
  } else {
    invl_prec = invl_prec_;
    borderlen = 25 + std::max(invl_mag, dur_mag) + (invl_prec == 0 ? 0 : invl_prec + 1);
  }
  uint64_t dv = kUsPerSec;
  for (unsigned i = 0; i < invl_prec; ++i) dv /= 10;
  if (duration % dv > 5 * (dv / 10)) {
    duration += 5 * (dv / 10);
    duration = duration / dv * dv;
    dur_mag = magnitude(duration / kUsPerSec, 5);
  }
  if (whole) interval = duration;

  size_t invl_col_w = invl_prec == 0 ? 2 * dur_mag + 8 : 2 * dur_mag + 2 * invl_prec + 10;
  invl_col_w = std::max<size_t>(invl_col_w, 12);

  std::vector<int> fr_w(columns_.size()), val_w(columns_.size());
  size_t tabrow_w = invl_col_w;
  for (size_t j = 0; j < columns_.size(); ++j) {
    column_format(columns_[j], interval, fr_w[j], val_w[j]);
    if (fr_w[j]) tabrow_w += static_cast<size_t>(fr_w[j]) + 3;
    if (val_w[j]) tabrow_w += static_cast<size_t>(val_w[j]) + 3;
  }
  borderlen = std::max(borderlen, tabrow_w);
  size_t maxfltr_w = 0;
  for (const Column& c : columns_)
    maxfltr_w = std::max(maxfltr_w, c.spec ? c.spec->size() + 11 : 26);
  if (maxfltr_w > borderlen && borderlen < 102) borderlen = std::min<size_t>(maxfltr_w, 102);
  if (borderlen - tabrow_w == 1) ++borderlen;

  // Header: durations, the column list (filters wrap at the border), the column titles.
  std::string text = "\n" + std::string(borderlen, '=') + "\n";
  auto boxed = [&](const std::string& s) {
    text += s;
    text += fmt::format("{:>{}}\n", "|", borderlen > s.size() ? borderlen - s.size() : 1);
  };
  text += fmt::format("|{:<{}}|\n", " IO Statistics", borderlen - 2);
  text += fmt::format("|{:<{}}|\n", "", borderlen - 2);
  // As tshark: whole-second intervals show the duration's microseconds as measured, others
  // the duration rounded above (half a unit rounds down) and cut to the interval's precision.
  uint64_t shown = invl_prec == 0 ? unrounded_duration : duration;
  int dur_w = static_cast<int>(magnitude(elapsed_secs, 5) + (invl_prec == 0 ? 0 : invl_prec + 1));
  boxed(fmt::format("| Duration: {:>{}} secs",
                    seconds_text(shown / kUsPerSec, shown % kUsPerSec * 1000,
                                 invl_prec == 0 ? 6 : invl_prec, invl_prec == 0),
                    dur_w));
  boxed(fmt::format("| Interval: {:>{}} secs",
                    seconds_text(interval / kUsPerSec, interval % kUsPerSec * 1000, invl_prec),
                    dur_w));
  text += fmt::format("|{:<{}}|\n", "", borderlen - 2);
  for (size_t j = 0; j < columns_.size(); ++j) {
    std::string line = fmt::format("{}{:2}: ", j == 0 ? "| Col" : "|    ", j + 1);
    if (!columns_[j].spec) {
      line += "Frames and bytes";
    } else {
      std::string_view filter = *columns_[j].spec;
      size_t max_w = borderlen - 11;
      while (filter.size() > max_w) {
        size_t space = filter.substr(0, max_w).rfind(' ');
        size_t len = space == std::string_view::npos ? max_w : space;
        line += filter.substr(0, len);
        boxed(line);
        line = "|         ";
        filter = filter.substr(space == std::string_view::npos ? len : len + 1);
      }
      line += filter;
    }
    boxed(line);
  }
  text += "|-" + std::string(borderlen - 3, '-') + "|\n";

  std::string filler =
      tabrow_w < borderlen ? fmt::format("{:>{}}", "|", borderlen - tabrow_w) : std::string();
  text += fmt::format("|{:>{}}", "|", invl_col_w - 1);
  for (size_t j = 0; j < columns_.size(); ++j) {
    int padding = columns_[j].calc == Calc::kFramesBytes ? fr_w[j] + val_w[j] + 3
                  : columns_[j].calc == Calc::kFrames    ? fr_w[j]
                                                         : val_w[j];
    text += fmt::format("{:<2}{:{}}|", j + 1, "", padding);
  }
  text += filler + "\n";
  text += fmt::format("| Interval{:>{}}", "|", invl_col_w - 10);
  for (size_t j = 0; j < columns_.size(); ++j) {
    const Column& c = columns_[j];
    if (c.calc == Calc::kFrames) {
      append_centered(text, "FRAMES", fr_w[j]);
    } else if (c.calc == Calc::kFramesBytes) {
      append_centered(text, "Frames", fr_w[j]);
      append_centered(text, "Bytes", val_w[j]);
    } else {
      append_centered(text, calc_label(c.calc), val_w[j]);
    }
  }
  text += filler + "\n|-" + std::string(tabrow_w - 3, '-') + "|" + filler + "\n";

  // One row per interval.
  int mag = static_cast<int>(dur_mag);
  size_t row = 0;
  for (uint64_t t = 0; t < duration; t += interval, ++row) {
    uint64_t invl_end = t + interval;
    bool last_row = false;
    if (invl_end >= duration) {
      last_row = true;
      invl_end = duration;
    }
    if (invl_prec == 0) {
      const char* lead = dur_mag == 1 ? "|  " : "| ";
      if (last_row)
        text += fmt::format("| {}{:>{}} <> {:<{}}|", dur_mag == 1 ? " " : "", t / kUsPerSec, mag,
                            "Dur", dur_mag >= 3 ? dur_mag + 1 : 3);
      else
        text += fmt::format("{}{:>{}} <> {:>{}}{}", lead, t / kUsPerSec, mag, invl_end / kUsPerSec,
                            mag, dur_mag == 1 ? "  |" : " |");
    } else {
      text +=
          fmt::format("| {:>{}}.{:0{}} <> {:>{}}.{:0{}} |", t / kUsPerSec, mag, t % kUsPerSec / dv,
                      invl_prec, invl_end / kUsPerSec, mag, invl_end % kUsPerSec / dv, invl_prec);
    }
    for (size_t j = 0; j < columns_.size(); ++j) {
      const Column& c = columns_[j];
      const Cell* cell = row < c.cells.size() ? &c.cells[row] : nullptr;
      text += cell_text(c, cell, last_row, interval, t, invl_end, fr_w[j], val_w[j]);
    }
    text += filler + "\n";
  }
  text += std::string(borderlen, '=') + "\n";
  out.write(text);
}

// One column: "FUNC(field)filter", a plain filter, or empty.
std::optional<Column> parse_column(std::string_view spec) {
  Column c;
  if (spec.empty()) return c;
  c.spec = std::string(spec);
  std::string_view filter = spec;
  for (const CalcName& n : kCalcNames) {
    std::string_view name = n.name;
    if (!spec.starts_with(name)) {
      if (c.calc == Calc::kFrames || c.calc == Calc::kBytes) filter = "";
      continue;
    }
    c.calc = n.calc;
    if (spec.size() > name.size() && spec[name.size()] == '(') {
      size_t close = spec.find(')', name.size());
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view field = spec.substr(name.size() + 1, close - name.size() - 1);
      bool plain = c.calc == Calc::kFrames || c.calc == Calc::kBytes;
      if (plain != field.empty()) return std::nullopt;
      filter = spec.substr(close + 1);
      if (plain) break;
      c.field = registry().find(field);
      if (c.field == kNoField)
        throw StatisticArgumentError(fmt::format("There is no field named '{}'.", field));
      c.kind = kind_of(registry().info(c.field).def.type);
      // Which calculations tshark accepts for the field's type.
      bool ok = c.calc == Calc::kCount;
      if (c.kind == Kind::kUnsigned || c.kind == Kind::kSigned || c.kind == Kind::kSigned64 ||
          c.kind == Kind::kFloat || c.kind == Kind::kDouble)
        ok = c.calc != Calc::kLoad;
      else if (c.kind == Kind::kRelTime)
        ok = true;
      if (!ok) return std::nullopt;
      break;
    }
  }
  if (!filter.empty()) {
    c.filter.emplace(compile_tap_filter(filter, "io,stat"));
  }
  return c;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::unique_ptr<Statistic> make_io_stat(std::string_view z_arg) {
  constexpr std::string_view kPrefix = "io,stat,";
  if (!z_arg.starts_with(kPrefix) || z_arg.ends_with(',')) return nullptr;
  std::string_view rest = z_arg.substr(kPrefix.size());
  size_t comma = rest.find(',');
  std::string interval_text(rest.substr(0, comma));
  char* end = nullptr;
  double seconds = std::strtod(interval_text.c_str(), &end);
  if (end == interval_text.c_str() || *end != '\0' || seconds < 0)
    throw StatisticArgumentError(
        "invalid \"-z io,stat,<interval>[,<filter>][,<filter>]...\" argument");

  uint64_t interval = kWholeCapture;
  unsigned prec = 0;
  if (seconds != 0) {
    interval = static_cast<uint64_t>(seconds * 1000000.0 + 0.5);
    if (interval < 1) return nullptr;
    // The precision the user gave: the interval's decimals, or the zeros written after a point.
    prec = 6;
    for (uint64_t i = 10; i < 10000000; i *= 10) {
      if (interval % i > 0) break;
      --prec;
    }
    if (prec == 0) {
      size_t point = interval_text.find('.');
      if (point != std::string::npos && interval_text.size() - point - 1 > 0)
        prec = static_cast<unsigned>(std::min<size_t>(interval_text.size() - point - 1, 6));
    }
  }

  std::vector<Column> columns;
  if (comma == std::string_view::npos) {
    columns.emplace_back();
  } else {
    std::string_view specs = rest.substr(comma + 1);
    for (;;) {
      size_t next = specs.find(',');
      std::optional<Column> c = parse_column(trim(specs.substr(0, next)));
      if (!c) return nullptr;
      columns.push_back(std::move(*c));
      if (next == std::string_view::npos) break;
      specs = specs.substr(next + 1);
    }
  }
  return std::make_unique<IoStat>(interval, prec, std::move(columns));
}

}  // namespace netsift
