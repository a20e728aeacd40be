#!/usr/bin/env python3
"""Writes a pcap of TLS 1.2 HTTPS connections (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) and the
NSS key log that decrypts them, for the TLS decryption benchmark (bench/run.sh TLS=1).

Usage: gen_tls_capture.py OUT.pcap OUT.keys [CONNECTIONS] [EXCHANGES] [BODY_BYTES]

Each connection: handshake (ClientHello; ServerHello, ServerHelloDone; ChangeCipherSpec and an
encrypted Finished each way), then EXCHANGES HTTP/1.1 GET requests and responses with
BODY_BYTES bodies, in records of at most 16 KiB, in TCP segments of at most 1448 bytes.
The secrets are random (seeded: the output is the same on every run).
"""
import hashlib
import hmac
import random
import struct
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SUITE = 0xC02F


def prf(secret, label, seed, n):
    """TLS 1.2 PRF with SHA-256 (RFC 5246 section 5)."""
    out, a = b"", label + seed
    while len(out) < n:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + label + seed, hashlib.sha256).digest()
    return out[:n]


def record(ctype, body):
    return struct.pack("!BHH", ctype, 0x0303, len(body)) + body


def handshake(htype, body):
    return struct.pack("!B", htype) + len(body).to_bytes(3, "big") + body


class Sealer:
    """One direction's AES-128-GCM record protection (RFC 5288)."""

    def __init__(self, key, iv):
        self.aead, self.iv, self.seq = AESGCM(key), iv, 0

    def seal(self, ctype, plain):
        explicit = struct.pack("!Q", self.seq)
        aad = explicit + struct.pack("!BHH", ctype, 0x0303, len(plain))
        self.seq += 1
        return record(ctype, explicit + self.aead.encrypt(self.iv + explicit, plain, aad))


class Writer:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        self.t = 1_700_000_000.0

    def frame(self, src, dst, sport, dport, seq, ack, flags, payload=b""):
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 0x50,
                          flags, 65535, 0, 0)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + len(payload), 0, 0x4000, 64,
                         6, 0, bytes(src), bytes(dst))
        eth = b"\x00\x0c\x29\x00\x00\x02\x00\x0c\x29\x00\x00\x01\x08\x00"
        data = eth + ip + tcp + payload
        self.t += 0.0001
        sec = int(self.t)
        self.f.write(struct.pack("<IIII", sec, int((self.t - sec) * 1e6), len(data), len(data)))
        self.f.write(data)


def connection(w, keys, rng, n, exchanges, body_bytes):
    client, server = [10, 1, (n >> 8) & 255, n & 255], [10, 2, 0, 1]
    cport, sport = 10000 + n % 50000, 443
    cseq, sseq = rng.getrandbits(32), rng.getrandbits(32)
    w.frame(client, server, cport, sport, cseq, 0, 0x02)
    w.frame(server, client, sport, cport, sseq, cseq + 1, 0x12)
    cseq += 1
    sseq += 1
    w.frame(client, server, cport, sport, cseq, sseq, 0x10)

    def send(from_client, data):
        nonlocal cseq, sseq
        for i in range(0, len(data), 1448):
            chunk = data[i:i + 1448]
            if from_client:
                w.frame(client, server, cport, sport, cseq, sseq, 0x18, chunk)
                cseq += len(chunk)
            else:
                w.frame(server, client, sport, cport, sseq, cseq, 0x18, chunk)
                sseq += len(chunk)

    cr, sr, master = rng.randbytes(32), rng.randbytes(32), rng.randbytes(48)
    keys.write(f"CLIENT_RANDOM {cr.hex()} {master.hex()}\n")
    block = prf(master, b"key expansion", sr + cr, 2 * 16 + 2 * 4)
    to_server, to_client = Sealer(block[0:16], block[32:36]), Sealer(block[16:32], block[36:40])
    hello = struct.pack("!H", 0x0303) + cr + b"\x00" + struct.pack("!HH", 2, SUITE) + b"\x01\x00"
    send(True, record(22, handshake(1, hello)))
    server_hello = struct.pack("!H", 0x0303) + sr + b"\x00" + struct.pack("!H", SUITE) + b"\x00"
    send(False, record(22, handshake(2, server_hello) + handshake(14, b"")))
    finished = handshake(20, rng.randbytes(12))
    send(True, record(20, b"\x01") + to_server.seal(22, finished))
    send(False, record(20, b"\x01") + to_client.seal(22, finished))
    body = (b"0123456789abcdef" * (body_bytes // 16 + 1))[:body_bytes]
    for i in range(exchanges):
        request = (f"GET /object/{n}/{i} HTTP/1.1\r\nHost: bench.example\r\n"
                   "User-Agent: gen_tls_capture\r\n\r\n").encode()
        send(True, to_server.seal(23, request))
        response = (f"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        send(False, b"".join(to_client.seal(23, response[j:j + 16384])
                             for j in range(0, len(response), 16384)))
    w.frame(client, server, cport, sport, cseq, sseq, 0x11)
    w.frame(server, client, sport, cport, sseq, cseq + 1, 0x11)
    w.frame(client, server, cport, sport, cseq + 1, sseq + 1, 0x10)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    connections = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    exchanges = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    body_bytes = int(sys.argv[5]) if len(sys.argv) > 5 else 5000
    rng = random.Random(14)
    w = Writer(sys.argv[1])
    with open(sys.argv[2], "w") as keys:
        for n in range(connections):
            connection(w, keys, rng, n, exchanges, body_bytes)
    w.f.close()


if __name__ == "__main__":
    main()
