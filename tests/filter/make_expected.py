#!/usr/bin/env python3
"""Records tshark's answers for the filter tables, so the differential test runs without tshark.

expected/<capture>.tsv: one line per valid filter, "filter<TAB>matched frame numbers".
expected/invalid.tsv: one line per invalid filter, "filter<TAB>exit status<TAB>caret offset<TAB>
caret length" (offset -1 when tshark prints no marker line).
Usage: make_expected.py CORPUS_DIR
"""
import concurrent.futures
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Small captures covering every link type and protocol the filters name.
CAPTURES = [
    "tcp/pcpp-one_tcp_stream.pcap",
    "arp/zeek-arp-who-has.pcap",
    "dns-mdns/wiki-dns.cap",
    "icmp/pcpp-IcmpPackets.pcap",
    "icmp/zeek-icmp-timeexceeded.pcap",
    "ipv6/wiki-http-ipv6.pcap",
    "file-formats/pcpp-sll.pcap",
]


def read_table(name):
    with open(os.path.join(HERE, name)) as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def tshark_matches(capture, expr):
    r = subprocess.run(["tshark", "-r", capture, "-Y", expr, "-T", "fields", "-e", "frame.number"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return "ERROR"
    return " ".join(r.stdout.split())


def tshark_error(capture, expr):
    r = subprocess.run(["tshark", "-r", capture, "-Y", expr, "-c", "1"], capture_output=True,
                       text=True)
    offset, length = -1, 0
    for line in r.stderr.splitlines():
        if line.startswith("    ") and line.strip() and set(line.strip()) <= {"^", "~"}:
            offset = line.index("^") - 4
            length = len(line.strip())
    return f"{expr}\t{r.returncode}\t{offset}\t{length}"


def main():
    corpus = sys.argv[1]
    valid, invalid = read_table("valid_filters.txt"), read_table("invalid_filters.txt")
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for cap in CAPTURES:
            path = os.path.join(corpus, cap)
            results = list(pool.map(lambda e: tshark_matches(path, e), valid))
            out = os.path.join(HERE, "expected", os.path.basename(cap) + ".tsv")
            with open(out, "w") as f:
                for e, m in zip(valid, results):
                    f.write(f"{e}\t{m}\n")
        first = os.path.join(corpus, CAPTURES[0])
        lines = list(pool.map(lambda e: tshark_error(first, e), invalid))
        with open(os.path.join(HERE, "expected", "invalid.tsv"), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
