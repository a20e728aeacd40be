#include "analysis/http2_hpack.h"

#include <nghttp2/nghttp2.h>

#include <new>

namespace netsift {

const char* hpack_repr_name(HpackRepr r) {
  switch (r) {
    case HpackRepr::kNone:
      return "";
    case HpackRepr::kIndexed:
      return "Indexed Header Field";
    case HpackRepr::kIncrementalIndexedName:
      return "Literal Header Field with Incremental Indexing - Indexed Name";
    case HpackRepr::kIncrementalNewName:
      return "Literal Header Field with Incremental Indexing - New Name";
    case HpackRepr::kWithoutIndexingIndexedName:
      return "Literal Header Field without Indexing - Indexed Name";
    case HpackRepr::kWithoutIndexingNewName:
      return "Literal Header Field without Indexing - New Name";
    case HpackRepr::kNeverIndexedIndexedName:
      return "Literal Header Field never Indexed - Indexed Name";
    case HpackRepr::kNeverIndexedNewName:
      return "Literal Header Field never Indexed - New Name";
    case HpackRepr::kTableSizeUpdate:
      return "Maximum Header Table Size Change";
  }
  return "";
}

void HpackDecoder::Deleter::operator()(nghttp2_hd_inflater* p) const {
  nghttp2_hd_inflate_del(p);
}

HpackDecoder::HpackDecoder() {
  nghttp2_hd_inflater* p = nullptr;
  if (nghttp2_hd_inflate_new(&p) != 0) throw std::bad_alloc();
  inflater_.reset(p);
}
HpackDecoder::~HpackDecoder() = default;
HpackDecoder::HpackDecoder(HpackDecoder&&) noexcept = default;
HpackDecoder& HpackDecoder::operator=(HpackDecoder&&) noexcept = default;

void HpackDecoder::change_table_size(uint32_t size) {
  nghttp2_hd_inflate_change_table_size(inflater_.get(), size);
}

// An HPACK integer with an N-bit prefix (RFC 7541 section 5.1), possibly continued from an
// earlier fragment. Returns the position after the bytes read.
size_t HpackDecoder::read_integer(std::span<const uint8_t> b, size_t p, unsigned prefix) {
  const uint32_t limit = (1u << prefix) - 1;
  if (repr_.integer == 0 && repr_.shift == 0) {
    if ((b[p] & limit) != limit) {
      repr_.integer = b[p] & limit;
      repr_.complete = true;
      return p + 1;
    }
    repr_.integer = limit;
    ++p;
  }
  for (; p < b.size(); ++p, repr_.shift += 7) {
    if (repr_.shift < 32) repr_.integer += static_cast<uint32_t>(b[p] & 0x7f) << repr_.shift;
    if ((b[p] & 0x80) == 0) {
      repr_.complete = true;
      return p + 1;
    }
  }
  return p;
}

// Reads the representation prefixes in `bytes` (what the inflater consumed up to and including
// one emitted field): table size updates become fields of their own; the first field's
// representation is kept in repr_. Returns the bytes that belonged to table size updates.
size_t HpackDecoder::classify(std::span<const uint8_t> bytes, std::vector<HpackField>& out) {
  if (repr_.repr != HpackRepr::kNone && repr_.repr != HpackRepr::kTableSizeUpdate && repr_.complete)
    return 0;
  size_t start = 0;
  for (size_t i = 0; i < bytes.size();) {
    if (repr_.repr == HpackRepr::kNone) {
      uint8_t c = bytes[i];
      if ((c & 0xe0) == 0x20) {
        repr_.repr = HpackRepr::kTableSizeUpdate;
        i = read_integer(bytes, i, 5);
      } else if (c & 0x80) {
        repr_.repr = HpackRepr::kIndexed;
        i = read_integer(bytes, i, 7);
      } else if (c == 0x40 || c == 0x00 || c == 0x10) {
        repr_.complete = true;
        repr_.repr = c == 0x40   ? HpackRepr::kIncrementalNewName
                     : c == 0x10 ? HpackRepr::kNeverIndexedNewName
                                 : HpackRepr::kWithoutIndexingNewName;
      } else if (c & 0x40) {
        repr_.repr = HpackRepr::kIncrementalIndexedName;
        i = read_integer(bytes, i, 6);
      } else if ((c & 0xf0) == 0x10) {
        repr_.repr = HpackRepr::kNeverIndexedIndexedName;
        i = read_integer(bytes, i, 4);
      } else {
        repr_.repr = HpackRepr::kWithoutIndexingIndexedName;
        i = read_integer(bytes, i, 4);
      }
    } else {
      i = read_integer(bytes, i, 8);
    }
    if (!repr_.complete) continue;
    if (repr_.repr != HpackRepr::kTableSizeUpdate) break;
    HpackField update;
    update.repr = HpackRepr::kTableSizeUpdate;
    update.encoded_length = static_cast<uint32_t>(i - start);
    update.index = repr_.integer;
    out.push_back(std::move(update));
    repr_ = ReprState{};
    start = i;
  }
  return start;
}

HpackBlockResult HpackDecoder::decode(std::span<const uint8_t> fragment, bool final) {
  HpackBlockResult res;
  const uint8_t* in = fragment.data();
  size_t left = fragment.size();
  size_t decoded_bytes = 0;
  for (;;) {
    if (res.fields.size() >= kMaxHeaderLines) {
      res.lines_exceeded = true;
      break;
    }
    nghttp2_nv nv;
    int flags = 0;
    ssize_t rv = nghttp2_hd_inflate_hd2(inflater_.get(), &nv, &flags, in, left, final ? 1 : 0);
    if (rv < 0) {
      res.error = true;
      break;
    }
    size_t used = static_cast<size_t>(rv);
    size_t updates = classify({in, used}, res.fields);
    in += used;
    left -= used;
    if (flags & NGHTTP2_HD_INFLATE_EMIT) {
      size_t size = 4 + nv.namelen + 4 + nv.valuelen;
      if (decoded_bytes + size >= kMaxHeaderBytes) {
        res.size_reached = static_cast<uint32_t>(decoded_bytes);
        res.size_attempted = static_cast<uint32_t>(decoded_bytes + size);
        break;
      }
      decoded_bytes += size;
      HpackField f;
      f.repr = repr_.repr;
      f.encoded_length = static_cast<uint32_t>(used - updates);
      f.index = repr_.integer;
      f.name.assign(reinterpret_cast<const char*>(nv.name), nv.namelen);
      f.value.assign(reinterpret_cast<const char*>(nv.value), nv.valuelen);
      res.fields.push_back(std::move(f));
      repr_ = ReprState{};
    }
    if (flags & NGHTTP2_HD_INFLATE_FINAL) {
      nghttp2_hd_inflate_end_headers(inflater_.get());
      break;
    }
    if (!(flags & NGHTTP2_HD_INFLATE_EMIT) && left == 0) break;
  }
  return res;
}

}  // namespace netsift
