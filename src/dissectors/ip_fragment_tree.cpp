#include "dissectors/ip_fragment_tree.h"

#include <fmt/format.h>

#include <string>

#include "core/field_registry.h"

namespace netsift {

void add_fragment_tree(Packet& pkt, int tree, const ReassembledDatagram& dg,
                       const ByteReader& whole, const FragmentFields& ff) {
  // ip.fragments holds the datagram's bytes (FT_BYTES); ipv6.fragments is a plain subtree.
  Value all = registry().info(ff.fragments).def.type == FieldType::kBytes
                  ? Value::of_bytes(dg.data, dg.length)
                  : Value{};
  int n = pkt.tree.add(tree, ff.fragments, whole, 0, dg.length, all, kGenerated);
  std::string label;
  if (pkt.labels)
    label = fmt::format("{} {} Fragments ({} bytes): ", dg.fragments.size(), ff.version, dg.length);
  for (size_t i = 0; i < dg.fragments.size(); ++i) {
    const FragmentRecord& f = dg.fragments[i];
    FieldId item = f.overlap_conflict || f.too_long ? ff.error : ff.fragment;
    int c = pkt.tree.add(n, item, whole, f.offset, f.length, Value::of_uint(f.frame), kGenerated);
    if (f.overlap) pkt.tree.add_generated(c, ff.overlap, Value::of_uint(1));
    if (f.overlap_conflict) pkt.tree.add_generated(c, ff.overlap_conflict, Value::of_uint(1));
    if (f.too_long) pkt.tree.add_generated(c, ff.too_long, Value::of_uint(1));
    if (pkt.labels) {
      pkt.set_label(c, fmt::format("Frame: {}, payload: {}-{} ({} byte{})", f.frame, f.offset,
                                   f.offset + f.length - 1, f.length, f.length == 1 ? "" : "s"));
      label += fmt::format("{}#{}({})", i ? ", " : "", f.frame, f.length);
    }
  }
  // tshark appends each fragment to the label, and appended text stops silently at the label's
  // 239 bytes (ITEM_LABEL_LENGTH), without the " [truncated]" mark of a label set whole.
  constexpr size_t kMaxAppendedLabel = 239;
  if (label.size() > kMaxAppendedLabel) label.resize(kMaxAppendedLabel);
  if (pkt.labels) pkt.set_label(n, label);
  pkt.tree.add_generated(n, ff.count, Value::of_uint(dg.fragments.size()));
  pkt.tree.add_generated(n, ff.reassembled_length, Value::of_uint(dg.length));
  pkt.tree.add(n, ff.reassembled_data, whole, 0, dg.length, Value::of_bytes(dg.data, dg.length),
               kGenerated);
}

}  // namespace netsift
