#include "output/export_objects.h"
#include "core/append_format.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "dissectors/http.h"

namespace netsift {

namespace {

// tshark's EXPORT_OBJECT_MAXFILELEN.
constexpr size_t kMaxFileName = 255;
// tshark's gui.max_export_objects: the duplicates of one name it tries before overwriting.
constexpr int kMaxDuplicates = 1000;

bool rejected(unsigned char c) {
  return c < 0x20 || std::strchr("<>:\"/\\|?*", c) != nullptr;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// g_mkdir_with_parents: every missing component created with mode 0755; errno on failure.
bool make_dirs(const std::string& path) {
  if (path.empty()) {
    errno = EINVAL;
    return false;
  }
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') continue;
    std::string part = path.substr(0, i);
    if (is_dir(part)) continue;
    if (exists(part)) {
      errno = ENOTDIR;
      return false;
    }
    if (::mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) return false;
  }
  return true;
}

class HttpObjectExport : public Statistic {
 public:
  explicit HttpObjectExport(std::string dir) : dir_(std::move(dir)) {}

  void packet(const Packet& pkt) override {
    for_each_http_message(pkt, [&](const HttpMessage& m) {
      if (!m.has_body) return;
      if (!ensure_dir()) return;
      std::string name;
      if (m.has_request_uri) {
        name = std::string(uri_base_name(m.request_uri));
      } else {
        name = fmt::format("object{}", pkt.number);
        if (!m.content_type.empty())
          append_format(name, ".{}", m.content_type);
      }
      write(name, m.body, m.body_len);
    });
  }

  // tshark writes the objects when the run ends; they are already written, but the directory
  // is created (or its failure reported) even when the capture had none.
  void print(OutputSink&) override {
    if (!ensure_dir() && !reported_) {
      reported_ = true;
      std::fprintf(stderr, "Failed to create export objects output directory \"%s\": %s\n",
                   dir_.c_str(), std::strerror(dir_errno_));
    }
  }

  bool reads_only(std::vector<std::string>& names) const override {
    names.push_back("http");
    return true;
  }

 private:
  bool ensure_dir() {
    if (dir_state_ == DirState::kUnknown) {
      bool ok = is_dir(dir_) || make_dirs(dir_);
      dir_errno_ = errno;
      dir_state_ = ok ? DirState::kReady : DirState::kFailed;
    }
    return dir_state_ == DirState::kReady;
  }

  // As tshark: the first of name, name(1), name(2)... not on disk yet (files of earlier runs
  // count), the last one tried overwritten when all are taken.
  void write(std::string_view name, const uint8_t* data, size_t len) {
    std::string path;
    int n = 0;
    do {
      path = dir_ + "/" + export_object_file_name(name, n);
    } while (exists(path) && ++n < kMaxDuplicates);
    FILE* f = std::fopen(path.c_str(), "wb");
    bool ok = f && (len == 0 || std::fwrite(data, 1, len, f) == len);
    if (f && std::fclose(f) != 0) ok = false;
    if (!ok)
      std::fprintf(stderr, "netsift: cannot write \"%s\": %s\n", path.c_str(),
                   std::strerror(errno));
  }

  enum class DirState { kUnknown, kReady, kFailed };
  std::string dir_;
  DirState dir_state_ = DirState::kUnknown;
  int dir_errno_ = 0;
  bool reported_ = false;
};

}  // namespace

std::string export_object_file_name(std::string_view name, int duplicate) {
  // A C string in tshark: it ends at the first NUL.
  name = name.substr(0, name.find('\0'));
  std::string out;
  for (char c : name) {
    if (rejected(static_cast<unsigned char>(c)))
      append_format(out, "%{:02x}", static_cast<unsigned char>(c));
    else
      out.push_back(c);
  }
  if (duplicate == 0 && out.size() <= kMaxFileName) return out;
  std::string mark = duplicate ? fmt::format("({})", duplicate) : std::string();
  size_t dot = out.rfind('.');
  if (dot != std::string::npos && out.size() - dot + mark.size() < kMaxFileName) {
    std::string ext = out.substr(dot);
    out.resize(std::min(dot, kMaxFileName - (mark.size() + ext.size())));
    return out + mark + ext;
  }
  if (out.size() >= kMaxFileName - mark.size()) out.resize(kMaxFileName - mark.size());
  return out + mark;
}

std::string_view uri_base_name(std::string_view uri) {
  uri = uri.substr(0, uri.find('\0'));
  if (uri.empty()) return ".";
  size_t end = uri.find_last_not_of('/');
  if (end == std::string_view::npos) return "/";
  uri = uri.substr(0, end + 1);
  size_t slash = uri.rfind('/');
  return slash == std::string_view::npos ? uri : uri.substr(slash + 1);
}

std::unique_ptr<Statistic> make_http_object_export(const std::string& dir) {
  return std::make_unique<HttpObjectExport>(dir);
}

}  // namespace netsift
