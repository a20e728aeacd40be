// The JSON grammar exactly as tshark 4.0 recognises it (packet-json.c's rules run by
// epan/tvbparse.c), producing the callbacks tshark's tree is built from as a flat event list.
//
// tshark's matcher is not a strict JSON parser, and its output shows it: whitespace is skipped
// between any two grammar elements (so "- 1", "1 2" and "1. 5" are numbers, and "\ n" passes as
// an escape), a top-level text is only an object or an array, several texts may follow each
// other, and the first alternative that matches wins without backtracking ("01" fails). Every
// sequence, alternative and repetition entered counts one level of recursion; past 100 levels
// the element fails, and the counter is not given back for that failure (tvbparse's leak),
// which later elements of the same body feel. Reproducing that counting also bounds this
// recognizer's own recursion, whatever the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace netsift::json {

enum class EventKind : uint8_t {
  kBeginObject,
  kEndObject,
  kBeginArray,
  kEndArray,
  kBeginMember,  // key_off/key_len: the key string token, quotes included
  kEndMember,
  kString,  // a scalar value; off/len is its token (a string's quotes included)
  kNumber,
  kFalse,
  kNull,
  kTrue,
  kNaN,
};

struct Event {
  EventKind kind;
  uint32_t off, len;          // the token (Begin*: the whole object/array/member)
  uint32_t key_off, key_len;  // members only
};

// Recognises the JSON texts at the start of `p[0, n)` (each after optional whitespace) until
// one fails or the bytes end. `events` receives, in tshark's callback order, the events of
// every text that matched whole; returns the offset where matching stopped (tshark's
// tvbparse_curr_offset: the bytes from there on are not JSON to tshark).
size_t recognise(const uint8_t* p, size_t n, std::vector<Event>& events);

}  // namespace netsift::json
