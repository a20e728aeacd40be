#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora, fuzz/corpus/<target>/, from the test fixtures and the
shared corpus: real frames, payloads and files cut to the shape each target reads (see the
header of fuzz/<target>.cpp). Deterministic; files are named by their SHA-1 as libFuzzer names
them, and each target's seeds stay under MAX_TARGET_BYTES.

Usage: scripts/make_fuzz_seeds.py [CORPUS_DIR]   (default: ../shared/corpus beside the repo)
Needs tshark (payload extraction). Rerun when a target's input format changes.
"""
import glob
import hashlib
import os
import shutil
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(ROOT, "fuzz", "corpus")
MAX_TARGET_BYTES = 200_000
MAX_SEEDS = 250
MAX_FRAME = 2048

# fuzz_dissect's first byte picks the link type by index into its kLinkTypes, or with bits 3-6
# set by the low bits' index into kLaterLinkTypes (Frame Relay, Token Ring, FDDI).
DISSECT_LINKTYPES = {1: 0, 101: 1, 113: 2, 276: 3, 0: 4, 228: 5, 229: 6, 108: 7,
                     107: 0x78, 6: 0x79, 10: 0x7A}


def pcap_frames(path):
    """(linktype, frame bytes, original length) of a classic pcap file; [] for other formats."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return []
    magic = data[:4]
    endian = {b"\xd4\xc3\xb2\xa1": "<", b"\x4d\x3c\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">",
              b"\xa1\xb2\x3c\x4d": ">"}.get(magic)
    if not endian:
        return []
    linktype = struct.unpack(endian + "I", data[20:24])[0] & 0x0FFFFFFF
    frames, off = [], 24
    while off + 16 <= len(data):
        _, _, caplen, length = struct.unpack(endian + "IIII", data[off:off + 16])
        if caplen > 262144 or off + 16 + caplen > len(data):
            break
        frames.append((linktype, data[off + 16:off + 16 + caplen], length))
        off += 16 + caplen
    return frames


