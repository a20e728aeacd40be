// Differential tests: tshark and netsift read the same corpus capture; for every packet whose
// protocols netsift implements, the summary line and every compared field must be identical.
// (The generated fixtures are compared with tshark's recorded output: tests/golden.)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "corpus.h"
#include "glossary.h"
#include "known_differences.h"
#include "sanitizer_build.h"
#include "test_names.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

constexpr size_t kMaxReported = 15;  // mismatches reported per test, to keep failures readable

namespace fs = std::filesystem;

std::string tshark(const std::string& args) {
  return tshark_cached(args);
}
CommandResult netsift(const std::string& args) {
  return run_command(std::string(NETSIFT_BINARY) + " " + args + " 2>/dev/null");
}

// Whether every protocol of a colon-separated frame.protocols list is one netsift implements.
bool implemented(const std::string& protocols) {
  const auto& ours = glossary().netsift_protocols;
  if (protocols.empty()) return false;
  std::istringstream in(protocols);
  for (std::string p; std::getline(in, p, ':');)
    if (!ours.count(p)) return false;
  return true;
}

// Packets (by index) whose protocols netsift implements. A packet also needs every other packet
// of its TCP/UDP conversation to be implemented: a TCP segment carrying part of an HTTP message
// belongs to HTTP (tshark marks it "[TCP segment of a reassembled PDU]") even though its own
// frame.protocols stops at tcp.
// The -T fields run of the Fields test: frame.protocols and every compared field.
std::string all_fields_args(const std::string& file) {
  std::string args = input_args(file) + " -T fields -E occurrence=a -e frame.protocols";
  for (const std::string& f : glossary().compared_fields) args += " -e " + f;
  return args;
}

