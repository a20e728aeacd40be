#include "cli/run_extras.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "output/flow_graph_file.h"

namespace netsift {

int RunExtras::setup(const Options& opts) {
  for (const std::string& z : opts.statistics) {
    std::unique_ptr<Statistic> s;
    try {
      s = make_statistic(z);
    } catch (const StatisticArgumentError& e) {
      std::fprintf(stderr, "netsift: %s\n", e.what());
      return 1;
    }
    if (!s) {
      print_statistics_usage(z);
      return 1;
    }
    statistics_.push_back(std::move(s));
  }
  if (!opts.flow_graph.empty()) statistics_.push_back(make_flow_graph_file(opts.flow_graph));
  key_file_ = opts.export_tls_keys;
  collect_keys_ = !key_file_.empty();
  return 0;
}

void RunExtras::dissected(const Packet& pkt) {
  if (collect_keys_) keys_.add_from_packet(pkt);
}

void RunExtras::tapped(const Packet& pkt) {
  for (auto& s : statistics_) s->packet(pkt);
}

int RunExtras::finish(OutputSink& out, const CaptureReader& reader) {
  // tshark prints the tables in the reverse order of the -z options.
  for (auto it = statistics_.rbegin(); it != statistics_.rend(); ++it) (*it)->print(out);
  if (!collect_keys_) return 0;
  for (const std::string& line : reader.tls_key_log()) keys_.add_text(line);
  std::string text = keys_.nss_text();
  if (key_file_ == "-") {
    out.write(text);
    return 0;
  }
  FILE* f = std::fopen(key_file_.c_str(), "w");
  bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f && std::fclose(f) != 0) ok = false;
  if (!ok) {
    std::fprintf(stderr, "netsift: cannot write TLS keys to \"%s\": %s\n", key_file_.c_str(),
                 std::strerror(errno));
    return 2;
  }
  return 0;
}

}  // namespace netsift
