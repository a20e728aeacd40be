// The few error texts shared by the readers. Each is the tail of tshark's sentence
// `The file "X" <text>`, so a front end can print them exactly as tshark does.
#pragma once

#include <string>

#include "capture/capture_reader.h"

namespace netsift {

inline constexpr const char* kCutShort =
    "appears to have been cut short in the middle of a packet.";
inline constexpr const char* kNotCapture = "isn't a capture file in a format TShark understands.";

// "appears to be damaged or corrupt.\n(<detail>)"
[[noreturn]] inline void throw_damaged(const std::string& detail, uint64_t frame, uint64_t offset) {
  throw CaptureError("appears to be damaged or corrupt.\n(" + detail + ")", frame, offset);
}
// "contains record data that TShark doesn't support.\n(<detail>)" (WTAP_ERR_UNSUPPORTED)
[[noreturn]] inline void throw_unsupported(const std::string& detail, uint64_t frame,
                                           uint64_t offset) {
  throw CaptureError("contains record data that TShark doesn't support.\n(" + detail + ")", frame,
                     offset);
}
[[noreturn]] inline void throw_cut_short(uint64_t frame, uint64_t offset) {
  throw CaptureError(kCutShort, frame, offset);
}

// The whole message for an error reading `path`: tshark's sentence (`The file "x" appears to be
// damaged or corrupt.` and its detail line), then where the damage is, which tshark does not say:
// `(frame 12, byte offset 3000)`.
inline std::string describe_capture_error(const CaptureError& e, const std::string& path) {
  if (dynamic_cast<const FileError*>(&e)) return e.what();
  std::string text = "The file \"" + path + "\" " + e.what();
  if (e.frame)
    text += "\n(frame " + std::to_string(e.frame) + ", byte offset " + std::to_string(e.offset) +
            ")";
  return text;
}

// Errors raised below the reader (I/O, gzip) carry no position; give them the reader's.
[[noreturn]] inline void rethrow_positioned(const CaptureError& e, uint64_t frame,
                                            uint64_t offset) {
  if (e.frame == 0 && e.offset == 0) throw CaptureError(e.what(), frame, offset);
  throw e;
}

}  // namespace netsift
