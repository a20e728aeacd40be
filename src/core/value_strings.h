// Value names and boolean texts many protocols share (Wireshark's tfs.h and
// proto_checksum_vals), defined once so the protocols' field tables reference the same table.
#pragma once

#include <cstdint>

#include "core/field.h"

namespace netsift {

inline constexpr TrueFalse kSetNotSet{"Set", "Not set"};
inline constexpr TrueFalse kYesNo{"Yes", "No"};

// The status a protocol's "<proto>.checksum.status" field reports for its checksum.
enum ChecksumStatus : uint8_t {
  kChecksumBad = 0,
  kChecksumGood = 1,
  kChecksumUnverified = 2,
  kChecksumNotPresent = 3,
  kChecksumIllegal = 4,
};
inline constexpr ValueName kChecksumStatusNames[] = {{kChecksumBad, "Bad"},
                                                     {kChecksumGood, "Good"},
                                                     {kChecksumUnverified, "Unverified"},
                                                     {kChecksumNotPresent, "Not present"},
                                                     {kChecksumIllegal, "Illegal"}};

}  // namespace netsift
