#include "output/psml_printer.h"

#include "output/xml_text.h"

namespace netsift {

void PsmlPrinter::begin(OutputSink& out) {
  std::string& buf = out.buffer();
  buf.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<psml version=\"0\" creator=\"");
  buf.append(kXmlCreator);
  buf.append("\">\n<structure>\n");
  for (const ColumnSpec& c : columns_) {
    buf.append("<section>");
    append_xml_escaped(buf, c.title);
    buf.append("</section>\n");
  }
  buf.append("</structure>\n\n");
}

void PsmlPrinter::packet(const Packet& pkt, OutputSink& out) {
  std::string& buf = out.buffer();
  append_packet_open_tag(buf, colors_ ? colors_->match(pkt) : nullptr);
  for (const ColumnSpec& c : columns_) {
    buf.append("<section>");
    scratch_.clear();
    append_column(scratch_, pkt, c);
    append_xml_escaped(buf, scratch_);
    buf.append("</section>\n");
  }
  buf.append("</packet>\n\n");
}

void PsmlPrinter::end(OutputSink& out) {
  out.write("</psml>\n");
}

}  // namespace netsift
