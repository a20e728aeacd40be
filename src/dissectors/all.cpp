#include "dissectors/all.h"

#include "core/column_prefs.h"
#include "core/name_prefs.h"
#include "core/protocols.h"

namespace netsift {

// One line per protocol. Each register_* function lives in that protocol's file.
void register_frame();
void register_eth();
void register_vlan();
void register_sll();
void register_null();
void register_raw();
void register_arp();
void register_ip();
void register_ipv6();
void register_icmp();
void register_icmpv6();
void register_udp();
void register_tcp();
void register_dns();
void register_f5ethtrailer();
void register_f5fileinfo();
void register_http();
void register_http2();
void register_tls();
void register_dtls();
void register_data_text_lines();
void register_urlencoded_form();
void register_json();
void register_grpc();
void register_protobuf();
void register_decryption_tables();
void register_user_dlt();
void register_ftp();
void register_x509();
void register_eap();
void register_gsm_gprs_timer();
void register_isakmp();
void register_esp();
void register_ah();
void register_ntp();
void register_frame_relay();
void register_tftp();
void register_dhcp();
void register_igmp();
void register_llc();
void register_stp();
void register_echo();
void register_daytime();
void register_syslog();
void register_ipx();
void register_fddi();
void register_token_ring();
void register_rpc();
void register_nfs();

void register_all_dissectors() {
  static bool done = false;
  if (done) return;
  done = true;
  protocols::register_core_protocols();
  column_prefs::register_prefs();
  name_prefs::register_prefs();
  register_frame();
  register_eth();
  register_vlan();
  register_sll();
  register_null();
  register_raw();
  register_arp();
  register_ip();
  register_ipv6();
  register_icmp();
  register_icmpv6();
  register_udp();
  register_tcp();
  register_dns();
  register_f5ethtrailer();
  register_f5fileinfo();
  register_http();
  register_http2();
  register_tls();
  register_dtls();
  register_data_text_lines();
  register_urlencoded_form();
  register_json();
  register_grpc();
  register_protobuf();
  register_decryption_tables();
  register_user_dlt();
  register_ftp();
  register_x509();
  register_eap();
  register_gsm_gprs_timer();
  register_isakmp();
  register_esp();
  register_ah();
  register_ntp();
  register_frame_relay();
  register_tftp();
  register_dhcp();
  register_igmp();
  register_llc();
  register_stp();
  register_echo();
  register_daytime();
  register_syslog();
  register_ipx();
  register_fddi();
  register_token_ring();
  register_rpc();
  register_nfs();
}

}  // namespace netsift
