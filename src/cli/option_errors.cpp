#include "cli/option_errors.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "output/fields_printer.h"

namespace netsift {

namespace {

void print_usage(const CLI::App& app) {
  std::fprintf(stderr, "\n%s", app.help().c_str());
}

// The option of `arg` as getopt names it in messages: "c" for "-c5", "color" for "--color=x".
std::string option_name(const std::string& arg) {
  if (arg.starts_with("--")) return arg.substr(2, arg.find('=') - 2);
  return arg.substr(1, 1);
}

const CLI::Option* find_option(const CLI::App& app, const std::string& arg) {
  std::string name = arg.starts_with("--") ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
  return app.get_option_no_throw(name);
}

bool takes_value(const CLI::Option* opt) { return opt && opt->get_expected_min() > 0; }

// What tshark says for a bad -T value: every type it knows, with its description.
void print_output_types(const std::string& given) {
  std::fprintf(stderr,
               "netsift: Invalid -T parameter \"%s\"; it must be one of:\n"
               "\t\"fields\"  The values of fields specified with the -e option, in a form\n"
               "\t          specified by the -E option.\n"
               "\t\"pdml\"    Packet Details Markup Language, an XML-based format for the\n"
               "\t          details of a decoded packet. This information is equivalent to\n"
               "\t          the packet details printed with the -V flag.\n"
               "\t\"ps\"      PostScript for a human-readable one-line summary of each of\n"
               "\t          the packets, or a multi-line view of the details of each of\n"
               "\t          the packets, depending on whether the -V flag was specified.\n"
               "\t\"psml\"    Packet Summary Markup Language, an XML-based format for the\n"
               "\t          summary information of a decoded packet. This information is\n"
               "\t          equivalent to the information shown in the one-line summary\n"
               "\t          printed by default.\n"
               "\t\"json\"    Packet Summary, an JSON-based format for the details\n"
               "\t          summary information of a decoded packet. This information is \n"
               "\t          equivalent to the packet details printed with the -V flag.\n"
               "\t\"jsonraw\" Packet Details, a JSON-based format for machine parsing\n"
               "\t          including only raw hex decoded fields (same as -T json -x but\n"
               "\t          without text decoding, only raw fields included). \n"
               "\t\"ek\"      Packet Details, an EK JSON-based format for the bulk insert \n"
               "\t          into elastic search cluster. This information is \n"
               "\t          equivalent to the packet details printed with the -V flag.\n"
               "\t\"text\"    Text of a human-readable one-line summary of each of the\n"
               "\t          packets, or a multi-line view of the details of each of the\n"
               "\t          packets, depending on whether the -V flag was specified.\n"
               "\t          This is the default.\n"
               "\t\"tabs\"    Similar to the text report except that each column of the\n"
               "\t          human-readable one-line summary is delimited with an ASCII\n"
               "\t          horizontal tab character.\n",
               given.c_str());
}

// The file types -w writes, as tshark lists its own for -F.
void print_file_types() {
  std::fputs(
      "netsift: The available capture file types for the \"-F\" flag are:\n"
      "    pcap - Wireshark/tcpdump/... - pcap\n"
      "    pcapng - Wireshark/... - pcapng\n",
      stderr);
}

}  // namespace

int report_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    // An option that takes a value came last (or before another option, which getopt would
    // have taken as the value): name it as getopt does.
    for (int i = argc - 1; i >= 1; --i) {
      std::string arg = argv[i];
      if (arg.size() < 2 || arg[0] != '-') continue;
      const CLI::Option* opt = find_option(app, arg);
      bool attached = arg.starts_with("--") ? arg.find('=') != std::string::npos : arg.size() > 2;
      if (!takes_value(opt) || attached) continue;
      std::fprintf(stderr, "netsift: option requires an argument: %s\n",
                   option_name(arg).c_str());
      if (option_name(arg) == "F") {
        print_file_types();
        return 1;
      }
      print_usage(app);
      return 1;
    }
  }
  // A flag given a value ("--no-duplicate-keys=x"), which CLI11 tries to convert.
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    const CLI::Option* opt = arg.starts_with("--") && arg.find('=') != std::string::npos
                                 ? find_option(app, arg)
                                 : nullptr;
    if (opt && !takes_value(opt)) {
      std::fprintf(stderr, "netsift: option does not take an argument: %s\n",
                   option_name(arg).c_str());
      print_usage(app);
      return 1;
    }
  }
  std::fprintf(stderr, "netsift: %s\n", e.what());
  print_usage(app);
  return 1;
}

