#!/usr/bin/env python3
"""Wraps every Ethernet/IPv4 frame of a pcap (e.g. gen_traffic.py output) in BIG-IP style: an
f5fileinfo first packet, then each frame followed by a DPT trailer (noise low v4 with the
virtual server name, medium v4 flow ids, high v1 peer addresses). TMM, slot and flow ids are
derived from the connection, so statistics per TMM are stable. Streams the input; fast enough
for a few million packets.

    python3 bench/gen_f5_capture.py IN.pcap OUT.pcap
"""

import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "fixtures"))
import f5_trailers as f5  # noqa: E402


def main(src, dst):
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        header = fin.read(24)
        magic = struct.unpack("<I", header[:4])[0]
        if magic not in (0xA1B2C3D4, 0xA1B23C4D):
            sys.exit("little-endian pcap input expected")
        fout.write(header[:16] + struct.pack("<II", 262144, 1))
        first = True
        cache = {}
        while True:
            rec = fin.read(16)
            if len(rec) < 16:
                break
            sec, frac, caplen, length = struct.unpack("<IIII", rec)
            frame = fin.read(caplen)
            if first:
                info = f5.fileinfo_frame("tcpdump -ni 0.0:nnn -s0 -w /var/tmp/bench.pcap",
                                         "15.1.2.1 0.0.10", "bench.example", "Z100")
                fout.write(struct.pack("<IIII", sec, frac, len(info), len(info)) + info)
                first = False
            if caplen != length or len(frame) < 34 or frame[12:14] != b"\x08\x00":
                fout.write(rec + frame)
                continue
            ip_len = struct.unpack(">H", frame[16:18])[0]
            frame = frame[:14 + ip_len]  # drop any padding: the trailer follows the IP packet
            src_ip, dst_ip = frame[26:30], frame[30:34]
            ports = frame[34:38] if frame[23] in (6, 17) else b"\0\0\0\0"
            ingress = src_ip < dst_ip
            key = (src_ip + ports[:2] + dst_ip + ports[2:]) if ingress else \
                (dst_ip + ports[2:] + src_ip + ports[:2])
            trailer = cache.get((key, ingress))
            if trailer is None:
                h = zlib.crc32(key)
                tmm, slot = h % 4, 1 + (h >> 8) % 2
                vip = b"/Common/vs_%d" % (h % 8)
                flow = 0x5600_0000_0000 | (h << 8 & 0xFFFF_FFFF_FF00)
                peer = flow ^ 0xF500
                trailer = f5.dpt(f5.low_v4(ingress, slot, tmm, [(0, vip)]),
                                 f5.medium_v4(flow, peer),
                                 f5.high_v1(6, 4093, f5.mapped(b"\x0a\x00\x04\x14"),
                                            f5.mapped(b"\x0a\x00\x04\xf5"), 80, 40000 + h % 20000))
                if len(cache) > 200000:
                    cache.clear()
                cache[(key, ingress)] = trailer
            out = frame + trailer
            fout.write(struct.pack("<IIII", sec, frac, len(out), len(out)) + out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
