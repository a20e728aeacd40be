#include "core/name_prefs.h"

namespace netsift::name_prefs {

BoolPref mac_name, transport_name, network_name, dns_pkt_addr_resolution,
    use_external_name_resolver, use_custom_dns_servers, hosts_file_handling, vlan_name, ss7_pc_name,
    load_smi_modules, suppress_smi_errors;
UintPref name_resolve_concurrency;

namespace {

const PrefReg kNameResolutionPrefs[] = {
    pref_bool(&mac_name, "mac_name",
              "Resolve Ethernet MAC addresses to host names from the preferences or system's "
              "Ethers file, or to a manufacturer based name.",
              true),
    pref_bool(&transport_name, "transport_name", "Resolve TCP/UDP ports into service names", false),
    pref_bool(
        &network_name, "network_name",
        "Resolve IPv4, IPv6, and IPX addresses into host names. The next set of check boxes "
        "determines how name resolution should be performed. If no other options are checked name "
        "resolution is made from Wireshark's host file and capture file name resolution blocks.",
        false),
    pref_bool(&dns_pkt_addr_resolution, "dns_pkt_addr_resolution",
              "Use address/name pairs found in captured DNS packets for name resolution.", true),
    pref_bool(&use_external_name_resolver, "use_external_name_resolver",
              "Use your system's configured name resolver (usually DNS) to resolve network names. "
              "Only applies when network name resolution is enabled.",
              true),
    pref_bool(&use_custom_dns_servers, "use_custom_dns_servers",
              "Use a DNS Servers list to resolve network names if TRUE.  If FALSE, default "
              "information is used",
              false),
    pref_uint(&name_resolve_concurrency, "name_resolve_concurrency",
              "The maximum number of DNS requests that may be active at any time. A large value "
              "(many thousands) might overload the network or make your DNS server behave badly.",
              500),
    pref_bool(&hosts_file_handling, "hosts_file_handling",
              "By default \"hosts\" files will be loaded from multiple sources. Checking this box "
              "only loads the \"hosts\" in the current profile.",
              false),
    pref_bool(&vlan_name, "vlan_name",
              "Resolve VLAN IDs to network names from the preferences \"vlans\" file. Format of "
              "the file is: \"ID<Tab>Name\". One line per VLAN, e.g.: 1 Management",
              false),
    pref_bool(&ss7_pc_name, "ss7_pc_name",
              "Resolve SS7 Point Codes to node names from the profiles \"ss7pcs\" file. Format of "
              "the file is: \"Network_Indicator<Dash>PC_Decimal<Tab>Name\". One line per Point "
              "Code, e.g.: 2-1234 MyPointCode1",
              false),
    pref_bool(&load_smi_modules, "load_smi_modules",
              "Resolve Object IDs to object names from the MIB and PIB modules defined below. You "
              "must restart Wireshark for this change to take effect",
              false),
    pref_bool(&suppress_smi_errors, "suppress_smi_errors",
              "While loading MIB or PIB modules errors may be detected, which are reported. Some "
              "errors can be ignored. If unsure, set to false.",
              false),
};

}  // namespace

void register_prefs() {
  prefs_registry().add_module(
      {"nameres", "Name Resolution", PrefSection::kTopLevel, "Name Resolution"},
      kNameResolutionPrefs);
}

NameResolutionFlags resolution_flags(const PrefStore& prefs) {
  NameResolutionFlags r;
  r.mac = prefs.get(mac_name);
  r.transport = prefs.get(transport_name);
  r.network = prefs.get(network_name);
  r.dns_packets = r.network && prefs.get(dns_pkt_addr_resolution);
  r.vlan = prefs.get(vlan_name);
  return r;
}

}  // namespace netsift::name_prefs
