// EtherType value names, for every field that holds an EtherType.
#pragma once

#include <span>

#include "core/field.h"

namespace netsift {

extern const std::span<const ValueName> kEthertypeNames;

}  // namespace netsift
