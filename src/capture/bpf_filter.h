// Capture filters (BPF, tcpdump syntax) compiled by libpcap and applied to frames read from
// files or pipes, which tshark itself cannot do.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/captured_frame.h"

struct bpf_program;

namespace netsift {

class BpfFilter {
 public:
  explicit BpfFilter(std::string expr);
  ~BpfFilter();
  BpfFilter(const BpfFilter&) = delete;
  BpfFilter& operator=(const BpfFilter&) = delete;

  // Compiles for `linktype` (snaplen 262144, as tshark); returns libpcap's message or "".
  std::string prepare(uint32_t linktype);
  // Does the frame pass? Compiles for the frame's link type on first sight of it; a link type
  // the expression cannot be compiled for rejects the frame and records the error.
  bool matches(const CapturedFrame& f);
  // The first compile error met by matches(), or "".
  const std::string& error() const { return error_; }
  const std::string& expression() const { return expr_; }

 private:
  std::string expr_;
  std::string error_;
  std::unordered_map<uint32_t, std::unique_ptr<bpf_program>> programs_;  // by link type
};

}  // namespace netsift
