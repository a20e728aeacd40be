// What the PDML and PSML printers share: the creator tshark names and the escaping of text.
#pragma once

#include <string>
#include <string_view>

namespace netsift {

// The <pdml>/<psml> creator attribute: the tshark whose output netsift's matches.
inline constexpr const char* kXmlCreator = "wireshark/4.0.17";

// Text in attributes and elements, escaped as tshark's print_escaped_xml escapes it: the five
// XML entities (&amp; &lt; &gt; &quot; &#x27;), tab, newline and carriage return kept as they
// are, other ASCII control characters written as "\x<hex>" (XML 1.0 allows them in no form),
// every other byte as it is; a NUL ends the text, as tshark's C strings end.
void append_xml_escaped(std::string& out, std::string_view s);

}  // namespace netsift
