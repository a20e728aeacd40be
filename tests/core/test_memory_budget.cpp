// The memory budget (core/memory_budget.h): sizes parsed as --max-memory spells them, shares
// scaled by the limit, bytes charged and given back by their holders, and the flow table
// evicting its least recently used flows when the budget's flow share is used up.
#include "core/memory_budget.h"

#include <gtest/gtest.h>

#include <functional>
#include <optional>

#include "core/flow_table.h"
#include "core/transaction_table.h"

namespace netsift {
namespace {

TEST(MemoryBudget, ParsesSizes) {
  EXPECT_EQ(parse_byte_size("96M"), size_t{96} << 20);
  EXPECT_EQ(parse_byte_size("2G"), size_t{2} << 30);
  EXPECT_EQ(parse_byte_size("512KiB"), size_t{512} << 10);
  EXPECT_EQ(parse_byte_size("1.5g"), size_t{3} << 29);
  EXPECT_EQ(parse_byte_size("65536"), 65536u);
  EXPECT_EQ(parse_byte_size("lots"), 0u);
  EXPECT_EQ(parse_byte_size("12X"), 0u);
  EXPECT_EQ(parse_byte_size("-5M"), 0u);
  EXPECT_EQ(byte_size_text(size_t{96} << 20), "96 MiB");
  EXPECT_EQ(byte_size_text(size_t{3} << 29), "1.5 GiB");
  EXPECT_EQ(byte_size_text(100), "100 bytes");
}

TEST(MemoryBudget, SharesScaleWithTheLimit) {
  MemoryBudget b;
  EXPECT_EQ(b.item_limit(), size_t{16} << 20);
  EXPECT_EQ(b.share(MemoryUse::kTcpReassembly), size_t{32} << 20);
  EXPECT_EQ(b.share(MemoryUse::kIpFragments), size_t{10} << 20);
  EXPECT_EQ(b.share(MemoryUse::kStatistics), b.limit());
  // The state shares divide the limit; statistics come on top.
  size_t state = 0;
  for (size_t u = 0; u < static_cast<size_t>(MemoryUse::kStatistics); ++u)
    state += b.share(static_cast<MemoryUse>(u));
  EXPECT_EQ(state, b.limit());
  b.set_limit(size_t{960} << 20);
  EXPECT_EQ(b.share(MemoryUse::kTcpReassembly), size_t{320} << 20);
  EXPECT_EQ(b.item_limit(), size_t{160} << 20);
  EXPECT_EQ(b.describe(MemoryUse::kIpFragments),
            "the IP fragments budget of 100 MiB of --max-memory 960 MiB");
}

TEST(MemoryBudget, BudgetedBytesChargeAndRelease) {
  MemoryBudget b;
  b.set_limit(size_t{96} << 10);  // HTTP/2 bodies: 12 KiB
  const std::vector<uint8_t> kib(1024, 7);
  {
    BudgetedBytes body;
    for (int i = 0; i < 12; ++i)
      ASSERT_TRUE(body.append(b, MemoryUse::kHttp2Bodies, kib.data(), kib.size()));
    EXPECT_FALSE(body.append(b, MemoryUse::kHttp2Bodies, kib.data(), 1));
    EXPECT_EQ(b.held(MemoryUse::kHttp2Bodies), 12u * 1024);
    BudgetedBytes moved = std::move(body);  // moving hands the charge over, once
    EXPECT_EQ(moved.size(), 12u * 1024);
    EXPECT_EQ(b.held(MemoryUse::kHttp2Bodies), 12u * 1024);
  }
  EXPECT_EQ(b.held(MemoryUse::kHttp2Bodies), 0u);
}

struct Flow {
  int packets = 0;
  bool finished() const { return false; }
};

FlowKey key_of(uint32_t n) {
  uint8_t a[4] = {10, uint8_t(n >> 16), uint8_t(n >> 8), uint8_t(n)};
  uint8_t b[4] = {192, 0, 2, 1};
  return FlowKey::make(Address::ipv4(a), 1000, Address::ipv4(b), 80, 6, nullptr);
}

TEST(MemoryBudget, FlowTableEvictsLeastRecentlyUsed) {
  MemoryBudget b;
  // 28 KiB of flow tables: 28 flows of FlowTable::kFlowCost.
  b.set_limit(size_t{96} << 10);
  ASSERT_EQ(b.share(MemoryUse::kFlowTables) / FlowTable<Flow>::kFlowCost, 28u);
  {
    FlowTable<Flow> table;
    table.use_budget(b);
    bool created = false;
    for (uint32_t i = 0; i < 28; ++i) table.find_or_add(key_of(i), i, &created).packets = 1;
    table.find_or_add(key_of(0), 100, &created).packets++;  // flow 0 is the most recent now
    EXPECT_FALSE(created);
    EXPECT_EQ(table.budget_evictions(), 0u);
    table.find_or_add(key_of(1000), 101, &created);
    EXPECT_TRUE(created);
    EXPECT_EQ(table.budget_evictions(), 1u);
    EXPECT_EQ(table.size(), 29u - 3);  // the least recently used eighth (3 of 28) went
    EXPECT_EQ(table.find_or_add(key_of(0), 102, &created).packets, 2);
    EXPECT_FALSE(created);
    table.find_or_add(key_of(1), 103, &created);  // among the three oldest: evicted
    EXPECT_TRUE(created);
    EXPECT_LE(b.held(MemoryUse::kFlowTables), b.share(MemoryUse::kFlowTables));
  }
  EXPECT_EQ(b.held(MemoryUse::kFlowTables), 0u);
}

TEST(MemoryBudget, TransactionTableForgetsItsOldestEntry) {
  MemoryBudget b;
  b.set_limit(size_t{96} << 10);  // ICMP transactions: 4 KiB
  using Table = TransactionTable<uint32_t, uint64_t, std::hash<uint32_t>>;
  size_t room = b.share(MemoryUse::kIcmpTransactions) / Table::kEntryCost;
  {
    Table table(MemoryUse::kIcmpTransactions);
    table.use_budget(b);
    std::optional<std::pair<uint32_t, uint64_t>> evicted;
    for (uint32_t i = 0; i < room; ++i) table.insert(i, &evicted) = i + 100;
    EXPECT_FALSE(evicted);
    table.insert(5, &evicted) = 7;  // an existing key: no room needed
    EXPECT_FALSE(evicted);
    table.insert(1000, &evicted) = 1;
    ASSERT_TRUE(evicted);
    EXPECT_EQ(evicted->first, 0u);
    EXPECT_EQ(evicted->second, 100u);
    EXPECT_EQ(table.find(0), nullptr);
    EXPECT_EQ(*table.find(5), 7u);
    EXPECT_EQ(table.size(), room);
    EXPECT_EQ(table.describe(), "the ICMP transactions budget of 4 KiB of --max-memory 96 KiB");
    EXPECT_LE(b.held(MemoryUse::kIcmpTransactions), b.share(MemoryUse::kIcmpTransactions));
  }
  EXPECT_EQ(b.held(MemoryUse::kIcmpTransactions), 0u);
}

}  // namespace
}  // namespace netsift