std::optional<int> take_leftover_words(const CLI::App& app, const std::vector<std::string>& words,
                                       Options& o) {
  std::string filter;
  for (const std::string& w : words) {
    if (w.size() > 1 && w[0] == '-') {
      std::fprintf(stderr, "netsift: unrecognized option: %s\n", option_name(w).c_str());
      print_usage(app);
      return 1;
    }
    if (!filter.empty()) filter += ' ';
    filter += w;
  }
  if (filter.empty()) return std::nullopt;
  if (!o.read_file.empty()) {
    if (!o.display_filter.empty()) {
      std::fputs(
          "netsift: Display filters were specified both with \"-Y\" and with additional "
          "command-line arguments.\n",
          stderr);
      return 1;
    }
    o.display_filter = filter;
    return std::nullopt;
  }
  if (!o.capture_filter.empty()) {
    std::fputs(
        "netsift: A default capture filter was specified both with \"-f\" and with additional "
        "command-line arguments.\n",
        stderr);
    return 1;
  }
  o.capture_filter = filter;
  return std::nullopt;
}

std::optional<int> check_output_options(const Options& o, int argc, char** argv) {
  static const char* const kTypes[] = {"fields", "pdml", "ps",  "psml", "json",
                                       "jsonraw", "ek",  "text", "tabs"};
  bool known = false;
  for (const char* t : kTypes) known = known || o.output_type == t;
  if (!known) {
    print_output_types(o.output_type);
    return 1;
  }
  // tshark checks -E as it reads it, whatever -T is.
  FieldsFormat checked;
  for (const std::string& e : o.field_opts)
    if (!parse_fields_option(e, checked)) return 1;
  if (o.write_format != "pcap" && o.write_format != "pcapng") {
    if (!o.write_format.empty())
      std::fprintf(stderr, "netsift: \"%s\" isn't a valid capture file type\n",
                   o.write_format.c_str());
    print_file_types();
    return 1;
  }
  if (o.no_duplicate_keys && o.output_type != "json" && o.output_type != "jsonraw") {
    std::fputs(
        "netsift: --no-duplicate-keys can only be used with \"-T json\" and \"-T jsonraw\"\n",
        stderr);
    return 1;
  }
  const bool field_type = o.output_type == "fields" || o.output_type == "ek" ||
                          o.output_type == "json" || o.output_type == "pdml";
  if (!o.fields.empty() && !field_type) {
    std::fputs(
        "netsift: Output fields were specified with \"-e\", but \"-Tek, -Tfields, -Tjson or "
        "-Tpdml\" was not specified.\n",
        stderr);
    return 1;
  }
  if (o.hex_dump && (o.output_type == "fields" || o.output_type == "pdml" ||
                     o.output_type == "psml")) {
    std::fputs(
        "netsift: Raw packet hex data can only be printed as text, PostScript, JSON, JSONRAW or "
        "EK JSON\n",
        stderr);
    return 1;
  }
  // -T psml drops the details -O asks for (tshark: -T psml clears print_details).
  if (!o.only_protocols.empty() && o.output_type == "psml") {
    std::fputs("netsift: -O requires -V\n", stderr);
    return 1;
  }
  if (o.glossary && argc > 1 && !std::string(argv[1]).starts_with("-G")) {
    std::fputs("netsift: -G only valid as first option\n", stderr);
    return 1;
  }
  return std::nullopt;
}

std::optional<int> check_capture_options(const Options& o) {
  if (o.read_file.empty()) return std::nullopt;
  auto fail = [](const char* message) {
    std::fprintf(stderr, "netsift: %s\n", message);
    return 1;
  };
  if (o.capture.list_link_types) return fail("You can't specify -L and a capture file to be read.");
  if (o.capture.list_tstamp_types)
    return fail("You can't specify --list-time-stamp-types and a capture file to be read.");
  if (!o.capture.ring.empty())
    return fail("Multiple capture files requested, but a capture isn't being done.");
  for (const std::string& a : o.capture.autostop)
    if (a.starts_with("duration:"))
      return fail("A maximum capture time was specified, but a capture isn't being done.");
  return std::nullopt;
}

}  // namespace netsift
