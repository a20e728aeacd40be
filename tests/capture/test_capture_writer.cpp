// Writers: what we write reads back identically, with our reader and with tshark.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "capture/capture_writer.h"
#include "capture_test_util.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

std::string temp_path(const char* suffix) {
  return "/tmp/netsift_writer_" + std::to_string(getpid()) + "_" + suffix;
}

// Renames `path` after a hash of its bytes, so tshark's cached answer for an identical file
// (the same copy written again, as in the sanitizer pass) is reused.
std::string content_named(const std::string& path, const char* suffix) {
  std::ostringstream bytes;
  bytes << std::ifstream(path, std::ios::binary).rdbuf();
  std::string named =
      "/tmp/netsift_writer_" + std::to_string(std::hash<std::string>{}(bytes.str())) + "_" + suffix;
  std::filesystem::rename(path, named);
  return named;
}

// Copies every frame of `reader` into a new file of `format`; returns the path.
std::string copy_to(CaptureReader& reader, WriteFormat format, const char* name) {
  std::string path = temp_path(name);
  auto w = CaptureWriter::create(path, format, {true});
  CapturedFrame f;
  while (reader.next(f)) w->write_frame(f, reader.interfaces());
  w->close();
  return path;
}

void expect_same_frames(const ReadResult& a, const ReadResult& b) {
  ASSERT_EQ(a.frames.size(), b.frames.size());
  for (size_t i = 0; i < a.frames.size(); ++i) {
    EXPECT_EQ(tshark_epoch(a.frames[i].ts), tshark_epoch(b.frames[i].ts)) << i;
    EXPECT_EQ(a.frames[i].caplen, b.frames[i].caplen) << i;
    EXPECT_EQ(a.frames[i].len, b.frames[i].len) << i;
    EXPECT_EQ(a.frames[i].data, b.frames[i].data) << i;
    EXPECT_EQ(a.frames[i].comments, b.frames[i].comments) << i;
    EXPECT_EQ(a.frames[i].linktype, b.frames[i].linktype) << i;
  }
}

// pcap files have no interface ids (tshark prints none), so compare them only for pcapng.
// tshark's view of a file's frames; `cached` for corpus files, whose answer never changes.
std::string tshark_fields(const std::string& path, bool with_interface = true,
                          bool cached = false) {
  std::string cmd = "tshark -r '" + path +
                    "' -T fields -e frame.time_epoch -e frame.len -e frame.cap_len -e "
                    "frame.comment" +
                    (with_interface ? " -e frame.interface_id" : "") + " 2>/dev/null";
  return cached ? shell_cached(cmd).out : run_command(cmd).out;
}

TEST(CaptureWriter, PcapngKeepsInterfacesCommentsAndNanoseconds) {
  PcapngBuilder b;
  b.shb(false)
      .idb(1, 0, {text_option(2, "eth0"), {9, {9}}})
      .idb(101, 1500, {text_option(2, "tun0")});
  b.epb(1, 1700000000123456ull, payload(30), 0, {text_option(1, "hello"), text_option(1, "again")});
  b.epb(0, 1700000000123456789ull, payload(64), 1000, {u32_option(2, 2, false)});
  auto src = read_all(*open_bytes(b.out));
  ASSERT_FALSE(src.failed);
  auto reader = open_bytes(b.out);
  std::string path = copy_to(*reader, WriteFormat::kPcapng, "a.pcapng");
  auto out_reader = open_capture(path);
  auto out = read_all(*out_reader);
  ASSERT_FALSE(out.failed) << out.error;
  expect_same_frames(src, out);
  EXPECT_EQ(out.frames[0].interface_id, 1u);
  EXPECT_EQ(out.frames[1].pack_flags, 2u);
  ASSERT_EQ(out_reader->interfaces().size(), 2u);
  EXPECT_EQ(out_reader->interfaces()[1].name, "tun0");
  EXPECT_EQ(out_reader->interfaces()[1].snaplen, 1500u);
  std::string written =
      run_command("tshark -r '" + path + "' -T fields -e frame.interface_id 2>/dev/null").out;
  EXPECT_EQ(written, "1\n0\n");
  unlink(path.c_str());
}

