// libFuzzer target: arbitrary bytes as a JSON message body, through tshark's grammar (with its
// recursion limit and leaking counter) and the json dissector's tree, string unescaping and
// trailing-text hand-off. The first byte picks the media type, whether the summary columns are
// built, whether only some json fields are kept (the -T fields "fake tree"), and the json
// preferences (compact form, leading bytes ignored, path items hidden).
// Checked: the grammar stops inside the body, its events nest and stay inside the body, a second
// run gives the same events, and the dissector never fails except by tshark's own assertion.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "core/dissector_bug.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/json_grammar.h"
#include "dissectors/media.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;

void check_events(const std::vector<json::Event>& ev, size_t n) {
  std::vector<json::EventKind> open;
  for (const json::Event& e : ev) {
    CHECK(e.off <= n && e.len <= n - e.off);
    switch (e.kind) {
      case json::EventKind::kBeginObject:
      case json::EventKind::kBeginArray:
        open.push_back(e.kind);
        break;
      case json::EventKind::kBeginMember:
        CHECK(!open.empty() && open.back() == json::EventKind::kBeginObject);
        CHECK(e.key_len >= 2 && e.key_off >= e.off && e.key_off + e.key_len <= e.off + e.len);
        open.push_back(e.kind);
        break;
      case json::EventKind::kEndObject:
        CHECK(!open.empty() && open.back() == json::EventKind::kBeginObject);
        open.pop_back();
        break;
      case json::EventKind::kEndArray:
        CHECK(!open.empty() && open.back() == json::EventKind::kBeginArray);
        open.pop_back();
        break;
      case json::EventKind::kEndMember:
        CHECK(!open.empty() && open.back() == json::EventKind::kBeginMember);
        open.pop_back();
        break;
      default:  // a scalar sits in an array or a member
        CHECK(!open.empty() && open.back() != json::EventKind::kBeginObject);
        CHECK(e.len >= 1);
    }
  }
  CHECK(open.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  static Session session;
  static Packet pkt;
  static std::vector<uint8_t> interest;
  static std::vector<json::Event> first, second;
  static uint64_t number = 0;
  (void)registered;
  if (size < 1) return 0;
  static const char* const kTypes[] = {"application/json", "application/json-patch+json",
                                       "application/x-ndjson", "application/problem+json"};
  uint8_t mode = data[0];
  const uint8_t* body = data + 1;
  size_t n = size - 1;

  first.clear();
  second.clear();
  size_t used = json::recognise(body, n, first);
  CHECK(used <= n);
  check_events(first, n);
  CHECK(json::recognise(body, n, second) == used);
  CHECK(second.size() == first.size());

  CapturedFrame frame;
  frame.data = body;
  frame.caplen = frame.len = static_cast<uint32_t>(n);
  pkt.reset(++number, &frame, &session);
  pkt.cols.enabled = mode & 0x80;
  session.prefs.set("json.compact_form", (mode & 0x04) ? "TRUE" : "FALSE");
  session.prefs.set("json.ignore_leading_bytes", (mode & 0x08) ? "TRUE" : "FALSE");
  session.prefs.set("json.hide_extended_path_based_filtering", (mode & 0x10) ? "TRUE" : "FALSE");
  if (mode & 0x40) {  // keep only a few json fields, as -T fields -e json.path does
    const FieldRegistry& reg = registry();
    interest.assign(reg.size(), 0);
    for (const char* f : {"json.path", "json.member_with_value", "json.value.string"})
      interest[reg.find(f)] = 1;
    pkt.tree.set_interest(&interest);
  } else {
    pkt.tree.set_interest(nullptr);
  }
  ByteReader r(body, n, n);
  try {
    dissect_json(pkt, r, kTypes[mode & 3]);
  } catch (const DissectorBug&) {
  }
  return 0;
}
