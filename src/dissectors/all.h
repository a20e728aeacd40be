// Registration of every protocol: fields into the registry, dissectors into dispatch tables.
#pragma once

namespace netsift {

// Call once at start-up, before any dissection. Idempotent.
void register_all_dissectors();

}  // namespace netsift
