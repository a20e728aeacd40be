// ASN.1 object identifiers (FT_OID values): the BER content octets turned into dotted decimal,
// and the name tshark shows for them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace netsift {

// Appends "1.2.840.113549.1.1.11" for the encoded arcs in p[0, n). An arc cut short (last byte
// with its continuation bit set) or wider than 64 bits makes it return false, having appended
// what it could decode.
bool append_oid_dotted(std::string& out, const uint8_t* p, size_t n);

// tshark's name for a dotted OID: its own name, else its nearest named ancestor's name
// followed by the remaining arcs ("joint-iso-itu-t.23.140.1.2.1"); empty when no arc is named.
std::string oid_resolved_name(std::string_view dotted);
// Only the OID's own name (nullptr when it has none).
const char* oid_exact_name(std::string_view dotted);

// Encodes a dotted OID as BER content octets (for filter literals); false when not an OID.
bool encode_oid(std::string_view dotted, std::string& out);

}  // namespace netsift
