#!/usr/bin/env python3
"""Generates the field tables of the IPsec protocols (isakmp, esp, ah, udpencap):
src/dissectors/<proto>_fields.{h,cpp}, with tshark 4.0's names, abbreviations, types, bases,
bitmasks, blurbs and value names, so that -T fields, -V and filters match the oracle.

Source: tshark's own glossary and value-string dumps (regenerate when tshark is upgraded):

    tshark -G fields > fields.txt
    tshark -G values > values.txt
    scripts/gen_ipsec_fields.py fields.txt values.txt src/dissectors

Every field becomes a `FieldId <name>` in namespace `<proto>_fields`, the name being the
abbreviation after "<proto>." with '.' and '-' as '_'. tshark registers a few ISAKMP fields
twice under one abbreviation, once with IKEv1's value names and once with IKEv2's; -G fields
lists the first only and -G values one block of values per registration (a block starts again
where its first value comes again): those become `<name>_v1` and `<name>_v2`, both registered
under the one abbreviation. A value table keeps the first name tshark lists for a value."""
import subprocess
import sys

PROTOCOLS = ["isakmp", "esp", "ah", "udpencap"]

TYPES = {
    "FT_NONE": "kNone", "FT_BOOLEAN": "kBoolean", "FT_UINT8": "kUint8", "FT_UINT16": "kUint16",
    "FT_UINT24": "kUint24", "FT_UINT32": "kUint32", "FT_UINT64": "kUint64", "FT_BYTES": "kBytes",
    "FT_STRING": "kString", "FT_IPv4": "kIpv4", "FT_IPv6": "kIpv6", "FT_FRAMENUM": "kFrameNum",
}
BASES = {"BASE_DEC": "kDec", "BASE_HEX": "kHex", "BASE_HEX_DEC": "kHexDec",
         "BASE_DEC_HEX": "kDecHex"}


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ident(proto, abbrev):
    return abbrev[len(proto) + 1:].replace(".", "_").replace("-", "_")


def read_fields(path):
    fields = {p: [] for p in PROTOCOLS}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 8 and c[0] == "F" and c[4] in fields:
                fields[c[4]].append(c)
    return fields


def read_values(path, wanted):
    """abbrev -> list of blocks; a block is ("V"|"R"|"T"|"E", entries)."""
    blocks, previous = {}, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 3 or c[1] not in wanted:
                previous = None
                continue
            kind, abbrev = c[0], c[1]
            entries = blocks.setdefault(abbrev, [])
            if (previous != abbrev or not entries or entries[-1][0] != kind
                    or (kind in "VR" and entries[-1][1][0][0] == c[2])):
                entries.append((kind, []))
            entries[-1][1].append(c[2:])
            previous = abbrev
    return blocks


def main():
    fields_path, values_path, out_dir = sys.argv[1:4]
    fields = read_fields(fields_path)
    wanted = {c[2] for p in PROTOCOLS for c in fields[p]}
    values = read_values(values_path, wanted)
    for proto in PROTOCOLS:
        write(proto, fields[proto], values, out_dir)


def write(proto, rows, values, out_dir):
    tables, regs, names = [], [], []
    for c in rows:
        _, name, abbrev, ftype, _, base, bitmask, blurb = c[:8]
        blocks = values.get(abbrev, [])
        # An "E" line (an external table: IP protocol numbers) comes with its values listed
        # after it: the table stands for them.
        value_blocks = [b for i, b in enumerate(blocks) if b[0] in "VRE" and
                        not (i > 0 and blocks[i - 1][0] == "E")] or [None]
        tf = next((b[1][0] for b in blocks if b[0] == "T"), None)
        base_id = ident(proto, abbrev)
        for i, block in enumerate(value_blocks):
            var = base_id if len(value_blocks) == 1 else f"{base_id}_v{i + 1}"
            names.append(var)
            parts = [f".name = {c_string(name)}", f".abbrev = {c_string(abbrev)}",
                     f".type = FT::{TYPES[ftype]}"]
            if ftype == "FT_BOOLEAN":
                if base not in ("", "0"):
                    parts.append(f".bits = {int(base)}")
            elif base in BASES:
                parts.append(f".base = Base::{BASES[base]}")
            if block is not None:
                kind, entries = block
                if kind == "E":
                    parts.append(".values = ip_proto_names()")
                else:
                    table = "k_" + var
                    seen, lines = set(), []
                    for e in entries:
                        if kind == "V":
                            if int(e[0], 0) in seen:
                                continue
                            seen.add(int(e[0], 0))
                            lines.append(f"    {{{int(e[0], 0)}, {c_string(e[1])}}},")
                        else:
                            lines.append(f"    {{{int(e[0], 0)}, {int(e[1], 0)}, {c_string(e[2])}}},")
                    ctype = "ValueName" if kind == "V" else "RangeName"
                    tables.append(f"constexpr {ctype} {table}[] = {{\n" + "\n".join(lines) + "\n};")
                    parts.append(f".{'values' if kind == 'V' else 'ranges'} = {table}")
            if int(bitmask, 16):
                parts.append(f".bitmask = {bitmask}")
            if blurb:
                parts.append(f".blurb = {c_string(blurb)}")
            if tf is not None:
                tables.append(f"constexpr TrueFalse k_{var}_tf{{{c_string(tf[0])}, {c_string(tf[1])}}};")
                parts.append(f".tf = &k_{var}_tf")
            order = ["name", "abbrev", "type", "base", "values", "bitmask", "blurb", "tf",
                     "bits", "ranges"]  # FieldDef's member order, as designated initializers need
            parts.sort(key=lambda p: order.index(p[1:p.index(" ")]))
            regs.append(f"    {{&{var}, {{{', '.join(parts)}}}}},")
    ns = f"{proto}_fields"
    header = f"""// Generated by scripts/gen_ipsec_fields.py from tshark 4.0's glossary: do not edit.
// The {proto}.* fields, by abbreviation ('.' as '_'; IKEv1/IKEv2 registrations of one
// abbreviation as _v1/_v2).
#pragma once

#include "core/field.h"

namespace netsift::{ns} {{

extern FieldId {', '.join(names)};

// Registers every {proto}.* field under the protocol `proto`.
void register_fields(FieldId proto);

}}  // namespace netsift::{ns}
"""
    uses_ip = any(".values = ip_proto_names()" in r for r in regs)
    source = f"""// Generated by scripts/gen_ipsec_fields.py from tshark 4.0's glossary: do not edit.
#include "dissectors/{proto}_fields.h"

#include "core/field_registry.h"
{'#include "dissectors/ip.h"' + chr(10) if uses_ip else ''}
namespace netsift::{ns} {{

FieldId {', '.join(names)};

namespace {{

using FT = FieldType;

{chr(10).join(tables)}

}}  // namespace

void register_fields(FieldId proto) {{
  const FieldReg fields[] = {{
{chr(10).join(regs)}
  }};
  registry().add_fields(proto, fields);
}}

}}  // namespace netsift::{ns}
"""
    paths = [f"{out_dir}/{proto}_fields.h", f"{out_dir}/{proto}_fields.cpp"]
    for path, text in zip(paths, (header, source)):
        with open(path, "w") as f:
            f.write(text)
    subprocess.run(["clang-format", "-i"] + paths, check=True)  # the repository's style


if __name__ == "__main__":
    main()
