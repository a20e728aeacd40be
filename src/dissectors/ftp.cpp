// FTP control connections (RFC 959, tcp.port 21) as tshark 4.0 dissects them in one pass: the
// first line of each segment as a request (command, argument) or a reply (code, argument), the
// other lines as text, PORT and PASV addresses, and the current working directory that the
// CWD/CDUP commands and PWD replies have established on the connection so far: FTP's
// per-conversation state, kept as a protocol state (core/protocol_state.h) of the TCP
// connection. Not implemented: EPRT/EPSV and the ftp-data connections PORT/PASV announce.
#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/conversation.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/text_format.h"

namespace netsift {

namespace {

constexpr uint16_t kPortFtp = 21;

FieldId proto, cwd, response, request, request_command, request_arg, response_code, response_arg,
    pasv_ip, pasv_port, pasv_nat, active_ip, active_port, active_nat, pwd_invalid;

constexpr ValueName kResponseCodes[] = {
    {110, "Restart marker reply"},
    {120, "Service ready in nnn minutes"},
    {125, "Data connection already open; transfer starting"},
    {150, "File status okay; about to open data connection"},
    {200, "Command okay"},
    {202, "Command not implemented, superfluous at this site"},
    {211, "System status, or system help reply"},
    {212, "Directory status"},
    {213, "File status"},
    {214, "Help message"},
    {215, "NAME system type"},
    {220, "Service ready for new user"},
    {221, "Service closing control connection"},
    {225, "Data connection open; no transfer in progress"},
    {226, "Closing data connection"},
    {227, "Entering Passive Mode"},
    {229, "Entering Extended Passive Mode"},
    {230, "User logged in, proceed"},
    {232, "User logged in, authorized by security data exchange"},
    {234, "Security data exchange complete"},
    {235, "Security data exchange completed successfully"},
    {250, "Requested file action okay, completed"},
    {257, "PATHNAME created"},
    {331, "User name okay, need password"},
    {332, "Need account for login"},
    {334, "Requested security mechanism is ok"},
    {335, "Security data is acceptable, more is required"},
    {336, "Username okay, need password. Challenge is ..."},
    {350, "Requested file action pending further information"},
    {421, "Service not available, closing control connection"},
    {425, "Can't open data connection"},
    {426, "Connection closed; transfer aborted"},
    {431, "Need some unavailable resource to process security"},
    {450, "Requested file action not taken"},
    {451, "Requested action aborted: local error in processing"},
    {452, "Requested action not taken. Insufficient storage space in system"},
    {500, "Syntax error, command unrecognized"},
    {501, "Syntax error in parameters or arguments"},
    {502, "Command not implemented"},
    {503, "Bad sequence of commands"},
    {504, "Command not implemented for that parameter"},
    {522, "Network protocol not supported"},
    {530, "Not logged in"},
    {532, "Need account for storing files"},
    {533, "Command protection level denied for policy reasons"},
    {534, "Request denied for policy reasons"},
    {535, "Failed security check (hash, sequence, etc)"},
    {536, "Requested PROT level not supported by mechanism"},
    {537, "Command protection level not supported by security mechanism"},
    {550, "Requested action not taken: File unavailable"},
    {551, "Requested action aborted: page type unknown"},
    {552, "Requested file action aborted: Exceeded storage allocation"},
    {553, "Requested action not taken: File name not allowed"},
    {631, "Integrity protected reply"},
    {632, "Confidentiality and integrity protected reply"},
    {633, "Confidentiality protected reply"},
};

using FT = FieldType;
FieldReg kFields[] = {
    {&cwd,
     {.name = "Current working directory",
      .abbrev = "ftp.current-working-directory",
      .type = FT::kString}},
    {&response,
     {.name = "Response",
      .abbrev = "ftp.response",
      .type = FT::kBoolean,
      .blurb = "TRUE if FTP response"}},
    {&request,
     {.name = "Request",
      .abbrev = "ftp.request",
      .type = FT::kBoolean,
      .blurb = "TRUE if FTP request"}},
    {&request_command,
     {.name = "Request command", .abbrev = "ftp.request.command", .type = FT::kString}},
    {&request_arg, {.name = "Request arg", .abbrev = "ftp.request.arg", .type = FT::kString}},
    {&response_code,
     {.name = "Response code",
      .abbrev = "ftp.response.code",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kResponseCodes}},
    {&response_arg, {.name = "Response arg", .abbrev = "ftp.response.arg", .type = FT::kString}},
    {&pasv_ip,
     {.name = "Passive IP address",
      .abbrev = "ftp.passive.ip",
      .type = FT::kIpv4,
      .blurb = "Passive IP address (check NAT)"}},
    {&pasv_port,
     {.name = "Passive port",
      .abbrev = "ftp.passive.port",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Passive FTP server port"}},
    {&pasv_nat,
     {.name = "Passive IP NAT",
      .abbrev = "ftp.passive.nat",
      .type = FT::kBoolean,
      .blurb = "NAT is active SIP and passive IP different"}},
    {&active_ip,
     {.name = "Active IP address",
      .abbrev = "ftp.active.cip",
      .type = FT::kIpv4,
      .blurb = "Active FTP client IP address"}},
    {&active_port,
     {.name = "Active port",
      .abbrev = "ftp.active.port",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Active FTP client port"}},
    {&active_nat,
     {.name = "Active IP NAT",
      .abbrev = "ftp.active.nat",
      .type = FT::kBoolean,
      .blurb = "NAT is active"}},
    {&pwd_invalid,
     {.name = "Invalid PWD response", .abbrev = "ftp.response.pwd.invalid", .type = FT::kNone}},
};

// What one control connection has established so far (tshark's ftp_conversation_t).
struct FtpConversation {
  std::string last_command;  // the latest request's first line
  std::string cwd;           // "" until a CWD succeeds or a PWD reply names it
};

// A line as tshark's tvb_find_line_end finds it: its length without the terminator, and where
// the next line starts (after CR LF, CR or LF; the end when there is none).
struct Line {
  size_t len, next;
};
Line find_line(std::string_view s, size_t off) {
  size_t end = s.find_first_of("\r\n", off);
  if (end == std::string_view::npos) return {s.size() - off, s.size()};
  size_t next = end + 1;
  if (s[end] == '\r' && next < s.size() && s[next] == '\n') ++next;
  return {end - off, next};
}

bool ends_with_slash(const std::string& s) {
  return !s.empty() && s.back() == '/';
}

// A successful CWD to the relative `path`: appended to the directory, then "." and ".."
// resolved one component at a time as tshark does (an empty directory takes `path` as it is).
void change_relative(std::string& dir, std::string_view path) {
  if (dir.empty()) {
    dir.assign(path);
    return;
  }
  std::string joined = dir;
  if (!ends_with_slash(joined)) joined.push_back('/');
  joined.append(path);
  std::string out = dir.front() == '/' ? "/" : "";
  std::string part;
  for (size_t i = out.size(); i <= joined.size(); ++i) {
    if (i < joined.size() && joined[i] != '/') {
      part.push_back(joined[i]);
      continue;
    }
    if (part == "..") {
      while (!out.empty() && !ends_with_slash(out)) out.pop_back();
      if (out.size() > 1 && ends_with_slash(out)) out.pop_back();
    } else if (!part.empty() && part != ".") {
      if (!out.empty() && !ends_with_slash(out)) out.push_back('/');
      out.append(part);
    }
    part.clear();
  }
  dir = std::move(out);
}

void change_directory(std::string& dir, std::string_view path) {
  if (!path.empty() && path.front() == '/')
    dir.assign(path);
  else
    change_relative(dir, path);
}

// The directory a PWD reply names: the text between its first two unpaired double quotes ("" is
// a quote), which must start the reply text; false when it does not.
bool quoted_directory(std::string_view text, std::string& dir) {
  if (text.size() < 2 || text.front() != '"') return false;
  std::string out;
  bool started = false;
  size_t i = 0;
  for (; i < text.size() && text[i] != '\r' && text[i] != '\n'; ++i) {
    if (text[i] != '"') {
      out.push_back(text[i]);
    } else if (i + 1 < text.size() && text[i + 1] == '"') {
      out.push_back('"');
      ++i;
    } else if (started) {
      break;
    } else {
      started = true;
    }
  }
  if (i >= text.size() || text[i] != '"') return false;
  dir = std::move(out);
  return true;
}

// Digits tshark counts for a number of a PORT/PASV address (negative numbers count as one).
size_t printed_len(int v) {
  return v < 10 ? 1 : v < 100 ? 2 : 3;
}

// The h1,h2,h3,h4,p1,p2 address of a PORT argument or PASV reply: the first run of six
// comma-separated numbers starting at a digit.
struct HostPort {
  uint32_t ip = 0;
  uint16_t port = 0;
  size_t offset = 0, ip_len = 0, port_len = 0;  // within the text
};
bool parse_host_port(std::string_view text, HostPort& hp) {
  std::string args(text.substr(0, text.find('\0')));  // a NUL ends the text, as in tshark
  for (size_t p = 0;;) {
    while (p < args.size() && !(args[p] >= '0' && args[p] <= '9')) ++p;
    if (p >= args.size()) return false;
    int n[6];
    if (std::sscanf(args.c_str() + p, "%d,%d,%d,%d,%d,%d", &n[0], &n[1], &n[2], &n[3], &n[4],
                    &n[5]) == 6) {
      hp.ip = static_cast<uint32_t>(n[0]) << 24 | static_cast<uint32_t>(n[1]) << 16 |
              static_cast<uint32_t>(n[2]) << 8 | static_cast<uint32_t>(n[3]);
      hp.port = static_cast<uint16_t>((n[4] & 0xff) << 8 | (n[5] & 0xff));
      hp.offset = p;
      hp.port_len = printed_len(n[4]) + 1 + printed_len(n[5]);
      hp.ip_len =
          printed_len(n[0]) + 1 + printed_len(n[1]) + 1 + printed_len(n[2]) + 1 + printed_len(n[3]);
      return true;
    }
    while (p < args.size() && args[p] >= '0' && args[p] <= '9') ++p;
  }
}

// Adds the address and port of a PORT or PASV line (`text` starts at r[text_off]; the items sit
// `item_off` bytes into the line), and whether the address is not the sender's (NAT).
void add_host_port(Packet& pkt, int tree, const ByteReader& r, std::string_view text,
                   size_t item_off, FieldId ip_f, FieldId port_f, FieldId nat_f) {
  HostPort hp;
  if (!parse_host_port(text, hp)) return;
  size_t ip_off = hp.offset + item_off;
  pkt.tree.add(tree, ip_f, r, ip_off, hp.ip_len, Value::of_uint(hp.ip));
  pkt.tree.add(tree, port_f, r, ip_off + 1 + hp.ip_len, hp.port_len, Value::of_uint(hp.port));
  uint8_t bytes[4] = {static_cast<uint8_t>(hp.ip >> 24), static_cast<uint8_t>(hp.ip >> 16),
                      static_cast<uint8_t>(hp.ip >> 8), static_cast<uint8_t>(hp.ip)};
  if (!(pkt.net_src == Address::ipv4(bytes))) pkt.tree.add(tree, nat_f, r, 0, 0, Value::of_uint(1));
}

// A text item for r[off, off+len) labelled with its escaped text (line terminator included).
int add_text(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len) {
  int n = pkt.tree.add(parent, kNoField, r, off, len, Value{});
  if (pkt.labels) {
    std::string label;
    append_formatted_text(label, {reinterpret_cast<const char*>(r.data()) + off, len});
    pkt.set_label(n, label);
  }
  return n;
}

size_t dissect_ftp(const ByteReader& r, Packet& pkt, int parent) {
  bool is_request = pkt.dst_port == kPortFtp;
  static FtpConversation detached;  // FTP not over a tracked TCP connection
  if (!pkt.conversation) detached = FtpConversation{};
  FtpConversation& conv = pkt.conversation ? pkt.conversation->state<FtpConversation>() : detached;
  std::string_view all{reinterpret_cast<const char*>(r.data()), r.size()};
  Line first = find_line(all, 0);
  std::string_view line = all.substr(0, first.len);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("FTP");
    std::string info = is_request ? "Request: " : "Response: ";
    append_formatted_text(info, line);
    pkt.cols.set_info(info);
  }
  int top = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.tree.add(top, request, r, 0, 0, Value::of_uint(is_request), kHidden);
  pkt.tree.add(top, response, r, 0, 0, Value::of_uint(!is_request), kHidden);
  int line_node = add_text(pkt, top, r, 0, first.next);

  size_t arg_off = 0;
  if (is_request) {
    // The command is the text before the first space; the argument everything after it.
    size_t token = line.find(' ');
    size_t command_len = token == std::string_view::npos ? line.size() : token;
    arg_off = token == std::string_view::npos ? line.size() : token + 1;
    if (command_len > 0) pkt.add_item(line_node, request_command, r, 0, command_len);
    conv.last_command.assign(line);
    std::string_view arg = line.substr(arg_off);
    if (!arg.empty()) pkt.add_item(line_node, request_arg, r, arg_off, arg.size());
    // tshark compares the command with "PORT" over the command's length: a prefix matches.
    if (command_len > 0 && command_len <= 4 &&
        std::string_view("PORT").starts_with(line.substr(0, command_len)))
      add_host_port(pkt, line_node, r, arg, command_len + 1, active_ip, active_port, active_nat);
  } else {
    bool has_code = line.size() >= 3 && std::isdigit(static_cast<unsigned char>(line[0])) &&
                    std::isdigit(static_cast<unsigned char>(line[1])) &&
                    std::isdigit(static_cast<unsigned char>(line[2]));
    unsigned code = 0;
    if (has_code) {
      code = static_cast<unsigned>((line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0'));
      int code_node = pkt.add_uint(line_node, response_code, r, 0, 3, code);
      // A successful CWD or CDUP moves the directory; a PWD reply states it.
      std::string_view last = conv.last_command;
      if (code == 250 && last.starts_with("CWD "))
        change_directory(conv.cwd, last.substr(4));
      else if (code == 250 && last.starts_with("CDUP"))
        change_directory(conv.cwd, "..");
      if (code == 257 && line.size() >= 4 && !quoted_directory(line.substr(4), conv.cwd))
        add_expert(pkt, code_node, pwd_invalid, r, 0, 3, "Invalid PWD response", kExpertError,
                   kGroupMalformed);
      arg_off = line.size() >= 4 ? 4 : line.size();
    }
    std::string_view arg = line.substr(arg_off);
    if (!arg.empty()) pkt.add_item(line_node, response_arg, r, arg_off, arg.size());
    if (code == 227 && !arg.empty())
      add_host_port(pkt, line_node, r, arg, arg_off, pasv_ip, pasv_port, pasv_nat);
  }

  for (size_t off = first.next; off < all.size();) {
    Line l = find_line(all, off);
    add_text(pkt, top, r, off, l.next - off);
    off = l.next;
  }
  pkt.add_generated_string(parent, cwd, conv.cwd);
  return r.reported_size();
}

}  // namespace

void register_ftp() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"File Transfer Protocol (FTP)", "FTP", "ftp"});
  reg.add_fields(proto, kFields);
  register_protocol_state<FtpConversation>(StateScope::kConversation);
  tables::tcp_port().add(kPortFtp, dissect_ftp, "ftp");
}

}  // namespace netsift
