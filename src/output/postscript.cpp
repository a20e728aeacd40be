#include "output/postscript.h"

#include "core/append_format.h"

namespace netsift {

namespace {

// Page geometry from the device's imageable area, half-inch margins, 8-point type; putline
// shows a line at 10 points per indent level, wraps what does not fit the width (the font is
// monospaced) and starts a new page at the bottom margin.
constexpr std::string_view kPrologue =
    "%!PS-Adobe-2.0\n"
    "%%Creator: netsift\n"
    "%%Title: netsift output\n"
    "%%DocumentFonts: Helvetica Courier\n"
    "%%EndComments\n"
    "\n"
    "% Bookmarks open in PDF viewers (pdfmark is a no-op when printing).\n"
    "/pdfmark where {pop} {userdict /pdfmark /cleartomark load put} ifelse\n"
    "[/PageMode /UseOutlines /DOCVIEW pdfmark\n"
    "\n"
    "clippath pathbbox /pagetop exch def /pageright exch def pop pop\n"
    "/leftx 36 def\n"
    "/rightx pageright 36 sub def\n"
    "/topy pagetop 56 sub def\n"
    "/bottomy 36 def\n"
    "/pagenum 1 def\n"
    "/numstr 12 string def\n"
    "/pagetitle () def\n"
    "\n"
    "% Title and page number above, rules above and below the text.\n"
    "/decorate {\n"
    "  gsave\n"
    "  /Helvetica findfont 8 scalefont setfont\n"
    "  leftx pagetop 36 sub moveto pagetitle show\n"
    "  pagenum numstr cvs dup stringwidth pop rightx exch sub pagetop 36 sub moveto show\n"
    "  leftx pagetop 40 sub moveto rightx pagetop 40 sub lineto stroke\n"
    "  leftx bottomy moveto rightx bottomy lineto stroke\n"
    "  grestore\n"
    "} def\n"
    "\n"
    "/nextpage {\n"
    "  decorate showpage\n"
    "  /pagenum pagenum 1 add def\n"
    "  /ypos topy def\n"
    "} def\n"
    "\n"
    "% indent text showline: one line, no wrapping.\n"
    "/showline {\n"
    "  exch 10 mul leftx add ypos moveto show\n"
    "  /ypos ypos 10 sub def\n"
    "  ypos 5 sub bottomy le {nextpage} if\n"
    "} def\n"
    "\n"
    "% indent text putline: wrapped at the page width.\n"
    "/putline {\n"
    "  /linetext exch def /lineindent exch def\n"
    "  /linewidth rightx leftx sub (M) stringwidth pop div cvi def\n"
    "  linetext length linewidth le {\n"
    "    lineindent linetext showline\n"
    "  } {\n"
    "    lineindent linetext 0 linewidth getinterval showline\n"
    "    lineindent linetext linewidth linetext length linewidth sub getinterval putline\n"
    "  } ifelse\n"
    "} def\n"
    "\n"
    "/ypos topy def\n"
    "/Courier findfont 8 scalefont setfont\n"
    "\n";

// tshark's line buffer: 256 bytes with the terminating NUL.
constexpr size_t kMaxLine = 255;

void append_escaped(std::string& out, std::string_view text) {
  size_t written = 0;
  for (char c : text) {
    const bool escape = c == '(' || c == ')' || c == '\\';
    if (written + (escape ? 2 : 1) > kMaxLine) break;
    if (escape) out.push_back('\\');
    out.push_back(c);
    written += escape ? 2 : 1;
  }
}

}  // namespace

void append_ps_preamble(std::string& out, std::string_view capture_file) {
  out.append(kPrologue);
  out.append("%% the page title\n/pagetitle (");
  append_escaped(out, capture_file);
  out.append(" - netsift 0.1.0) def\n\n");
}

void append_ps_line(std::string& out, size_t indent, std::string_view text) {
  append_format(out, "{} (", indent);
  append_escaped(out, text);
  out.append(") putline\n");
}

void append_ps_lines(std::string& out, std::string_view text) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    append_ps_line(out, 0, text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

void append_ps_finale(std::string& out) { out.append("\ndecorate\nshowpage\n\n%%EOF\n"); }

}  // namespace netsift
