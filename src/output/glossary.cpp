#include "output/glossary.h"
#include "core/append_format.h"

#include "output/preferences_listing.h"

#include <fmt/format.h>

#include <string>

#include "core/field_registry.h"

namespace netsift {

namespace {
// "P\tname\tabbrev" for protocols, "F\tname\tabbrev\ttype\tparent\tbase\tbitmask\tblurb".
void append_fields(std::string& out) {
  const FieldRegistry& reg = registry();
  for (const FieldInfo& f : reg.all()) {
    if (f.def.type == FieldType::kProtocol && f.protocol == f.id) {
      append_format(out, "P\t{}\t{}\n", f.def.name, f.def.abbrev);
      continue;
    }
    // A name several definitions share is listed once, by its first definition, as tshark does.
    if (reg.find(f.def.abbrev) != f.id) continue;
    append_format(out, "F\t{}\t{}\t{}\t{}\t{}\t0x{:x}\t{}\n", f.def.name,
                   f.def.abbrev, field_type_name(f.def.type), reg.info(f.protocol).def.abbrev,
                   base_name(f), f.def.bitmask, f.def.blurb ? f.def.blurb : "");
  }
}

// "name\tshort name\tabbrev".
void append_protocols(std::string& out) {
  for (const FieldInfo& f : registry().all())
    if (f.def.type == FieldType::kProtocol && f.protocol == f.id)
      append_format(out, "{}\t{}\t{}\n", f.def.name,
                     f.short_name ? f.short_name : "", f.def.abbrev);
}
}  // namespace

int write_glossary(std::string_view which, std::FILE* out, const PrefStore& current,
                   std::string_view elastic_filter) {
  std::string text;
  if (which.empty() || which == "fields") {
    append_fields(text);
  } else if (which == "protocols") {
    append_protocols(text);
  } else if (which == "defaultprefs") {
    append_preferences(text, PrefStore());
  } else if (which == "currentprefs") {
    append_preferences(text, current);
  } else if (which == "elastic-mapping") {
    append_elastic_mapping(text, elastic_filter);
  } else if (!append_glossary_report(which, text)) {
    std::fprintf(stderr,
                 "netsift: Invalid \"%.*s\" option for -G flag, enter -G help for more help.\n",
                 static_cast<int>(which.size()), which.data());
    return 1;
  }
  std::fwrite(text.data(), 1, text.size(), out);
  return 0;
}

}  // namespace netsift
