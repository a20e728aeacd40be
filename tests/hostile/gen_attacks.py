#!/usr/bin/env python3
"""Deterministic generator of resource attacks on a packet analyser (issue 22).

Each attack is a capture whose size grows with a scale parameter, so the same attack runs small
in ctest and at full scale in bench/hostile.sh. Standard library only; the same arguments give
byte-identical files.

    gen_attacks.py ATTACK SCALE OUT

ATTACK and what SCALE counts:
  http-deflate-chunked  MiB the body inflates to (deflate, chunked response)
  http-gzip-chunked     MiB the body inflates to (gzip, chunked response)
  http-pending          connections, each 1 MiB into a response that announces 8 MiB
  ipfrag-first          first fragments (1,000 bytes, never completed, distinct sources)
  tcp-halfopen          TCP flows, each a SYN then data after a sequence gap
  pcapng-big-shb        KiB of options in the Section Header Block (then 2,020 packets)
  pcapng-claimed-shb    MiB a Section Header Block claims to be (the file holds 92 bytes)
  dns-pointer-header    DNS responses whose answer name points into the DNS header
  dns-unanswered        DNS queries (distinct clients) never answered, then responses to the
                        first and the last one
  dns-many-answers      DNS responses of 200 answers each, every name a label and a pointer
                        to the name before it (chains as long as names may get)
  icmp-unanswered       ICMP echo requests (distinct sources) never answered, then replies to
                        the first and the last one
  arp-many-addresses    ARP replies, each from a new IPv4 address, then the first address again
                        from another MAC (a duplicate when its binding is still known)
  esp-many-spis         ESP packets, each with a new SPI, then the first SPI again with a
                        sequence number gap
  many-conversations    UDP conversations of two packets each (distinct client ports and hosts)
  pcapng-short-block    block type (decimal) of a block one word shorter than its minimum, after
                        an SHB, an IDB and one packet
  vlan-stack            802.1Q tags in front of a UDP packet
  mpls-stack            MPLS labels in front of an IPv4/UDP packet (netsift shows them as data)
  tunnel-nesting        IPv4-in-IPv4 levels around a UDP packet (GRE: once netsift dissects it)
  h2-many-streams       HTTP/2 streams opened by request HEADERS, 1,000 per connection
  h2-gzip-bomb          MiB an HTTP/2 (prior knowledge) gzip body inflates to, in DATA frames
  hpack-bomb            HEADERS frames each repeating a 4,000-byte dynamic-table entry 4,000 times
  json-nesting          levels of nested JSON arrays in an application/json response
  x509-nesting          levels of nested DER SEQUENCEs inside a TLS Certificate message
"""

import struct
import sys
import zlib

T0 = 1772442000  # 2026-03-02 09:00:00 UTC


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(n):
    """A distinct IPv4 address for each n (10.x.y.z)."""
    return bytes([10, (n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF])


SERVER = bytes([192, 0, 2, 1])


def ipv4(src, dst, proto, payload, ident=0, flags_frag=0x4000, ttl=64):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, flags_frag, ttl, proto,
                      0, src, dst)
    return hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:] + payload


def udp(src, dst, sport, dport, payload):
    length = 8 + len(payload)
    pseudo = src + dst + struct.pack("!BBH", 0, 17, length)
    hdr = struct.pack("!HHHH", sport, dport, length, 0)
    c = csum(pseudo + hdr + payload) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, length, c) + payload


def tcp(src, dst, sport, dport, seq, ack, flags, payload=b""):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(hdr) + len(payload))
    c = csum(pseudo + hdr + payload)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:] + payload


def ether(payload, ethertype=0x0800):
    return b"\x00\x00\x5e\x00\x53\x02" + b"\x00\x00\x5e\x00\x53\x01" + struct.pack(
        "!H", ethertype) + payload