TEST(CaptureWriter, PcapNanosecondRoundTrip) {
  auto file =
      make_pcap(true, true, 128, 1, {{5, 999999999, payload(100), 200}, {6, 1, payload(7), 0}});
  auto src = read_all(*open_bytes(file));
  auto reader = open_bytes(file);
  std::string path = copy_to(*reader, WriteFormat::kPcap, "b.pcap");
  auto out_reader = open_capture(path);
  EXPECT_EQ(out_reader->format(), FileFormat::kPcapNsec);
  EXPECT_EQ(out_reader->interfaces()[0].snaplen, 128u);
  expect_same_frames(src, read_all(*out_reader));
  unlink(path.c_str());
}

TEST(CaptureWriter, PcapRefusesSecondLinkType) {
  PcapngBuilder b;
  b.shb(false).idb(1, 0).idb(101, 0).epb(0, 1, payload(10)).epb(1, 2, payload(10));
  auto reader = open_bytes(b.out);
  std::string path = temp_path("c.pcap");
  auto w = CaptureWriter::create(path, WriteFormat::kPcap);
  CapturedFrame f;
  ASSERT_TRUE(reader->next(f));
  w->write_frame(f, reader->interfaces());
  ASSERT_TRUE(reader->next(f));
  EXPECT_THROW(w->write_frame(f, reader->interfaces()), CaptureError);
  w->close();
  unlink(path.c_str());
}

TEST(CaptureWriter, EmptyOutputsAreValid) {
  for (auto format : {WriteFormat::kPcap, WriteFormat::kPcapng}) {
    std::string path = temp_path("empty");
    CaptureWriter::create(path, format)->close();
    auto r = read_all(*open_capture(path));
    EXPECT_FALSE(r.failed) << r.error;
    EXPECT_TRUE(r.frames.empty());
    unlink(path.c_str());
  }
}

// Every readable corpus file in file-formats/ copied to pcapng (and pcap where it has one link
// type) must look the same to tshark.
TEST(CaptureWriter, TsharkReadsCopiesOfCorpusFilesIdentically) {
  std::string dir = std::string(NETSIFT_CORPUS_DIR) + "/file-formats/";
  std::string list = run_command("ls '" + dir + "'").out;
  size_t checked = 0;
  for (size_t pos = 0; pos < list.size();) {
    size_t nl = list.find('\n', pos);
    std::string name = list.substr(pos, nl - pos);
    pos = nl == std::string::npos ? list.size() : nl + 1;
    std::string in = dir + name;
    std::unique_ptr<CaptureReader> reader;
    try {
      reader = open_capture(in);
    } catch (const CaptureError&) {
      continue;  // key files and the like
    }
    std::string out =
        content_named(copy_to(*reader, WriteFormat::kPcapng, "corpus.pcapng"), "corpus.pcapng");
    bool pcapng = reader->format() == FileFormat::kPcapng;
    EXPECT_TRUE(tshark_fields(out, pcapng, true) == tshark_fields(in, pcapng, true)) << name;
    // pcap holds one link type and 32-bit seconds (wiki-dhcp_*_endian.pcapng has later times).
    auto frames = read_all(*open_capture(in)).frames;
    bool fits_pcap = std::all_of(frames.begin(), frames.end(), [](const FrameCopy& f) {
      return f.ts.sec >= 0 && f.ts.sec <= int64_t(UINT32_MAX);
    });
    if (reader->interfaces().size() <= 1 && fits_pcap) {
      auto again = open_capture(in);
      std::string pcap_out =
          content_named(copy_to(*again, WriteFormat::kPcap, "corpus.pcap"), "corpus.pcap");
      // pcap has no comments or interface ids: compare time and lengths only.
      std::string cmd = " -T fields -e frame.time_epoch -e frame.len -e frame.cap_len 2>/dev/null";
      EXPECT_EQ(shell_cached("tshark -r '" + pcap_out + "'" + cmd).out,
                shell_cached("tshark -r '" + in + "'" + cmd).out)
          << name;
      unlink(pcap_out.c_str());
    }
    unlink(out.c_str());
    ++checked;
  }
  EXPECT_GT(checked, 20u);
}

}  // namespace
}  // namespace netsift::test
