#include "cli/first_pass.h"

#include <memory>
#include <vector>

#include "analysis/f5_flow_pairing.h"
#include "analysis/tls_secrets.h"
#include "capture/capture_reader.h"
#include "cli/capture_input.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/f5fileinfo.h"
#include "dissectors/frame.h"

namespace netsift {

namespace {

// A BIG-IP tcpdump file starts with its capture information, or its frames carry trailers.
bool from_big_ip(const Packet& pkt) {
  for (FieldId p : pkt.layers)
    if (p == f5fileinfo_fields::proto.id || p == f5_fields::proto) return true;
  return false;
}

}  // namespace

void run_first_pass(const Options& opts, const PacketFilters& filters, Session& session) {
  if (opts.read_file.empty() || opts.read_file == "-" || is_streaming_input(opts)) return;
  // What the first pass learns needs the trailers, the TCP streams and the application
  // dissectors' own state, not the tree: keep no other node, unless the read filter reads it.
  std::vector<uint8_t> wanted(registry().size());
  for (const FieldInfo& f : registry().all())
    wanted[f.id] = f.def.type == FieldType::kProtocol || f.read_back;
  Session first;
  first.prefs = session.prefs;
  first.memory().set_limit(session.memory().limit());
  first.resolve = session.resolve;
  first.later.start_recording();
  Packet pkt;
  if (!filters.read) pkt.tree.set_interest(&wanted);
  uint64_t read = 0, number = 0;
  try {
    std::unique_ptr<CaptureReader> reader = open_input(opts);
    CapturedFrame frame;
    while ((opts.count < 0 || read < static_cast<uint64_t>(opts.count)) && reader->next(frame)) {
      ++read;
      if (!filters.pass_capture(frame)) continue;
      // tshark numbers the frames the read filter keeps; a dropped frame's number is reused.
      pkt.reset(number + 1, &frame, &first);
      pkt.cols.enabled = false;
      pkt.labels = false;
      dissect_packet(pkt);
      if (filters.pass_read(pkt)) ++number;
    }
  } catch (const CaptureError&) {
  }
  session.state<F5FlowPairing>().preset(first.state<F5FlowPairing>());
  first.later.hand_over_to(session.later);
}

void learn_f5_tls_secrets(const Options& opts, const PacketFilters& filters, Session& session) {
  if (opts.read_file.empty() || opts.read_file == "-" || is_streaming_input(opts)) return;
  std::vector<uint8_t> wanted(registry().size());  // no tree: the trailers feed the secrets
  Session scan;
  scan.prefs = session.prefs;
  scan.memory().set_limit(session.memory().limit());
  Packet pkt;
  pkt.tree.set_interest(&wanted);
  pkt.payloads = false;
  uint64_t read = 0, number = 0;
  try {
    std::unique_ptr<CaptureReader> reader = open_input(opts);
    CapturedFrame frame;
    while ((opts.count < 0 || read < static_cast<uint64_t>(opts.count)) && reader->next(frame)) {
      ++read;
      if (!filters.pass_capture(frame)) continue;
      pkt.reset(++number, &frame, &scan);
      pkt.cols.enabled = false;
      pkt.labels = false;
      dissect_packet(pkt);
      if (number == 1 && !from_big_ip(pkt)) return;
    }
  } catch (const CaptureError&) {
  }
  session.state<TlsSecrets>().add_all(scan.state<TlsSecrets>());
}

}  // namespace netsift
