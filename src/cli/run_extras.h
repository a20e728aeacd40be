// What a run gathers beside printing packets: the -z statistics and --export-objects (fed every
// packet that passes the read filter, whatever -Y shows, as tshark's taps are; printed or
// finished after the run), the --flow-graph (fed the packets -Y displays) and the TLS
// key log that --export-tls-keys writes (secrets from F5 trailers and pcapng decryption-secrets
// blocks).
#pragma once

#include <memory>
#include <vector>

#include "analysis/tls_key_log.h"
#include "capture/capture_reader.h"
#include "cli/options.h"
#include "cli/packet_filters.h"
#include "output/output_sink.h"
#include "output/statistics.h"

namespace netsift {

class RunExtras {
 public:
  // Creates the statistics the options name; on an unknown -z prints tshark's complaint and
  // returns the exit status to use, else 0.
  int setup(const Options& opts);
  // Tells the statistics what the rest of the run reads of the tree (after setup).
  void set_statistic_context(const Options& opts, const PacketFilters& filters);
  // Every dissected packet (key collection).
  void dissected(const Packet& pkt);
  // Every packet that passed the read filter, before -Y (statistics).
  void tapped(const Packet& pkt);
  // Every packet -Y displays (the flow graph).
  void displayed(const Packet& pkt);
  // After the last packet: prints the statistics and writes the key log. Returns an exit
  // status (2 when the key log cannot be written).
  int finish(OutputSink& out, const CaptureReader& reader);
  // Key-log lines the run decrypted with (key-log files, F5 trailers, pcapng blocks), for
  // --export-tls-keys.
  void add_tls_keys(const TlsKeyLog& keys) {
    if (collect_keys_)
      for (const std::string& l : keys.lines()) keys_.add_line(l);
  }
  // Whether any extra needs packets dissected.
  bool needs_dissection() const { return !statistics_.empty() || collect_keys_; }
  // The fields the statistics read (see Statistic::reads_only); false when one reads whole trees.
  // `top_level`: one also reads every top-level item (Statistic::reads_top_level_only).
  bool statistic_fields(std::vector<std::string>& names, bool& top_level) const {
    for (const auto& s : statistics_) {
      if (s->reads_only(names)) continue;
      if (!s->reads_top_level_only(names)) return false;
      top_level = true;
    }
    return true;
  }
  bool needs_columns() const {
    for (const auto& s : statistics_)
      if (s->needs_columns()) return true;
    return false;
  }

 private:
  // --export-objects PROTOCOL,DIR (tshark's checks and messages); an exit status or 0.
  int add_object_exports(const std::vector<std::string>& args);

  std::vector<std::unique_ptr<Statistic>> statistics_;
  std::string key_file_;
  bool collect_keys_ = false;
  TlsKeyLog keys_;
};

}  // namespace netsift
