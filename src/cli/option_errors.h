// tshark's command-line complaints: what getopt says about unknown options and missing
// arguments, what tshark says about option values and combinations, with its exit status 1.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/options.h"

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace netsift {

// A parse error of CLI11 told as tshark tells it (`option requires an argument: c`, followed by
// the usage); returns the exit status.
int report_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

// The words no option took: an unknown option is an error (`unrecognized option: k`); the rest,
// joined by spaces, is the display filter when reading a file and the capture filter otherwise,
// as tshark does. Returns an exit status on error.
std::optional<int> take_leftover_words(const CLI::App& app, const std::vector<std::string>& words,
                                       Options& o);

// -T, -F, -e, -x and -G checked as tshark checks them. Returns an exit status on error.
std::optional<int> check_output_options(const Options& o, int argc, char** argv);

// Capture options given with -r, refused as tshark refuses them. Returns an exit status on error.
std::optional<int> check_capture_options(const Options& o);

}  // namespace netsift
