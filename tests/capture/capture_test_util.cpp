#include "capture_test_util.h"

#include <zlib.h>

#include <cstdio>
#include <stdexcept>

#include "capture/byte_source.h"
#include "capture/open_capture.h"

namespace netsift::test {

Bytes& Bytes::u8(uint8_t x) {
  v.push_back(x);
  return *this;
}
Bytes& Bytes::u16(uint16_t x) {
  if (big) {
    v.push_back(uint8_t(x >> 8));
    v.push_back(uint8_t(x));
  } else {
    v.push_back(uint8_t(x));
    v.push_back(uint8_t(x >> 8));
  }
  return *this;
}
Bytes& Bytes::u32(uint32_t x) {
  return big ? u16(uint16_t(x >> 16)).u16(uint16_t(x)) : u16(uint16_t(x)).u16(uint16_t(x >> 16));
}
Bytes& Bytes::u64(uint64_t x) {
  return big ? u32(uint32_t(x >> 32)).u32(uint32_t(x)) : u32(uint32_t(x)).u32(uint32_t(x >> 32));
}
Bytes& Bytes::raw(const std::vector<uint8_t>& b) {
  v.insert(v.end(), b.begin(), b.end());
  return *this;
}
Bytes& Bytes::str(const std::string& s) {
  v.insert(v.end(), s.begin(), s.end());
  return *this;
}
Bytes& Bytes::pad4() {
  while (v.size() % 4) v.push_back(0);
  return *this;
}

std::vector<uint8_t> payload(size_t n, uint8_t seed) {
  std::vector<uint8_t> p(n);
  for (size_t i = 0; i < n; ++i) p[i] = uint8_t(seed + i);
  return p;
}

std::vector<uint8_t> make_pcap(bool big, bool nsec, uint32_t snaplen, uint32_t linktype,
                               const std::vector<PcapRecord>& records) {
  Bytes b{{}, big};
  b.u32(nsec ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(snaplen).u32(linktype);
  for (const auto& r : records) {
    b.u32(r.sec)
        .u32(r.sub)
        .u32(uint32_t(r.data.size()))
        .u32(r.len ? r.len : uint32_t(r.data.size()));
    b.raw(r.data);
  }
  return b.v;
}

Option text_option(uint16_t code, const std::string& s) {
  return {code, std::vector<uint8_t>(s.begin(), s.end())};
}
Option u32_option(uint16_t code, uint32_t v, bool big) {
  return {code, Bytes{{}, big}.u32(v).v};
}

PcapngBuilder& PcapngBuilder::block(uint32_t type, const std::vector<uint8_t>& body,
                                    const std::vector<Option>& options) {
  Bytes inner{body, big};
  inner.pad4();
  if (!options.empty()) {
    for (const auto& o : options)
      inner.u16(o.code).u16(uint16_t(o.value.size())).raw(o.value).pad4();
    inner.u32(0);
  }
  uint32_t total = uint32_t(inner.v.size() + 12);
  Bytes b{{}, big};
  b.u32(type).u32(total).raw(inner.v).u32(total);
  out.insert(out.end(), b.v.begin(), b.v.end());
  return *this;
}
PcapngBuilder& PcapngBuilder::shb(bool big_endian, const std::vector<Option>& options) {
  big = big_endian;
  return block(0x0A0D0D0A, Bytes{{}, big}.u32(0x1A2B3C4D).u16(1).u16(0).u64(~0ull).v, options);
}
PcapngBuilder& PcapngBuilder::idb(uint16_t linktype, uint32_t snaplen,
                                  const std::vector<Option>& options) {
  return block(1, Bytes{{}, big}.u16(linktype).u16(0).u32(snaplen).v, options);
}
PcapngBuilder& PcapngBuilder::epb(uint32_t iface, uint64_t ticks, const std::vector<uint8_t>& data,
                                  uint32_t len, const std::vector<Option>& options) {
  Bytes b{{}, big};
  b.u32(iface).u32(uint32_t(ticks >> 32)).u32(uint32_t(ticks)).u32(uint32_t(data.size()));
  b.u32(len ? len : uint32_t(data.size())).raw(data);
  return block(6, b.v, options);
}
PcapngBuilder& PcapngBuilder::opb(uint16_t iface, uint64_t ticks, const std::vector<uint8_t>& data,
                                  const std::vector<Option>& options) {
  Bytes b{{}, big};
  b.u16(iface).u16(0).u32(uint32_t(ticks >> 32)).u32(uint32_t(ticks)).u32(uint32_t(data.size()));
  b.u32(uint32_t(data.size())).raw(data);
  return block(2, b.v, options);
}
PcapngBuilder& PcapngBuilder::spb(uint32_t len, const std::vector<uint8_t>& data) {
  return block(3, Bytes{{}, big}.u32(len).raw(data).v);
}

std::vector<uint8_t> gzip(const std::vector<uint8_t>& in) {
  z_stream s{};
  if (deflateInit2(&s, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::vector<uint8_t> out(deflateBound(&s, uLong(in.size())) + 64);
  s.next_in = const_cast<Bytef*>(in.data());
  s.avail_in = uInt(in.size());
  s.next_out = out.data();
  s.avail_out = uInt(out.size());
  if (deflate(&s, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

std::unique_ptr<CaptureReader> open_bytes(const std::vector<uint8_t>& bytes) {
  return open_capture_stream(std::make_unique<MemorySource>(bytes));
}

ReadResult read_all(CaptureReader& reader) {
  ReadResult r;
  CapturedFrame f;
  try {
    while (reader.next(f)) {
      r.frames.push_back(FrameCopy{f.ts, f.caplen, f.len, f.interface_id, f.linktype,
                                   std::vector<uint8_t>(f.data, f.data + f.caplen),
                                   std::vector<std::string>(f.comments.begin(), f.comments.end()),
                                   f.pack_flags, f.has_pack_flags, f.file_offset});
    }
  } catch (const CaptureError& e) {
    r.failed = true;
    r.error = e.what();
    r.error_frame = e.frame;
    r.error_offset = e.offset;
  }
  return r;
}

std::string tshark_epoch(const Timestamp& ts) {
  // wiretap keeps nsecs in an int; tshark prints a negative one as "-secs.(-nsecs)".
  int32_t nsec = static_cast<int32_t>(ts.nsec);
  char buf[64];
  if (nsec < 0) {
    std::snprintf(buf, sizeof buf, "-%lld.%09u", static_cast<long long>(ts.sec),
                  0u - static_cast<uint32_t>(nsec));
  } else {
    std::snprintf(buf, sizeof buf, "%lld.%09d", static_cast<long long>(ts.sec), nsec);
  }
  return buf;
}

}  // namespace netsift::test
