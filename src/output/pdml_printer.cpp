#include "output/pdml_printer.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <iterator>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "dissectors/frame.h"
#include "output/label_format.h"
#include "output/value_format.h"
#include "output/xml_text.h"

namespace netsift {

namespace {

void indent(std::string& out, int level) {
  out.append(static_cast<size_t>(level) * 2, ' ');
}

// A protocol element: FT_PROTOCOL items, except the option protocols tshark registers as
// FT_BYTES (shown as fields with a value).
bool is_protocol(const FieldInfo& f) {
  return f.def.type == FieldType::kProtocol && !f.protocol_bytes_value;
}

// tshark's check_protocolfilter: the exact name is listed.
bool listed(const std::vector<std::string>& filter, std::string_view name) {
  return std::find(filter.begin(), filter.end(), name) != filter.end();
}

// The name tshark filters a node by (its hfinfo's abbreviation): "text" for text items.
std::string_view filter_name(const FieldInfo& f) {
  return is_text_item(f) ? std::string_view("text") : std::string_view(f.def.abbrev);
}

}  // namespace

PdmlPrinter::PdmlPrinter(PdmlOptions options, std::vector<std::string> fields, ColumnLayout columns)
    : options_(std::move(options)), fields_(std::move(fields), std::move(columns)) {}

// tshark names the time it started writing (asctime, local time) and the capture file.
void PdmlPrinter::begin(OutputSink& out) {
  std::string& buf = out.buffer();
  time_t now = std::time(nullptr);
  struct tm tm {};
  char text[64];
  std::string when = "Not representable";
  if (localtime_r(&now, &tm) && asctime_r(&tm, text)) {
    when = text;
    if (!when.empty() && when.back() == '\n') when.pop_back();
  }
  buf.append(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<?xml-stylesheet type=\"text/xsl\" href=\"pdml2html.xsl\"?>\n"
      "<!-- You can find pdml2html.xsl in /usr/share/wireshark or at "
      "https://gitlab.com/wireshark/wireshark/-/raw/master/pdml2html.xsl. -->\n");
  append_format(buf,
                 "<pdml version=\"0\" creator=\"{}\" time=\"{}\" capture_file=\"", kXmlCreator,
                 when);
  append_xml_escaped(buf, options_.capture_file);
  buf.append("\">\n");
}

void PdmlPrinter::end(OutputSink& out) {
  out.write("</pdml>\n");
}

void PdmlPrinter::packet(const Packet& pkt, OutputSink& out) {
  std::string& buf = out.buffer();
  append_packet_open_tag(buf, options_.colors ? options_.colors->match(pkt) : nullptr);
  append_geninfo(buf, pkt);
  if (fields_.empty())
    append_tree(buf, pkt);
  else
    append_selected_fields(buf, pkt);
  // tshark ends the packet element with a blank line, then prints one more.
  buf.append("</packet>\n\n\n");
}

// The "geninfo" pseudo-protocol the PDML specification asks for: number, lengths and time,
// each as big as the frame protocol's item.
void PdmlPrinter::append_geninfo(std::string& out, const Packet& pkt) {
  int frame = pkt.tree.find(frame_fields::proto);
  if (frame < 0 || !pkt.frame) return;
  uint32_t size = pkt.tree[frame].length;
  const CapturedFrame& f = *pkt.frame;
  append_format(out,
                 "  <proto name=\"geninfo\" pos=\"0\" showname=\"General information\" "
                 "size=\"{0}\">\n"
                 "    <field name=\"num\" pos=\"0\" show=\"{1}\" showname=\"Number\" "
                 "value=\"{1:x}\" size=\"{0}\"/>\n"
                 "    <field name=\"len\" pos=\"0\" show=\"{2}\" showname=\"Frame Length\" "
                 "value=\"{2:x}\" size=\"{0}\"/>\n"
                 "    <field name=\"caplen\" pos=\"0\" show=\"{3}\" showname=\"Captured Length\" "
                 "value=\"{3:x}\" size=\"{0}\"/>\n"
                 "    <field name=\"timestamp\" pos=\"0\" show=\"",
                 size, static_cast<uint32_t>(pkt.number), f.len, f.caplen);
  append_abs_time(out, f.ts.total_ns(), Base::kAbsLocal);
  append_format(out,
                 "\" showname=\"Captured Time\" value=\"{}.{:09}\" size=\"{}\"/>\n  </proto>\n",
                 static_cast<int>(f.ts.sec), f.ts.nsec, size);
}

// Offsets as tshark records them. Expert items (and the _ws.malformed items that go with
// them) have no data source in Wireshark: at 0. A generated item netsift adds without bytes
// (offset and length 0) is where tshark's dissectors add theirs, at the start of their
// protocol's bytes.
void PdmlPrinter::compute_positions(const Packet& pkt) {
  const auto& nodes = pkt.tree.nodes();
  start_.resize(nodes.size());
  proto_start_.resize(nodes.size());
  in_expert_.resize(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    bool has_parent = n.parent >= 0 && static_cast<size_t>(n.parent) < i;
    uint32_t inherited = has_parent ? proto_start_[n.parent] : 0;
    in_expert_[i] = n.field == protocols::expert || (has_parent && in_expert_[n.parent]);
    bool no_bytes = (n.flags & kGenerated) && n.offset == 0 && n.length == 0;
    uint32_t start = n.offset;
    if (in_expert_[i] || (no_bytes && n.field == protocols::malformed))
      start = 0;
    else if (no_bytes)
      start = inherited;
    start_[i] = start;
    proto_start_[i] = is_protocol(registry().info(n.field)) ? start : inherited;
  }
}

void PdmlPrinter::append_tree(std::string& out, const Packet& pkt) {
  children_.build(pkt.tree);
  compute_positions(pkt);
  filter_ = options_.protocol_filter.empty() ? nullptr : &options_.protocol_filter;
  // Depth-first without recursion (hostile packets can nest deeply): an element is opened
  // when reached and closed once its last child is written.
  for (int root = children_.first(-1); root != -1; root = children_.next(root)) {
    stack_.assign(1, open_node(out, pkt, root, 0));
    while (!stack_.empty()) {
      Open& top = stack_.back();
      if (top.next_child != -1) {
        int child = top.next_child;
        top.next_child = children_.next(child);
        int level = top.level + 1;
        stack_.push_back(open_node(out, pkt, child, level));
        continue;
      }
      Open done = top;
      stack_.pop_back();
      close_node(out, pkt, done);
    }
  }
}

// tshark's proto_tree_write_node_pdml up to its children: the fake wrapper a top-level item
// that is not a protocol (or is the data protocol) gets, the element, and the "filtered"
// field that replaces the children of an item -j/-J does not list.
PdmlPrinter::Open PdmlPrinter::open_node(std::string& out, const Packet& pkt, int node, int level) {
  const FieldInfo& f = registry().info(pkt.tree[node].field);
  Open e{node, level, false, false, -1};
  e.wrapped = (!is_protocol(f) || f.id == protocols::data) && level == 0;
  indent(out, e.level + 1);
  if (e.wrapped) {
    out.append("<proto name=\"fake-field-wrapper\">\n");
    ++e.level;
    indent(out, e.level + 1);
  }
  append_element(out, pkt, node);
  if (!children_.has_children(node)) return e;
  if (!filter_ || listed(*filter_, filter_name(f))) {
    e.next_child = children_.first(node);
    if (filter_ && options_.filter_includes_children) {
      e.lifted = true;
      filter_ = nullptr;
    }
  } else {
    indent(out, e.level + 2);
    out.append("<field name=\"filtered\" value=\"");
    append_xml_escaped(out, filter_name(f));
    out.append("\" />\n");
  }
  return e;
}

void PdmlPrinter::close_node(std::string& out, const Packet& pkt, const Open& e) {
  if (e.lifted) filter_ = &options_.protocol_filter;
  const FieldInfo& f = registry().info(pkt.tree[e.node].field);
  // tshark takes the wrapper's level back before closing the element itself.
  int level = e.wrapped ? e.level - 1 : e.level;
  if (children_.has_children(e.node)) {
    indent(out, level + 1);
    bool proto_tag = is_protocol(f) && f.id != protocols::data && f.id != protocols::expert;
    out.append(proto_tag ? "</proto>\n" : "</field>\n");
  }
  if (e.wrapped) {
    indent(out, level + 1);
    out.append("</proto>\n");
  }
}

// The element's opening tag, with its attributes in tshark's order.
void PdmlPrinter::append_element(std::string& out, const Packet& pkt, int node) {
  const Node& n = pkt.tree[node];
  const FieldInfo& f = registry().info(n.field);
  bool children = children_.has_children(node);
  int parent = n.parent >= 0 && n.parent < node ? n.parent : -1;
  // A position before the parent's is taken as relative to it, as tshark does.
  uint32_t pos =
      parent >= 0 && start_[node] < start_[parent] ? start_[parent] + start_[node] : start_[node];
  auto size_and_pos = [&] {
    append_format(out, "\" size=\"{}\" pos=\"{}", n.length, pos);
  };
  if (is_text_item(f)) {
    out.append("<field name=\"\" show=\"");
    scratch_.clear();
    append_representation(scratch_, pkt, n);
    append_xml_escaped(out, scratch_);
    size_and_pos();
    if (n.length > 0) {
      out.append("\" value=\"");
      append_bytes_hex(out, pkt, n);
    }
    out.append(children ? "\">\n" : "\"/>\n");
    return;
  }
  if (f.id == protocols::data) {
    out.append("<field name=\"data\" value=\"");
    append_bytes_hex(out, pkt, n);
    out.append("\">\n");
    return;
  }
  bool protocol = is_protocol(f);
  out.append(protocol && f.id != protocols::expert ? "<proto name=\"" : "<field name=\"");
  append_xml_escaped(out, f.def.abbrev);
  out.append("\" showname=\"");
  scratch_.clear();
  append_representation(scratch_, pkt, n);
  append_xml_escaped(out, scratch_);
  if (n.flags & kHidden) out.append("\" hide=\"yes");
  size_and_pos();
  if (protocol) {
    // no value
  } else if (f.def.type == FieldType::kNone) {
    out.append("\" show=\"\" value=\"");
  } else {
    out.append("\" show=\"");
    scratch_.clear();
    append_display_value(scratch_, pkt, n);
    append_xml_escaped(out, scratch_);
    if (n.length > 0) {
      out.append("\" value=\"");
      if (f.def.bitmask != 0 && f.def.type != FieldType::kProtocol) {
        append_bitmask_value_hex(out, n, f);
        out.append("\" unmaskedvalue=\"");
      }
      append_bytes_hex(out, pkt, n);
    }
  }
  out.append(children ? "\">\n" : "\"/>\n");
}

// The bytes a node covers in hex, or tshark's "field length invalid!" when they run past the
// captured bytes.
void PdmlPrinter::append_bytes_hex(std::string& out, const Packet& pkt, const Node& n) {
  ByteReader r = source_reader(pkt, n.source);
  if (!r.has(n.offset, n.length)) {
    out.append("field length invalid!");
    return;
  }
  append_hex_bytes(out, r.data() + n.offset, n.length);
}

// With -e: each value of each listed field, in -e order.
void PdmlPrinter::append_selected_fields(std::string& out, const Packet& pkt) {
  for (size_t c = 0; c < fields_.size(); ++c)
    fields_.for_each_value(pkt, c, scratch_, [&](const std::string& value) {
      out.append("  <field name=\"");
      out.append(fields_.name(c));
      out.append("\" value=\"");
      append_xml_escaped(out, value);
      out.append("\"/>\n");
    });
}

}  // namespace netsift
