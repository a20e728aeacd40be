// The key tables of TLS, ESP and IKE: their names and fields as tshark 4.0 declares them, so
// `-o uat:...` and the profile's files are read and kept in the store (PrefStore::find_uat)
// for the dissectors that read them.
#include "core/preferences.h"

namespace netsift {

void register_decryption_tables() {
  PrefRegistry& reg = prefs_registry();
  reg.add_uat({"ssl_keys", "TLS Decrypt", {"ip", "port", "protocol", "keyfile", "password"}});
  reg.add_uat({"esp_sa",
                "ESP SAs",
                {"protocol", "srcIP", "dstIP", "spi", "encryption_algo", "encryption_key_string",
                 "authentication_algo", "authentication_key_string"}});
  reg.add_uat({"ikev1_decryption_table", "IKEv1 Decryption Table", {"icookie", "key"}});
  reg.add_uat({"ikev2_decryption_table",
                "IKEv2 Decryption Table",
                {"spii", "spir", "sk_ei", "sk_er", "encr_alg", "sk_ai", "sk_ar", "auth_alg"}});
}

}  // namespace netsift
