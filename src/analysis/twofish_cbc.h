// Twofish in CBC mode (ESP's TWOFISH-CBC, as tshark 4.0 decrypts it), over libgcrypt: OpenSSL 3
// has no Twofish.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace netsift {

// Decrypts `n` bytes at `data` with the 16- or 32-byte `key` and the 16-byte `iv` into `out`;
// false for another key length or when `n` is not a whole number of 16-byte blocks (libgcrypt
// refuses it).
bool twofish_cbc_decrypt(const uint8_t* key, size_t key_len, const uint8_t* iv,
                         const uint8_t* data, size_t n, std::vector<uint8_t>& out);

}  // namespace netsift
