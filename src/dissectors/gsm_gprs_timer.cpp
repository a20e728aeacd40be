// GPRS timer 3 (3GPP TS 24.008 §10.5.7.4a): the unit in the top three bits, the value in the
// low five. The fields are tshark's gsm_a.gm ones; netsift dissects no other GSM A message.
#include "dissectors/gsm_gprs_timer.h"

#include <fmt/format.h>

#include "core/field_registry.h"

namespace netsift {

namespace {

FieldId proto, timer3, timer3_unit, timer3_value;

constexpr ValueName kUnits[] = {
    {0, "value is incremented in multiples of 10 minutes"},
    {1, "value is incremented in multiples of 1 hour"},
    {2, "value is incremented in multiples of 10 hours"},
    {3, "value is incremented in multiples of 2 seconds"},
    {4, "value is incremented in multiples of 30 seconds"},
    {5, "value is incremented in multiples of 1 minute"},
    {6,
     "value is incremented in multiples of 320 hours (for T3312/T3412 extended), 1 hour "
     "otherwise"},
    {7, "value indicates that the timer is deactivated"},
};

using FT = FieldType;
const FieldReg kFields[] = {
    {&timer3,
     {.name = "GPRS Timer",
      .abbrev = "gsm_a.gm.gmm.gprs_timer3",
      .type = FT::kUint8,
      .base = Base::kHex}},
    {&timer3_unit,
     {.name = "Unit",
      .abbrev = "gsm_a.gm.gmm.gprs_timer3_unit",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kUnits,
      .bitmask = 0xe0}},
    {&timer3_value,
     {.name = "Timer value",
      .abbrev = "gsm_a.gm.gmm.gprs_timer3_value",
      .type = FT::kUint8,
      .base = Base::kDec,
      .bitmask = 0x1f}},
};

// Each unit's multiplier and name, as tshark writes the item (units 6 and 7 are its own).
struct Unit {
  unsigned factor;
  const char* name;
};
constexpr Unit kUnitTexts[] = {{10, "min"}, {1, "hr"},  {10, "hr"},     {2, "sec"},
                               {30, "sec"}, {1, "min"}, {320, "hours"}, {1, nullptr}};

}  // namespace

void dissect_gprs_timer3(const ByteReader& r, Packet& pkt, size_t off, int parent) {
  uint8_t octet = r.u8(off);
  const Unit& unit = kUnitTexts[octet >> 5];
  // tshark's value is a 16-bit product, stored in an 8-bit field (so it is cut to 8 bits).
  unsigned value = (octet & 0x1fu) * unit.factor;
  int n = pkt.add_uint(parent, timer3, r, off, 1, value & 0xff);
  pkt.set_label(n, unit.name ? fmt::format("GPRS Timer: {} {}", value, unit.name)
                             : std::string("GPRS Timer: timer is deactivated"));
  pkt.add_item(n, timer3_unit, r, off, 1);
  pkt.add_item(n, timer3_value, r, off, 1);
}

void register_gsm_gprs_timer() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol(
      {"GSM A-I/F GPRS Mobility and Session Management", "GSM Management", "gsm_a.gm"});
  reg.add_fields(proto, kFields);
}

}  // namespace netsift
