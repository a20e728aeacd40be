// The captures differential tests run on: the shared corpus and Wireshark's own IPsec test
// captures (the generated fixtures have golden files instead, tests/golden).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace netsift::test {

struct CaptureFile {
  std::string path;
  std::string name;       // the path from the corpus directory, "corpus/tcp/x.pcap"
  std::string test_name;  // name made into a valid GoogleTest name
};
void PrintTo(const CaptureFile& c, std::ostream* os);

const std::vector<CaptureFile>& all_captures();

// How a tool reads a corpus capture: -r, the TLS key material beside it (key log X.keys, or
// X.keylog for the BIG-IP captures; RSA private key X.key) so that decryption is exercised
// too, and the decode-as options tests/diff/capture_options.txt gives it (tshark needs them
// where it does not detect a protocol by port).
std::string input_args(const std::string& file);

}  // namespace netsift::test
