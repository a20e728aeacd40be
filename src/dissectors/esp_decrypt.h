// ESP payload decryption's tree (dissectors/esp_decrypt.cpp), called by dissectors/esp.cpp.
#pragma once

#include "analysis/esp_sa.h"
#include "core/packet.h"

namespace netsift {

// Decrypts the ESP packet `r` (from its SPI) with `sa`, adds the IV, encrypted data, ICV and
// decrypted items under `top` and dissects the protected packet under `parent`. False, with
// nothing added, when the payload does not decrypt to a well-formed trailer.
bool dissect_esp_decrypted(const ByteReader& r, Packet& pkt, int parent, int top, const EspSa& sa,
                           bool check_icv);

}  // namespace netsift
