#include "cli/run_capture.h"

#include <fmt/format.h>

#include <memory>

#include "analysis/tls_secrets.h"
#include "capture/capture_errors.h"
#include "capture/capture_reader.h"
#include "capture/capture_writer.h"
#include "capture/stop_signal.h"
#include "cli/capture_input.h"
#include "cli/field_interest.h"
#include "cli/first_pass.h"
#include "cli/packet_filters.h"
#include "cli/preference_options.h"
#include "cli/printer_factory.h"
#include "cli/progress.h"
#include "cli/run_extras.h"
#include "core/config_files.h"
#include "core/decode_as.h"
#include "core/name_files.h"
#include "core/name_prefs.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/frame.h"
#include "dissectors/http.h"
#include "filter/macros.h"
#include "output/columns.h"
#include "output/output_sink.h"

namespace netsift {

namespace {

// The nameres.* preferences give the flags (MAC names only by default); -n turns them off and
// -N replaces them, as in tshark. 'N' (external resolvers such as DNS) is accepted and has no
// effect: netsift never sends a query.
void apply_name_resolution(const Options& opts, const PrefStore& prefs, NameResolutionFlags& r) {
  r = name_prefs::resolution_flags(prefs);
  if (opts.no_resolve) r = NameResolutionFlags{false, false, false, false, false};
  if (!opts.resolve_flags.empty()) {
    r = NameResolutionFlags{false, false, false, false, false};
    for (char c : opts.resolve_flags) {
      if (c == 'm') r.mac = true;
      if (c == 'n') r.network = true;
      if (c == 't') r.transport = true;
      if (c == 'd') r.dns_packets = true;
      if (c == 'v') r.vlan = true;
    }
  }
}

// Name files and decode-as, as tshark reads them while parsing its options: the profile's
// files first, then -H and -d in order. Returns tshark's exit status for a bad one.
int apply_configuration(const Options& opts, Session& session) {
  ConfigLocation config = config_location(opts.profile);
  std::vector<std::string> problems;
  read_profile_name_files(config, session.names, problems);
  for (const std::string& p : problems) std::fprintf(stderr, "netsift: %s\n", p.c_str());
  for (const std::string& file : opts.hosts_files) {
    if (!read_hosts_file(file, session.names)) {
      std::fprintf(stderr, "netsift: Can't read host entries from \"%s\"\n", file.c_str());
      return 1;
    }
  }
  if (auto entries = config.personal_file("decode_as_entries"))
    read_decode_as_entries(entries->string());
  for (const std::string& d : opts.decode_as)
    if (!apply_decode_as_option(d)) return 1;
  return 0;
}

// TLS secrets of pcapng decryption-secrets blocks as the reader meets them.
void learn_capture_secrets(const CaptureReader& reader, TlsSecrets& secrets, size_t& seen) {
  const std::vector<std::string>& lines = reader.tls_key_log();
  if (lines.size() < seen) seen = 0;  // a new section
  for (; seen < lines.size(); ++seen) secrets.add_text(lines[seen]);
}

// --tls-keylog files, read before the first packet.
int load_tls_keylogs(const Options& opts, TlsSecrets& secrets) {
  for (const std::string& file : opts.tls_keylogs) {
    if (!secrets.add_file(file)) {
      std::fprintf(stderr, "netsift: cannot read TLS key log \"%s\"\n", file.c_str());
      return 1;
    }
  }
  return 0;
}

// Names from pcapng name resolution blocks as the reader meets them (shown with -N n).
void learn_capture_names(const CaptureReader& reader, NameResolver& names, size_t& seen) {
  const std::vector<NameRecord>& records = reader.names();
  if (records.size() < seen) seen = 0;  // a new section
  for (; seen < records.size(); ++seen)
    names.add_ip_name(records[seen].address.data(), records[seen].address.size(),
                      records[seen].name);
}

std::string input_name(const Options& opts) {
  if (!opts.read_file.empty()) return opts.read_file;
  return opts.interface;
}

}  // namespace

int run(const Options& opts, std::unique_ptr<CaptureReader> input) {
  if (opts.glossary) {
    PrefStore current;
    if (int status = load_profile_preferences(opts, current)) return status;
    return print_glossary(*opts.glossary, current, opts.elastic_mapping_filter);
  }
  Session session;
  if (opts.max_memory_bytes) session.memory().set_limit(opts.max_memory_bytes);
  // Preferences first: a port preference (http.tcp.port) re-registers its ports, and decode-as
  // applies on top of them, as in tshark. Display-filter macros are one of their tables.
  register_filter_macro_table();
  if (int status = apply_preferences(opts, session.prefs)) return status;
  use_filter_macros(session.prefs.find_uat("dfilter_macros"));
  use_custom_http_header_fields(session.prefs);
  if (opts.check_filter) return check_display_filter(*opts.check_filter);
  if (int status = apply_configuration(opts, session)) return status;
  if (auto listed = run_capture_listing(opts)) return *listed;
  std::string path = input_name(opts);
  if (path.empty()) {
    std::fprintf(stderr, "netsift: no input: use -r FILE or -i - (live capture: -i IFACE)\n");
    return 1;
  }

  OutputSink out(stdout);
  out.flush_every_packet = opts.line_buffered || is_streaming_input(opts);
  apply_name_resolution(opts, session.prefs, session.resolve);
  // Both were checked when the options were parsed.
  parse_time_display(opts.time_display, session.display.time_display);
  parse_seconds_display(opts.seconds_display, session.display.time_hms);
  const ColumnLayout columns = column_layout(session.prefs);  // gui.column.format
  std::shared_ptr<const ColorRules> colors;
  if (opts.color)
    colors = std::make_shared<const ColorRules>(ColorRules::load(config_location(opts.profile)));
  std::unique_ptr<PacketPrinter> printer;
  if (int status = make_printer(opts, columns, colors, printer)) return status;
  PacketFilters filters;
  if (int status = filters.setup(opts)) return status;
  RunExtras extras;  // -z statistics, --export-tls-keys
  if (int status = extras.setup(opts)) return status;
  extras.set_statistic_context(opts, filters);
  CaptureLimits limits;  // -a, -b, stop signals
  if (int status = limits.setup(opts)) return status;
  if (int status = load_tls_keylogs(opts, session.state<TlsSecrets>())) return status;
  if (opts.two_pass && !input) run_first_pass(opts, filters, session);
  // Secrets F5 trailers carry serve the records before the trailer that brings them (not
  // needed when nothing is dissected: counting, writing everything).
  if (!input && (printer || filters.need_dissection() || extras.needs_dissection()))
    learn_f5_tls_secrets(opts, filters, session);

  // Only the fields something reads are stored in packet trees.
  // Coloring rules are read beside the columns (every printer that shows colours has columns).
  std::vector<FieldId> column_fields = custom_column_fields(columns);
  if (colors) {
    std::vector<FieldId> color_fields = colors->referenced();
    column_fields.insert(column_fields.end(), color_fields.begin(), color_fields.end());
  }
  const std::optional<FieldInterest> interest =
      needed_fields(opts, filters, extras, printer_needs_columns(opts), column_fields);

  uint64_t number = 0;
  uint64_t read_count = 0;  // -c counts frames read, whatever the filters keep
  int status = 0;
  Packet pkt;
  if (interest) {
    pkt.tree.set_interest(&interest->wanted, interest->top_level);
    pkt.payloads = interest->payloads;
  }
  std::unique_ptr<CaptureReader> reader;
  try {
    reader = input ? std::move(input) : open_input(opts);
    std::unique_ptr<CaptureWriter> writer = limits.create_writer(opts);
    // A stop signal can cut the record being read short: that is the end, not damage.
    auto next_frame = [&](CapturedFrame& f) {
      try {
        return reader->next(f);
      } catch (const CaptureError&) {
        if (stop_requested()) return false;
        throw;
      }
    };
    CapturedFrame frame;
    // Dissection is skipped entirely when nothing reads its result (counting, -w of everything):
    // the run then costs little more than reading the file.
    const bool dissect = printer || filters.need_dissection() || extras.needs_dissection();
    const bool columns = printer_needs_columns(opts) || extras.needs_columns();
    const bool labels = columns && printer_needs_labels(opts);
    if (printer) printer->begin(out);
    size_t names_seen = 0, secrets_seen = 0;
    TlsSecrets& secrets = session.state<TlsSecrets>();
    // -2 -R: as in tshark's second pass, frames the read filter dropped are gone, also for the
    // next kept frame's frame.time_delta; but frame 1's time stays the first frame read (tshark
    // keeps that one as the time reference, whatever the filter says).
    const bool drops_frames = opts.two_pass && filters.read;
    Timestamp first_read, last_kept;
    Progress progress(!opts.no_progress, opts.read_file);
    while ((opts.count < 0 || read_count < static_cast<uint64_t>(opts.count)) &&
           !limits.reached(read_count) && !out.failed() && next_frame(frame)) {
      ++read_count;
      progress.update(read_count, reader->bytes_read());
      learn_capture_names(*reader, session.names, names_seen);
      learn_capture_secrets(*reader, secrets, secrets_seen);
      if (!filters.pass_capture(frame)) continue;
      pkt.reset(number + 1, &frame, &session);
      if (drops_frames) {
        if (read_count == 1) first_read = frame.ts;
        session.timing.prev_captured = number == 0 ? frame.ts : number == 1 ? first_read : last_kept;
      }
      if (dissect) {
        pkt.cols.enabled = columns;
        pkt.labels = labels;
        dissect_packet(pkt);
        extras.dissected(pkt);
      }
      if (!filters.pass_read(pkt)) continue;  // dropped: later frames are renumbered
      last_kept = frame.ts;
      ++number;
      extras.tapped(pkt);
      if (!filters.pass_display(pkt)) continue;
      extras.displayed(pkt);
      if (printer) printer->packet(pkt, out);
      if (writer) writer->write_frame(frame, reader->interfaces());
      note_displayed(pkt);
      if (drops_frames && number == 1) session.timing.prev_displayed = first_read;
      out.end_packet();
    }
    progress.finish();
    if (printer) printer->end(out);
    if (writer) writer->close();
    extras.add_tls_keys(secrets.key_log());
    status = extras.finish(out, *reader);
  } catch (const CaptureError& e) {
    if (printer) printer->end(out);
    out.flush();
    // A live interface's errors are libpcap's own sentences; a file's are tshark's about the file.
    const bool live = opts.read_file.empty() && opts.interface != "-";
    std::fprintf(stderr, "netsift: %s\n", live ? e.what() : describe_capture_error(e, path).c_str());
    // tshark exits 1 when the interface cannot be opened (dumpcap failed), 2 for a damaged file.
    status = live && !reader ? 1 : 2;
    // tshark still prints the statistics of the packets read before the damage.
    if (reader) extras.finish(out, *reader);
  }
  out.flush();
  limits.finish(opts, read_count, reader.get());
  return status;
}

}  // namespace netsift
