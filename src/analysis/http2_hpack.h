// HPACK header block decoding (RFC 7541) for one direction of an HTTP/2 connection, through
// libnghttp2's inflater: the dynamic table lives in the inflater, so every block of the
// direction must be fed to it once, in order. Besides the decoded fields, each field's
// representation (indexed, literal with/without/never indexing, indexed or new name), its
// index and its encoded length are recovered from the bytes the inflater consumed for it, as
// tshark shows them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

struct nghttp2_hd_inflater;

namespace netsift {

// tshark's http2_header_repr_type values.
enum class HpackRepr : uint8_t {
  kNone = 0,
  kIndexed,
  kIncrementalIndexedName,
  kIncrementalNewName,
  kWithoutIndexingIndexedName,
  kWithoutIndexingNewName,
  kNeverIndexedIndexedName,
  kNeverIndexedNewName,
  kTableSizeUpdate,
};
const char* hpack_repr_name(HpackRepr r);

struct HpackField {
  HpackRepr repr = HpackRepr::kNone;
  uint32_t encoded_length = 0;  // bytes of the block this representation took
  uint32_t index = 0;           // table index (indexed forms); new table size for updates
  std::string name, value;
};

struct HpackBlockResult {
  std::vector<HpackField> fields;  // in block order, table size updates included
  bool error = false;              // the inflater refused the block (the table is then lost)
  bool lines_exceeded = false;     // stopped at kMaxHeaderLines fields
  uint32_t size_reached = 0, size_attempted = 0;  // nonzero: stopped at kMaxHeaderBytes
};

class HpackDecoder {
 public:
  // tshark's limits against hostile blocks: at most 200 fields and 256 KiB decoded per block.
  static constexpr size_t kMaxHeaderLines = 200;
  static constexpr size_t kMaxHeaderBytes = 256 * 1024;

  HpackDecoder();
  ~HpackDecoder();
  HpackDecoder(HpackDecoder&&) noexcept;
  HpackDecoder& operator=(HpackDecoder&&) noexcept;

  // Decodes one fragment of a header block; `final` when it ends the block (END_HEADERS).
  HpackBlockResult decode(std::span<const uint8_t> fragment, bool final);
  // SETTINGS_HEADER_TABLE_SIZE the peer acknowledged: the most the encoder may use.
  void change_table_size(uint32_t size);

 private:
  // Representation of the field being read, carried across fragments (tshark's
  // http2_header_repr_info_t).
  struct ReprState {
    HpackRepr repr = HpackRepr::kNone;
    uint32_t integer = 0;
    unsigned shift = 0;
    bool complete = false;
  };
  size_t classify(std::span<const uint8_t> bytes, std::vector<HpackField>& out);
  size_t read_integer(std::span<const uint8_t> b, size_t p, unsigned prefix);

  struct Deleter {
    void operator()(nghttp2_hd_inflater* p) const;
  };
  std::unique_ptr<nghttp2_hd_inflater, Deleter> inflater_;
  ReprState repr_;
};

}  // namespace netsift