def tshark_rows(path, display_filter, fields):
    args = ["tshark", "-r", path, "-Y", display_filter, "-T", "fields"]
    for f in fields:
        args += ["-e", f]
    out = subprocess.run(args, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def write_seeds(target, seeds):
    """Unique seeds in the order of their SHA-1 (a mix of sizes and sources), within the
    target's budget."""
    directory = os.path.join(OUT, target)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    total = count = 0
    for seed in sorted(set(seeds), key=lambda s: hashlib.sha1(s).digest()):
        if count >= MAX_SEEDS or total + len(seed) > MAX_TARGET_BYTES:
            continue
        name = hashlib.sha1(seed).hexdigest()
        with open(os.path.join(directory, name), "wb") as f:
            f.write(seed)
        total += len(seed)
        count += 1
    print(f"{target}: {count} seeds, {total} bytes")


def captures(corpus, patterns):
    out = []
    for p in patterns:
        out += sorted(glob.glob(os.path.join(corpus, p)))
    return out


IPSEC_FIXTURES = ["ike-payloads.pcap", "ikev2-fragments.pcap", "ipsec.pcap", "esp-twofish.pcap",
                  "ike-edge.pcap", "ike-eap.pcap"]


def ipsec_fixture_seeds():
    """The IPsec fixtures' IKE and ESP/AH payloads (Ethernet + 20-byte IPv4 headers), every one
    in the session with keys (fuzz_ipsec holds their SAs) and every other one also without."""
    seeds = []
    for name in IPSEC_FIXTURES:
        for _, frame, _ in pcap_frames(os.path.join(FIXTURES, name)):
            proto, ip_payload = frame[14 + 9], frame[14 + 20:]
            if proto == 17:
                port = struct.unpack("!H", ip_payload[2:4])[0]
                carrier, payload = (0 if port == 500 else 1), ip_payload[8:]
            elif proto in (50, 51):
                carrier, payload = (2 if proto == 50 else 3), ip_payload
            else:
                continue
            seeds.append(bytes([0xe0 | carrier]) + payload)
            if len(seeds) % 2:
                seeds.append(bytes([0xc0 | carrier]) + payload)
    return seeds


def ipsec_seeds(corpus):
    """fuzz_ipsec: the IPsec fixtures' payloads, then UDP 500/4500 payloads of the IPsec
    captures (first byte: carrier 0/1, labels and columns on, every other one in the session
    with keys)."""
    seeds = ipsec_fixture_seeds()
    for path in captures(corpus, ["ike-esp/*.pcap", "ike-esp/*.pcapng", "ike-esp/*.cap"]):
        for row in tshark_rows(path, "isakmp || esp || udpencap", ["udp.dstport", "udp.srcport",
                                                                   "udp.payload", "ip.proto"])[:12]:
            if len(row) < 3 or not row[2]:
                continue
            encapsulated = "4500" in (row[0], row[1])
            keyed = 0x20 if len(seeds) % 2 else 0  # every other seed in the session with keys
            seeds.append(bytes([0xc0 | keyed | (1 if encapsulated else 0)]) + bytes.fromhex(row[2]))
    return seeds


def connect_tunnel_seeds():
    """fuzz_http decision streams for a CONNECT, its 200, then tunnelled bytes both ways: one
    seed per authority fuzz_http offers (h:443, h:80, h:6233, h, h:99999). Byte by byte: two
    messages; CONNECT (shape 5) with an empty Content-Length body; "200 OK" likewise; then raw
    bytes (shape 41) each way: the start of a TLS ClientHello, and a ServerHello's."""
    hello = bytes.fromhex("160301003a0100003603036e5d9bf0b3a1c4d2e5f60718293a4b5c6d7e8f90a1b2c3"
                          "d4e5f60718293a4b5c6d7e00000213010100000b000a00080006001d00170018")
    server = bytes.fromhex("160303003a0200003603032a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
                           "91a2b3c4d5e6f70800130100000e002b0002030400330004001d0000")
    seeds = []
    for authority in range(5):
        seeds.append(bytes([0, 1, 5, authority, 0, 0, 0, 0, 0, 41, 7, len(hello) % 64]) +
                     hello[:len(hello) % 64] + bytes([41, len(server) % 64]) +
                     server[:len(server) % 64])
    return seeds


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpus")
    fixtures = sorted(glob.glob(os.path.join(FIXTURES, "*.pcap")))
    pcapngs = sorted(glob.glob(os.path.join(FIXTURES, "*.pcapng")))
    some_corpus = captures(corpus, ["arp/*.pcap", "icmp/*.pcap", "ipv6/*.pcap", "vlan/*.pcap",
                                    "malformed/*.pcap", "ip-fragments/*.pcap", "tcp/*.pcap"])

    # Frames of every link type, the first byte picking it (and, bit 7, a claimed longer frame).
    dissect = []
    for path in fixtures + some_corpus:
        for linktype, frame, length in pcap_frames(path)[:20]:
            if linktype in DISSECT_LINKTYPES and len(frame) <= MAX_FRAME:
                control = DISSECT_LINKTYPES[linktype] | (0x80 if length > len(frame) else 0)
                dissect.append(bytes([control]) + frame)
    write_seeds("fuzz_dissect", dissect)

    # Whole capture files, cut to 4 KiB.
    write_seeds("fuzz_pcap", [open(p, "rb").read()[:4096]
                              for p in fixtures + some_corpus[:40]])
    write_seeds("fuzz_pcapng", [open(p, "rb").read()[:4096] for p in
                                pcapngs + captures(corpus, ["file-formats/*.pcapng",
                                                            "*/*.pcapng"])[:40]])

    # NetMon files, whole (the frame table is at their end).
    write_seeds("fuzz_netmon", [data for data in (open(p, "rb").read() for p in
                                                  captures(corpus, ["*/*.cap"]))
                                if data[:4] in (b"GMBU", b"RTSS")])

    # The filter tables of the filter tests, one filter per seed.
    filters = []
    for table in ("valid_filters.txt", "invalid_filters.txt"):
        with open(os.path.join(ROOT, "tests", "filter", table), encoding="utf-8") as f:
            filters += [l.rstrip("\n").encode() for l in f if l.strip() and not l.startswith("#")]
    write_seeds("fuzz_filter", filters)

    # DNS payloads: first byte 0 = DNS/UDP, 1 = mDNS, 2 = LLMNR, 3 = DNS/TCP (length prefixed).
    dns = []
    ports = {"53": 0, "5353": 1, "5355": 2}
    for path in captures(corpus, ["dns-mdns/*.pcap", "dns-mdns/*.cap"]) + fixtures:
        for row in tshark_rows(path, "dns && !icmp && !icmpv6",
                               ["udp.srcport", "udp.dstport", "udp.payload", "tcp.payload"])[:15]:
            row += [""] * (4 - len(row))
            if row[2]:
                pick = ports.get(row[1], ports.get(row[0], 0))
                dns.append(bytes([pick]) + bytes.fromhex(row[2]))
            elif row[3]:
                dns.append(bytes([3]) + bytes.fromhex(row[3]))
    write_seeds("fuzz_dns", dns)

    # F5 trailers: the bytes after the IPv4 packet of Ethernet frames from BIG-IP captures.
    trailers = []
    for path in captures(corpus, ["f5/*.pcap", "bigip-ctf/*.pcap"]) + \
            [os.path.join(FIXTURES, "f5-legacy.pcap"), os.path.join(FIXTURES, "f5-dpt.pcap")]:
        for linktype, frame, _ in pcap_frames(path)[:200]:
            if linktype != 1 or len(frame) < 34 or frame[12:14] != b"\x08\x00":
                continue
            end = 14 + struct.unpack(">H", frame[16:18])[0]
            if end < len(frame):
                trailers.append(frame[end:])
    write_seeds("fuzz_f5trailer", trailers)

    # HTTP message bytes: real text for the decision streams of fuzz_http and fuzz_tcp_reassembly
    # (first byte: perturb / follow-or-desegment); JSON bodies for fuzz_json (first byte: media
    # type, columns, kept fields).
    http_files = sorted(glob.glob(os.path.join(FIXTURES, "http-*.pcap"))) + \
        captures(corpus, ["http1/*.pcap"])[:30]
    payloads = []
    for path in http_files:
        for row in tshark_rows(path, "tcp.len > 0", ["tcp.payload"])[:10]:
            if row and row[0]:
                payloads.append(bytes.fromhex(row[0])[:1024])
    write_seeds("fuzz_http", [bytes([i % 2]) + p for i, p in enumerate(payloads)] +
                connect_tunnel_seeds())
    write_seeds("fuzz_tcp_reassembly", [bytes([i % 2]) + p[:512] for i, p in enumerate(payloads)] +
                [bytes([0]) + p for p in dns if p[0] == 3])

    # HTTP/2 frames from the corpus's cleartext h2 connections: raw material for fuzz_http2's
    # decision stream (frame types, flags, lengths, header fields are drawn from these bytes).
    h2 = []
    for path in captures(corpus, ["http2/*.pcap"])[:10]:
        for row in tshark_rows(path, "http2", ["tcp.payload"])[:10]:
            if row and row[0]:
                h2.append(bytes.fromhex(row[0])[:1024])
    # First byte: perturb (bit 0), two passes as -2 runs them (bit 1).
    write_seeds("fuzz_http2", [bytes([i % 4]) + p for i, p in enumerate(h2)])

    # TLS record bytes from real handshakes: raw material for fuzz_tls's decision stream
    # (record kinds, cut points and lying lengths are drawn from these bytes).
    tls = []
    for path in captures(corpus, ["tls-handshake/*.pcap", "tls-decrypt/*.pcapng"])[:30]:
        for row in tshark_rows(path, "tls", ["tcp.payload"])[:8]:
            if row and row[0]:
                tls.append(bytes.fromhex(row[0].split(",")[0])[:2048])
    write_seeds("fuzz_tls", tls)

    # DER certificates from TLS Certificate messages (first byte: labels, kept fields, cut); the
    # X.509 fixture's carry what the corpus's lack (SCT list extensions, every GeneralName kind).
    certs = []
    for path in [os.path.join(FIXTURES, "x509-certs.pcap")] + \
            captures(corpus, ["tls-handshake/*.pcap", "tls-handshake/*.cap"])[:20]:
        for row in tshark_rows(path, "tls.handshake.certificate", ["tls.handshake.certificate"]):
            for i, cert in enumerate(row[0].split(",") if row and row[0] else []):
                certs.append(bytes([i % 256]) + bytes.fromhex(cert)[:8192])
    write_seeds("fuzz_x509", certs)

    bodies = []
    for path in [os.path.join(FIXTURES, "http-json.pcap"),
                 os.path.join(FIXTURES, "http-kubernetes-json.pcap")]:
        # The bytes after the header block of single-segment messages (-T fields text would
        # lose the difference between an escaped and a raw control character).
        for row in tshark_rows(path, "json && !tcp.reassembled_in", ["tcp.payload"]):
            payload = bytes.fromhex(row[0]) if row and row[0] else b""
            if b"\r\n\r\n" in payload:
                bodies.append(payload[payload.find(b"\r\n\r\n") + 4:])
    write_seeds("fuzz_json", [bytes([i % 8]) + b for i, b in enumerate(bodies)])

    # Decoders: mode (0 garbage, 1 round trip, 2/3 bombs), a 16-bit output limit, then bytes:
    # real gzip and deflate bodies as garbage, text for round trips.
    coded = []
    for row in tshark_rows(os.path.join(FIXTURES, "http-chunked-gzip.pcap"),
                           "http.content_encoding", ["tcp.payload"]):
        if row and row[0]:
            payload = bytes.fromhex(row[0])
            body = payload[payload.find(b"\r\n\r\n") + 4:] if b"\r\n\r\n" in payload else payload
            coded.append(b"\x00\x10\x00" + body[:2048])
    coded += [bytes([1 | (i % 3) << 2, 0, 4]) + p[:256] for i, p in enumerate(payloads[:20])]
    coded += [bytes([2 | w << 2, 0, 64]) + bytes([16, 0x41]) for w in range(3)]  # 1 MiB bombs
    coded += [bytes([3 | i << 2 | (i & 1) << 7, 0xff, 0xff]) + p[:200]
              for i, p in enumerate(payloads[:6])]  # cut and corrupted gzip
    write_seeds("fuzz_decompress", coded)
    write_seeds("fuzz_ipsec", ipsec_seeds(corpus))


if __name__ == "__main__":
    main()
