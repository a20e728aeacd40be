// The DHCP/BOOTP option codes (RFC 2132 and later, IANA "BOOTP Vendor Extensions and DHCP
// Options") as Wireshark 4.0 names and shows them, and the fields of the options whose value is
// one basic item (an address, a string, a number, a time).
#include "core/field_registry.h"
#include "core/value_strings.h"
#include "dissectors/dhcp_internal.h"

namespace netsift::dhcp {

namespace {

constexpr OptionInfo kOptions[256] = {
    {"Padding", Kind::kNone},                                                    // 0
    {"Subnet Mask", Kind::kIpv4},                                                // 1
    {"Time Offset", Kind::kTimeSigned},                                          // 2
    {"Router", Kind::kIpv4List},                                                 // 3
    {"Time Server", Kind::kIpv4List},                                            // 4
    {"Name Server", Kind::kIpv4List},                                            // 5
    {"Domain Name Server", Kind::kIpv4List},                                     // 6
    {"Log Server", Kind::kIpv4List},                                             // 7
    {"Quotes Server", Kind::kIpv4List},                                          // 8
    {"LPR Server", Kind::kIpv4List},                                             // 9
    {"Impress Server", Kind::kIpv4List},                                         // 10
    {"Resource Location Server", Kind::kIpv4List},                               // 11
    {"Host Name", Kind::kString},                                                // 12
    {"Boot File Size", Kind::kUint16},                                           // 13
    {"Merit Dump File", Kind::kString},                                          // 14
    {"Domain Name", Kind::kString},                                              // 15
    {"Swap Server", Kind::kIpv4},                                                // 16
    {"Root Path", Kind::kString},                                                // 17
    {"Extensions Path", Kind::kString},                                          // 18
    {"IP Forwarding", Kind::kBool},                                              // 19
    {"Non-Local Source Routing", Kind::kBool},                                   // 20
    {"Policy Filter", Kind::kSpecial},                                           // 21
    {"Maximum Datagram Reassembly Size", Kind::kUint16},                         // 22
    {"Default IP Time-to-Live", Kind::kUint8},                                   // 23
    {"Path MTU Aging Timeout", Kind::kTimeUnsigned},                             // 24
    {"Path MTU Plateau Table", Kind::kUint16List},                               // 25
    {"Interface MTU", Kind::kUint16},                                            // 26
    {"All Subnets are Local", Kind::kBool},                                      // 27
    {"Broadcast Address", Kind::kIpv4},                                          // 28
    {"Perform Mask Discovery", Kind::kBool},                                     // 29
    {"Mask Supplier", Kind::kBool},                                              // 30
    {"Perform Router Discover", Kind::kBool},                                    // 31
    {"Router Solicitation Address", Kind::kIpv4},                                // 32
    {"Static Route", Kind::kSpecial},                                            // 33
    {"Trailer Encapsulation", Kind::kBool},                                      // 34
    {"ARP Cache Timeout", Kind::kTimeUnsigned},                                  // 35
    {"Ethernet Encapsulation", Kind::kBool},                                     // 36
    {"TCP Default TTL", Kind::kUint8},                                           // 37
    {"TCP Keepalive Interval", Kind::kTimeUnsigned},                             // 38
    {"TCP Keepalive Garbage", Kind::kBool},                                      // 39
    {"Network Information Service Domain", Kind::kString},                       // 40
    {"Network Information Service Servers", Kind::kIpv4List},                    // 41
    {"Network Time Protocol Servers", Kind::kIpv4List},                          // 42
    {"Vendor-Specific Information", Kind::kSpecial},                             // 43
    {"NetBIOS over TCP/IP Name Server", Kind::kIpv4List},                        // 44
    {"NetBIOS over TCP/IP Datagram Distribution Name Server", Kind::kIpv4List},  // 45
    {"NetBIOS over TCP/IP Node Type", Kind::kUint8},                             // 46
    {"NetBIOS over TCP/IP Scope", Kind::kString},                                // 47
    {"X Window System Font Server", Kind::kIpv4List},                            // 48
    {"X Window System Display Manager", Kind::kIpv4List},                        // 49
    {"Requested IP Address", Kind::kIpv4},                                       // 50
    {"IP Address Lease Time", Kind::kTimeUnsigned},                              // 51
    {"Option Overload", Kind::kSpecial},                                         // 52
    {"DHCP Message Type", Kind::kUint8},                                         // 53
    {"DHCP Server Identifier", Kind::kIpv4},                                     // 54
    {"Parameter Request List", Kind::kSpecial},                                  // 55
    {"Message", Kind::kString},                                                  // 56
    {"Maximum DHCP Message Size", Kind::kUint16},                                // 57
    {"Renewal Time Value", Kind::kTimeUnsigned},                                 // 58
    {"Rebinding Time Value", Kind::kTimeUnsigned},                               // 59
    {"Vendor class identifier", Kind::kSpecial},                                 // 60
    {"Client identifier", Kind::kSpecial},                                       // 61
    {"Novell/Netware IP domain", Kind::kString},                                 // 62
    {"Novell Options", Kind::kOpaque},                                           // 63
    {"Network Information Service+ Domain", Kind::kString},                      // 64
    {"Network Information Service+ Servers", Kind::kIpv4List},                   // 65
    {"TFTP Server Name", Kind::kString},                                         // 66
    {"Bootfile name", Kind::kString},                                            // 67
    {"Mobile IP Home Agent", Kind::kIpv4List},                                   // 68
    {"SMTP Server", Kind::kIpv4List},                                            // 69
    {"POP3 Server", Kind::kIpv4List},                                            // 70
    {"NNTP Server", Kind::kIpv4List},                                            // 71
    {"Default WWW Server", Kind::kIpv4List},                                     // 72
    {"Default Finger Server", Kind::kIpv4List},                                  // 73
    {"Default IRC Server", Kind::kIpv4List},                                     // 74
    {"StreetTalk Server", Kind::kIpv4List},                                      // 75
    {"StreetTalk Directory Assistance Server", Kind::kIpv4List},                 // 76
    {"User Class Information", Kind::kSpecial},                                  // 77
    {"Directory Agent Information", Kind::kOpaque},                              // 78
    {"Service Location Agent Scope", Kind::kOpaque},                             // 79
    {"Rapid commit", Kind::kOpaque},                                             // 80
    {"Client Fully Qualified Domain Name", Kind::kSpecial},                      // 81
    {"Agent Information Option", Kind::kOpaque},                                 // 82
    {"iSNS", Kind::kOpaque},                                                     // 83
    {"Removed/Unassigned", Kind::kOpaque},                                       // 84
    {"Novell Directory Services Servers", Kind::kOpaque},                        // 85
    {"Novell Directory Services Tree Name", Kind::kString},                      // 86
    {"Novell Directory Services Context", Kind::kString},                        // 87
    {"BCMCS Controller Domain Name [TODO:RFC4280]", Kind::kOpaque},              // 88
    {"BCMCS Controller IPv4 address [TODO:RFC4280]", Kind::kOpaque},             // 89
    {"Authentication", Kind::kOpaque},                                           // 90
    {"Client last transaction time", Kind::kTimeUnsigned},                       // 91
    {"Associated IP option", Kind::kIpv4List},                                   // 92
    {"Client System Architecture", Kind::kOpaque},                               // 93
    {"Client Network Device Interface", Kind::kOpaque},                          // 94
    {"LDAP [TODO:RFC3679]", Kind::kOpaque},                                      // 95
    {"Removed/Unassigned", Kind::kOpaque},                                       // 96
    {"UUID/GUID-based Client Identifier", Kind::kOpaque},                        // 97
    {"Open Group's User Authentication [TODO:RFC2485]", Kind::kOpaque},          // 98
    {"Civic Addresses Configuration", Kind::kOpaque},                            // 99
    {"PCode", Kind::kString},                                                    // 100
    {"TCode", Kind::kString},                                                    // 101
    {"Removed/unassigned", Kind::kOpaque},                                       // 102
    {"Removed/unassigned", Kind::kOpaque},                                       // 103
    {"Removed/unassigned", Kind::kOpaque},                                       // 104
    {"Removed/unassigned", Kind::kOpaque},                                       // 105
    {"Removed/unassigned", Kind::kOpaque},                                       // 106
    {"Removed/unassigned", Kind::kOpaque},                                       // 107
    {"IPv6-Only Preferred", Kind::kOpaque},                                      // 108
    {"Unassigned", Kind::kOpaque},                                               // 109
    {"Removed/Unassigned", Kind::kOpaque},                                       // 110
    {"Unassigned", Kind::kOpaque},                                               // 111
    {"NetInfo Parent Server Address", Kind::kIpv4List},                          // 112
    {"NetInfo Parent Server Tag", Kind::kString},                                // 113
    {"DHCP Captive-Portal", Kind::kOpaque},                                      // 114
    {"Removed/Unassigned", Kind::kOpaque},                                       // 115
    {"DHCP Auto-Configuration", Kind::kUint8},                                   // 116
    {"Name Service Search", Kind::kOpaque},                                      // 117
    {"Subnet Selection Option", Kind::kIpv4List},                                // 118
    {"Domain Search", Kind::kSpecial},                                           // 119
    {"SIP Servers", Kind::kOpaque},                                              // 120
    {"Classless Static Route", Kind::kSpecial},                                  // 121
    {"CableLabs Client Configuration [TODO:RFC3495]", Kind::kOpaque},            // 122
    {"Coordinate-based Location Configuration", Kind::kOpaque},                  // 123
    {"V-I Vendor Class", Kind::kOpaque},                                         // 124
    {"V-I Vendor-specific Information", Kind::kOpaque},                          // 125
    {"Removed/Unassigned", Kind::kOpaque},                                       // 126
    {"Removed/Unassigned", Kind::kOpaque},                                       // 127
    {"DOCSIS full security server IP [TODO]", Kind::kOpaque},                    // 128
    {"PXE - undefined (vendor specific)", Kind::kOpaque},                        // 129
    {"PXE - undefined (vendor specific)", Kind::kOpaque},                        // 130
    {"PXE - undefined (vendor specific)", Kind::kOpaque},                        // 131
    {"PXE - undefined (vendor specific)", Kind::kOpaque},                        // 132
    {"PXE - undefined (vendor specific)", Kind::kOpaque},                        // 133
    {"PXE - undefined (vendor specific)", Kind::kOpaque},                        // 134
    {"PXE - undefined (vendor specific)", Kind::kOpaque},                        // 135
    {"PANA Authentication Agent", Kind::kIpv4List},                              // 136
    {"LoST Server Domain Name", Kind::kString},                                  // 137
    {"CAPWAP Access Controllers", Kind::kIpv4List},                              // 138
    {"IPv4 Address-MoS", Kind::kOpaque},                                         // 139
    {"IPv4 FQDN-MoS", Kind::kOpaque},                                            // 140
    {"SIP UA Configuration Domains", Kind::kOpaque},                             // 141
    {"IPv4 Address ANDSF", Kind::kIpv4List},                                     // 142
    {"Zerotouch Redirect [TODO: draft-ietf-netconf-zerotouch]", Kind::kOpaque},  // 143
    {"Geospatial Location [TODO:RFC6225]", Kind::kOpaque},                       // 144
    {"Forcerenew Nonce Capable", Kind::kOpaque},                                 // 145
    {"RDNSS Selection", Kind::kOpaque},                                          // 146
    {"Unassigned", Kind::kOpaque},                                               // 147
    {"Unassigned", Kind::kOpaque},                                               // 148
    {"Unassigned", Kind::kOpaque},                                               // 149
    {"TFTP Server Address", Kind::kIpv4List},                                    // 150
    {"Leasequery Status code", Kind::kOpaque},                                   // 151
    {"Leasequery Base Time", Kind::kOpaque},                                     // 152
    {"Leasequery Start Time of State", Kind::kTimeUnsigned},                     // 153
    {"Leasequery Query Start Time", Kind::kOpaque},                              // 154
    {"Leasequery Query End Time", Kind::kOpaque},                                // 155
    {"Leasequery Dhcp State", Kind::kUint8},                                     // 156
    {"Leasequery Data Source", Kind::kBool},                                     // 157
    {"PCP Server", Kind::kOpaque},                                               // 158
    {"Portparams", Kind::kOpaque},                                               // 159
    {"Unassigned (ex DHCP Captive-Portal)", Kind::kOpaque},                      // 160
    {"Manufacturer Usage Description", Kind::kString},                           // 161
    {"Unassigned", Kind::kOpaque},                                               // 162
    {"Unassigned", Kind::kOpaque},                                               // 163
    {"Unassigned", Kind::kOpaque},                                               // 164
    {"Unassigned", Kind::kOpaque},                                               // 165
    {"Unassigned", Kind::kOpaque},                                               // 166
    {"Unassigned", Kind::kOpaque},                                               // 167
    {"Unassigned", Kind::kOpaque},                                               // 168
    {"Unassigned", Kind::kOpaque},                                               // 169
    {"Unassigned", Kind::kOpaque},                                               // 170
    {"Unassigned", Kind::kOpaque},                                               // 171
    {"Unassigned", Kind::kOpaque},                                               // 172
    {"Unassigned", Kind::kOpaque},                                               // 173
    {"Unassigned", Kind::kOpaque},                                               // 174
    {"Etherboot", Kind::kOpaque},                                                // 175
    {"IP Telephone", Kind::kOpaque},                                             // 176
    {"Etherboot", Kind::kOpaque},                                                // 177
    {"Unassigned", Kind::kOpaque},                                               // 178
    {"Unassigned", Kind::kOpaque},                                               // 179
    {"Unassigned", Kind::kOpaque},                                               // 180
    {"Unassigned", Kind::kOpaque},                                               // 181
    {"Unassigned", Kind::kOpaque},                                               // 182
    {"Unassigned", Kind::kOpaque},                                               // 183
    {"Unassigned", Kind::kOpaque},                                               // 184
    {"Unassigned", Kind::kOpaque},                                               // 185
    {"Unassigned", Kind::kOpaque},                                               // 186
    {"Unassigned", Kind::kOpaque},                                               // 187
    {"Unassigned", Kind::kOpaque},                                               // 188
    {"Unassigned", Kind::kOpaque},                                               // 189
    {"Unassigned", Kind::kOpaque},                                               // 190
    {"Unassigned", Kind::kOpaque},                                               // 191
    {"Unassigned", Kind::kOpaque},                                               // 192
    {"Unassigned", Kind::kOpaque},                                               // 193
    {"Unassigned", Kind::kOpaque},                                               // 194
    {"Unassigned", Kind::kOpaque},                                               // 195
    {"Unassigned", Kind::kOpaque},                                               // 196
    {"Unassigned", Kind::kOpaque},                                               // 197
    {"Unassigned", Kind::kOpaque},                                               // 198
    {"Unassigned", Kind::kOpaque},                                               // 199
    {"Unassigned", Kind::kOpaque},                                               // 200
    {"Unassigned", Kind::kOpaque},                                               // 201
    {"Unassigned", Kind::kOpaque},                                               // 202
    {"Unassigned", Kind::kOpaque},                                               // 203
    {"Unassigned", Kind::kOpaque},                                               // 204
    {"Unassigned", Kind::kOpaque},                                               // 205
    {"Unassigned", Kind::kOpaque},                                               // 206
    {"Unassigned", Kind::kOpaque},                                               // 207
    {"PXELINUX Magic", Kind::kOpaque},                                           // 208
    {"PXE Configuration file", Kind::kString},                                   // 209
    {"PXE Path Prefix", Kind::kString},                                          // 210
    {"Reboot Time", Kind::kOpaque},                                              // 211
    {"6RD", Kind::kOpaque},                                                      // 212
    {"V4 Access Domain", Kind::kOpaque},                                         // 213
    {"Unassigned", Kind::kOpaque},                                               // 214
    {"Unassigned", Kind::kOpaque},                                               // 215
    {"Unassigned", Kind::kOpaque},                                               // 216
    {"Unassigned", Kind::kOpaque},                                               // 217
    {"Unassigned", Kind::kOpaque},                                               // 218
    {"Unassigned", Kind::kOpaque},                                               // 219
    {"Subnet Allocation", Kind::kOpaque},                                        // 220
    {"Virtual Subnet Selection", Kind::kOpaque},                                 // 221
    {"Unassigned", Kind::kOpaque},                                               // 222
    {"Unassigned", Kind::kOpaque},                                               // 223
    {"Private", Kind::kOpaque},                                                  // 224
    {"Private", Kind::kOpaque},                                                  // 225
    {"Private", Kind::kOpaque},                                                  // 226
    {"Private", Kind::kOpaque},                                                  // 227
    {"Private", Kind::kOpaque},                                                  // 228
    {"Private", Kind::kOpaque},                                                  // 229
    {"Private", Kind::kOpaque},                                                  // 230
    {"Private", Kind::kOpaque},                                                  // 231
    {"Private", Kind::kOpaque},                                                  // 232
    {"Private", Kind::kOpaque},                                                  // 233
    {"Private", Kind::kOpaque},                                                  // 234
    {"Private", Kind::kOpaque},                                                  // 235
    {"Private", Kind::kOpaque},                                                  // 236
    {"Private", Kind::kOpaque},                                                  // 237
    {"Private", Kind::kOpaque},                                                  // 238
    {"Private", Kind::kOpaque},                                                  // 239
    {"Private", Kind::kOpaque},                                                  // 240
    {"Private", Kind::kOpaque},                                                  // 241
    {"Private/Avaya IP Telephone", Kind::kOpaque},                               // 242
    {"Private", Kind::kOpaque},                                                  // 243
    {"Private", Kind::kOpaque},                                                  // 244
    {"Private", Kind::kOpaque},                                                  // 245
    {"Private", Kind::kOpaque},                                                  // 246
    {"Private", Kind::kOpaque},                                                  // 247
    {"Private", Kind::kOpaque},                                                  // 248
    {"Private/Classless Static Route (Microsoft)", Kind::kSpecial},              // 249
    {"Private", Kind::kOpaque},                                                  // 250
    {"Private", Kind::kOpaque},                                                  // 251
    {"Private/Proxy autodiscovery", Kind::kString},                              // 252
    {"Private", Kind::kOpaque},                                                  // 253
    {"Private", Kind::kOpaque},                                                  // 254
    {"End", Kind::kNone},                                                        // 255
};

FieldId option_fields[256];

constexpr TrueFalse kTfEnabledDisabled{"Enabled", "Disabled"};
constexpr TrueFalse kTfRemoteLocal{"Remote", "Local"};

using FT = FieldType;
constexpr ValueName kValues46[] = {{1, "B-node"}, {2, "P-node"}, {4, "M-node"}, {8, "H-node"}};
constexpr ValueName kValues53[] = {{1, "Discover"},
                                   {2, "Offer"},
                                   {3, "Request"},
                                   {4, "Decline"},
                                   {5, "ACK"},
                                   {6, "NAK"},
                                   {7, "Release"},
                                   {8, "Inform"},
                                   {9, "Force Renew"},
                                   {10, "Lease query"},
                                   {11, "Lease Unassigned"},
                                   {12, "Lease Unknown"},
                                   {13, "Lease Active"},
                                   {14, "Bulk Lease Query"},
                                   {15, "Lease Query Done"},
                                   {16, "Active LeaseQuery"},
                                   {17, "Lease Query Status"},
                                   {18, "TLS"}};
constexpr ValueName kValues116[] = {{0, "DoNotAutoConfigure"}, {1, "AutoConfigure"}};
constexpr ValueName kValues156[] = {{1, "Available"}, {2, "Active"},       {3, "Expired"},
                                    {4, "Released"},  {5, "Abandoned"},    {6, "Reset"},
                                    {7, "Remote"},    {8, "Transitioning"}};

const FieldReg kFields[] = {
    {&option_fields[1],
     {.name = "Subnet Mask", .abbrev = "dhcp.option.subnet_mask", .type = FT::kIpv4}},
    {&option_fields[2],
     {.name = "Time Offset",
      .abbrev = "dhcp.option.time_offset",
      .type = FT::kInt32,
      .base = Base::kDec}},
    {&option_fields[3], {.name = "Router", .abbrev = "dhcp.option.router", .type = FT::kIpv4}},
    {&option_fields[4],
     {.name = "Time Server", .abbrev = "dhcp.option.time_server", .type = FT::kIpv4}},
    {&option_fields[5],
     {.name = "Name Server", .abbrev = "dhcp.option.name_server", .type = FT::kIpv4}},
    {&option_fields[6],
     {.name = "Domain Name Server", .abbrev = "dhcp.option.domain_name_server", .type = FT::kIpv4}},
    {&option_fields[7],
     {.name = "Log Server", .abbrev = "dhcp.option.log_server", .type = FT::kIpv4}},
    {&option_fields[8],
     {.name = "Quotes Server", .abbrev = "dhcp.option.quotes_server", .type = FT::kIpv4}},
    {&option_fields[9],
     {.name = "LPR Server", .abbrev = "dhcp.option.lpr_server", .type = FT::kIpv4}},
    {&option_fields[10],
     {.name = "Impress Server", .abbrev = "dhcp.option.impress_server", .type = FT::kIpv4}},
    {&option_fields[11],
     {.name = "Resource Location Server",
      .abbrev = "dhcp.option.resource_location_server",
      .type = FT::kIpv4}},
    {&option_fields[12],
     {.name = "Host Name", .abbrev = "dhcp.option.hostname", .type = FT::kStringz}},
    {&option_fields[13],
     {.name = "Boot File Size",
      .abbrev = "dhcp.option.boot_file_size",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&option_fields[14],
     {.name = "Merit Dump File", .abbrev = "dhcp.option.merit_dump_file", .type = FT::kStringz}},
    {&option_fields[15],
     {.name = "Domain Name", .abbrev = "dhcp.option.domain_name", .type = FT::kStringz}},
    {&option_fields[16],
     {.name = "Swap Server", .abbrev = "dhcp.option.swap_server", .type = FT::kIpv4}},
    {&option_fields[17],
     {.name = "Root Path", .abbrev = "dhcp.option.root_path", .type = FT::kStringz}},
    {&option_fields[18],
     {.name = "Extensions Path", .abbrev = "dhcp.option.extension_path", .type = FT::kStringz}},
    {&option_fields[19],
     {.name = "IP Forwarding",
      .abbrev = "dhcp.option.ip_forwarding",
      .type = FT::kBoolean,
      .tf = &kTfEnabledDisabled}},
    {&option_fields[20],
     {.name = "Non-Local Source Routing",
      .abbrev = "dhcp.option.non_local_source_routing",
      .type = FT::kBoolean,
      .tf = &kTfEnabledDisabled}},
    {&option_fields[22],
     {.name = "Maximum Datagram Reassembly Size",
      .abbrev = "dhcp.option.max_datagram_reassembly_size",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&option_fields[23],
     {.name = "Default IP Time-to-Live",
      .abbrev = "dhcp.option.default_ip_ttl",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&option_fields[24],
     {.name = "Path MTU Aging Timeout",
      .abbrev = "dhcp.option.path_mtu_aging_timeout",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&option_fields[25],
     {.name = "Path MTU Plateau Table Item",
      .abbrev = "dhcp.option.path_mtu_plateau_table_item",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&option_fields[26],
     {.name = "Interface MTU",
      .abbrev = "dhcp.option.interface_mtu",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&option_fields[27],
     {.name = "All Subnets are Local",
      .abbrev = "dhcp.option.all_subnets_are_local",
      .type = FT::kBoolean,
      .tf = &kYesNo}},
    {&option_fields[28],
     {.name = "Broadcast Address", .abbrev = "dhcp.option.broadcast_address", .type = FT::kIpv4}},
    {&option_fields[29],
     {.name = "Perform Mask Discovery",
      .abbrev = "dhcp.option.perform_mask_discovery",
      .type = FT::kBoolean,
      .tf = &kTfEnabledDisabled}},
    {&option_fields[30],
     {.name = "Mask Supplier",
      .abbrev = "dhcp.option.mask_supplier",
      .type = FT::kBoolean,
      .tf = &kYesNo}},
    {&option_fields[31],
     {.name = "Perform Router Discover",
      .abbrev = "dhcp.option.perform_router_discover",
      .type = FT::kBoolean,
      .tf = &kTfEnabledDisabled}},
    {&option_fields[32],
     {.name = "Router Solicitation Address",
      .abbrev = "dhcp.option.router_solicitation_address",
      .type = FT::kIpv4}},
    {&option_fields[34],
     {.name = "Trailer Encapsulation",
      .abbrev = "dhcp.option.trailer_encapsulation",
      .type = FT::kBoolean,
      .tf = &kTfEnabledDisabled}},
    {&option_fields[35],
     {.name = "ARP Cache Timeout",
      .abbrev = "dhcp.option.arp_cache_timeout",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&option_fields[36],
     {.name = "Ethernet Encapsulation",
      .abbrev = "dhcp.option.ethernet_encapsulation",
      .type = FT::kBoolean,
      .tf = &kTfEnabledDisabled}},
    {&option_fields[37],
     {.name = "TCP Default TTL",
      .abbrev = "dhcp.option.tcp_default_ttl",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&option_fields[38],
     {.name = "TCP Keepalive Interval",
      .abbrev = "dhcp.option.tcp_keepalive_interval",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&option_fields[39],
     {.name = "TCP Keepalive Garbage",
      .abbrev = "dhcp.option.tcp_keepalive_garbage",
      .type = FT::kBoolean,
      .tf = &kTfEnabledDisabled}},
    {&option_fields[40],
     {.name = "Network Information Service Domain",
      .abbrev = "dhcp.option.nis_domain",
      .type = FT::kStringz}},
    {&option_fields[41],
     {.name = "Network Information Service Server",
      .abbrev = "dhcp.option.nis_server",
      .type = FT::kIpv4}},
    {&option_fields[42],
     {.name = "Network Time Protocol Server",
      .abbrev = "dhcp.option.ntp_server",
      .type = FT::kIpv4}},
    {&option_fields[44],
     {.name = "NetBIOS over TCP/IP Name Server",
      .abbrev = "dhcp.option.netbios_over_tcpip_name_server",
      .type = FT::kIpv4}},
    {&option_fields[45],
     {.name = "NetBIOS over TCP/IP Datagram Distribution Name Server",
      .abbrev = "dhcp.option.netbios_over_tcpip_dd_name_server",
      .type = FT::kIpv4}},
    {&option_fields[46],
     {.name = "NetBIOS over TCP/IP Node Type",
      .abbrev = "dhcp.option.netbios_over_tcpip_node_type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kValues46}},
    {&option_fields[47],
     {.name = "NetBIOS over TCP/IP Scope",
      .abbrev = "dhcp.option.netbios_over_tcpip_scope",
      .type = FT::kStringz}},
    {&option_fields[48],
     {.name = "X Window System Font Server",
      .abbrev = "dhcp.option.xwindows_system_font_server",
      .type = FT::kIpv4}},
    {&option_fields[49],
     {.name = "X Window System Display Manager",
      .abbrev = "dhcp.option.xwindows_system_display_manager",
      .type = FT::kIpv4}},
    {&option_fields[50],
     {.name = "Requested IP Address",
      .abbrev = "dhcp.option.requested_ip_address",
      .type = FT::kIpv4}},
    {&option_fields[51],
     {.name = "IP Address Lease Time",
      .abbrev = "dhcp.option.ip_address_lease_time",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&option_fields[53],
     {.name = "DHCP",
      .abbrev = "dhcp.option.dhcp",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kValues53}},
    {&option_fields[54],
     {.name = "DHCP Server Identifier", .abbrev = "dhcp.option.dhcp_server_id", .type = FT::kIpv4}},
    {&option_fields[56],
     {.name = "Message", .abbrev = "dhcp.option.message", .type = FT::kStringz}},
    {&option_fields[57],
     {.name = "Maximum DHCP Message Size",
      .abbrev = "dhcp.option.dhcp_max_message_size",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&option_fields[58],
     {.name = "Renewal Time Value",
      .abbrev = "dhcp.option.renewal_time_value",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&option_fields[59],
     {.name = "Rebinding Time Value",
      .abbrev = "dhcp.option.rebinding_time_value",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&option_fields[62],
     {.name = "Novell/Netware IP domain",
      .abbrev = "dhcp.option.novell_netware_ip_domain",
      .type = FT::kStringz}},
    {&option_fields[64],
     {.name = "Network Information Service+ Domain",
      .abbrev = "dhcp.option.nis_plus_domain",
      .type = FT::kStringz}},
    {&option_fields[65],
     {.name = "Network Information Service+ Server",
      .abbrev = "dhcp.option.nis_plus_server",
      .type = FT::kIpv4}},
    {&option_fields[66],
     {.name = "TFTP Server Name", .abbrev = "dhcp.option.tftp_server_name", .type = FT::kStringz}},
    {&option_fields[67],
     {.name = "Bootfile name", .abbrev = "dhcp.option.bootfile_name", .type = FT::kStringz}},
    {&option_fields[68],
     {.name = "Mobile IP Home Agent",
      .abbrev = "dhcp.option.mobile_ip_home_agent",
      .type = FT::kIpv4}},
    {&option_fields[69],
     {.name = "SMTP Server", .abbrev = "dhcp.option.smtp_server", .type = FT::kIpv4}},
    {&option_fields[70],
     {.name = "POP3 Server", .abbrev = "dhcp.option.pop3_server", .type = FT::kIpv4}},
    {&option_fields[71],
     {.name = "NNTP Server", .abbrev = "dhcp.option.nntp_server", .type = FT::kIpv4}},
    {&option_fields[72],
     {.name = "Default WWW Server", .abbrev = "dhcp.option.default_www_server", .type = FT::kIpv4}},
    {&option_fields[73],
     {.name = "Default Finger Server",
      .abbrev = "dhcp.option.default_finger_server",
      .type = FT::kIpv4}},
    {&option_fields[74],
     {.name = "Default IRC Server", .abbrev = "dhcp.option.default_irc_server", .type = FT::kIpv4}},
    {&option_fields[75],
     {.name = "StreetTalk Server", .abbrev = "dhcp.option.streettalk_server", .type = FT::kIpv4}},
    {&option_fields[76],
     {.name = "StreetTalk Directory Assistance Server",
      .abbrev = "dhcp.option.streettalk_da_server",
      .type = FT::kIpv4}},
    {&option_fields[86],
     {.name = "Novell Directory Services Tree Name",
      .abbrev = "dhcp.option.novell_ds_tree_name",
      .type = FT::kStringz}},
    {&option_fields[87],
     {.name = "Novell Directory Services Context",
      .abbrev = "dhcp.option.novell_ds_context",
      .type = FT::kStringz}},
    {&option_fields[91],
     {.name = "Client last transaction time",
      .abbrev = "dhcp.option.client_last_transaction_time",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&option_fields[92],
     {.name = "Associated IP option",
      .abbrev = "dhcp.option.associated_ip_option",
      .type = FT::kIpv4}},
    {&option_fields[100],
     {.name = "TZ PCode", .abbrev = "dhcp.option.tz_pcode", .type = FT::kString}},
    {&option_fields[101],
     {.name = "TZ TCode", .abbrev = "dhcp.option.tz_tcode", .type = FT::kString}},
    {&option_fields[112],
     {.name = "NetInfo Parent Server Address",
      .abbrev = "dhcp.option.netinfo_parent_server_address",
      .type = FT::kIpv4}},
    {&option_fields[113],
     {.name = "NetInfo Parent Server Tag",
      .abbrev = "dhcp.option.netinfo_parent_server_tag",
      .type = FT::kStringz}},
    {&option_fields[116],
     {.name = "DHCP Auto-Configuration",
      .abbrev = "dhcp.option.dhcp_auto_configuration",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kValues116}},
    {&option_fields[118],
     {.name = "Subnet Selection Option",
      .abbrev = "dhcp.option.subnet_selection_option",
      .type = FT::kIpv4}},
    {&option_fields[136],
     {.name = "PAA IPv4 Address", .abbrev = "dhcp.option.pana_agent", .type = FT::kIpv4}},
    {&option_fields[137],
     {.name = "LoST Server Domain Name",
      .abbrev = "dhcp.option.lost_server_domain_name",
      .type = FT::kStringz}},
    {&option_fields[138],
     {.name = "CAPWAP Access Controllers",
      .abbrev = "dhcp.option.capwap_access_controller",
      .type = FT::kIpv4}},
    {&option_fields[142],
     {.name = "ANDSF Server", .abbrev = "dhcp.option.andsf_server", .type = FT::kIpv4}},
    {&option_fields[150],
     {.name = "TFTP Server Address",
      .abbrev = "dhcp.option.tftp_server_address",
      .type = FT::kIpv4}},
    {&option_fields[153],
     {.name = "Start Time Of State",
      .abbrev = "dhcp.option.bulk_lease.start_time_of_state",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&option_fields[156],
     {.name = "Dhcp State",
      .abbrev = "dhcp.option.bulk_lease.dhcp_state",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kValues156}},
    {&option_fields[157],
     {.name = "Data Source",
      .abbrev = "dhcp.option.bulk_lease.data_source",
      .type = FT::kBoolean,
      .tf = &kTfRemoteLocal}},
    {&option_fields[161], {.name = "MUDURL", .abbrev = "dhcp.option.mudurl", .type = FT::kString}},
    {&option_fields[209],
     {.name = "PXELINUX configuration file",
      .abbrev = "dhcp.option.pxe_config_file",
      .type = FT::kString}},
    {&option_fields[210],
     {.name = "PXELINUX path prefix",
      .abbrev = "dhcp.option.pxe_path_prefix",
      .type = FT::kString}},
    {&option_fields[252],
     {.name = "Private/Proxy autodiscovery",
      .abbrev = "dhcp.option.private_proxy_autodiscovery",
      .type = FT::kStringz}},
};

}  // namespace

const OptionInfo& option_info(uint8_t code) {
  return kOptions[code];
}

FieldId option_field(uint8_t code) {
  return option_fields[code];
}

void register_option_table_fields(FieldId proto) {
  registry().add_fields(proto, kFields);
}

}  // namespace netsift::dhcp
