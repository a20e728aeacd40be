// The stats tree printer: tshark's layout, percentages, rates and burst columns.
#include "output/stats_tree.h"

#include <gtest/gtest.h>

#include <string>

#include "core/memory_budget.h"

namespace netsift {
namespace {

// One table row as tshark lays it out: the name padded to the widest name, then the eight
// columns (Count .. Burst Start) each 13 characters wide after a space.
std::string row(const std::string& name, std::initializer_list<std::string> columns) {
  std::string out = name + std::string(12 - name.size(), ' ');
  for (const std::string& c : columns) out += " " + c + std::string(13 - c.size(), ' ');
  return out + "\n";
}

TEST(StatsTree, LayoutAsTshark) {
  StatsTree t("F5/Test Distrib");  // the root's name ("Test Distrib") sets the name width: 12
  int root = t.node("Packets", StatsTree::kRoot, true);
  t.node("No flow", root, true);
  t.set_now(0);
  t.tick("Packets", StatsTree::kRoot);
  t.tick("b", root);
  t.set_now(1000);
  t.tick("Packets", StatsTree::kRoot);
  t.tick("a", root);
  std::string expected =
      "\n" + std::string(124, '=') + "\nF5/Test Distrib:\n" +
      row("Topic / Item", {"Count", "Average", "Min Val", "Max Val", "Rate (ms)", "Percent",
                           "Burst Rate", "Burst Start"}) +
      std::string(124, '-') + "\n" +
      row("Packets", {"2", "", "", "", "0.0020", "100%", "0.0100", "0.000"}) +
      row(" No flow", {"0", "", "", "", "0.0000", "0.00%", "-", "-"}) +  // "sort top" first
      row(" a", {"1", "", "", "", "0.0010", "50.00%", "0.0100", "1.000"}) +
      row(" b", {"1", "", "", "", "0.0010", "50.00%", "0.0100", "0.000"}) + "\n" +
      std::string(124, '-') + "\n";
  EXPECT_EQ(t.format(), expected);
}

TEST(StatsTree, BurstWindowIs100ms) {
  StatsTree t("X/Y");
  for (int i = 0; i < 30; ++i) {
    t.set_now(i * 10.0);  // one packet every 10 ms: at most 10 in any 100 ms window
    t.tick("n", StatsTree::kRoot);
  }
  EXPECT_NE(t.format().find("0.1000        0.000"), std::string::npos) << t.format();
}

TEST(StatsTree, NodesPastTheStatisticsBudgetAreLeftOutAndCounted) {
  MemoryBudget budget;
  budget.set_limit(size_t{64} << 10);  // the statistics share: 64 KiB, a few dozen nodes
  StatsTree t("HTTP/Requests");
  int hosts = t.node("Hosts", StatsTree::kRoot);
  t.use_budget(budget);
  int kept = 0, refused = 0;
  for (int i = 0; i < 1000; ++i) {
    int id = t.tick("host" + std::to_string(i), hosts);
    (id == StatsTree::kRefused ? refused : kept) += 1;
    t.tick("/", id);  // under a refused node: nothing, no crash
  }
  EXPECT_GT(kept, 10);
  EXPECT_GT(refused, 0);
  EXPECT_LE(budget.held(MemoryUse::kStatistics), budget.share(MemoryUse::kStatistics));
  std::string text = t.format();
  EXPECT_NE(text.find("host0 "), std::string::npos);
  EXPECT_EQ(text.find("host999 "), std::string::npos);
  EXPECT_NE(text.find("Not counted: "), std::string::npos) << text;
  EXPECT_NE(text.find("(the statistics budget of 64 KiB of --max-memory 64 KiB used up)\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace netsift
