// One memory budget for the state a capture makes netsift hold across packets (issue 22). The
// Session owns it; every holder of capture-driven bytes charges what it keeps and releases it
// when done, and asks the budget before growing. The limit (--max-memory) is split into fixed
// shares, so one attack (say half-open TCP flows) cannot starve another holder (IP fragments),
// and one item (a PDU, a body) may take at most kItemShare of it. A holder that hits its share
// drops its own oldest state first, with an expert info naming the limit, so packets that did
// not need the dropped state print as before.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace netsift {

enum class MemoryUse : uint8_t {
  kTcpReassembly,     // pending PDUs of all TCP flows (analysis/tcp_reassembly.h)
  kIpFragments,       // unfinished IPv4/IPv6 datagrams (analysis/ip_reassembly.h)
  kHttp2Bodies,       // HTTP/2 streams and the DATA they collect until END_STREAM
                      // (analysis/http2_connection.h)
  kFlowTables,        // TCP and UDP conversations with their protocol states (core/flow_table.h)
  kDnsTransactions,   // DNS queries and responses matched (analysis/dns_transactions.h)
  kIcmpTransactions,  // ICMP/ICMPv6 echo requests awaiting replies (analysis/icmp_transactions.h)
  // Smaller per-capture tables keyed by what packets bring (ARP bindings, ESP sequence numbers
  // by SPI), one pool: a table that finds it used up forgets its own oldest entries.
  kCaptureTables,
  // -z tables keyed by what a capture brings (conversations, endpoints, ...): outside the state
  // shares above, as they exist only when asked for (output/statistics_budget.h).
  kStatistics,
  kCount,
};

class MemoryBudget {
 public:
  // 96 MiB of held state keeps peak RSS under 150 MB: the rest is the program, the tables of
  // fields and names, and the transient copies of the one PDU or body being dissected.
  static constexpr size_t kDefaultLimit = size_t{96} << 20;

  void set_limit(size_t bytes) { limit_ = bytes; }
  size_t limit() const { return limit_; }

  // The part of the limit `use` may hold, in 96ths: TCP reassembly 32, IP fragments 10, HTTP/2
  // streams and bodies 12, flow tables 28 (28,672 conversations by default), DNS transactions
  // 6, ICMP transactions 4, the other per-capture tables 4; the -z statistics' tables may hold
  // the whole limit again besides.
  size_t share(MemoryUse use) const {
    static constexpr std::array<size_t, static_cast<size_t>(MemoryUse::kCount)> kShares{
        32, 10, 12, 28, 6, 4, 4, 96};
    return limit_ * kShares[index(use)] / 96;
  }
  // The most one item may hold: a flow's pending PDU, a stream's body, a decoded body (16 MiB by
  // default, the cap Content-Length bodies always had).
  size_t item_limit() const { return limit_ / 6; }

  bool fits(MemoryUse use, size_t more) const { return held_[index(use)] + more <= share(use); }
  void charge(MemoryUse use, size_t n) { held_[index(use)] += n; }
  void release(MemoryUse use, size_t n) { held_[index(use)] -= n; }
  size_t held(MemoryUse use) const { return held_[index(use)]; }

  // "the TCP reassembly budget of 32 MiB of --max-memory 96 MiB": the words expert infos use.
  std::string describe(MemoryUse use) const;

 private:
  static size_t index(MemoryUse use) { return static_cast<size_t>(use); }
  size_t limit_ = kDefaultLimit;
  std::array<size_t, static_cast<size_t>(MemoryUse::kCount)> held_{};
};

// "96 MiB", "1.5 GiB", "512 KiB", "100 bytes".
std::string byte_size_text(size_t bytes);
// "200M", "1G", "65536", "96MiB" -> bytes; 0 when the text is no size.
size_t parse_byte_size(const std::string& text);

// Bytes a holder keeps against the budget: charged as they are appended, released when cleared
// or destroyed (move-only, so a copy can never release twice).
class BudgetedBytes {
 public:
  BudgetedBytes() = default;
  BudgetedBytes(BudgetedBytes&& o) noexcept
      : budget_(std::exchange(o.budget_, nullptr)), use_(o.use_), bytes_(std::move(o.bytes_)) {}
  BudgetedBytes& operator=(BudgetedBytes&& o) noexcept {
    if (this != &o) {
      clear();
      budget_ = std::exchange(o.budget_, nullptr);
      use_ = o.use_;
      bytes_ = std::move(o.bytes_);
    }
    return *this;
  }
  ~BudgetedBytes() { clear(); }

  // Appends [p, p+n) when the budget's share for `use` has room; false (nothing added) if not.
  bool append(MemoryBudget& budget, MemoryUse use, const uint8_t* p, size_t n);
  // Frees the bytes (and their capacity) and gives them back to the budget.
  void clear();

  const uint8_t* data() const { return bytes_.data(); }
  size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }

 private:
  MemoryBudget* budget_ = nullptr;
  MemoryUse use_ = MemoryUse::kCount;
  std::vector<uint8_t> bytes_;
};

}  // namespace netsift
