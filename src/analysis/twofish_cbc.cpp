#include "analysis/twofish_cbc.h"

#include <gcrypt.h>

namespace netsift {

bool twofish_cbc_decrypt(const uint8_t* key, size_t key_len, const uint8_t* iv,
                         const uint8_t* data, size_t n, std::vector<uint8_t>& out) {
  // libgcrypt wants its version checked once before first use.
  static const bool ready = gcry_check_version(nullptr) != nullptr;
  if (!ready || (key_len != 16 && key_len != 32)) return false;
  gcry_cipher_hd_t hd = nullptr;
  int algo = key_len == 16 ? GCRY_CIPHER_TWOFISH128 : GCRY_CIPHER_TWOFISH;
  if (gcry_cipher_open(&hd, algo, GCRY_CIPHER_MODE_CBC, 0)) return false;
  out.resize(n);
  bool ok = !gcry_cipher_setkey(hd, key, key_len) && !gcry_cipher_setiv(hd, iv, 16) &&
            !gcry_cipher_decrypt(hd, out.data(), n, data, n);
  gcry_cipher_close(hd);
  return ok;
}

}  // namespace netsift
