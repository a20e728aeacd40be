#include "capture/bpf_filter.h"

#include <pcap/pcap.h>

namespace netsift {

BpfFilter::BpfFilter(std::string expr) : expr_(std::move(expr)) {}

BpfFilter::~BpfFilter() {
  for (auto& [type, prog] : programs_)
    if (prog) pcap_freecode(prog.get());
}

std::string BpfFilter::prepare(uint32_t linktype) {
  auto it = programs_.find(linktype);
  if (it != programs_.end()) return it->second ? "" : error_;
  pcap_t* dead = pcap_open_dead(static_cast<int>(linktype), 262144);
  if (!dead) return "cannot open a pcap handle for link type " + std::to_string(linktype);
  auto prog = std::make_unique<bpf_program>();
  std::string err;
  if (pcap_compile(dead, prog.get(), expr_.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    err = pcap_geterr(dead);
    prog.reset();
    if (error_.empty()) error_ = err;
  }
  pcap_close(dead);
  programs_.emplace(linktype, std::move(prog));
  return err;
}

bool BpfFilter::matches(const CapturedFrame& f) {
  auto it = programs_.find(f.linktype);
  if (it == programs_.end()) {
    prepare(f.linktype);
    it = programs_.find(f.linktype);
  }
  if (!it->second) return false;
  pcap_pkthdr hdr{};
  hdr.caplen = f.caplen;
  hdr.len = f.len;
  return pcap_offline_filter(it->second.get(), &hdr, f.data) != 0;
}

}  // namespace netsift
