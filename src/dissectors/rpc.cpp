// ONC-RPC version 2 (RFC 5531) over UDP, as tshark 4.0's packet-rpc.c dissects it in one pass:
// a UDP heuristic takes a call to a program netsift knows (NFS) and a reply to a call seen
// earlier, keyed as tshark's connectionless conversations are (the client's address, the
// server's port) and the XID. Calls show the program, version and procedure, the credentials
// (AUTH_UNIX in full, other flavors' bodies as opaque data) and the verifier; replies show the
// call's program, version and procedure, the call's frame (rpc.repframe) and the time since it
// (rpc.time), the reply and accept or reject states. The program's protocol item follows with
// its procedure's arguments or results. A call learns its reply's frame (rpc.reqframe) only
// when retransmitted after the reply, as in tshark's single pass. Not dissected: RPC over TCP (record marking), RPCSEC_GSS
// and AUTH_GSSAPI bodies (their payload is shown as data), AUTH_DES verifiers (opaque), calls
// to programs other than NFS (not recognised, as tshark's rpc.dissect_unknown_programs off
// does for programs it lacks).
#include "dissectors/rpc.h"

#include <fmt/format.h>

#include <optional>
#include <unordered_map>

#include "core/append_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/protocol_state.h"
#include "core/session.h"
#include "core/text_format.h"
#include "core/transaction_table.h"
#include "core/value_strings.h"

