#include "output/xml_text.h"
#include "core/append_format.h"

#include <fmt/format.h>

namespace netsift {

void append_xml_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\0':  // tshark's strings end there
        return;
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#x27;");
        break;
      case '\t':
      case '\n':
      case '\r':
        out.push_back(c);
        break;
      default: {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
          append_format(out, "\\x{:x}", u);
        else
          out.push_back(c);
      }
    }
  }
}

}  // namespace netsift
