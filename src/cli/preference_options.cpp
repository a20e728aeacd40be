#include "cli/preference_options.h"

#include <cstdio>

#include "core/config_files.h"
#include "core/preferences_file.h"

namespace netsift {
namespace {

int invalid(const std::string& arg, const std::string& why = "") {
  std::fprintf(stderr, "netsift: Invalid -o flag \"%s\"%s%s\n", arg.c_str(), why.empty() ? "" : ": ",
               why.c_str());
  return 1;
}

// One -o argument, as tshark 4.0's prefs_set_pref: the value starts after the first ':' and any
// white space (an empty value is a value: "tcp.check_checksum:" sets FALSE).
int apply_option(const std::string& arg, PrefStore& store) {
  size_t colon = arg.find(':');
  if (colon == std::string::npos) return invalid(arg);
  std::string name = arg.substr(0, colon);
  size_t v = colon + 1;
  while (v < arg.size() && (arg[v] == ' ' || arg[v] == '\t' || arg[v] == '\n' || arg[v] == '\r'))
    ++v;
  std::string value = arg.substr(v);
  if (name == "uat") {
    std::string err = set_uat_from_option(value, store);
    return err.empty() ? 0 : invalid(arg, err);
  }
  std::vector<std::string> warnings;
  PrefSetStatus st = store.set(name, value, &warnings);
  for (const std::string& w : warnings) print_pref_warning({"./epan/prefs.c:5645 -- set_pref()", w});
  switch (st) {
    case PrefSetStatus::kOk:
      return 0;
    case PrefSetStatus::kSyntaxError:
      return invalid(arg);
    case PrefSetStatus::kNoSuchPref:
    case PrefSetStatus::kObsolete:
      std::fprintf(stderr, "netsift: -o flag \"%s\" specifies unknown preference\n", arg.c_str());
      return 1;
  }
  return 1;
}

}  // namespace

int load_profile_preferences(const Options& opts, PrefStore& store) {
  ConfigLocation loc = config_location(opts.profile);
  if (!profile_exists(loc)) {
    std::fprintf(stderr, "netsift: Configuration Profile \"%s\" does not exist\n",
                 opts.profile.c_str());
    return 1;
  }
  std::vector<PrefWarning> warnings;
  std::vector<std::string> errors;
  load_profile(loc, store, warnings, errors);
  for (const PrefWarning& w : warnings) print_pref_warning(w);
  for (const std::string& e : errors) std::fprintf(stderr, "netsift: %s\n", e.c_str());
  return 0;
}

int apply_preferences(const Options& opts, PrefStore& store) {
  if (int status = load_profile_preferences(opts, store)) return status;
  for (const std::string& arg : opts.preferences)
    if (int status = apply_option(arg, store)) return status;
  store.apply_port_ranges();
  return 0;
}

}  // namespace netsift
