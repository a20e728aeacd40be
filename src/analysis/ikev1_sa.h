// IKEv1 decryption (RFC 2409 §5 and Appendix B) with the user's ikev1_decryption_table
// (tshark's IKEv1 Decryption Table: an initiator cookie and the SKEYID_e-derived encryption
// key). Per initiator cookie, as tshark 4.0 keeps it: the Phase 1 cipher, key length and hash
// from the last ISAKMP transform seen, the initiator's and responder's Diffie-Hellman public
// values, and the CBC IV chain: the Phase 1 IV is hash(g^xi | g^xr), each message's IV the last
// ciphertext block of the previous message with its message ID, and a new message ID's first IV
// hash(last Phase 1 block | message ID).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/address.h"
#include "core/uat.h"

namespace netsift {

class Ikev1Sa {
 public:
  // What the Phase 1 SA's ISAKMP transform said (IKE attribute values, RFC 2409 Appendix A).
  uint16_t encryption = 0, key_length = 0, hash = 0;
  std::optional<Address> initiator;  // the source of the first message seen
  std::string secret;                // from the table; empty: no key
  std::string gi, gr;                // Diffie-Hellman public values

  // Decrypts one encrypted message body of message ID `mid` (in capture order: each call
  // advances the IV chain), into `out`; false when the parameters are missing or unsupported
  // (decided once, at the first encrypted message) or the data is not whole blocks.
  bool decrypt(uint32_t mid, const uint8_t* data, size_t n, std::vector<uint8_t>& out);

 private:
  enum class Setup : uint8_t { kPending, kReady, kFailed };
  bool prepare();

  Setup setup_ = Setup::kPending;
  const char* cipher_ = nullptr;  // OpenSSL's name
  const char* digest_ = nullptr;
  size_t block_ = 0, cipher_key_ = 0;
  // The next IV per message ID; an empty IV: the last message was shorter than a block.
  std::map<uint32_t, std::vector<uint8_t>> ivs_;
};

// The run's IKEv1 SAs by initiator cookie, seeded from the ikev1_decryption_table.
class Ikev1Sas {
 public:
  void load(const UatTable& table);
  Ikev1Sa& find_or_add(const uint8_t icookie[8]);

 private:
  std::unordered_map<std::string, Ikev1Sa> sas_;
};

}  // namespace netsift
