// Bounds-checked, zero-copy view of packet bytes: the only way dissectors read data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace netsift {

// Thrown when a read goes past the bytes a reader holds. As in Wireshark there are two cases:
// the bytes exist on the wire but were cut by the snapshot length (`beyond_capture`), or the
// packet itself claims fewer bytes than the protocol needs (malformed).
struct BoundsError {
  bool beyond_capture;
};

class ByteReader {
 public:
  ByteReader() = default;
  // `captured` bytes are available at `data`; the packet claims `reported` bytes (>= captured).
  ByteReader(const uint8_t* data, size_t captured, size_t reported, uint32_t origin = 0,
             uint16_t source = 0)
      : data_(data),
        captured_(captured),
        reported_(reported < captured ? captured : reported),
        origin_(origin),
        source_(source) {}

  size_t size() const { return captured_; }
  size_t reported_size() const { return reported_; }
  bool truncated() const { return captured_ < reported_; }
  // Offset of byte 0 of this view within its data source (for tree offsets and hex dumps).
  uint32_t origin() const { return origin_; }
  uint16_t source() const { return source_; }
  const uint8_t* data() const { return data_; }

  bool has(size_t off, size_t n) const { return off <= captured_ && n <= captured_ - off; }
  void need(size_t off, size_t n) const {
    if (!has(off, n)) fail(off, n);
  }
  [[noreturn]] void fail(size_t off, size_t n) const {
    bool within_reported = off <= reported_ && n <= reported_ - off;
    throw BoundsError{within_reported};
  }

  const uint8_t* ptr(size_t off, size_t n) const {
    need(off, n);
    return data_ + off;
  }
  uint8_t u8(size_t off) const { return *ptr(off, 1); }
  uint16_t u16(size_t off) const { return be(ptr(off, 2), 2); }
  uint32_t u24(size_t off) const { return be(ptr(off, 3), 3); }
  uint32_t u32(size_t off) const { return be(ptr(off, 4), 4); }
  uint64_t u64(size_t off) const { return be(ptr(off, 8), 8); }
  uint16_t u16le(size_t off) const { return le(ptr(off, 2), 2); }
  uint32_t u32le(size_t off) const { return le(ptr(off, 4), 4); }
  uint64_t u64le(size_t off) const { return le(ptr(off, 8), 8); }
  // Big-endian unsigned integer of 1..8 bytes.
  uint64_t uint(size_t off, size_t n) const { return be(ptr(off, n), n); }
  uint64_t uint_le(size_t off, size_t n) const { return le(ptr(off, n), n); }
  std::string_view text(size_t off, size_t n) const {
    return {reinterpret_cast<const char*>(ptr(off, n)), n};
  }

  // The `len` bytes from `off`: the sub-view must lie within the reported length; its captured
  // part is whatever of it was captured.
  ByteReader sub(size_t off, size_t len) const {
    if (off > reported_ || len > reported_ - off) fail(off, len);
    size_t cap = off >= captured_ ? 0 : (captured_ - off < len ? captured_ - off : len);
    return ByteReader(data_ + (off < captured_ ? off : captured_), cap, len,
                      origin_ + static_cast<uint32_t>(off), source_);
  }
  // Everything from `off` to the end.
  ByteReader sub(size_t off) const {
    if (off > reported_) fail(off, 0);
    return sub(off, reported_ - off);
  }
  // Bytes remaining after `off` that were captured (0 when none).
  size_t remaining(size_t off) const { return off < captured_ ? captured_ - off : 0; }
  size_t reported_remaining(size_t off) const { return off < reported_ ? reported_ - off : 0; }

 private:
  static uint64_t be(const uint8_t* p, size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
    return v;
  }
  static uint64_t le(const uint8_t* p, size_t n) {
    uint64_t v = 0;
    for (size_t i = n; i-- > 0;) v = (v << 8) | p[i];
    return v;
  }

  const uint8_t* data_ = nullptr;
  size_t captured_ = 0;
  size_t reported_ = 0;
  uint32_t origin_ = 0;
  uint16_t source_ = 0;
};

}  // namespace netsift
