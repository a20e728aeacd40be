// Custom columns against tshark 4.0: gui.column.format from -o and from a profile's preferences
// file sets the summary line (padding, arrows between a source and its destination), the -P
// line beside -V, and _ws.col.<title> in -T fields, json and ek; %Cus columns show field values as tshark
// does (value names with R, numbers with U, occurrences, several fields).
#include <gtest/gtest.h>

#include <string>

#include "profile_dir.h"
#include "run_command.h"

namespace netsift::test {
namespace {

const std::string kNoProfile = profile_dir({{"README", "no configuration\n"}});

const char* const kFormats[] = {
    R"("No.","%m","Src","%s","Dst","%d","Port","%Cus:tcp.srcport:0:R","Proto","%Cus:ip.proto",)"
    R"("Flags","%Cus:tcp.flags:0:U","X","%Cus:tcp.port:2:R","Info","%i")",
    R"("A","%Cus:tcp.port or ip.len:2","B","%Cus:tcp.port:-1","C","%Cus:ip.dsfield.dscp",)"
    R"("D","%Cus:ip.dsfield.dscp:0:U","E","%Cus:frame.time","F","%Cus:tcp.options.mss_val",)"
    R"("H","%Cus:frame.protocols","I","%Cus:tcp","J","%Cus:ip.flags","K","%Cus:ip.id")",
    R"("A","%Cus:tcp.srcport","B","%Cus:eth.src","C","%Cus:ip.src","D","%Cus:ip.src:0:U",)"
    R"("E","%rs","F","%us","G","%S","H","%Tt","I","%Gt","J","%Rt","K","%hs","L","%uhs",)"
    R"("M","%ns","N","%nd","O","%d","P","%s","Q","%uD")",
    R"("A","%Cus:tcp.flags.syn","B","%Cus:http.request.method","C","%Cus:http.response.code",)"
    R"("D","%Cus:tcp.analysis.initial_rtt","E","%At","F","%Yt","G","%L","H","%p")",
};

const char* const kCaptures[] = {"http1/ndpi-http-lines-split.pcap",
                                 "http1/scapy-http_content_length.pcap"};

TEST(CustomColumnsVsTshark, ColumnFormatFromOption) {
  for (const char* capture : kCaptures)
    for (const char* format : kFormats)
      for (const char* extra : {"", "-N mnt"}) {
        std::string args = std::string("-r ") + corpus(capture) + " " + extra +
                           " -o " + shell_quote(std::string("gui.column.format:") + format);
        EXPECT_EQ(netsift_in(kNoProfile, args).out, tshark_in(kNoProfile, args).out) << args;
      }
}

TEST(CustomColumnsVsTshark, ColumnFormatFromProfile) {
  std::string dir = profile_dir(
      {{"preferences",
        "gui.column.format:\n\t\"No.\", \"%m\",\n\t\"Port\", \"%Cus:tcp.srcport\",\n"
        "\t\"Meth\", \"%Cus:http.request.method\",\n\t\"Info\", \"%i\"\n"}});
  std::string capture = corpus("http1/scapy-http_content_length.pcap");
  for (const std::string& args :
       {"-r " + capture,
        "-r " + capture + " -T fields -e _ws.col.Port -e _ws.col.Meth -e _ws.col.Info "
                          "-e _ws.col.Time -e frame.number",
        "-r " + capture + " -P -V -c 5",
        "-r " + capture + " -T json -e _ws.col.Meth -e frame.number -e _ws.col.Info",
        "-r " + capture + " -T ek -e _ws.col.Port -e _ws.col.Meth -e _ws.col.Bogus"}) {
    CommandResult theirs = tshark_in(dir, args);
    EXPECT_EQ(netsift_in(dir, args).out, theirs.out) << args;
    EXPECT_NE(tshark_in(kNoProfile, args).out, theirs.out) << "the profile changes nothing";
  }
}

}  // namespace
}  // namespace netsift::test
