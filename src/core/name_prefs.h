// tshark's "Name Resolution" preferences (nameres.*): the initial name resolution flags, which
// -n and -N then replace (see cli/run_capture.cpp).
#pragma once

#include "core/preferences.h"
#include "core/session.h"

namespace netsift::name_prefs {

extern BoolPref mac_name, transport_name, network_name, dns_pkt_addr_resolution,
    use_external_name_resolver, use_custom_dns_servers, hosts_file_handling, vlan_name, ss7_pc_name,
    load_smi_modules, suppress_smi_errors;
extern UintPref name_resolve_concurrency;

void register_prefs();

// The flags the preferences ask for. DNS answers in the capture are used only together with
// network names, as in tshark; an external resolver is never asked (netsift sends no query).
NameResolutionFlags resolution_flags(const PrefStore& prefs);

}  // namespace netsift::name_prefs
