// NFS (program 100003) over ONC-RPC, as tshark 4.0's packet-nfs.c shows it: the version 2
// (RFC 1094) and 3 (RFC 1813) procedure names, in full NFSv3's GETATTR (the file handle with
// its CRC-32 hash; the status and the file's attributes: type, mode bits, link count, owner,
// sizes, device, file system and file ids, and the three times) and WRITE calls (file handle,
// offset, count, stability, data). Not dissected yet: the arguments and results of the other
// procedures, WRITE replies, and NFSv2 and v4 bodies (shown as data under the NFS item);
// tshark's file-name snooping and request/reply file-handle matching (both off by default).
#include <zlib.h>

#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/rpc.h"

namespace netsift {

namespace {

constexpr uint32_t kNfsProgram = 100003;
enum Nfs3Procedure : uint32_t { kGetattr = 1, kWrite = 7 };
constexpr uint32_t kNfs3Ok = 0;
constexpr uint32_t kModePermissionBits = 07777;

FieldId proto, text, procedure_v2, procedure_v3, fh_length, fh_hash, fhandle, status3, status,
    fattr3_type, mode3, mode3_suid, mode3_sgid, mode3_sticky, mode3_rusr, mode3_wusr, mode3_xusr,
    mode3_rgrp, mode3_wgrp, mode3_xgrp, mode3_roth, mode3_woth, mode3_xoth, fattr3_nlink,
    fattr3_uid, fattr3_gid, fattr3_size, fattr3_used, specdata1, specdata2, fattr3_fsid,
    fattr3_fileid, atime, atime_sec, atime_nsec, mtime, mtime_sec, mtime_nsec, ctime, ctime_sec,
    ctime_nsec, offset3, count3, write_stable, data;

constexpr ValueName kProceduresV2[] = {
    {0, "NULL"},    {1, "GETATTR"}, {2, "SETATTR"},     {3, "ROOT"},     {4, "LOOKUP"},
    {5, "READLINK"}, {6, "READ"},   {7, "WRITECACHE"},  {8, "WRITE"},    {9, "CREATE"},
    {10, "REMOVE"}, {11, "RENAME"}, {12, "LINK"},       {13, "SYMLINK"}, {14, "MKDIR"},
    {15, "RMDIR"},  {16, "READDIR"}, {17, "STATFS"}};
constexpr ValueName kProceduresV3[] = {
    {0, "NULL"},     {1, "GETATTR"},      {2, "SETATTR"}, {3, "LOOKUP"},   {4, "ACCESS"},
    {5, "READLINK"}, {6, "READ"},         {7, "WRITE"},   {8, "CREATE"},   {9, "MKDIR"},
    {10, "SYMLINK"}, {11, "MKNOD"},       {12, "REMOVE"}, {13, "RMDIR"},   {14, "RENAME"},
    {15, "LINK"},    {16, "READDIR"},     {17, "READDIRPLUS"}, {18, "FSSTAT"}, {19, "FSINFO"},
    {20, "PATHCONF"}, {21, "COMMIT"}};
constexpr ValueName kStatus3[] = {{0, "NFS3_OK"},
                                  {1, "NFS3ERR_PERM"},
                                  {2, "NFS3ERR_NOENT"},
                                  {5, "NFS3ERR_IO"},
                                  {6, "NFS3ERR_NXIO"},
                                  {13, "NFS3ERR_ACCES"},
                                  {17, "NFS3ERR_EXIST"},
                                  {18, "NFS3ERR_XDEV"},
                                  {19, "NFS3ERR_NODEV"},
                                  {20, "NFS3ERR_NOTDIR"},
                                  {21, "NFS3ERR_ISDIR"},
                                  {22, "NFS3ERR_INVAL"},
                                  {27, "NFS3ERR_FBIG"},
                                  {28, "NFS3ERR_NOSPC"},
                                  {30, "NFS3ERR_ROFS"},
                                  {31, "NFS3ERR_MLINK"},
                                  {63, "NFS3ERR_NAMETOOLONG"},
                                  {66, "NFS3ERR_NOTEMPTY"},
                                  {69, "NFS3ERR_DQUOT"},
                                  {70, "NFS3ERR_STALE"},
                                  {71, "NFS3ERR_REMOTE"},
                                  {10001, "NFS3ERR_BADHANDLE"},
                                  {10002, "NFS3ERR_NOT_SYNC"},
                                  {10003, "NFS3ERR_BAD_COOKIE"},
                                  {10004, "NFS3ERR_NOTSUPP"},
                                  {10005, "NFS3ERR_TOOSMALL"},
                                  {10006, "NFS3ERR_SERVERFAULT"},
                                  {10007, "NFS3ERR_BADTYPE"},
                                  {10008, "NFS3ERR_JUKEBOX"}};
constexpr ValueName kStableHow[] = {{0, "UNSTABLE"}, {1, "DATA_SYNC"}, {2, "FILE_SYNC"}};
constexpr ValueName kStatusNames[] = {
#include "dissectors/nfs_status_names.inc"
};
constexpr ValueName kFileTypes3[] = {{1, "Regular File"},
                                     {2, "Directory"},
                                     {3, "Block Special Device"},
                                     {4, "Character Special Device"},
                                     {5, "Symbolic Link"},
                                     {6, "Socket"},
                                     {7, "Named Pipe"}};

using FT = FieldType;
constexpr FieldDef mode_bit(const char* name, const char* abbrev, uint64_t mask) {
  return {.name = name,
          .abbrev = abbrev,
          .type = FT::kBoolean,
          .bitmask = mask,
          .tf = &kYesNo,
          .bits = 32};
}
constexpr FieldDef uint32_field(const char* name, const char* abbrev, const char* blurb = "") {
  return {.name = name, .abbrev = abbrev, .type = FT::kUint32, .base = Base::kDec, .blurb = blurb};
}
constexpr FieldDef uint64_field(const char* name, const char* abbrev) {
  return {.name = name, .abbrev = abbrev, .type = FT::kUint64, .base = Base::kDec};
}
constexpr FieldDef time_field(const char* name, const char* abbrev, const char* blurb) {
  return {.name = name,
          .abbrev = abbrev,
          .type = FT::kAbsTime,
          .base = Base::kAbsLocal,
          .blurb = blurb};
}

const FieldReg kFields[] = {
    {&text, {.name = "Text", .abbrev = "nfs.text", .type = FT::kNone}},
    {&procedure_v2,
     {.name = "V2 Procedure",
      .abbrev = "nfs.procedure_v2",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kProceduresV2}},
    {&procedure_v3,
     {.name = "V3 Procedure",
      .abbrev = "nfs.procedure_v3",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kProceduresV3}},
    {&fh_length, uint32_field("length", "nfs.fh.length", "file handle length")},
    {&fh_hash,
     {.name = "hash (CRC-32)",
      .abbrev = "nfs.fh.hash",
      .type = FT::kUint32,
      .base = Base::kHex,
      .blurb = "file handle hash"}},
    {&fhandle,
     {.name = "FileHandle",
      .abbrev = "nfs.fhandle",
      .type = FT::kBytes,
      .blurb = "Opaque nfs filehandle"}},
    {&status3,
     {.name = "Status",
      .abbrev = "nfs.status3",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kStatus3,
      .blurb = "Reply status"}},
    {&status,
     {.name = "Status",
      .abbrev = "nfs.status",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kStatusNames,
      .blurb = "Reply status"}},
    {&fattr3_type,
     {.name = "Type",
      .abbrev = "nfs.fattr3.type",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kFileTypes3}},
    {&mode3, {.name = "Mode", .abbrev = "nfs.mode3", .type = FT::kUint32, .base = Base::kOct}},
    {&mode3_suid, mode_bit("S_ISUID", "nfs.mode3.suid", 04000)},
    {&mode3_sgid, mode_bit("S_ISGID", "nfs.mode3.sgid", 02000)},
    {&mode3_sticky, mode_bit("S_ISVTX", "nfs.mode3.sticky", 01000)},
    {&mode3_rusr, mode_bit("S_IRUSR", "nfs.mode3.rusr", 0400)},
    {&mode3_wusr, mode_bit("S_IWUSR", "nfs.mode3.wusr", 0200)},
    {&mode3_xusr, mode_bit("S_IXUSR", "nfs.mode3.xusr", 0100)},
    {&mode3_rgrp, mode_bit("S_IRGRP", "nfs.mode3.rgrp", 040)},
    {&mode3_wgrp, mode_bit("S_IWGRP", "nfs.mode3.wgrp", 020)},
    {&mode3_xgrp, mode_bit("S_IXGRP", "nfs.mode3.xgrp", 010)},
    {&mode3_roth, mode_bit("S_IROTH", "nfs.mode3.roth", 04)},
    {&mode3_woth, mode_bit("S_IWOTH", "nfs.mode3.woth", 02)},
    {&mode3_xoth, mode_bit("S_IXOTH", "nfs.mode3.xoth", 01)},
    {&fattr3_nlink, uint32_field("nlink", "nfs.fattr3.nlink")},
    {&fattr3_uid, uint32_field("uid", "nfs.fattr3.uid")},
    {&fattr3_gid, uint32_field("gid", "nfs.fattr3.gid")},
    {&fattr3_size, uint64_field("size", "nfs.fattr3.size")},
    {&fattr3_used, uint64_field("used", "nfs.fattr3.used")},
    {&specdata1, uint32_field("specdata1", "nfs.specdata1")},
    {&specdata2, uint32_field("specdata2", "nfs.specdata2")},
    {&fattr3_fsid,
     {.name = "fsid", .abbrev = "nfs.fattr3.fsid", .type = FT::kUint64, .base = Base::kHexDec}},
    {&fattr3_fileid, uint64_field("fileid", "nfs.fattr3.fileid")},
    {&atime, time_field("atime", "nfs.atime", "Access Time")},
    {&atime_sec, uint32_field("seconds", "nfs.atime.sec", "Access Time, Seconds")},
    {&atime_nsec, uint32_field("nano seconds", "nfs.atime.nsec", "Access Time, Nano-seconds")},
    {&mtime, time_field("mtime", "nfs.mtime", "Modify Time")},
    {&mtime_sec, uint32_field("seconds", "nfs.mtime.sec", "Modify Seconds")},
    {&mtime_nsec, uint32_field("nano seconds", "nfs.mtime.nsec", "Modify Time, Nano-seconds")},
    {&ctime, time_field("ctime", "nfs.ctime", "Creation Time")},
    {&ctime_sec, uint32_field("seconds", "nfs.ctime.sec", "Creation Time, Seconds")},
    {&ctime_nsec, uint32_field("nano seconds", "nfs.ctime.nsec", "Creation Time, Nano-seconds")},
    {&offset3, uint64_field("offset", "nfs.offset3")},
    {&count3, uint32_field("count", "nfs.count3")},
    {&write_stable,
     {.name = "Stable",
      .abbrev = "nfs.write.stable",
      .type = FT::kUint32,
      .base = Base::kDec,
      .values = kStableHow}},
    {&data, {.name = "Data", .abbrev = "nfs.data", .type = FT::kBytes}},
};

int add_text(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len,
             std::string_view label) {
  int n = pkt.tree.add(parent, text, r, off, len, Value{});
  pkt.set_label(n, label);
  return n;
}

void append_to_label(Packet& pkt, int n, std::string_view more) {
  if (!pkt.labels) return;
  const char* old = pkt.tree[n].label;
  std::string label = old ? old : registry().info(pkt.tree[n].field).def.name;
  label += more;
  pkt.set_label(n, label);
}

// nfs_fh3: a length and opaque bytes, named by the argument; returns the offset after it and
// the handle's CRC-32 (0 for an empty handle) in `hash`.
size_t add_fh3(Packet& pkt, int parent, const ByteReader& r, size_t off, const char* name,
               uint32_t& hash) {
  uint32_t len = r.u32(off);
  size_t padded = (size_t{len} + 3) & ~size_t{3};
  int tree = add_text(pkt, parent, r, off, 4 + padded, name);
  pkt.add_uint(tree, fh_length, r, off, 4, len);
  hash = 0;
  if (len == 0) return off + 4;
  const uint8_t* p = r.ptr(off + 4, len);
  hash = static_cast<uint32_t>(::crc32(0, p, len));
  pkt.tree.add(tree, fh_hash, r, off + 4, len, Value::of_uint(hash), kGenerated);
  pkt.add_item(tree, fhandle, r, off + 4, len);
  return off + 4 + padded;
}

// nfstime3: seconds and nanoseconds, as one absolute time with both below it.
size_t add_time(Packet& pkt, int parent, const ByteReader& r, size_t off, FieldId t, FieldId sec,
                FieldId nsec) {
  uint32_t s = r.u32(off), ns = r.u32(off + 4);
  int n = pkt.tree.add(parent, t, r, off, 8,
                       Value::of_int(int64_t{s} * 1000000000 + int64_t{ns}));
  pkt.add_uint(n, sec, r, off, 4, s);
  pkt.add_uint(n, nsec, r, off + 4, 4, ns);
  return off + 8;
}

// fattr3 (RFC 1813 section 2.6): the attributes under a subtree named `name`; the subtree
// and its parent get a summary of type, mode and owner, and so does the Info column.
size_t add_fattr3(Packet& pkt, int parent, const ByteReader& r, size_t off, const char* name) {
  size_t start = off;
  int tree = add_text(pkt, parent, r, off, 0, name);
  uint32_t type = r.u32(off);
  pkt.add_uint(tree, fattr3_type, r, off, 4, type);
  off += 4;
  uint32_t mode = r.u32(off);
  int m = pkt.add_uint(tree, mode3, r, off, 4, mode);
  std::initializer_list<FieldId> bits = {mode3_suid, mode3_sgid, mode3_sticky, mode3_rusr,
                                         mode3_wusr, mode3_xusr, mode3_rgrp,   mode3_wgrp,
                                         mode3_xgrp, mode3_roth, mode3_woth,   mode3_xoth};
  for (FieldId b : bits) pkt.add_item(m, b, r, off, 4);
  if (pkt.labels) {
    std::string label;
    append_format(label, "Mode: 0{:o}", mode);
    if (mode == 0) label = "Mode: 0";
    append_bitmask_title(label, mode, bits);
    pkt.set_label(m, label);
  }
  off += 4;
  off = rpc::add_uint32(pkt, tree, fattr3_nlink, r, off);
  uint32_t uid = r.u32(off);
  off = rpc::add_uint32(pkt, tree, fattr3_uid, r, off);
  uint32_t gid = r.u32(off);
  off = rpc::add_uint32(pkt, tree, fattr3_gid, r, off);
  off = rpc::add_uint64(pkt, tree, fattr3_size, r, off);
  off = rpc::add_uint64(pkt, tree, fattr3_used, r, off);
  uint32_t d1 = r.u32(off), d2 = r.u32(off + 4);
  std::string rdev;
  append_format(rdev, "rdev: {},{}", d1, d2);
  int dev = add_text(pkt, tree, r, off, 8, rdev);
  pkt.add_uint(dev, specdata1, r, off, 4, d1);
  pkt.add_uint(dev, specdata2, r, off + 4, 4, d2);
  off += 8;
  off = rpc::add_uint64(pkt, tree, fattr3_fsid, r, off);
  off = rpc::add_uint64(pkt, tree, fattr3_fileid, r, off);
  off = add_time(pkt, tree, r, off, atime, atime_sec, atime_nsec);
  off = add_time(pkt, tree, r, off, mtime, mtime_sec, mtime_nsec);
  off = add_time(pkt, tree, r, off, ctime, ctime_sec, ctime_nsec);
  pkt.tree[tree].length = static_cast<uint32_t>(off - start);

  std::string summary = "  ";
  if (const char* n = value_name(kFileTypes3, type))
    summary += n;
  else
    append_format(summary, "Unknown Type: 0x{:x}", type);
  append_format(summary, " mode: {:04o} uid: {} gid: {}", mode & kModePermissionBits,
                static_cast<int32_t>(uid), static_cast<int32_t>(gid));
  if (pkt.cols.enabled) pkt.cols.append_info(summary);
  append_to_label(pkt, tree, summary);
  append_to_label(pkt, parent, summary);
  return off;
}

size_t dissect_getattr(const ByteReader& r, Packet& pkt, int tree, const rpc::CallInfo& call) {
  if (call.request) {
    uint32_t hash = 0;
    size_t off = add_fh3(pkt, tree, r, 0, "object", hash);
    std::string text;
    append_format(text, ", FH: 0x{:08x}", hash);
    if (pkt.cols.enabled) pkt.cols.append_info(text);
    text.clear();
    append_format(text, ", GETATTR Call FH: 0x{:08x}", hash);
    append_to_label(pkt, tree, text);
    return off;
  }
  append_to_label(pkt, tree, ", GETATTR Reply");
  uint32_t st = r.u32(0);
  pkt.add_uint(tree, status3, r, 0, 4, st);
  pkt.tree.add(tree, status, r, 0, 4, Value::of_uint(st), kHidden);
  if (st == kNfs3Ok) return add_fattr3(pkt, tree, r, 4, "obj_attributes");
  std::string err;
  if (const char* n = value_name(kStatus3, st))
    err = n;
  else
    append_format(err, "Unknown error: {}", st);
  if (pkt.cols.enabled) pkt.cols.append_info(" Error: " + err);
  append_to_label(pkt, tree, "  Error: " + err);
  return 4;
}

// WRITE3args (RFC 1813 section 3.3.7): file, offset, count, stability, data.
size_t dissect_write_call(const ByteReader& r, Packet& pkt, int tree) {
  uint32_t hash = 0;
  size_t off = add_fh3(pkt, tree, r, 0, "file", hash);
  uint64_t at = r.u64(off);
  off = rpc::add_uint64(pkt, tree, offset3, r, off);
  uint32_t len = r.u32(off);
  off = rpc::add_uint32(pkt, tree, count3, r, off);
  uint32_t stable = r.u32(off);
  off = rpc::add_uint32(pkt, tree, write_stable, r, off);
  std::string text;
  append_format(text, "FH: 0x{:08x} Offset: {} Len: {} ", hash, at, len);
  if (const char* n = value_name(kStableHow, stable))
    text += n;
  else
    append_format(text, "Stable: {}", stable);
  if (pkt.cols.enabled) pkt.cols.append_info(", " + text);
  append_to_label(pkt, tree, ", WRITE Call " + text);
  return rpc::add_string(pkt, tree, data, r, off);
}

const char* procedure_name(uint32_t version, uint32_t proc) {
  if (version == 2) return value_name(kProceduresV2, proc);
  if (version == 3) return value_name(kProceduresV3, proc);
  return nullptr;
}

FieldId procedure_field(uint32_t version) {
  return version == 2 ? procedure_v2 : version == 3 ? procedure_v3 : kNoField;
}

size_t dissect_nfs(const ByteReader& r, Packet& pkt, int tree, const rpc::CallInfo& call) {
  if (call.version != 3) return 0;
  if (call.procedure == kGetattr) return dissect_getattr(r, pkt, tree, call);
  if (call.procedure == kWrite && call.request) return dissect_write_call(r, pkt, tree);
  return 0;
}

}  // namespace

void register_nfs() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Network File System", "NFS", "nfs"});
  reg.add_fields(proto, kFields);
  rpc::register_program({.number = kNfsProgram,
                         .name = "NFS",
                         .proto = proto,
                         .procedure_name = procedure_name,
                         .procedure_field = procedure_field,
                         .dissect = dissect_nfs});
}

}  // namespace netsift
