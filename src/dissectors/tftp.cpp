// Trivial File Transfer Protocol (RFC 1350; options RFC 2347-2349, udp.port 69) as tshark 4.0
// dissects it in one pass: requests, data, acknowledgements, errors and option acknowledgements.
// A request announces its UDP conversation (dissectors/udp_conversations.h), so the transfer on
// the server's new port is TFTP too; the transfer remembers its request (file name, frame), the
// negotiated block size (to mark the last block) and the block-number wraps. Not implemented:
// reassembly of the transferred file, the MSDP information opcode (255), tsize-probe experts.
#include <fmt/format.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/expert.h"
#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/protocol_state.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/udp_conversations.h"

namespace netsift {

namespace {

constexpr uint16_t kPortTftp = 69;
constexpr uint32_t kDefaultBlockSize = 512;

enum Opcode : uint16_t {
  kReadRequest = 1,
  kWriteRequest = 2,
  kData = 3,
  kAck = 4,
  kError = 5,
  kOptionAck = 6,
};

FieldId proto, opcode, source_file, destination_file, request_frame, type, block, block_full,
    error_code, error_message, option_name, option_value, data, error_expert;

constexpr ValueName kOpcodes[] = {{1, "Read Request"},        {2, "Write Request"},
                                  {3, "Data Packet"},         {4, "Acknowledgement"},
                                  {5, "Error Code"},          {6, "Option Acknowledgement"},
                                  {255, "Information (MSDP)"}};
constexpr ValueName kErrorCodes[] = {{0, "Not defined"},
                                     {1, "File not found"},
                                     {2, "Access violation"},
                                     {3, "Disk full or allocation exceeded"},
                                     {4, "Illegal TFTP Operation"},
                                     {5, "Unknown transfer ID"},
                                     {6, "File already exists"},
                                     {7, "No such user"},
                                     {8, "Option negotiation failed"}};

using FT = FieldType;
const FieldReg kFields[] = {
    {&opcode,
     {.name = "Opcode",
      .abbrev = "tftp.opcode",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kOpcodes,
      .blurb = "TFTP message type"}},
    {&source_file,
     {.name = "Source File",
      .abbrev = "tftp.source_file",
      .type = FT::kStringz,
      .blurb = "TFTP source file name"}},
    {&destination_file,
     {.name = "Destination File",
      .abbrev = "tftp.destination_file",
      .type = FT::kStringz,
      .blurb = "TFTP destination file name"}},
    {&request_frame,
     {.name = "Request frame",
      .abbrev = "tftp.request_frame",
      .type = FT::kFrameNum,
      .blurb = "TFTP request is in frame"}},
    {&type,
     {.name = "Type", .abbrev = "tftp.type", .type = FT::kStringz, .blurb = "TFTP transfer type"}},
    {&block,
     {.name = "Block",
      .abbrev = "tftp.block",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Block number"}},
    {&block_full,
     {.name = "Full Block Number",
      .abbrev = "tftp.block.full",
      .type = FT::kUint32,
      .base = Base::kDec,
      .blurb = "Block number, adjusted for wrapping"}},
    {&error_code,
     {.name = "Error code",
      .abbrev = "tftp.error.code",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kErrorCodes,
      .blurb = "Error code in case of TFTP error message"}},
    {&error_message,
     {.name = "Error message",
      .abbrev = "tftp.error.message",
      .type = FT::kStringz,
      .blurb = "Error string in case of TFTP error message"}},
    {&option_name, {.name = "Option name", .abbrev = "tftp.option.name", .type = FT::kStringz}},
    {&option_value, {.name = "Option value", .abbrev = "tftp.option.value", .type = FT::kStringz}},
    {&data, {.name = "Data", .abbrev = "tftp.data", .type = FT::kBytes}},
    {&error_expert, {.name = "TFTP ERROR packet", .abbrev = "tftp.error", .type = FT::kNone}},
};

// What a transfer has established so far (tshark's tftp_conv_info_t).
struct TftpTransfer {
  uint64_t request_frame = 0;  // 0: no request seen
  uint16_t request_opcode = 0;
  std::string file;
  uint32_t block_size = kDefaultBlockSize;
  uint16_t last_block = 0;
  uint32_t wraps = 0;  // times the 16-bit block number went from 65535 back to 0
};

struct TftpTransfers {
  std::unordered_map<uint32_t, TftpTransfer> by_conversation;
};

// A NUL-terminated string at `off`: its length without the NUL. Throws (malformed) when the
// packet ends first, as tshark's stringz items do.
size_t stringz_length(const ByteReader& r, size_t off) {
  for (size_t i = off;; ++i)
    if (r.u8(i) == 0) return i - off;
}

// Adds the string at `off` as field `f`; returns the offset after its NUL.
size_t add_stringz(Packet& pkt, int tree, FieldId f, const ByteReader& r, size_t off,
                   std::string_view* text = nullptr) {
  size_t len = stringz_length(r, off);
  pkt.add_item(tree, f, r, off, len + 1);
  if (text) *text = r.text(off, len);
  return off + len + 1;
}

// Option name/value pairs up to the end (RFC 2347), each in its own subtree and in Info.
void add_options(Packet& pkt, int tree, const ByteReader& r, size_t off, TftpTransfer* transfer) {
  while (off < r.reported_size()) {
    size_t name_len = stringz_length(r, off);
    size_t value_off = off + name_len + 1;
    size_t value_len = stringz_length(r, value_off);
    std::string_view name = r.text(off, name_len), value = r.text(value_off, value_len);
    int n = pkt.tree.add(tree, kNoField, r, off, name_len + value_len + 2, Value{});
    if (pkt.labels) pkt.set_label(n, fmt::format("Option: {} = {}", name, value));
    pkt.add_item(n, option_name, r, off, name_len + 1);
    pkt.add_item(n, option_value, r, value_off, value_len + 1);
    if (pkt.cols.enabled) {
      pkt.cols.append_info(", ");
      append_formatted_text(pkt.cols.info, name);
      pkt.cols.append_info("=");
      append_formatted_text(pkt.cols.info, value);
    }
    // RFC 2348: the block size the server acknowledges holds for the transfer.
    if (transfer && name == "blksize") {
      std::string digits(value);
      transfer->block_size = static_cast<uint32_t>(std::strtoul(digits.c_str(), nullptr, 10));
    }
    off = value_off + value_len + 1;
  }
}

void add_request(Packet& pkt, int tree, const ByteReader& r, uint16_t op, TftpTransfer& transfer) {
  std::string_view file, mode;
  size_t off =
      add_stringz(pkt, tree, op == kReadRequest ? source_file : destination_file, r, 2, &file);
  if (pkt.cols.enabled) append_format(pkt.cols.info, ", File: {}", file);
  off = add_stringz(pkt, tree, type, r, off, &mode);
  if (pkt.cols.enabled) {
    pkt.cols.append_info(", Transfer type: ");
    append_formatted_text(pkt.cols.info, mode);
  }
  transfer = TftpTransfer{};
  transfer.request_frame = pkt.number;
  transfer.request_opcode = op;
  transfer.file.assign(file);
  add_options(pkt, tree, r, off, nullptr);
}

// The request this packet's transfer started with, as tshark shows it on every later packet.
void add_request_reference(Packet& pkt, int tree, const TftpTransfer& transfer) {
  if (transfer.request_frame == 0) return;
  pkt.add_generated_string(tree, destination_file, transfer.file);
  int n = pkt.add_generated_uint(tree, request_frame, transfer.request_frame);
  if (pkt.labels)
    pkt.set_label(
        n, fmt::format("{} in frame {}",
                       transfer.request_opcode == kReadRequest ? "Read Request" : "Write Request",
                       transfer.request_frame));
}

// The block number and its unwrapped value: a block number lower than the previous one after
// 65535 starts the next round of 65536 blocks.
uint16_t add_block(Packet& pkt, int tree, const ByteReader& r, TftpTransfer& transfer) {
  uint16_t b = r.u16(2);
  pkt.add_item(tree, block, r, 2, 2);
  if (b == 0 && transfer.last_block == 0xffff) ++transfer.wraps;
  transfer.last_block = b;
  pkt.add_generated_uint(tree, block_full, uint64_t{transfer.wraps} * 65536 + b);
  if (pkt.cols.enabled) append_format(pkt.cols.info, ", Block: {}", b);
  return b;
}

size_t dissect_tftp(const ByteReader& r, Packet& pkt, int parent) {
  uint32_t conversation = pkt.dst_port == kPortTftp ? udp_expect_conversation(pkt, dissect_tftp)
                                                    : udp_expected_conversation(pkt).id;
  TftpTransfer unattached;  // without a session (fuzzing) nothing carries over
  TftpTransfer& transfer =
      pkt.session ? pkt.session->state<TftpTransfers>().by_conversation[conversation] : unattached;
  uint16_t op = r.u16(0);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("TFTP");
    const char* name = value_name(kOpcodes, op);
    pkt.cols.set_info(name ? name : fmt::format("Unknown (0x{:04x})", op));
  }
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.add_item(tree, opcode, r, 0, 2);
  switch (op) {
    case kReadRequest:
    case kWriteRequest:
      add_request(pkt, tree, r, op, transfer);
      return r.reported_size();
    case kOptionAck:
      add_request_reference(pkt, tree, transfer);
      add_options(pkt, tree, r, 2, &transfer);
      return r.reported_size();
    case kAck:
      add_request_reference(pkt, tree, transfer);
      add_block(pkt, tree, r, transfer);
      return r.reported_size();
    case kData: {
      add_request_reference(pkt, tree, transfer);
      add_block(pkt, tree, r, transfer);
      ByteReader payload = r.sub(4);
      if (pkt.cols.enabled && payload.reported_size() < transfer.block_size)
        pkt.cols.append_info(" (last)");
      pkt.tree[tree].length = 4;
      return 4 + pkt.call_data(payload, parent);
    }
    case kError: {
      add_request_reference(pkt, tree, transfer);
      uint16_t code = r.u16(2);
      pkt.add_item(tree, error_code, r, 2, 2);
      std::string_view message;
      add_stringz(pkt, tree, error_message, r, 4, &message);
      if (pkt.cols.enabled) {
        const char* name = value_name(kErrorCodes, code);
        append_format(pkt.cols.info, ", Code: {}, Message: ",
                       name ? std::string(name) : fmt::format("Unknown (0x{:02x})", code));
        append_formatted_text(pkt.cols.info, message);
      }
      add_expert(pkt, tree, error_expert, r, 0, r.size(), "TFTP ERROR packet", kExpertWarn,
                 kGroupResponse);
      return r.reported_size();
    }
    default:
      if (r.reported_size() > 2) pkt.add_item(tree, data, r, 2, r.size() - 2);
      return r.reported_size();
  }
}

}  // namespace

void register_tftp() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Trivial File Transfer Protocol", "TFTP", "tftp"});
  reg.add_fields(proto, kFields);
  register_protocol_state<TftpTransfers>(StateScope::kCapture);
  tables::udp_port().add(kPortTftp, dissect_tftp, "tftp");
}

}  // namespace netsift
