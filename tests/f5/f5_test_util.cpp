#include "f5_test_util.h"

#include "run_command.h"

namespace netsift::test {

std::vector<uint8_t> tcp_frame_with_trailer(const std::vector<uint8_t>& trailer) {
  std::vector<uint8_t> f =
      hex("02 00 00 00 00 02 02 00 00 00 00 01 08 00"                    // Ethernet
          "45 00 00 28 00 01 40 00 40 06 00 00 0a 01 0a 33 0a 01 0a c9"  // IPv4, total length 40
          "c3 05 00 50 00 00 00 01 00 00 00 00 50 02 fa f0 00 00 00 00"  // TCP SYN
      );
  f.insert(f.end(), trailer.begin(), trailer.end());
  return f;
}

std::string run(const std::string& command) {
  return run_command(command + " 2>/dev/null").out;
}

bool have_tshark() {
  return !run("command -v tshark").empty();
}

}  // namespace netsift::test
