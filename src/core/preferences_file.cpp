#include "core/preferences_file.h"

#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

namespace netsift {
namespace {

constexpr const char* kHint = "(save preferences to remove this warning)";
constexpr const char* kSetPrefOrigin = "./epan/prefs.c:5645 -- set_pref()";

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The state machine of tshark's read_prefs_file: a preference is set when the next one starts
// (a letter or digit at the start of a line) or at the end of the file, so its value may run
// over continuation lines.
class PrefFileReader {
 public:
  PrefFileReader(const std::string& path, PrefStore& store) : path_(path), store_(store) {}

  std::vector<PrefWarning> run(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') c = text[++i];
      if (c == '\n') {
        state_ = State::kStart;
        ++fline_;
        continue;
      }
      step(c);
    }
    finish();
    return std::move(warnings_);
  }

 private:
  enum class State { kStart, kInVar, kPreVal, kInVal, kInSkip };

  void warn(const char* origin, std::string msg) { warnings_.push_back({origin, std::move(msg)}); }

  std::string where(int line, bool colon = false) const {
    return " at line " + std::to_string(line) + (colon ? ":" : "") + " of\n" + path_ + " " + kHint;
  }

  void set_pending() {
    if (!got_val_) {
      warn("./epan/prefs.c:4578 -- read_prefs_file()", "Incomplete preference" + where(pline_, true));
      return;
    }
    if (!val_.empty() && val_.back() == ',') {
      val_.pop_back();
      warn("./epan/prefs.c:4538 -- read_prefs_file()",
           path_ + " line " + std::to_string(pline_) + ": trailing comma in \"" + var_ + "\" " + kHint);
    }
    std::vector<std::string> set_warnings;
    PrefSetStatus st = store_.set(var_, val_, &set_warnings);
    for (std::string& w : set_warnings) warn(kSetPrefOrigin, std::move(w));
    switch (st) {
      case PrefSetStatus::kOk:
        break;
      case PrefSetStatus::kSyntaxError:
        warn("./epan/prefs.c:4550 -- read_prefs_file()",
             "Syntax error in preference \"" + var_ + "\"" + where(pline_));
        break;
      case PrefSetStatus::kNoSuchPref:
        warn("./epan/prefs.c:4555 -- read_prefs_file()",
             "No such preference \"" + var_ + "\"" + where(pline_));
        break;
      case PrefSetStatus::kObsolete:
        warn("./epan/prefs.c:4562 -- read_prefs_file()",
             "Obsolete preference \"" + var_ + "\"" + where(pline_));
        break;
    }
  }

  void step(char c) {
    switch (state_) {
      case State::kStart:
        if (is_alnum(c)) {
          if (!var_.empty()) set_pending();
          state_ = State::kInVar;
          got_val_ = false;
          var_.assign(1, c);
          pline_ = fline_;
        } else if (is_space(c) && !var_.empty() && got_val_) {
          state_ = State::kPreVal;
        } else if (c == '#') {
          state_ = State::kInSkip;
        } else {
          warn("./epan/prefs.c:4591 -- read_prefs_file()", "Malformed preference" + where(fline_));
        }
        break;
      case State::kInVar:
        if (c != ':') {
          var_ += c;
        } else {
          state_ = State::kPreVal;
          val_.clear();
          got_val_ = true;
        }
        break;
      case State::kPreVal:
        if (!is_space(c)) {
          state_ = State::kInVal;
          val_ += c;
        }
        break;
      case State::kInVal:
        val_ += c;
        break;
      case State::kInSkip:
        break;
    }
  }

  void finish() {
    if (var_.empty()) return;
    if (!got_val_) {
      warn("./epan/prefs.c:4651 -- read_prefs_file()", "Incomplete preference" + where(pline_));
      return;
    }
    std::vector<std::string> set_warnings;
    PrefSetStatus st = store_.set(var_, val_, &set_warnings);
    for (std::string& w : set_warnings) warn(kSetPrefOrigin, std::move(w));
    if (st == PrefSetStatus::kSyntaxError)
      warn("./epan/prefs.c:4637 -- read_prefs_file()",
           "Syntax error in preference " + var_ + where(pline_));
    else if (st == PrefSetStatus::kNoSuchPref)
      warn("./epan/prefs.c:4642 -- read_prefs_file()",
           "No such preference \"" + var_ + "\"" + where(pline_));
  }

  const std::string& path_;
  PrefStore& store_;
  State state_ = State::kStart;
  std::string var_, val_;
  bool got_val_ = false;
  int fline_ = 1, pline_ = 1;
  std::vector<PrefWarning> warnings_;
};

// Loads one UAT table from text, replacing what the store held (or adding to it, for -o);
// "" or tshark's message. Records a field check refused are left out and reported.
std::string load_uat(const UatDef& def, std::string_view text, PrefStore& store, bool append) {
  UatParseResult r = parse_uat(def, text);
  if (!r.error.empty()) {
    if (r.check_failed) return r.error;
    return std::string(def.name) + ":" + std::to_string(r.error_line) + ": " + r.error;
  }
  UatTable& t = store.uat(def.name);
  if (!append) t.records.clear();
  for (UatRecord& rec : r.records) t.records.push_back(std::move(rec));
  return r.field_error;
}

}  // namespace

std::vector<PrefWarning> read_preferences_text(std::string_view text, const std::string& path,
                                               PrefStore& store) {
  return PrefFileReader(path, store).run(text);
}

std::string set_uat_from_option(std::string_view name_and_record, PrefStore& store) {
  size_t colon = name_and_record.find(':');
  if (colon == std::string_view::npos) return "Unknown preference";
  std::string_view name = name_and_record.substr(0, colon);
  const UatDef* def = prefs_registry().find_uat(name);
  if (!def) return "Unknown preference";
  return load_uat(*def, name_and_record.substr(colon + 1), store, true);
}

void load_profile(const ConfigLocation& loc, PrefStore& store, std::vector<PrefWarning>& warnings,
                  std::vector<std::string>& errors) {
  for (auto file : {loc.global_file("preferences"), loc.personal_file("preferences")}) {
    if (!file) continue;
    for (PrefWarning& w : read_preferences_text(read_file(*file), file->string(), store))
      warnings.push_back(std::move(w));
  }
  for (const UatDef& def : prefs_registry().uats()) {
    auto file = loc.personal_file(def.name);
    if (!file) file = loc.global_file(def.name);
    if (!file) continue;
    std::string err = load_uat(def, read_file(*file), store, false);
    if (!err.empty()) errors.push_back("Error loading table '" + std::string(def.title) + "': " + err);
  }
}

void print_pref_warning(const PrefWarning& w) {
  timeval tv;
  gettimeofday(&tv, nullptr);
  tm local;
  localtime_r(&tv.tv_sec, &local);
  std::fprintf(stderr, " ** (netsift:%d) %02d:%02d:%02d.%06ld [Epan WARNING] %s: %s\n",
               static_cast<int>(getpid()), local.tm_hour, local.tm_min, local.tm_sec,
               static_cast<long>(tv.tv_usec), w.origin, w.message.c_str());
}

}  // namespace netsift
