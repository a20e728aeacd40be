// ONC-RPC (RFC 5531) programs: how a program (NFS, ...) plugs its procedures into the RPC
// dissector, which frames calls and replies and matches each reply to its call.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/packet.h"

namespace netsift::rpc {

// The call a message belongs to, as the procedure dissectors see it: a call, or the reply to
// a call seen earlier (program, version and procedure come from the call).
struct CallInfo {
  uint32_t xid = 0, program = 0, version = 0, procedure = 0;
  bool request = true;
};

// One program's procedures. `procedure_name` is null for procedures the program does not
// know (RPC then shows "proc-N" and the arguments as data); `procedure_field` gives the
// program's own per-version procedure field (nfs.procedure_v3) or kNoField; `dissect`
// dissects a call's arguments or a reply's results under `tree` (the program's protocol
// item) and returns the bytes it used.
struct Program {
  uint32_t number = 0;
  const char* name = nullptr;  // the Protocol column and "Program: NFS (100003)"
  FieldId proto = kNoField;
  const char* (*procedure_name)(uint32_t version, uint32_t procedure) = nullptr;
  FieldId (*procedure_field)(uint32_t version) = nullptr;
  size_t (*dissect)(const ByteReader& r, Packet& pkt, int tree, const CallInfo& call) = nullptr;
};

// Registers a program; called from the program's register_<proto>().
void register_program(const Program& p);

// XDR helpers the programs share (RFC 4506): a variable-length opaque or string item with
// its length, contents and fill bytes, as tshark's dissect_rpc_opaque_data shows it, under
// `parent`. Returns the offset after it.
size_t add_string(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off);
// Unsigned XDR words.
size_t add_uint32(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off);
size_t add_uint64(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off);
// A text item (rpc.text) with `label`.
int add_text(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len,
             std::string_view label);

}  // namespace netsift::rpc
