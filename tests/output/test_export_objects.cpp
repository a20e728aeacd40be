// --export-objects http,DIR against tshark 4.0: for every HTTP capture of the corpus and the
// HTTP fixtures, the same file names with the same bytes. tshark's listing is cached like
// tests/diff's answers, so a run only pays for netsift.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "output/export_objects.h"
#include "known_differences.h"
#include "run_command.h"
#include "tshark_cache.h"

namespace netsift {
namespace {

using test::CommandResult;
using test::run_command;
using test::shell_cached;
using test::shell_quote;

// The captures with HTTP/1.x messages: the corpus's http1 set and the HTTP fixtures.
std::vector<std::string> captures() {
  std::vector<std::string> out;
  CommandResult ls = run_command(
      "cd " + shell_quote(std::string(NETSIFT_CORPUS_DIR)) + " && ls http1/ && cd " +
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests") + " && ls fixtures/http-*.pcap");
  for (const std::string& line : test::split_lines(ls.out))
    out.push_back(line.rfind("fixtures/", 0) == 0 ? line : "http1/" + line);
  return out;
}

std::string path_of(const std::string& capture) {
  if (capture.rfind("fixtures/", 0) == 0)
    return std::string(NETSIFT_SOURCE_DIR) + "/tests/" + capture;
  return std::string(NETSIFT_CORPUS_DIR) + "/" + capture;
}

// Exports into a fresh directory and lists what was written: size, SHA-256 and name of each
// file, in byte order of the names, then the exit status. The command text is the cache key.
std::string export_listing(const std::string& tool, const std::string& capture) {
  return "d=$(mktemp -d) && " + tool + " -r " + shell_quote(path_of(capture)) +
         " -q --export-objects http,\"$d/objects\" >/dev/null 2>&1; s=$?; cd \"$d/objects\" && "
         "LC_ALL=C ls -A | while IFS= read -r f; do "
         "printf '%s %s %s\\n' \"$(wc -c < \"$f\")\" \"$(sha256sum < \"$f\" | cut -c1-64)\" "
         "\"$f\"; done; echo \"exit $s\"; rm -rf \"$d\"";
}

// The reason tests/diff/known_differences.txt gives for an "ExportObjects" (or "*") line about
// `capture`, empty when there is none.
std::string known_difference(const std::string& capture) {
  return test::known_difference(std::string(NETSIFT_SOURCE_DIR) + "/tests/diff/known_differences.txt",
                                "ExportObjects", capture);
}

class ExportObjectsVsTshark : public ::testing::TestWithParam<std::string> {};

TEST_P(ExportObjectsVsTshark, SameFilesAndBytes) {
  const std::string& capture = GetParam();
  if (std::string why = known_difference(capture); !why.empty()) GTEST_SKIP() << why;
  CommandResult tshark = shell_cached("bash -c " + shell_quote(export_listing("tshark", capture)));
  CommandResult ours =
      run_command("bash -c " + shell_quote(export_listing(std::string(NETSIFT_BINARY), capture)));
  ASSERT_NE(tshark.out.find("exit 0"), std::string::npos) << tshark.out;
  EXPECT_EQ(ours.out, tshark.out);
}

INSTANTIATE_TEST_SUITE_P(Http, ExportObjectsVsTshark, ::testing::ValuesIn(captures()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

// The naming rules of epan/export_object.c (eo_massage_str, eo_rename) and glib's
// g_path_get_basename, from their definitions.
TEST(ExportObjectNames, EscapesAndDuplicates) {
  EXPECT_EQ(export_object_file_name("index.html", 0), "index.html");
  EXPECT_EQ(export_object_file_name("/", 0), "%2f");
  EXPECT_EQ(export_object_file_name("a?b=c*d", 0), "a%3fb=c%2ad");
  EXPECT_EQ(export_object_file_name("<>:\"\\|\t", 0), "%3c%3e%3a%22%5c%7c%09");
  EXPECT_EQ(export_object_file_name("dagbok.html", 2), "dagbok(2).html");
  EXPECT_EQ(export_object_file_name("dst=Win_700", 3), "dst=Win_700(3)");
  EXPECT_EQ(export_object_file_name("a.tar.gz", 1), "a.tar(1).gz");
  // Longer than 255 bytes: cut, keeping the extension and the duplicate mark.
  std::string longname(300, 'x');
  EXPECT_EQ(export_object_file_name(longname + ".jpg", 0), std::string(251, 'x') + ".jpg");
  EXPECT_EQ(export_object_file_name(longname + ".jpg", 1), std::string(248, 'x') + "(1).jpg");
  EXPECT_EQ(export_object_file_name(longname, 12), std::string(251, 'x') + "(12)");
}

TEST(ExportObjectNames, BaseNameOfUri) {
  EXPECT_EQ(uri_base_name("/images/logo.gif"), "logo.gif");
  EXPECT_EQ(uri_base_name("/"), "/");
  EXPECT_EQ(uri_base_name("///"), "/");
  EXPECT_EQ(uri_base_name("/dir/"), "dir");
  EXPECT_EQ(uri_base_name("/a?x=1/2"), "2");
  EXPECT_EQ(uri_base_name("*"), "*");
  EXPECT_EQ(uri_base_name(""), ".");
}

// The option's checks, against tshark's messages and exit statuses (stderr, "tshark: " for
// "netsift: "); each run in a fresh directory.
TEST(ExportObjectsOption, ComplaintsAsTshark) {
  const std::string capture = path_of("http1/wiki-http.cap");
  auto command = [&](const std::string& tool, const std::string& opts) {
    return "bash -c " + shell_quote("cd \"$(mktemp -d)\" && " + tool + " -r " +
                                    shell_quote(capture) + " -q " + opts +
                                    " 2>&1 >/dev/null | grep -v '^Running as user' | "
                                    "sed 's/^netsift: /tshark: /'; exit ${PIPESTATUS[0]}");
  };
  for (const char* opts : {"--export-objects http", "--export-objects foo,dir",
                           "--export-objects http,a --export-objects http,b",
                           "--export-objects http,", "--export-objects http,a/b/c"}) {
    CommandResult tshark = shell_cached(command("tshark", opts));
    CommandResult ours = run_command(command(NETSIFT_BINARY, opts));
    EXPECT_EQ(ours.status, tshark.status) << opts;
    // After a bad argument tshark lists the six protocols it exports, netsift only http.
    std::vector<std::string> t = test::split_lines(tshark.out), o = test::split_lines(ours.out);
    t.resize(std::min<size_t>(t.size(), 2));
    o.resize(std::min<size_t>(o.size(), 2));
    EXPECT_EQ(o, t) << opts;
  }
}

}  // namespace
}  // namespace netsift
