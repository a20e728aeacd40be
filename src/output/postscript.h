// -T ps: tshark's PostScript output. Every line the text output would print becomes
// "indent (text) putline" (the tree depth, not spaces), between a prologue that defines
// putline (netsift's own PostScript: wrapped lines, page breaks, a title and page numbers on
// every page) and a finale that prints the last page.
#pragma once

#include <string>
#include <string_view>

namespace netsift {

// The prologue, and the page title naming `capture_file` ("-" for standard input).
void append_ps_preamble(std::string& out, std::string_view capture_file);

// "indent (text) putline": `text` with '(', ')' and '\' escaped, cut (between escapes) at
// 255 bytes, the most tshark's line buffer holds.
void append_ps_line(std::string& out, size_t indent, std::string_view text);

// Each line of `text` (lines ended by '\n') at indent 0.
void append_ps_lines(std::string& out, std::string_view text);

void append_ps_finale(std::string& out);

}  // namespace netsift