class Pcap:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        self.n = 0

    def add(self, frame, usec=None):
        t = self.n if usec is None else usec
        self.f.write(struct.pack("<IIII", T0 + t // 1000000, t % 1000000, len(frame), len(frame)))
        self.f.write(frame)
        self.n += 1

    def close(self):
        self.f.close()


class Flow:
    """One TCP connection's segments (client 10.x, server 192.0.2.1:80)."""

    def __init__(self, out, n, sport=40000, port=80):
        self.out, self.c, self.sport, self.port = out, ip4(n), sport, port
        self.cseq, self.sseq = 1000, 5000

    def send(self, from_client, flags, data=b""):
        if from_client:
            seg = tcp(self.c, SERVER, self.sport, self.port, self.cseq, self.sseq, flags, data)
            self.out.add(ether(ipv4(self.c, SERVER, 6, seg)))
            self.cseq += len(data) + (1 if flags & 0x03 else 0)
        else:
            seg = tcp(SERVER, self.c, self.port, self.sport, self.sseq, self.cseq, flags, data)
            self.out.add(ether(ipv4(SERVER, self.c, 6, seg)))
            self.sseq += len(data) + (1 if flags & 0x03 else 0)


def http_bomb(path, mib, gzip_wrapped):
    """A chunked response whose body inflates to `mib` MiB of zeros, compressed in pieces."""
    out = Pcap(path)
    f = Flow(out, 1)
    f.send(True, 0x02)
    f.send(False, 0x12)
    f.send(True, 0x10)
    f.send(True, 0x18, b"GET /bomb HTTP/1.1\r\nHost: bomb.example\r\n\r\n")
    coding = "gzip" if gzip_wrapped else "deflate"
    head = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: %s\r\n"
            "Transfer-Encoding: chunked\r\n\r\n" % coding).encode()
    comp = zlib.compressobj(9, zlib.DEFLATED, 31 if gzip_wrapped else 15)
    block = bytes(1 << 20)
    stream = head
    for _ in range(mib):
        piece = comp.compress(block)
        if piece:
            stream += b"%x\r\n" % len(piece) + piece + b"\r\n"
    piece = comp.flush()
    stream += b"%x\r\n" % len(piece) + piece + b"\r\n0\r\n\r\n"
    for i in range(0, len(stream), 1400):
        f.send(False, 0x18, stream[i:i + 1400])
    f.send(False, 0x11)
    f.send(True, 0x11)
    out.close()


def http_pending(path, count):
    """Responses that never finish: TCP holds each one's bytes for HTTP, across all flows."""
    out = Pcap(path)
    flows = [Flow(out, i + 1, 40000 + i) for i in range(count)]
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 8388608\r\n\r\n"
    for f in flows:
        f.send(True, 0x02)
        f.send(False, 0x12)
        f.send(True, 0x18, b"GET /big HTTP/1.1\r\nHost: big.example\r\n\r\n")
        f.send(False, 0x18, head)
    body = bytes(1400)
    for _ in range((1 << 20) // 1400):
        for f in flows:
            f.send(False, 0x18, body)
    out.close()


def ipfrag_first(path, count):
    out = Pcap(path)
    payload = bytes(1000)
    for i in range(count):
        out.add(ether(ipv4(ip4(i + 1), SERVER, 17, payload, ident=i & 0xFFFF, flags_frag=0x2000)))
    out.close()


def tcp_halfopen(path, count):
    """Each flow: SYN, then 100 bytes of data 1,000 bytes past the sequence the SYN promised."""
    out = Pcap(path)
    flows = [Flow(out, i + 1, 40000 + i % 20000) for i in range(count)]
    for f in flows:
        f.send(True, 0x02)
    for f in flows:
        f.cseq += 1000
        f.send(True, 0x18, b"x" * 100)
    out.close()


def pcapng_big_shb(path, kib):
    """A Section Header Block with `kib` KiB of shb_comment options, then 2,020 UDP packets."""

    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        total = 12 + len(body)
        return struct.pack("<II", btype, total) + body + struct.pack("<I", total)

    def option(code, value):
        return struct.pack("<HH", code, len(value)) + value + b"\0" * (-len(value) % 4)

    comment = b"c" * 65000
    opts = b""
    while len(opts) < kib * 1024:
        opts += option(1, comment)
    opts += option(0, b"")
    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + opts)
    idb = block(1, struct.pack("<HHI", 1, 0, 262144))
    with open(path, "wb") as f:
        f.write(shb + idb)
        for i in range(2020):
            frame = ether(ipv4(ip4(i + 1), SERVER, 17, udp(ip4(i + 1), SERVER, 1234, 9, b"p" * 32)))
            ts = (T0 + i) * 1000000
            f.write(block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(frame),
                                         len(frame)) + frame))


def pcapng_claimed_shb(path, mib):
    with open(path, "wb") as f:
        f.write(struct.pack("<IIIHHq", 0x0A0D0D0A, mib << 20, 0x1A2B3C4D, 1, 0, -1) + bytes(64))


