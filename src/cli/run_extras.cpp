#include "cli/run_extras.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/field_registry.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/frame.h"
#include "output/export_objects.h"
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
  if (int status = add_object_exports(opts.export_objects)) return status;
  key_file_ = opts.export_tls_keys;
  collect_keys_ = !key_file_.empty();
  return 0;
}

namespace {

// The protocols tshark 4.0 exports objects of ("--export-objects" lists them).
constexpr std::string_view kTsharkExportProtocols[] = {"dicom", "ftp-data", "http",
                                                       "imf",   "smb",      "tftp"};

}  // namespace

int RunExtras::add_object_exports(const std::vector<std::string>& args) {
  std::vector<std::string_view> seen;
  for (std::string_view arg : args) {
    size_t comma = arg.find(',');
    std::string_view proto = arg.substr(0, comma);
    bool known = std::find(std::begin(kTsharkExportProtocols), std::end(kTsharkExportProtocols),
                           proto) != std::end(kTsharkExportProtocols);
    if (comma == std::string_view::npos || !known) {
      std::fprintf(stderr,
                   "netsift: \"--export-objects\" are specified as: <protocol>,<destdir>\n"
                   "netsift: The available export object types for the \"--export-objects\" "
                   "option are:\n     http\n");
      return 1;
    }
    if (std::find(seen.begin(), seen.end(), proto) != seen.end()) {
      std::fprintf(stderr, "netsift: \"--export-objects\" already specified protocol '%.*s'\n",
                   static_cast<int>(proto.size()), proto.data());
      return 1;
    }
    seen.push_back(proto);
    if (proto != "http") {
      std::fprintf(stderr,
                   "netsift: \"--export-objects\": netsift exports http objects only, not %.*s "
                   "(tshark also knows dicom, ftp-data, imf, smb and tftp)\n",
                   static_cast<int>(proto.size()), proto.data());
      return 1;
    }
    statistics_.push_back(make_http_object_export(std::string(arg.substr(comma + 1))));
  }
  return 0;
}

namespace {

void add_named(StatisticContext& ctx, const DisplayFilter* f) {
  if (!f) return;
  for (FieldId id : f->referenced()) ctx.named_fields.insert(registry().info(id).def.abbrev);
}

}  // namespace

void RunExtras::set_statistic_context(const Options& opts, const PacketFilters& filters) {
  StatisticContext ctx;
  const std::string& t = opts.output_type;
  ctx.whole_tree = opts.verbose || t == "json" || t == "jsonraw" || t == "ek" || t == "pdml";
  add_named(ctx, filters.read ? &*filters.read : nullptr);
  add_named(ctx, filters.display ? &*filters.display : nullptr);
  for (auto& s : statistics_)
    for (const DisplayFilter* f : s->tap_filters()) add_named(ctx, f);
  for (const std::string& f : opts.fields) {
    FieldId id = registry().find(f);
    if (id != kNoField) ctx.named_fields.insert(registry().info(id).def.abbrev);
  }
  ctx.frame_in_tree = ctx.whole_tree;
  for (std::string_view name : ctx.named_fields)
    if (name == "frame" || name.starts_with("frame.")) ctx.frame_in_tree = true;
  for (auto& s : statistics_) s->set_context(ctx);
}

void RunExtras::dissected(const Packet& pkt) {
  if (!collect_keys_) return;
  for (const Node& n : pkt.tree.nodes())
    if (n.field == f5_fields::tls_keylog) keys_.add_line(n.value.str());
}

void RunExtras::tapped(const Packet& pkt) {
  for (auto& s : statistics_)
    if (!s->displayed_only()) s->packet(pkt);
}

void RunExtras::displayed(const Packet& pkt) {
  for (auto& s : statistics_)
    if (s->displayed_only()) s->packet(pkt);
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
