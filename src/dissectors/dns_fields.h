// DNS message fields read outside the DNS dissector (the dns statistics tree, expert
// statistics), as typed handles filled when DNS registers its fields.
#pragma once

#include "core/field.h"

namespace netsift::dns_fields {

extern ProtocolField proto_dns, proto_mdns;
extern UintField flags, fl_opcode, fl_rcode;
extern UintField count_queries, count_answers, count_auth, count_add;
// Of a question: the name's length and label count, type and class (mDNS registers its own
// class field, with the unicast-response bit apart, under the same name).
extern UintField qry_name_len, count_labels, qry_type, qry_class, qry_class_mdns;
// Transaction tracking.
extern TimeField time;
extern UintField retransmission, unsolicited;

}  // namespace netsift::dns_fields
