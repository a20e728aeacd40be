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

// tshark's NULL-encryption heuristic (esp.enable_null_encryption_decode_heuristic, RFC 5879):
// for ICV lengths of 12, 16, 24 and 32 bytes, a trailer whose next header has a dissector and
// whose padding counts 1, 2, 3, ... is taken when that dissector accepts the payload; the
// payload is dissected under `parent`, the padding, pad length, next header and an unchecked
// ICV added under `top`. False, with nothing added, when no ICV length fits.
bool dissect_esp_null_heuristic(const ByteReader& r, Packet& pkt, int parent, int top);

}  // namespace netsift
