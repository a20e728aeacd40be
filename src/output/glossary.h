// -G: the registry as tshark 4.0 lists it (-G fields, -G protocols, -G defaultprefs,
// -G currentprefs, and the reports of glossary_reports.cpp).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "core/preferences.h"

namespace netsift {

// Writes the glossary `which` ("" means fields) to `out`. Returns the exit status: 1, after
// tshark's message on stderr, for an unknown glossary.
// `current` holds the preferences -G currentprefs shows; `elastic_filter` the comma-separated
// protocols -G elastic-mapping is limited to ("" for all).
int write_glossary(std::string_view which, std::FILE* out, const PrefStore& current,
                   std::string_view elastic_filter = {});

// Appends the report `which` (help, ftypes, fieldcount, column-formats, values, folders,
// plugins); false for another name.
bool append_glossary_report(std::string_view which, std::string& out);

// -G elastic-mapping: an Elasticsearch mapping of the fields of every protocol, or of those
// `filter` lists ("ip,udp"), in tshark's layout.
void append_elastic_mapping(std::string& out, std::string_view filter);

}  // namespace netsift