def dns_pointer_header(path, count):
    """Responses whose answer name is a pointer to offset 2 (the flags, 0x81 0x80)."""
    out = Pcap(path)
    for i in range(count):
        q = b"\x07example\x03com\x00" + struct.pack("!HH", 1, 1)
        ans = b"\xc0\x02" + struct.pack("!HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, 7])
        msg = struct.pack("!HHHHHH", i & 0xFFFF, 0x8180, 1, 1, 0, 0) + q + ans
        out.add(ether(ipv4(SERVER, ip4(i + 1), 17, udp(SERVER, ip4(i + 1), 53, 33000, msg))))
    out.close()


def dns_query_msg(ident, name=b"\x07example\x03com\x00"):
    return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + name + struct.pack("!HH", 1, 1)


def dns_unanswered(path, count):
    out = Pcap(path)

    def query(i, response=False):
        client = ip4(i + 1)
        msg = dns_query_msg(i & 0xFFFF)
        if response:
            msg = msg[:2] + b"\x81\x80" + msg[4:6] + b"\x00\x01" + msg[8:] + b"\xc0\x0c" + \
                struct.pack("!HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, 7])
            out.add(ether(ipv4(SERVER, client, 17, udp(SERVER, client, 53, 33000, msg))))
        else:
            out.add(ether(ipv4(client, SERVER, 17, udp(client, SERVER, 33000, 53, msg))))

    for i in range(count):
        query(i)
    query(0, True)
    query(count - 1, True)
    out.close()


def dns_many_answers(path, count):
    """Each answer's name is one label then a pointer to the previous answer's name."""
    out = Pcap(path)
    per = 200
    for i in range(count):
        head = struct.pack("!HHHHHH", i & 0xFFFF, 0x8180, 1, per, 0, 0)
        body = b"\x07example\x03com\x00" + struct.pack("!HH", 1, 1)
        prev = 12
        for k in range(per):
            at = 12 + len(body)
            body += b"\x01" + bytes([97 + k % 26]) + struct.pack("!H", 0xC000 | prev)
            body += struct.pack("!HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, k % 250 + 1])
            prev = at
        out.add(ether(ipv4(SERVER, ip4(i + 1), 17, udp(SERVER, ip4(i + 1), 53, 33000, head + body))))
    out.close()


def icmp_unanswered(path, count):
    out = Pcap(path)

    def echo(i, reply=False):
        data = b"ping" * 8
        msg = struct.pack("!BBHHH", 0 if reply else 8, 0, 0, 0x1234, i & 0xFFFF) + data
        msg = msg[:2] + struct.pack("!H", csum(msg)) + msg[4:]
        host = ip4(i + 1)
        src, dst = (SERVER, host) if reply else (host, SERVER)
        out.add(ether(ipv4(src, dst, 1, msg)))

    for i in range(count):
        echo(i)
    echo(0, True)
    echo(count - 1, True)
    out.close()


def arp_many_addresses(path, count):
    out = Pcap(path)

    def reply(i, mac_seed):
        mac = bytes([0x02, 0, 0, (mac_seed >> 16) & 0xFF, (mac_seed >> 8) & 0xFF, mac_seed & 0xFF])
        arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + mac + ip4(i + 1) + \
            b"\x00\x00\x5e\x00\x53\x02" + SERVER
        out.add(b"\x00\x00\x5e\x00\x53\x02" + mac + b"\x08\x06" + arp + bytes(18))

    for i in range(count):
        reply(i, i + 1)
    reply(0, 0xFFFFFF)
    out.close()


def esp_many_spis(path, count):
    out = Pcap(path)

    def esp(spi, seq):
        body = struct.pack("!II", spi, seq) + bytes(16)
        out.add(ether(ipv4(ip4(1), SERVER, 50, body)))

    for i in range(count):
        esp(0x1000 + i, 1)
    esp(0x1000, 5)
    out.close()


def many_conversations(path, count):
    """A request and a reply per conversation, 1,000 client ports per host."""
    out = Pcap(path)
    for i in range(count):
        host, port = ip4(i // 1000 + 1), 20000 + i % 1000
        out.add(ether(ipv4(host, SERVER, 17, udp(host, SERVER, port, 9, b"q" * 16))))
        out.add(ether(ipv4(SERVER, host, 17, udp(SERVER, host, 9, port, b"r" * 16))))
    out.close()


PCAPNG_MINIMUM = {0x0A0D0D0A: 28, 1: 20, 2: 32, 3: 16, 4: 16, 5: 24, 6: 32, 9: 35, 0x204: 36,
                  0x216: 40, 0x221: 40, 0xBAD: 16, 0x40000BAD: 16}


def pcapng_short_block(path, btype):
    """SHB, IDB, one EPB, then a block of type `btype` 4 bytes shorter than wiretap's minimum
    (12, the least any block has, for types without one of their own)."""

    def block(t, body):
        total = 12 + len(body)
        return struct.pack("<II", t, total) + body + struct.pack("<I", total)

    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    idb = block(1, struct.pack("<HHI", 1, 0, 262144))
    frame = ether(ipv4(ip4(1), SERVER, 17, udp(ip4(1), SERVER, 1234, 9, b"p" * 32)))
    epb = block(6, struct.pack("<IIIII", 0, 0, T0 * 1000000 & 0xFFFFFFFF, len(frame), len(frame))
                + frame + b"\0" * (-len(frame) % 4))
    total = PCAPNG_MINIMUM.get(btype, 12) - 4
    if btype == 0x0A0D0D0A:
        short = struct.pack("<III", btype, total, 0x1A2B3C4D) + b"\0" * (total - 12)
    else:
        short = struct.pack("<II", btype, total) + b"\0" * max(total - 12, 0)
    short += struct.pack("<I", total)
    with open(path, "wb") as f:
        f.write(shb + idb + epb + short)


def vlan_stack(path, depth):
    """`depth` 802.1Q tags, then IPv4/UDP; ten such frames."""
    out = Pcap(path)
    for i in range(10):
        inner = ipv4(ip4(i + 1), SERVER, 17, udp(ip4(i + 1), SERVER, 1234, 9, b"v" * 16))
        tags = b"".join(struct.pack("!HH", 100 + k, 0x8100 if k < depth - 1 else 0x0800)
                        for k in range(depth))
        out.add(ether(tags + inner, 0x8100))
    out.close()


def tunnel_nesting(path, depth):
    """UDP inside `depth` levels of IPv4-in-IPv4; ten such frames."""
    out = Pcap(path)
    for i in range(10):
        pkt = ipv4(ip4(i + 1), SERVER, 17, udp(ip4(i + 1), SERVER, 1234, 9, b"t" * 16))
        for _ in range(depth):
            pkt = ipv4(ip4(i + 1), SERVER, 4, pkt)
        out.add(ether(pkt))
    out.close()


def mpls_stack(path, depth):
    """`depth` MPLS label stack entries (bottom-of-stack on the last), then IPv4/UDP; ten frames."""
    out = Pcap(path)
    for i in range(10):
        inner = ipv4(ip4(i + 1), SERVER, 17, udp(ip4(i + 1), SERVER, 1234, 9, b"m" * 16))
        labels = b"".join(struct.pack("!I", ((16 + k) << 12) | (0x100 if k == depth - 1 else 0) | 64)
                          for k in range(depth))
        out.add(ether(labels + inner, 0x8847))
    out.close()


def hpack_literal(name, value, indexing=False):
    """An HPACK literal with a new name (RFC 7541 6.2), no Huffman coding."""
    def string(b):
        n = len(b)
        if n < 127:
            return bytes([n]) + b
        out, n = bytearray([127]), n - 127
        while n >= 128:
            out.append((n & 0x7F) | 0x80)
            n >>= 7
        out.append(n)
        return bytes(out) + b
    return (b"\x40" if indexing else b"\x00") + string(name) + string(value)


def h2_frame(ftype, flags, stream, payload):
    return struct.pack("!I", len(payload))[1:] + struct.pack("!BBI", ftype, flags, stream) + payload


class H2:
    """An HTTP/2 prior-knowledge connection over Flow (port 80): preface and SETTINGS done."""

    def __init__(self, out, n=1):
        self.f = Flow(out, n)
        self.f.send(True, 0x02)
        self.f.send(False, 0x12)
        self.f.send(True, 0x10)
        self.client(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + h2_frame(4, 0, 0, b""))
        self.server(h2_frame(4, 0, 0, b""))

    def client(self, data):
        for i in range(0, len(data), 1400):
            self.f.send(True, 0x18, data[i:i + 1400])

    def server(self, data):
        for i in range(0, len(data), 1400):
            self.f.send(False, 0x18, data[i:i + 1400])

    def request(self, stream):
        block = (hpack_literal(b":method", b"GET") + hpack_literal(b":scheme", b"http") +
                 hpack_literal(b":path", b"/bomb") + hpack_literal(b":authority", b"bomb.example"))
        self.client(h2_frame(1, 0x05, stream, block))


def h2_gzip_bomb(path, mib):
    """One response whose gzip body inflates to `mib` MiB of zeros, in 16 KiB DATA frames."""
    out = Pcap(path)
    h = H2(out)
    h.request(1)
    block = (hpack_literal(b":status", b"200") + hpack_literal(b"content-type", b"text/plain") +
             hpack_literal(b"content-encoding", b"gzip"))
    h.server(h2_frame(1, 0x04, 1, block))
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = b"".join(comp.compress(bytes(1 << 20)) for _ in range(mib)) + comp.flush()
    frames = b""
    for i in range(0, len(body), 16384):
        last = i + 16384 >= len(body)
        frames += h2_frame(0, 0x01 if last else 0, 1, body[i:i + 16384])
    h.server(frames)
    out.close()


def hpack_bomb(path, count):
    """A 4,000-byte header entered in the dynamic table, then `count` HEADERS frames each naming it
    4,000 times (one byte each): 16 MB of header text per 4 KB frame."""
    out = Pcap(path)
    h = H2(out)
    h.request(1)
    first = hpack_literal(b":status", b"200") + hpack_literal(b"x-bomb", b"b" * 4000, True)
    h.server(h2_frame(1, 0x04, 1, first))
    for i in range(count):
        h.request(3 + 2 * i)
        h.server(h2_frame(1, 0x04, 3 + 2 * i, b"\x88" + b"\xbe" * 4000))
    out.close()


def h2_many_streams(path, count):
    """`count` request HEADERS, each opening a stream, on connections of up to 1,000 streams."""
    out = Pcap(path)
    for c in range((count + 999) // 1000):
        h = H2(out, c + 1)
        for i in range(min(1000, count - 1000 * c)):
            h.request(1 + 2 * i)
    out.close()


def json_nesting(path, depth):
    """An application/json response of `depth` nested arrays around a number."""
    out = Pcap(path)
    f = Flow(out, 1)
    f.send(True, 0x02)
    f.send(False, 0x12)
    f.send(True, 0x10)
    f.send(True, 0x18, b"GET /deep HTTP/1.1\r\nHost: deep.example\r\n\r\n")
    body = b"[" * depth + b"1" + b"]" * depth
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
    stream = head % len(body) + body
    for i in range(0, len(stream), 1400):
        f.send(False, 0x18, stream[i:i + 1400])
    out.close()


def der(tag, content):
    n = len(content)
    if n < 128:
        return bytes([tag, n]) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + content


def x509_nesting(path, depth):
    """A TLS Certificate message whose one certificate is `depth` nested SEQUENCEs."""
    out = Pcap(path)
    f = Flow(out, 1, 40443, 443)
    f.send(True, 0x02)
    f.send(False, 0x12)
    f.send(True, 0x10)
    cert = der(0x02, b"\x01")
    for _ in range(depth):
        cert = der(0x30, cert)
    certs = struct.pack("!I", len(cert))[1:] + cert
    body = struct.pack("!I", len(certs))[1:] + certs
    hs = b"\x0b" + struct.pack("!I", len(body))[1:] + body
    records = b""
    for i in range(0, len(hs), 16384):
        piece = hs[i:i + 16384]
        records += struct.pack("!BHH", 22, 0x0303, len(piece)) + piece
    for i in range(0, len(records), 1400):
        f.send(False, 0x18, records[i:i + 1400])
    out.close()


ATTACKS = {
    "http-deflate-chunked": lambda p, n: http_bomb(p, n, False),
    "http-gzip-chunked": lambda p, n: http_bomb(p, n, True),
    "http-pending": http_pending,
    "ipfrag-first": ipfrag_first,
    "tcp-halfopen": tcp_halfopen,
    "pcapng-big-shb": pcapng_big_shb,
    "pcapng-claimed-shb": pcapng_claimed_shb,
    "dns-pointer-header": dns_pointer_header,
    "dns-unanswered": dns_unanswered,
    "dns-many-answers": dns_many_answers,
    "icmp-unanswered": icmp_unanswered,
    "arp-many-addresses": arp_many_addresses,
    "esp-many-spis": esp_many_spis,
    "many-conversations": many_conversations,
    "pcapng-short-block": pcapng_short_block,
    "vlan-stack": vlan_stack,
    "tunnel-nesting": tunnel_nesting,
    "mpls-stack": mpls_stack,
    "h2-gzip-bomb": h2_gzip_bomb,
    "h2-many-streams": h2_many_streams,
    "hpack-bomb": hpack_bomb,
    "json-nesting": json_nesting,
    "x509-nesting": x509_nesting,
}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ATTACKS:
        sys.exit(__doc__)
    ATTACKS[sys.argv[1]](sys.argv[3], int(sys.argv[2]))
