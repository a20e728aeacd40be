#include "output/statistics.h"

#include <cstdio>

#include <fmt/format.h>

#include "core/field_registry.h"

#include "output/conversation_stats.h"
#include "output/dns_tree_stats.h"
#include "output/expert_stats.h"
#include "output/f5_flows_stat.h"
#include "output/f5_stats.h"
#include "output/flow_text.h"
#include "output/follow_stream.h"
#include "output/http2_stats.h"
#include "output/http_stats.h"
#include "output/io_stat.h"
#include "output/packet_length_stats.h"
#include "output/protocol_hierarchy.h"
#include "output/ptype_stats.h"
#include "output/tls_certs_stat.h"

namespace netsift {

namespace {

struct StatisticKind {
  const char* name;  // the -z argument, as tshark lists it
  std::unique_ptr<Statistic> (*make)();
};

constexpr StatisticKind kStatistics[] = {
    {"f5_tmm_dist,tree", make_f5_tmm_distribution},
    {"f5_virt_dist,tree", make_f5_virtual_distribution},
    {"f5_flows", make_f5_flows},  // netsift only
    {"ptype,tree", make_ip_protocol_types},
    {"plen,tree", make_packet_lengths},
    {"dns,tree", make_dns_tree},
    {"http,tree", make_http_packet_counter},
    {"http_req,tree", make_http_requests},
    {"http_srv,tree", make_http_load_distribution},
    {"http_seq,tree", make_http_request_sequences},
    {"http2,tree", make_http2_tree},
    {"http2_streams", make_http2_streams},  // netsift only
};

// Statistics that take parameters after a fixed prefix ("conv,tcp,FILTER"); `make` returns
// nullptr when the parameters are not its own.
struct ParameterisedKind {
  const char* prefix;
  const char* usage;  // as tshark lists it; nullptr: not listed
  std::unique_ptr<Statistic> (*make)(std::string_view z_arg);
};

constexpr ParameterisedKind kParameterised[] = {
    {"follow,tcp", nullptr, make_follow_stream},
    {"follow,udp", nullptr, make_follow_stream},
    {"follow,http", nullptr, make_follow_stream},  // also follow,http2
    {"follow,tls", nullptr, make_follow_stream},
    {"flow,", nullptr, make_flow_text},
    {"conv,", "conv,eth|ip|ipv6|tcp|udp[,filter]", make_conversation_statistic},
    {"endpoints,", "endpoints,eth|ip|ipv6|tcp|udp[,filter]", make_endpoint_statistic},
    {"io,phs", "io,phs[,filter]", make_protocol_hierarchy},
    {"io,stat,", "io,stat,interval[,filter][,filter]...", make_io_stat},
    {"expert", "expert[,error|warn|note|chat|comment][,filter]", make_expert_statistic},
    {"tls_certs", nullptr, make_tls_certs},  // netsift only
};

}  // namespace

std::unique_ptr<Statistic> make_statistic(std::string_view z_arg) {
  for (const ParameterisedKind& k : kParameterised)
    if (z_arg.starts_with(k.prefix))
      if (auto s = k.make(z_arg)) return s;
  for (const StatisticKind& k : kStatistics)
    if (z_arg == k.name) return k.make();
  return nullptr;
}

bool StatisticContext::in_tree(FieldId field) const {
  const FieldInfo& f = registry().info(field);
  if (f.def.type == FieldType::kProtocol && f.def.abbrev != std::string_view("frame")) return true;
  if (f.def.type == FieldType::kProtocol) return frame_in_tree;
  return whole_tree || named_fields.count(f.def.abbrev) > 0;
}

DisplayFilter compile_tap_filter(std::string_view text, std::string_view tap) {
  auto compiled = DisplayFilter::compile(text);
  if (auto* error = std::get_if<FilterError>(&compiled))
    throw StatisticArgumentError(fmt::format(
        "Couldn't register {} tap: Filter \"{}\" is invalid - {}", tap, text, error->message));
  return std::move(std::get<DisplayFilter>(compiled));
}

namespace {
void print_statistic_names() {
  for (const StatisticKind& k : kStatistics) std::fprintf(stderr, "     %s\n", k.name);
  for (const ParameterisedKind& k : kParameterised)
    if (k.usage) std::fprintf(stderr, "     %s\n", k.usage);
}
}  // namespace

void print_statistics_usage(std::string_view z_arg) {
  std::fprintf(stderr, "netsift: Invalid -z argument \"%.*s\"; it must be one of:\n",
               static_cast<int>(z_arg.size()), z_arg.data());
  print_statistic_names();
}

void print_statistics_list() {
  std::fputs("netsift: The available statistics for the \"-z\" option are:\n", stderr);
  print_statistic_names();
}

}  // namespace netsift
