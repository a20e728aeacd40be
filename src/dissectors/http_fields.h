// HTTP fields read outside the HTTP dissector (the http statistics, follow), as typed handles
// filled when HTTP registers its fields.
#pragma once

#include "core/field.h"

namespace netsift::http_fields {

extern ProtocolField proto;
extern StringField request_method, request_uri, request_full_uri;
extern UintField response_code;
extern StringField response_code_desc, response_for_uri;
// On the HTTP item of a CONNECT tunnel's packets (which HTTP's taps do not see).
extern StringField proxy_connect_host;
// Header fields.
extern StringField host, referer, location;

}  // namespace netsift::http_fields