// Rows of frame.protocols, tcp.stream, udp.stream, read from the Fields test's tshark run
// (cached, so tshark dissects the capture once for both) when it has the stream fields.
std::vector<std::vector<std::string>> protocols_and_streams(const std::string& file) {
  const auto& fields = glossary().compared_fields;
  auto column = [&](const char* name) -> size_t {
    auto it = std::find(fields.begin(), fields.end(), name);
    return it == fields.end() ? 0 : static_cast<size_t>(it - fields.begin()) + 1;
  };
  size_t tcp = column("tcp.stream"), udp = column("udp.stream");
  std::vector<std::vector<std::string>> rows;
  if (tcp == 0 || udp == 0) {
    for (const std::string& l : split_lines(tshark(input_args(file) +
                                                   " -T fields -e frame.protocols -e tcp.stream"
                                                   " -e udp.stream")))
      rows.push_back(split_tabs(l));
    return rows;
  }
  // Only three of the row's hundreds of columns: found by counting tabs, not split out.
  auto column_text = [](const std::string& row, size_t index) {
    size_t start = 0;
    for (size_t i = 0; i < index && start != std::string::npos; ++i) {
      start = row.find('\t', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return std::string();
    return row.substr(start, row.find('\t', start) - start);
  };
  for (const std::string& l : split_lines(tshark(all_fields_args(file))))
    rows.push_back({column_text(l, 0), column_text(l, tcp), column_text(l, udp)});
  return rows;
}

std::vector<bool> packets_in_scope(const std::string& file) {
  std::vector<std::vector<std::string>> rows = protocols_and_streams(file);
  std::set<std::string> foreign_streams;
  auto stream_of = [](const std::vector<std::string>& r) {
    if (r.size() < 3) return std::string();
    if (!r[1].empty()) return "t" + r[1];
    if (!r[2].empty()) return "u" + r[2];
    return std::string();
  };
  for (const auto& r : rows)
    if (!r.empty() && !implemented(r[0]) && !stream_of(r).empty())
      foreign_streams.insert(stream_of(r));
  std::vector<bool> scope;
  for (const auto& r : rows) {
    std::string stream = stream_of(r);
    scope.push_back(!r.empty() && implemented(r[0]) &&
                    (stream.empty() || !foreign_streams.count(stream)));
  }
  return scope;
}

// tests/diff/known_differences.txt: differences that are understood and scheduled (each names
// the missing feature).
std::string known_difference(const std::string& test, const std::string& path) {
  return test::known_difference(std::string(NETSIFT_SOURCE_DIR) + "/tests/diff/known_differences.txt",
                                test, path);
}

class Differential : public ::testing::TestWithParam<CaptureFile> {
 protected:
  void SetUp() override {
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    test = test.substr(0, test.find('/'));
    std::string reason = known_difference(test, GetParam().path);
    if (!reason.empty()) GTEST_SKIP() << "known difference:" << reason;
  }
};

// Every `every`-th corpus capture, in corpus order (a spread over every directory). Tests that
// run on a sample are instantiated over the sample only, so the captures left out cost no test
// process at all.
std::vector<CaptureFile> every_nth(size_t every, size_t first = 0) {
  const std::vector<CaptureFile>& all = all_captures();
  std::vector<CaptureFile> sample;
  for (size_t i = first; i < all.size(); i += every) sample.push_back(all[i]);
  return sample;
}

// The position of `path` in corpus order.
size_t corpus_index(const std::string& path) {
  size_t index = 0;
  for (const CaptureFile& c : all_captures()) {
    if (c.path == path) break;
    ++index;
  }
  return index;
}

// SummaryLines, Tree and Fields read every capture in the release pass. Under the sanitizers,
// whose purpose is memory errors, each reads every third capture, on different thirds, so that
// every capture is still read there by one of them; ExitStatus every sixth.
class DifferentialSummary : public Differential {};
class DifferentialTree : public Differential {};
class DifferentialFields : public Differential {};
class DifferentialExit : public Differential {};
constexpr size_t kCorpusEvery = kSanitizerBuild ? 3 : 1;
// NarrowFields: every fourth capture (tshark's time is the cost); every eighth under the
// sanitizers.
class DifferentialNarrow : public Differential {};
constexpr size_t kNarrowEvery = kSanitizerBuild ? 8 : 4;
// JsonFormats: every tenth capture; every thirtieth under the sanitizers (the printers' memory
// safety, not their layout). MarkupFormats (PDML, PSML) as often, on the captures half-way
// between JsonFormats' ones.
class DifferentialJson : public Differential {};
class DifferentialMarkup : public Differential {};
constexpr size_t kJsonEvery = kSanitizerBuild ? 30 : 10;

// tshark's summary lines and -V trees come from one run, tshark -P -V, which prints each
// packet's summary line before its tree (half the tshark runs of two).
std::string tshark_summary_and_tree_args(const std::string& file) {
  return input_args(file) + " -P -V";
}

// The -V tree of each packet, split into one block per packet: a packet's tree starts at its
// top-level "Frame N: ..." line after a blank line (a data hex dump inside a tree also brings
// blank lines, so blank lines alone do not separate packets).
std::vector<std::string> tree_blocks(const std::string& text) {
  std::vector<std::string> blocks;
  bool after_blank = true;
  for (const std::string& l : split_lines(text)) {
    if (after_blank && l.rfind("Frame ", 0) == 0) blocks.emplace_back();
    after_blank = l.empty();
    if (!blocks.empty()) blocks.back() += l + "\n";
  }
  return blocks;
}

// tshark -P -V: each packet's summary line, then its -V text (the "Packet comments" tree, if
// any, then the "Frame N: ..." tree), after a blank line between packets.
struct SummariesAndTrees {
  std::vector<std::string> summaries, trees;
};
SummariesAndTrees tshark_summaries_and_trees(const std::string& file) {
  SummariesAndTrees out;
  std::vector<std::string> lines = split_lines(tshark(tshark_summary_and_tree_args(file)));
  std::string tree_text;
  for (size_t i = 0; i < lines.size(); ++i) {
    bool after_blank = i == 0 || lines[i - 1].empty();
    bool before_tree = i + 1 < lines.size() && (lines[i + 1].rfind("Frame ", 0) == 0 ||
                                                lines[i + 1] == "Packet comments");
    if (after_blank && before_tree)
      out.summaries.push_back(lines[i]);
    else
      tree_text += lines[i] + "\n";
  }
  out.trees = tree_blocks(tree_text);
  return out;
}

TEST_P(DifferentialSummary, SummaryLines) {
  const std::string& file = GetParam().path;
  std::vector<bool> scope = packets_in_scope(file);
  auto theirs = tshark_summaries_and_trees(file).summaries;
  auto ours = netsift(input_args(file));
  auto mine = split_lines(ours.out);
  ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << file;
  size_t reported = 0, compared = 0;
  for (size_t i = 0; i < theirs.size() && i < scope.size(); ++i) {
    if (!scope[i]) continue;
    ++compared;
    if (mine[i] != theirs[i] && reported++ < kMaxReported)
      ADD_FAILURE() << file << " frame " << i + 1 << "\n tshark:  " << theirs[i]
                    << "\n netsift: " << mine[i];
  }
  RecordProperty("compared_packets", static_cast<int>(compared));
}

TEST_P(DifferentialFields, Fields) {
  const std::string& file = GetParam().path;
  const auto& fields = glossary().compared_fields;
  ASSERT_FALSE(fields.empty());
  std::string args = all_fields_args(file);
  auto theirs = split_lines(tshark(args));
  auto mine = split_lines(netsift(args).out);
  ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << file;
  std::vector<bool> scope = packets_in_scope(file);
  size_t reported = 0;
  for (size_t i = 0; i < theirs.size() && i < scope.size(); ++i) {
    auto t = split_tabs(theirs[i]);
    auto m = split_tabs(mine[i]);
    ASSERT_EQ(t.size(), fields.size() + 1);
    ASSERT_EQ(m.size(), fields.size() + 1) << "netsift printed a wrong column count";
    if (!scope[i]) continue;
    for (size_t c = 0; c < t.size(); ++c)
      if (t[c] != m[c] && reported++ < kMaxReported)
        ADD_FAILURE() << file << " frame " << i + 1 << " field "
                      << (c == 0 ? "frame.protocols" : fields[c - 1]) << "\n tshark:  " << t[c]
                      << "\n netsift: " << m[c];
  }
}

// A run that reads only a few fields stores only those and skips application dissectors when
// none is read (cli/field_interest.h): the values must not change. One field group per capture,
// rotating, on a sample of the captures (DifferentialNarrow).
TEST_P(DifferentialNarrow, NarrowFields) {
  static const std::vector<std::vector<std::string>> kGroups = {
      {"frame.number", "ip.src", "tcp.srcport", "udp.dstport", "ipv6.src"},
      {"eth.src_resolved", "ip.src_host", "ipv6.dst_host", "tcp.analysis.bytes_in_flight",
       "tcp.stream", "icmp.type"},
      {"dns.qry.name", "tcp.pdu.size", "tcp.reassembled_in", "tcp.len", "f5ethtrailer.tmm"},
  };
  const CaptureFile& capture = GetParam();
  size_t index = corpus_index(capture.path);
  if (!known_difference("Fields", capture.path).empty()) GTEST_SKIP() << "known difference";
  const auto& compared = glossary().compared_fields;
  std::string args = input_args(capture.path) + " -T fields -E occurrence=a";
  std::vector<std::string> fields;
  for (const std::string& f : kGroups[(index / 4) % kGroups.size()])
    if (std::find(compared.begin(), compared.end(), f) != compared.end()) {
      fields.push_back(f);
      args += " -e " + f;
    }
  auto theirs = split_lines(tshark(args));
  auto mine = split_lines(netsift(args).out);
  ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << capture.path;
  std::vector<bool> scope = packets_in_scope(capture.path);
  size_t reported = 0;
  for (size_t i = 0; i < theirs.size() && i < scope.size(); ++i)
    if (scope[i] && mine[i] != theirs[i] && reported++ < kMaxReported)
      ADD_FAILURE() << capture.path << " frame " << i + 1 << "\n tshark:  " << theirs[i]
                    << "\n netsift: " << mine[i];
}

TEST_P(DifferentialTree, Tree) {
  const std::string& file = GetParam().path;
  std::vector<bool> scope = packets_in_scope(file);
  auto theirs = tshark_summaries_and_trees(file).trees;
  auto mine = tree_blocks(netsift(input_args(file) + " -V").out);
  ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << file;
  size_t reported = 0;
  for (size_t i = 0; i < theirs.size() && i < scope.size(); ++i)
    if (scope[i] && mine[i] != theirs[i] && reported++ < kMaxReported)
      ADD_FAILURE() << file << " frame " << i + 1 << " " << first_difference(theirs[i], mine[i]);
}

// One document per packet of -T json ("  {" opens each) or -T ek (an index line and a
// document line).
std::vector<std::string> json_documents(const std::string& text) {
  std::vector<std::string> docs;
  for (const std::string& l : split_lines(text)) {
    if (l == "  {") docs.emplace_back();
    if (!docs.empty()) docs.back() += l + "\n";
  }
  return docs;
}
std::vector<std::string> ek_documents(const std::string& text) {
  std::vector<std::string> docs;
  auto lines = split_lines(text);
  for (size_t i = 0; i + 1 < lines.size(); i += 2) docs.push_back(lines[i] + "\n" + lines[i + 1]);
  return docs;
}

// Packets in scope whose -V tree is already tshark's: the other outputs of the tree are
// compared on these (the tree itself is Tree's). Nothing when the packet counts differ.
std::optional<std::vector<bool>> packets_with_matching_tree(const std::string& file) {
  std::vector<bool> scope = packets_in_scope(file);
  auto their_trees = tshark_summaries_and_trees(file).trees;
  auto my_trees = tree_blocks(netsift(input_args(file) + " -V").out);
  if (my_trees.size() != their_trees.size()) return std::nullopt;
  for (size_t i = 0; i < scope.size() && i < their_trees.size(); ++i)
    scope[i] = scope[i] && their_trees[i] == my_trees[i];
  return scope;
}

// The JSON outputs of every packet whose -V tree is already tshark's (Tree compares the trees;
// this test their layout): -T json (values, "_tree" children, text keys) and -T ek (flattened
// "<protocol>_<abbrev>" members). Two tshark runs per capture: on every tenth capture, to keep
// the suite's time (about 8 s a capture without the tshark cache).
TEST_P(DifferentialJson, JsonFormats) {
  const std::string& file = GetParam().path;
  std::optional<std::vector<bool>> matching = packets_with_matching_tree(file);
  ASSERT_TRUE(matching) << "packet count differs for " << file;
  const std::vector<bool>& scope = *matching;
  size_t reported = 0;
  for (const char* format : {" -T json", " -T ek"}) {
    bool ek = std::string(format).find("ek") != std::string::npos;
    auto split = ek ? ek_documents : json_documents;
    auto theirs = split(tshark(input_args(file) + format));
    auto mine = split(netsift(input_args(file) + format).out);
    ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << file << format;
    for (size_t i = 0; i < theirs.size() && i < scope.size(); ++i)
      if (scope[i] && mine[i] != theirs[i] && reported++ < kMaxReported)
        ADD_FAILURE() << file << format << " frame " << i + 1 << " "
                      << first_difference(theirs[i], mine[i]);
  }
}

// The text before the first <packet> of a PDML or PSML document, then one block per packet;
// PDML's creation time (time="...") is left out.
std::vector<std::string> markup_blocks(const std::string& text) {
  std::vector<std::string> blocks(1);
  for (const std::string& l : split_lines(text)) {
    if (l.rfind("<packet", 0) == 0) blocks.emplace_back();  // also <packet foreground=...>
    if (l.rfind("<pdml ", 0) == 0) {
      size_t time = l.find(" time=\""), end = l.find('"', time + 7);
      blocks.back() += l.substr(0, time) + l.substr(end + 1) + "\n";
      continue;
    }
    blocks.back() += l + "\n";
  }
  return blocks;
}

// -T pdml (every item's name, text, position, value and bytes) on the packets whose -V tree
// is already tshark's, and -T psml (the columns; with --color, Wireshark's coloring rules) on
// every packet in scope. Three more tshark runs per sampled capture (DifferentialMarkup).
TEST_P(DifferentialMarkup, MarkupFormats) {
  const std::string& file = GetParam().path;
  std::optional<std::vector<bool>> tree_scope = packets_with_matching_tree(file);
  ASSERT_TRUE(tree_scope) << "packet count differs for " << file;
  std::vector<bool> scope = packets_in_scope(file);
  size_t reported = 0;
  for (const char* format : {" -T pdml", " -T psml", " -T psml --color"}) {
    const std::vector<bool>& compared = std::string(format) == " -T pdml" ? *tree_scope : scope;
    auto theirs = markup_blocks(tshark(input_args(file) + format));
    auto mine = markup_blocks(netsift(input_args(file) + format).out);
    ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << file << format;
    EXPECT_EQ(mine[0], theirs[0]) << file << format << ": the document's start";
    for (size_t i = 1; i < theirs.size() && i - 1 < compared.size(); ++i)
      if (compared[i - 1] && mine[i] != theirs[i] && reported++ < kMaxReported)
        ADD_FAILURE() << file << format << " frame " << i << " "
                      << first_difference(theirs[i], mine[i]);
  }
}

TEST_P(DifferentialExit, ExitStatus) {
  const std::string& file = GetParam().path;
  // The summary-lines test's tshark run, so its status costs no extra tshark run.
  int theirs = shell_cached(tshark_command(tshark_summary_and_tree_args(file))).status;
  int mine = netsift(input_args(file) + " -q").status;
  EXPECT_EQ(mine != 0, theirs != 0) << file << ": tshark exit " << theirs << ", netsift " << mine;
}

INSTANTIATE_TEST_SUITE_P(Corpus, DifferentialSummary, ::testing::ValuesIn(every_nth(kCorpusEvery)),
                         [](const auto& info) { return info.param.test_name; });
INSTANTIATE_TEST_SUITE_P(Corpus, DifferentialTree,
                         ::testing::ValuesIn(every_nth(kCorpusEvery, kCorpusEvery / 2)),
                         [](const auto& info) { return info.param.test_name; });
INSTANTIATE_TEST_SUITE_P(Corpus, DifferentialFields,
                         ::testing::ValuesIn(every_nth(kCorpusEvery, kCorpusEvery - 1)),
                         [](const auto& info) { return info.param.test_name; });
INSTANTIATE_TEST_SUITE_P(Corpus, DifferentialExit,
                         ::testing::ValuesIn(every_nth(kSanitizerBuild ? 6 : 1)),
                         [](const auto& info) { return info.param.test_name; });
INSTANTIATE_TEST_SUITE_P(Corpus, DifferentialNarrow, ::testing::ValuesIn(every_nth(kNarrowEvery)),
                         [](const auto& info) { return info.param.test_name; });
INSTANTIATE_TEST_SUITE_P(Corpus, DifferentialJson, ::testing::ValuesIn(every_nth(kJsonEvery)),
                         [](const auto& info) { return info.param.test_name; });
INSTANTIATE_TEST_SUITE_P(Corpus, DifferentialMarkup,
                         ::testing::ValuesIn(every_nth(kJsonEvery, kJsonEvery / 2)),
                         [](const auto& info) { return info.param.test_name; });

// TLS decryption on every corpus capture with key material beside it: the record layer, the
// decrypted handshake and application data and what HTTP finds in it, and the summary columns,
// for every packet. (Differential.* leave out a whole TCP stream once tshark shows a protocol
// netsift lacks in it, such as the X.509 certificates a decrypted TLS 1.3 handshake carries.)
std::vector<CaptureFile> captures_with_keys() {
  std::vector<CaptureFile> out;
  for (const CaptureFile& c : all_captures())
    if (input_args(c.path).find("tls.keylog_file:") != std::string::npos ||
        input_args(c.path).find("uat:rsa_keys:") != std::string::npos)
      out.push_back(c);
  return out;
}

class TlsDecryption : public Differential {};

TEST_P(TlsDecryption, Decrypted) {
  static const char* const kFields[] = {
      "_ws.col.Protocol", "_ws.col.Info", "tls.record.content_type", "tls.record.opaque_type",
      "tls.record.length", "tls.handshake.type", "tls.handshake.verify_data",
      "tls.app_data_proto", "tls.alert_message.desc", "tls.handshake.session_ticket",
      "tls.handshake.key_update.request_update", "http.request.method", "http.request.uri",
      "http.request.full_uri", "http.response.code", "http.host", "http.content_length",
      "http.request_in", "http.response_in", "http.file_data", "data.data"};
  const std::string& file = GetParam().path;
  std::string args = input_args(file) + " -T fields -E occurrence=a";
  for (const char* f : kFields) args += std::string(" -e ") + f;
  auto theirs = split_lines(tshark(args));
  auto mine = split_lines(netsift(args).out);
  ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << file;
  size_t reported = 0;
  for (size_t i = 0; i < theirs.size(); ++i) {
    auto t = split_tabs(theirs[i]);
    auto m = split_tabs(mine[i]);
    for (size_t c = 0; c < std::size(kFields) && c < t.size(); ++c)
      if ((c >= m.size() || t[c] != m[c]) && reported++ < kMaxReported)
        ADD_FAILURE() << file << " frame " << i + 1 << " field " << kFields[c]
                      << "\n tshark:  " << t[c] << "\n netsift: " << (c < m.size() ? m[c] : "");
  }
}

// The HTTP requests and responses decryption reveals, on the captures Decrypted leaves out for
// another protocol's sake (a media dissector, HTTP/2, IMAP): their decryption is checked here.
TEST_P(TlsDecryption, HttpMessages) {
  const std::string args = input_args(GetParam().path) +
                           " -Y http -T fields -E occurrence=a -e frame.number"
                           " -e http.request.method -e http.request.full_uri"
                           " -e http.response.code -e http.content_length -e http.request_in";
  EXPECT_EQ(netsift(args).out, tshark(args)) << GetParam().path;
}

// Keys a pcapng file carries itself (a decryption-secrets block): no key option for either tool.
TEST(TlsDecryptionSecretsBlock, DecryptsWithThePcapngSecrets) {
  const std::string file = std::string(NETSIFT_CORPUS_DIR) + "/file-formats/wiki-pcapng-example.pcapng";
  if (!fs::exists(file)) GTEST_SKIP() << "no corpus";
  const std::string args = "-r " + shell_quote(file) +
                           " -T fields -E occurrence=a -e _ws.col.Protocol -e _ws.col.Info"
                           " -e tls.record.content_type -e tls.handshake.type"
                           " -e http.request.method -e http.request.full_uri -e http.response.code";
  std::string theirs = tshark(args);
  EXPECT_NE(theirs.find("https://"), std::string::npos) << "tshark decrypted nothing";
  EXPECT_EQ(netsift(args).out, theirs);
}

// The export suites (EXP-RC4-MD5, EXP-RC2-CBC-MD5, EXP-DES40-CBC-SHA: TCP streams 0, 3 and 5)
// of the all-ciphers capture, whose other tests the IDEA stream keeps out: decrypted as tshark.
TEST(TlsExportSuites, DecryptAsTshark) {
  const std::string dir = std::string(NETSIFT_CORPUS_DIR) + "/tls-decrypt/";
  const std::string file = dir + "lekensteyn-tls-all-ciphers.pcapng";
  if (!fs::exists(file)) GTEST_SKIP() << "no corpus";
  const std::string args =
      "-r " + shell_quote(file) + " -o " +
      shell_quote("tls.keylog_file:" + dir + "lekensteyn-tls-all-ciphers.keys") +
      " -Y 'tcp.stream in {0,3,5}' -T fields -E occurrence=a -e frame.number"
      " -e _ws.col.Protocol -e _ws.col.Info -e tls.handshake.verify_data"
      " -e http.request.method -e http.response.code -e http.file_data";
  std::string theirs = tshark(args);
  EXPECT_NE(theirs.find("GET"), std::string::npos) << "tshark decrypted nothing";
  EXPECT_EQ(netsift(args).out, theirs);
}

// A record whose GCM authentication tag is wrong (tests/fixtures/gen_tls_ems.py) stays
// encrypted; with tls.ignore_ssl_mac_failed its plaintext is shown all the same, as tshark does.
// tests/fixtures/tls-bad-tag-ccm.pcapng is the same with AES-128-CCM, whose failing
// plaintext OpenSSL does not keep: netsift decrypts it again without the tag check.
struct BadTagCapture {
  const char* file;
  const char* uri;  // the failing request's
};
class TlsIgnoreMacFailed : public ::testing::TestWithParam<BadTagCapture> {};

TEST_P(TlsIgnoreMacFailed, ShowsThePlaintextOfARecordThatFailsItsTag) {
  const std::string file =
      std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/" + GetParam().file;
  const std::string fields =
      " -T fields -e frame.number -e _ws.col.Protocol -e http.request.uri -e tls.app_data_proto";
  const std::string plain = "-r " + shell_quote(file) + fields;
  const std::string ignoring = plain + " -o tls.ignore_ssl_mac_failed:TRUE";
  std::string strict = tshark(plain), lenient = tshark(ignoring);
  EXPECT_EQ(strict.find(GetParam().uri), std::string::npos) << "tshark decrypted the bad record";
  EXPECT_NE(lenient.find(GetParam().uri), std::string::npos) << "tshark ignored no MAC failure";
  EXPECT_EQ(netsift(plain).out, strict);
  EXPECT_EQ(netsift(ignoring).out, lenient);
}

INSTANTIATE_TEST_SUITE_P(Aead, TlsIgnoreMacFailed,
                         ::testing::Values(BadTagCapture{"tls-bad-tag.pcapng", "/ems/1"},
                                           BadTagCapture{"tls-bad-tag-ccm.pcapng", "/ems/3"}),
                         [](const auto& info) {
                           return std::string(info.index == 0 ? "Gcm" : "Ccm");
                         });

INSTANTIATE_TEST_SUITE_P(Keyed, TlsDecryption, ::testing::ValuesIn(captures_with_keys()),
                         [](const auto& info) { return info.param.test_name; });


// DTLS on Wireshark's own DTLS captures (the corpus has none), read without keys by both tools:
// summary lines and every dtls.* field netsift registers for every packet, and the -V tree on
// the capture whose every part netsift decodes (snakeoil-dtls.pcap's certificate carries
// Netscape extensions, dtls12-aes128ccm8.pcap a PSK ClientKeyExchange, which netsift does not
// decode yet).
struct DtlsCapture {
  const char* file;
  bool compare_tree;
};
constexpr DtlsCapture kDtlsCaptures[] = {
    {"snakeoil-dtls.pcap", false},
    {"dtls12-aes128ccm8.pcap", false},
    {"udt-dtls.pcapng.gz", true},
};

class Dtls : public ::testing::TestWithParam<DtlsCapture> {
 protected:
  std::string path() const {
    return std::string(NETSIFT_WIRESHARK_SUITE) + "/current/captures/" + GetParam().file;
  }
  void SetUp() override {
    if (!fs::exists(path())) GTEST_SKIP() << "no Wireshark suite (scripts/fetch-wireshark-suite.sh)";
  }
};

TEST_P(Dtls, SummaryLines) {
  std::string args = "-r " + shell_quote(path());
  EXPECT_EQ(netsift(args).out, tshark(args));
}

// tshark 4.0 registers these two twice (packet-dtls.c's own and the common TLS list); given
// among many -e fields, tshark may print the unused registration's empty column.
bool registered_twice_by_tshark(const std::string& f) {
  return f == "dtls.handshake.type" || f == "dtls.handshake.session_id_length";
}

TEST_P(Dtls, Fields) {
  std::string args = "-r " + shell_quote(path()) + " -T fields -E occurrence=a";
  size_t n = 0;
  for (const std::string& f : glossary().compared_fields)
    if (f.rfind("dtls.", 0) == 0 && !registered_twice_by_tshark(f)) {
      args += " -e " + f;
      ++n;
    }
  ASSERT_GT(n, 100u);
  auto theirs = split_lines(tshark(args));
  auto mine = split_lines(netsift(args).out);
  ASSERT_EQ(mine.size(), theirs.size());
  size_t reported = 0;
  for (size_t i = 0; i < theirs.size(); ++i)
    if (mine[i] != theirs[i] && reported++ < kMaxReported)
      ADD_FAILURE() << GetParam().file << " frame " << i + 1 << "\n tshark:  " << theirs[i]
                    << "\n netsift: " << mine[i];
}

TEST_P(Dtls, Tree) {
  if (!GetParam().compare_tree) GTEST_SKIP() << "parts netsift does not decode yet";
  std::string args = "-r " + shell_quote(path()) + " -V";
  auto theirs = tree_blocks(tshark(args));
  auto mine = tree_blocks(netsift(args).out);
  ASSERT_EQ(mine.size(), theirs.size());
  size_t reported = 0;
  for (size_t i = 0; i < theirs.size(); ++i)
    if (mine[i] != theirs[i] && reported++ < kMaxReported)
      ADD_FAILURE() << GetParam().file << " frame " << i + 1 << " "
                    << first_difference(theirs[i], mine[i]);
}

INSTANTIATE_TEST_SUITE_P(WiresharkSuite, Dtls, ::testing::ValuesIn(kDtlsCaptures),
                         [](const auto& info) { return sanitized_name(info.param.file); });

}  // namespace
}  // namespace netsift::test
