// libFuzzer target: HTTP/1.x over TCP, through the real TCP, reassembly and HTTP dissectors.
//
// The input builds a client and a server byte stream from HTTP-shaped pieces (request and status
// lines, Content-Length, chunked and compressed bodies, header lines, raw bytes), cuts both into
// segments at input-chosen points, interleaves them, and optionally reorders, repeats or drops
// segments (a CONNECT's tunnel follows its 200). Every frame is dissected with the summary
// columns on. Afterwards both sides close
// with FIN: nothing may crash or leak, and no reassembly buffer may stay held.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/field_registry.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"
#include "dissectors/tcp_desegment.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;
using namespace netsift::fuzz;

std::string gzip(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// One HTTP-shaped message (or fragment) chosen by the input.
std::string message(Input& in, bool request) {
  static const char* kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS"};
  static const char* kCodes[] = {"200 OK",       "204 No Content",          "304 Not Modified",
                                 "100 Continue", "101 Switching Protocols", "404 Not Found",
                                 "999 X"};
  std::string m;
  uint8_t shape = in.byte();
  // A CONNECT names host:port (a port with a dissector, one of HTTP's, none, or no port at
  // all): after its 200 the connection is the tunnel's.
  static const char* kAuthorities[] = {"h:443", "h:80", "h:6233", "h", "h:99999"};
  if (request && shape % 7 == 5)
    m = std::string("CONNECT ") + kAuthorities[in.byte() % 5] + " HTTP/1.1\r\n";
  else if (request)
    m = std::string(kMethods[shape % 7]) + " /p" + std::to_string(in.byte()) + " HTTP/1.1\r\n";
  else
    m = std::string("HTTP/1.1 ") + kCodes[shape % 7] + "\r\n";
  std::string body = in.bytes(in.byte() % 64);
  switch ((shape >> 3) % 6) {
    case 0:  // Content-Length, right or wrong
      m += "Content-Length: " + std::to_string(body.size() + in.byte() % 3) + "\r\n\r\n" + body;
      break;
    case 1: {  // chunked, chunks cut at input-chosen sizes, sometimes no last chunk
      m += "Transfer-Encoding: chunked\r\n\r\n";
      for (size_t pos = 0; pos < body.size();) {
        size_t len = 1 + in.byte() % 16;
        if (len > body.size() - pos) len = body.size() - pos;
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", len);
        m += size + body.substr(pos, len) + "\r\n";
        pos += len;
      }
      if (!(in.byte() & 1)) m += "0\r\n\r\n";
      break;
    }
    case 2: {  // gzip body, maybe damaged
      std::string z = gzip(body);
      if (!z.empty() && (in.byte() & 1)) z[z.size() / 2] ^= 0x33;
      m += "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " +
           std::to_string(z.size()) + "\r\n\r\n" + z;
      break;
    }
    case 3:  // no length: read until the close (responses)
      m += "Content-Type: text/plain\r\n\r\n" + body;
      break;
    case 4:  // header lines from the input, maybe never ended
      m += "X-" + in.bytes(in.byte() % 24) + ": " + body + "\r\n";
      if (in.byte() & 1) m += "\r\n";
      break;
    default:  // raw bytes
      m = body;
      break;
  }
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  (void)registered;
  if (size < 2) return 0;
  Input in{data + 1, size - 1};
  const bool perturb = data[0] & 1;

  Connection c;
  size_t messages = 1 + in.byte() % 6;
  for (size_t i = 0; i < messages; ++i) {
    c.stream[0] += message(in, true);
    c.stream[1] += message(in, false);
  }
  std::vector<Segment> segs = cut_into_segments(in, c.stream, perturb);

  c.play(segs);
  CHECK(tcp_reassembly_buffered_bytes() == 0);
  return 0;
}