namespace netsift::rpc {

namespace {

enum MessageType : uint32_t { kCall = 0, kReply = 1 };
enum ReplyState : uint32_t { kAccepted = 0, kDenied = 1 };
enum AcceptState : uint32_t { kSuccess = 0, kProgMismatch = 2 };
enum RejectState : uint32_t { kRpcMismatch = 0, kAuthError = 1 };
enum Flavor : uint32_t {
  kAuthNull = 0,
  kAuthUnix = 1,
  kRpcsecGss = 6,
  kAuthGssapi = 300001,
};
constexpr uint32_t kRpcVersion = 2;

FieldId proto, text, xid, msgtyp, version, program, programversion, procedure, auth_flavor,
    auth_length, auth_stamp, auth_machinename, auth_uid, auth_gid, opaque_length, fill_bytes,
    opaque_data, replystat, reqframe, repframe, time, state_accept, state_reject, state_auth, version_min,
    version_max, programversion_min, programversion_max, dup, call_dup, reply_dup, calls_forgotten;

constexpr ValueName kMessageTypes[] = {{kCall, "Call"}, {kReply, "Reply"}};
constexpr ValueName kReplyStates[] = {{kAccepted, "accepted"}, {kDenied, "denied"}};
constexpr ValueName kFlavors[] = {{0, "AUTH_NULL"},
                                  {1, "AUTH_UNIX"},
                                  {2, "AUTH_SHORT"},
                                  {3, "AUTH_DES"},
                                  {5, "AUTH_RSA/Gluster"},
                                  {6, "RPCSEC_GSS"},
                                  {300001, "AUTH_GSSAPI"},
                                  {390003, "RPCSEC_GSS_KRB5"},
                                  {390004, "RPCSEC_GSS_KRB5I"},
                                  {390005, "RPCSEC_GSS_KRB5P"},
                                  {390006, "RPCSEC_GSS_LIPKEY"},
                                  {390007, "RPCSEC_GSS_LIPKEY_I"},
                                  {390008, "RPCSEC_GSS_LIPKEY_P"},
                                  {390009, "RPCSEC_GSS_SPKM3"},
                                  {390010, "RPCSEC_GSS_SPKM3I"},
                                  {390011, "RPCSEC_GSS_SPKM3P"},
                                  {390039, "AUTH_GLUSTERFS"}};
constexpr ValueName kAcceptStates[] = {{0, "RPC executed successfully"},
                                       {1, "remote hasn't exported program"},
                                       {2, "remote can't support version #"},
                                       {3, "program can't support procedure"},
                                       {4, "procedure can't decode params"},
                                       {5, "system errors like memory allocation failure"}};
constexpr ValueName kRejectStates[] = {{0, "RPC_MISMATCH"}, {1, "AUTH_ERROR"}};
constexpr ValueName kAuthStates[] = {{1, "bad credential (seal broken)"},
                                     {2, "client must begin new session"},
                                     {3, "bad verifier (seal broken)"},
                                     {4, "verifier expired or replayed"},
                                     {5, "rejected for security reasons"},
                                     {13, "GSS credential problem"},
                                     {14, "GSS context problem"}};

using FT = FieldType;
const FieldReg kFields[] = {
    {&text, {.name = "Text", .abbrev = "rpc.text", .type = FT::kNone}},
    {&xid,
     {.name = "XID",
      .abbrev = "rpc.xid",
      .type = FT::kUint32,
      .base = Base::kHexDec,
      .blurb = "Transaction identifier"}},
    {&msgtyp,
     {.name = "Message Type",
      .abbrev = "rpc.msgtyp",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kMessageTypes}},
    {&replystat,
     {.name = "Reply State",
      .abbrev = "rpc.replystat",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kReplyStates}},
    {&state_accept,
     {.name = "Accept State",
      .abbrev = "rpc.state_accept",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kAcceptStates}},
    {&state_reject,
     {.name = "Reject State",
      .abbrev = "rpc.state_reject",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kRejectStates}},
    {&state_auth,
     {.name = "Auth State",
      .abbrev = "rpc.state_auth",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kAuthStates}},
    {&version,
     {.name = "RPC Version", .abbrev = "rpc.version", .type = FT::kUint32, .base = Base::kDec}},
    {&version_min,
     {.name = "RPC Version (Minimum)",
      .abbrev = "rpc.version.min",
      .type = FT::kUint32,
      .base = Base::kDec,
      .blurb = "Program Version (Minimum)"}},
    {&version_max,
     {.name = "RPC Version (Maximum)",
      .abbrev = "rpc.version.max",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&program,
     {.name = "Program", .abbrev = "rpc.program", .type = FT::kUint32, .base = Base::kDec}},
    {&programversion,
     {.name = "Program Version",
      .abbrev = "rpc.programversion",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&programversion_min,
     {.name = "Program Version (Minimum)",
      .abbrev = "rpc.programversion.min",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&programversion_max,
     {.name = "Program Version (Maximum)",
      .abbrev = "rpc.programversion.max",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&procedure,
     {.name = "Procedure", .abbrev = "rpc.procedure", .type = FT::kUint32, .base = Base::kDec}},
    {&auth_flavor,
     {.name = "Flavor",
      .abbrev = "rpc.auth.flavor",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kFlavors}},
    {&auth_length,
     {.name = "Length", .abbrev = "rpc.auth.length", .type = FT::kUint32, .base = Base::kDec}},
    {&auth_stamp,
     {.name = "Stamp", .abbrev = "rpc.auth.stamp", .type = FT::kUint32, .base = Base::kHex}},
    {&auth_uid, {.name = "UID", .abbrev = "rpc.auth.uid", .type = FT::kUint32, .base = Base::kDec}},
    {&auth_gid, {.name = "GID", .abbrev = "rpc.auth.gid", .type = FT::kUint32, .base = Base::kDec}},
    {&auth_machinename,
     {.name = "Machine Name", .abbrev = "rpc.auth.machinename", .type = FT::kString}},
    {&dup, {.name = "Duplicate Call/Reply", .abbrev = "rpc.dup", .type = FT::kNone}},
    {&call_dup,
     {.name = "Duplicate to the call in",
      .abbrev = "rpc.call.dup",
      .type = FT::kFrameNum,
      .blurb = "This is a duplicate to the call in frame"}},
    {&reply_dup,
     {.name = "Duplicate to the reply in",
      .abbrev = "rpc.reply.dup",
      .type = FT::kFrameNum,
      .blurb = "This is a duplicate to the reply in frame"}},
    {&opaque_length,
     {.name = "length", .abbrev = "rpc.opaque_length", .type = FT::kUint32, .base = Base::kDec}},
    {&fill_bytes, {.name = "fill bytes", .abbrev = "rpc.fill_bytes", .type = FT::kBytes}},
    {&opaque_data, {.name = "opaque data", .abbrev = "rpc.opaque_data", .type = FT::kBytes}},
    {&reqframe, {.name = "Request Frame", .abbrev = "rpc.reqframe", .type = FT::kFrameNum}},
    {&repframe, {.name = "Reply Frame", .abbrev = "rpc.repframe", .type = FT::kFrameNum}},
    {&time,
     {.name = "Time from request",
      .abbrev = "rpc.time",
      .type = FT::kRelTime,
      .blurb = "Time between Request and Reply for ONC-RPC calls"}},
    // netsift's own: the memory budget made this call forget the oldest call.
    {&calls_forgotten, {.name = "RPC call table limit reached", .abbrev = "rpc.calls_limit"}},
};

std::unordered_map<uint32_t, Program>& programs() {
  static std::unordered_map<uint32_t, Program> p;
  return p;
}

// The calls of a capture, by tshark's connectionless conversation (client address, server
// port) and XID. Bounded by the memory budget's per-capture pool: past it a new call forgets
// the oldest (a late reply to it is then not taken for RPC).
struct RpcCalls {
  struct Key {
    Address client;
    uint16_t server_port;
    uint32_t xid;
    bool operator==(const Key& o) const {
      return client == o.client && server_port == o.server_port && xid == o.xid;
    }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      size_t h = std::hash<uint32_t>()(k.xid) ^ (size_t{k.server_port} << 20);
      for (size_t i = 0; i < k.client.size(); ++i) h = h * 131 + k.client.bytes[i];
      return h;
    }
  };
  struct Call {
    uint64_t request_frame = 0, reply_frame = 0;
    uint32_t program = 0, version = 0, procedure = 0, flavor = 0;
    int64_t request_ns = 0;
  };
  TransactionTable<Key, Call, KeyHash> calls{MemoryUse::kCaptureTables};
};

const char* procedure_text(const Program* p, uint32_t vers, uint32_t proc, std::string& buf) {
  if (p && p->procedure_name)
    if (const char* n = p->procedure_name(vers, proc)) return n;
  buf.clear();
  append_format(buf, "proc-{}", proc);
  return buf.c_str();
}

// "Name: text (number)" labels of program and procedure items.
void label_named(Packet& pkt, int n, const char* name, const char* text, uint32_t v) {
  if (!pkt.labels) return;
  std::string label;
  append_format(label, "{}: {} ({})", name, text, v);
  pkt.set_label(n, label);
}

size_t round_up(size_t n) {
  return (n + 3) & ~size_t{3};
}

// AUTH_UNIX (RFC 5531 appendix A): stamp, machine name, uid, gid, auxiliary gids.
size_t add_auth_unix(Packet& pkt, int tree, const ByteReader& r, size_t off) {
  off = add_uint32(pkt, tree, auth_stamp, r, off);
  off = add_string(pkt, tree, auth_machinename, r, off);
  off = add_uint32(pkt, tree, auth_uid, r, off);
  off = add_uint32(pkt, tree, auth_gid, r, off);
  uint32_t count = r.u32(off);
  std::string label;
  append_format(label, "Auxiliary GIDs ({})", count);
  int g = add_text(pkt, tree, r, off, 4 + size_t{count} * 4, label);
  off += 4;
  for (uint32_t i = 0; i < count; ++i, off += 4) {
    uint32_t gid = r.u32(off);
    pkt.add_uint(g, auth_gid, r, off, 4, gid);
    // The label lists at most 16 of them; it is kept up to date, as tshark appends to it,
    // for a list cut short.
    if (i > 16) continue;
    if (i < 16)
      append_format(label, "{}{}", i == 0 ? " [" : ", ", gid);
    else
      label += "...";
    pkt.set_label(g, label);
  }
  if (count > 0) pkt.set_label(g, label + "]");
  return off;
}

// Credentials or verifier: flavor, length (shown rounded up to the XDR word, as tshark shows
// it), body.
size_t add_auth(Packet& pkt, int parent, const ByteReader& r, size_t off, const char* title) {
  uint32_t flavor = r.u32(off);
  size_t length = round_up(r.u32(off + 4));
  int tree = add_text(pkt, parent, r, off, 8 + length, title);
  pkt.add_uint(tree, auth_flavor, r, off, 4, flavor);
  pkt.add_uint(tree, auth_length, r, off + 4, 4, length);
  if (flavor == kAuthUnix)
    add_auth_unix(pkt, tree, r, off + 8);
  else if (length)
    pkt.add_item(tree, opaque_data, r, off + 8, length);
  return off + 8 + length;
}

Program* find_program(uint32_t number) {
  auto it = programs().find(number);
  return it == programs().end() ? nullptr : &it->second;
}

void set_columns(Packet& pkt, const Program* p, uint32_t vers, const char* procname,
                 const char* type) {
  if (!pkt.cols.enabled) return;
  if (p) pkt.cols.set_protocol(p->name);
  std::string info;
  append_format(info, "V{} {} {}", vers, procname, type);
  pkt.cols.set_info(info);
}

size_t dissect_rpc_udp(const ByteReader& r, Packet& pkt, int parent) {
  if (!r.has(0, 8)) return 0;
  uint32_t id = r.u32(0), type = r.u32(4);
  auto& state = pkt.session->state<RpcCalls>();
  state.calls.use_budget(pkt.session->memory());
  RpcCalls::Call* call = nullptr;
  Program* prog = nullptr;
  if (type == kCall) {
    if (!r.has(0, 16) || r.u32(8) != kRpcVersion) return 0;
    prog = find_program(r.u32(12));
    if (!prog) return 0;
  } else if (type == kReply) {
    call = state.calls.find({pkt.net_dst, pkt.src_port, id});
    if (!call) return 0;
    prog = find_program(call->program);
  } else {
    return 0;
  }

  if (pkt.cols.enabled) pkt.cols.set_protocol("RPC");
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.add_item(tree, xid, r, 0, 4);
  pkt.add_uint(tree, msgtyp, r, 4, 4, type);
  if (pkt.labels) {
    std::string label;
    append_format(label, "Remote Procedure Call, Type:{} XID:0x{:08x}",
                  type == kCall ? "Call" : "Reply", id);
    pkt.set_label(tree, label);
  }
  std::string procbuf;
  CallInfo info{.xid = id, .request = type == kCall};
  size_t off = 8;
  bool results = true;
  uint32_t flavor = kAuthNull;
  if (type == kCall) {
    info.program = r.u32(12);
    info.version = r.u32(16);
    info.procedure = r.u32(20);
    pkt.add_uint(tree, version, r, 8, 4, kRpcVersion);
    label_named(pkt, pkt.add_uint(tree, program, r, 12, 4, info.program), "Program", prog->name,
                info.program);
    pkt.add_uint(tree, programversion, r, 16, 4, info.version);
    const char* procname = procedure_text(prog, info.version, info.procedure, procbuf);
    flavor = r.has(24, 4) ? r.u32(24) : kAuthNull;
    label_named(pkt, pkt.add_uint(tree, procedure, r, 20, 4, info.procedure), "Procedure",
                procname, info.procedure);
    set_columns(pkt, prog, info.version, procname, "Call");
    std::optional<std::pair<RpcCalls::Key, RpcCalls::Call>> evicted;
    RpcCalls::Call& c = state.calls.insert({pkt.net_src, pkt.dst_port, id}, &evicted);
    if (c.request_frame == 0) {
      c = {pkt.number, 0, info.program, info.version, info.procedure, flavor,
           pkt.frame->ts.total_ns()};
    } else if (c.request_frame != pkt.number) {
      // The XID was used before from this client to this server port: a retransmission.
      if (pkt.cols.enabled) {
        std::string prefix;
        append_format(prefix, "[RPC retransmission of #{}]", c.request_frame);
        pkt.cols.info.insert(0, prefix);
      }
      pkt.tree.add(tree, dup, r, 0, 0, Value{});
      pkt.add_uint(tree, call_dup, r, 0, 0, c.request_frame);
    }
    if (c.reply_frame) {
      if (pkt.cols.enabled) {
        std::string text;
        append_format(text, " (Reply In {})", c.reply_frame);
        pkt.cols.append_info(text);
      }
      int n = pkt.add_generated_uint(tree, reqframe, c.reply_frame);
      if (pkt.labels) {
        std::string label;
        append_format(label, "The reply to this request is in frame {}", c.reply_frame);
        pkt.set_label(n, label);
      }
    }
    if (evicted)
      add_expert(pkt, tree, calls_forgotten, r, 0, 0,
                 fmt::format("RPC call of frame {} forgotten ({} used up)",
                             evicted->second.request_frame, state.calls.describe()),
                 kExpertNote, kGroupSequence);
    off = add_auth(pkt, tree, r, 24, "Credentials");
    off = add_auth(pkt, tree, r, off, "Verifier");
  } else {
    info.program = call->program;
    info.version = call->version;
    info.procedure = call->procedure;
    flavor = call->flavor;
    const char* procname = procedure_text(prog, info.version, info.procedure, procbuf);
    set_columns(pkt, prog, info.version, procname, "Reply");
    label_named(pkt, pkt.add_generated_uint(tree, program, info.program), "Program",
                prog ? prog->name : "Unknown", info.program);
    pkt.add_generated_uint(tree, programversion, info.version);
    label_named(pkt, pkt.add_generated_uint(tree, procedure, info.procedure), "Procedure",
                procname, info.procedure);
    uint32_t state_value = r.u32(8);
    pkt.add_uint(tree, replystat, r, 8, 4, state_value);
    off = 12;
    int n = pkt.add_generated_uint(tree, repframe, call->request_frame);
    if (pkt.labels) {
      std::string label;
      append_format(label, "This is a reply to a request in frame {}", call->request_frame);
      pkt.set_label(n, label);
    }
    // At the reply state's end, where tshark adds it (PDML shows the position).
    pkt.tree.add(tree, time, r, off, 0, Value::of_int(pkt.frame->ts.total_ns() - call->request_ns),
                 kGenerated);
    if (pkt.cols.enabled) {
      std::string text;
      append_format(text, " (Call In {})", call->request_frame);
      pkt.cols.append_info(text);
    }
    if (call->reply_frame == 0) {
      call->reply_frame = pkt.number;
    } else if (call->reply_frame != pkt.number) {
      if (pkt.cols.enabled) {
        std::string prefix;
        append_format(prefix, "[RPC duplicate of #{}]", call->reply_frame);
        pkt.cols.info.insert(0, prefix);
      }
      pkt.tree.add_generated(tree, dup, Value{});
      pkt.add_generated_uint(tree, reply_dup, call->reply_frame);
    }
    if (state_value == kAccepted) {
      off = add_auth(pkt, tree, r, off, "Verifier");
      uint32_t accept = r.u32(off);
      pkt.add_uint(tree, state_accept, r, off, 4, accept);
      off += 4;
      if (accept == kProgMismatch) {
        off = add_uint32(pkt, tree, programversion_min, r, off);
        off = add_uint32(pkt, tree, programversion_max, r, off);
      }
      results = accept == kSuccess;
    } else if (state_value == kDenied) {
      uint32_t reject = r.u32(off);
      pkt.add_uint(tree, state_reject, r, off, 4, reject);
      off += 4;
      if (reject == kRpcMismatch) {
        off = add_uint32(pkt, tree, version_min, r, off);
        off = add_uint32(pkt, tree, version_max, r, off);
      } else if (reject == kAuthError) {
        off = add_uint32(pkt, tree, state_auth, r, off);
      }
      results = false;
    } else {
      results = false;
    }
  }
  pkt.tree[tree].length = static_cast<uint32_t>(off);
  ByteReader rest = r.sub(off);
  if (!results) {
    pkt.call_data(rest, tree);
    return r.reported_size();
  }

  // The program's own tree: its version and procedure, then the arguments or results. The
  // program becomes a layer only when its procedure's dissector runs (tshark adds the tree
  // item itself, and the layer by calling the dissector).
  int ptree = prog ? pkt.tree.add(parent, prog->proto, r, off, r.reported_size() - off, Value{})
                   : -1;
  if (prog) {
    // Generated at the start of the RPC message, where tshark adds them.
    pkt.tree.add(ptree, programversion, r, 0, 0, Value::of_uint(info.version), kGenerated);
    FieldId pf = prog->procedure_field ? prog->procedure_field(info.version) : kNoField;
    int n = pkt.tree.add(ptree, pf != kNoField ? pf : procedure, r, 0, 0,
                         Value::of_uint(info.procedure), kGenerated);
    if (pf == kNoField)
      label_named(pkt, n, "Procedure", procedure_text(prog, info.version, info.procedure, procbuf),
                  info.procedure);
  }
  if (rest.reported_size() == 0) return r.reported_size();
  size_t used = 0;
  bool gss = flavor == kRpcsecGss || flavor == kAuthGssapi;
  if (prog && !gss && prog->dissect &&
      prog->procedure_name && prog->procedure_name(info.version, info.procedure)) {
    pkt.add_layer(prog->proto);
    used = prog->dissect(rest, pkt, ptree, info);
  }
  if (used < rest.reported_size()) pkt.call_data(rest.sub(used), ptree);
  return r.reported_size();
}

bool may_be_rpc(const ByteReader& r) {
  return r.has(0, 8) && r.u32(4) <= kReply;
}

}  // namespace

void register_program(const Program& p) {
  programs()[p.number] = p;
}

int add_text(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len,
             std::string_view label) {
  int n = pkt.tree.add(parent, text, r, off, len, Value{});
  pkt.set_label(n, label);
  return n;
}

size_t add_uint32(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off) {
  pkt.add_uint(parent, f, r, off, 4, r.u32(off));
  return off + 4;
}

size_t add_uint64(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off) {
  pkt.add_uint(parent, f, r, off, 8, r.u64(off));
  return off + 8;
}

size_t add_string(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off) {
  uint32_t length = r.u32(off);
  size_t fill = round_up(length) - length;
  // A string cut short throws here, before any item: tshark would show the part captured.
  r.need(off + 4, size_t{length} + fill);
  std::string shown;
  if (length == 0)
    shown = "<EMPTY>";
  else if (registry().info(f).def.type == FieldType::kString)
    append_formatted_text(shown, ascii_string(r.text(off + 4, length)));
  else
    shown = "<DATA>";
  std::string label;
  append_format(label, "{}: {}", registry().info(f).def.name, shown);
  int tree = add_text(pkt, parent, r, off, 4 + length + fill, label);
  pkt.add_uint(tree, opaque_length, r, off, 4, length);
  int n = registry().info(f).def.type == FieldType::kString
              ? pkt.add_ascii(tree, f, r, off + 4, length)
              : pkt.add_item(tree, f, r, off + 4, length);
  label = "contents: ";
  label += shown;
  pkt.set_label(n, label);
  if (fill) pkt.set_label(pkt.add_item(tree, fill_bytes, r, off + 4 + length, fill),
                          "fill bytes: opaque data");
  return off + 4 + length + fill;
}

}  // namespace netsift::rpc

namespace netsift {

void register_rpc() {
  FieldRegistry& reg = registry();
  rpc::proto = reg.add_protocol({"Remote Procedure Call", "RPC", "rpc"});
  reg.add_fields(rpc::proto, rpc::kFields);
  register_protocol_state<rpc::RpcCalls>(StateScope::kCapture);
  tables::udp_heuristics().push_back({rpc::may_be_rpc, rpc::dissect_rpc_udp, "rpc"});
}

}  // namespace netsift
