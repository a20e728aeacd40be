// The progress line: drawn on a terminal when reading a file takes over a second, cleared at
// the end, never when stderr is a pipe, never with --no-progress. A pseudo-terminal comes from
// util-linux's script(1).
#include <gtest/gtest.h>

#include <string>

#include "run_command.h"

namespace netsift {
namespace {

using test::run_command;
using test::shell_quote;

// Over 4,096 packets: the line is looked at every 4,096.
const std::string kLarge = std::string(NETSIFT_CORPUS_DIR) + "/large/wiki-protos-c05-http-reply-r1.pcap";

// The run on a pseudo-terminal, the progress line due at once (NETSIFT_PROGRESS_DELAY=0).
std::string on_terminal(const std::string& args) {
  std::string inner =
      "NETSIFT_PROGRESS_DELAY=0 " + std::string(NETSIFT_BINARY) + " " + args + " > /dev/null";
  return run_command("script -qec " + shell_quote(inner) + " /dev/null").out;
}

TEST(Progress, DrawnAndClearedOnTerminal) {
  std::string out = on_terminal("-r " + shell_quote(kLarge) + " -c 20000");
  EXPECT_NE(out.find(" packets/s"), std::string::npos) << out;
  EXPECT_NE(out.find("% "), std::string::npos) << out;
  ASSERT_GE(out.size(), 4u);
  EXPECT_EQ(out.substr(out.rfind('\r')), "\r\033[K") << "the last thing written clears the line";
}

TEST(Progress, NoneWhenAskedOrPiped) {
  EXPECT_EQ(on_terminal("--no-progress -r " + shell_quote(kLarge) + " -c 20000"), "");
  std::string piped = run_command("NETSIFT_PROGRESS_DELAY=0 " + std::string(NETSIFT_BINARY) + " -r " + shell_quote(kLarge) +
                                  " -c 20000 2>&1 >/dev/null")
                          .out;
  EXPECT_EQ(piped, "");
}

}  // namespace
}  // namespace netsift
