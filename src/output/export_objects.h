// --export-objects PROTOCOL,DIR: tshark's "Export Objects" from the command line. For HTTP,
// every message whose body the dissector decoded (requests' too) is written to DIR, named after
// the last '/' component of its request's URI as tshark names them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "output/statistics.h"

namespace netsift {

// The file name tshark's export gives an object (epan/export_object.c): characters Windows
// forbids and control characters as "%xx" (lower-case hex), names longer than 255 bytes cut
// (keeping the extension), and for the n-th duplicate "(n)" before the extension.
std::string export_object_file_name(std::string_view name, int duplicate);

// What g_path_get_basename returns for a URI: the part after the last '/' once trailing
// slashes are dropped, "/" for slashes only, "." for nothing.
std::string_view uri_base_name(std::string_view uri);

// Writes every HTTP object of the run into `dir` (created with its parents if missing, as
// tshark does even when there are no objects). Files are written as the packets arrive, so
// memory does not grow with the capture.
std::unique_ptr<Statistic> make_http_object_export(const std::string& dir);

}  // namespace netsift
