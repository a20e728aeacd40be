#!/usr/bin/env python3
"""Records tshark's output for every fixture as golden files, which ctest compares netsift's
output with byte for byte without running tshark (tests/golden/test_golden.cpp).

tests/golden/<fixture>/<case>.txt holds a four-line header and then tshark's stdout:
    # tshark: <first line of tshark --version>
    # capture: <fixture file name> crc32 <8 hex digits> (the test checks the fixture is unchanged)
    # args: <tshark's arguments, run in tests/fixtures with TZ=UTC>
    # exit: <tshark's exit status>
Cases: summary (plain), tree (-V), fields (-T fields with every field the differential tests
compare) and z-<family> for the -z statistics netsift implements (dns and http only on fixtures
that hold those protocols); keyed-summary, keyed-tree and keyed-fields again with the IPsec key
tables found beside the fixture (X.esp_sa, X.ikev1_decryption_table,
X.ikev2_decryption_table).

Usage: scripts/make_golden.py [--netsift build/src/netsift] [FIXTURE ...]
Rerun after changing a fixture or adding fields to netsift, and review the diff: it is tshark's
answer, so it changes only with the fixture, the field list or tshark's version.
"""
import argparse
import concurrent.futures
import os
import shlex
import shutil
import subprocess
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
GOLDEN = os.path.join(ROOT, "tests", "golden")
KNOWN = os.path.join(ROOT, "tests", "diff", "known_differences.txt")
CAPTURE_EXTENSIONS = (".pcap", ".pcapng", ".cap", ".ntar", ".gz")

# -z statistics as tests/stats/test_stats.cpp runs them on the corpus: one case per family.
FAMILIES = {
    "conv": "-z conv,eth -z conv,ip -z conv,ipv6 -z conv,tcp -z conv,udp",
    "endpoints": "-z endpoints,eth -z endpoints,ip -z endpoints,ipv6 -z endpoints,tcp "
                 "-z endpoints,udp",
    "phs": "-z io,phs",
    "iostat": "-z io,stat,0 -z 'io,stat,1,tcp,udp,COUNT(tcp.analysis.retransmission)"
              "tcp.analysis.retransmission,AVG(frame.len)frame.len,MAX(ip.ttl)ip.ttl'",
    "ptype": "-z ptype,tree",
    "plen": "-z plen,tree",
    "expert": "-z expert",
    "dns": "-z dns,tree",
    "http": "-z http,tree -z http_req,tree -z http_srv,tree -z http_seq,tree",
    "http2": "-z http2,tree",
}
# Families only worth a file when the fixture holds the protocol.
NEEDS_PROTOCOL = {"dns": "dns", "http": "http", "http2": "http2"}


def run(args, cwd=FIXTURES):
    env = dict(os.environ, TZ="UTC")
    r = subprocess.run(args, cwd=cwd, env=env, capture_output=True, shell=isinstance(args, str))
    return r.returncode, r.stdout, r.stderr


def tshark_version():
    return run(["tshark", "--version"])[1].decode().splitlines()[0]


def compared_fields(netsift):
    """The fields tests/diff compares: netsift's (not FT_PROTOCOL), known to tshark and accepted
    by its -e, minus the "field" lines of known_differences.txt."""
    excluded = set()
    with open(KNOWN) as f:
        for line in f:
            words = line.split()
            if len(words) >= 2 and words[0] == "field":
                excluded.add(words[1])
    ours = []
    for line in run([netsift, "-G", "fields"])[1].decode().splitlines():
        c = line.split("\t")
        if len(c) >= 4 and c[0] == "F" and c[3] != "FT_PROTOCOL" and c[2] not in excluded:
            ours.append(c[2])
    theirs = set()
    for line in run(["tshark", "-G", "fields"])[1].decode(errors="replace").splitlines():
        c = line.split("\t")
        if len(c) >= 3 and c[0] == "F":
            theirs.add(c[2])
    fields = [f for f in ours if f in theirs]
    args = ["tshark", "-r", "udp-mix.pcap", "-c", "1", "-T", "fields"]
    for f in fields:
        args += ["-e", f]
    refused = {l[1:] for l in run(args)[2].decode().splitlines() if l.startswith("\t")}
    return [f for f in fields if f not in refused]


def key_options(fixture):
    """-o options for the IPsec key tables beside a fixture (X.esp_sa, X.ikev1_decryption_table,
    X.ikev2_decryption_table,
    tshark's UAT files), one row per -o uat: option, with ESP decryption, ICV checking and the
    NULL-encryption heuristic on."""
    base = os.path.splitext(os.path.join(FIXTURES, fixture))[0]
    opts = ""
    for table in ("esp_sa", "ikev1_decryption_table", "ikev2_decryption_table"):
        path = base + "." + table
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for row in f.read().splitlines():
                if row and not row.startswith("#"):
                    opts += " -o " + shlex.quote(f"uat:{table}:{row}")
    if opts and os.path.exists(base + ".esp_sa"):
        opts = (" -o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE"
                " -o esp.enable_null_encryption_decode_heuristic:TRUE" + opts)
    return opts


def cases(fixture, fields):
    protocols = set(":".join(run(["tshark", "-r", fixture, "-T", "fields", "-e",
                                  "frame.protocols"])[1].decode().split()).split(":"))
    q = shlex.quote(fixture)
    out = {
        "summary": f"-r {q}",
        "tree": f"-r {q} -V",
        "fields": f"-r {q} -T fields -E occurrence=a -e frame.protocols" +
                  "".join(" -e " + f for f in fields),
    }
    keys = key_options(fixture)
    if keys:  # the same cases again with the key tables beside the fixture
        for case in ("summary", "tree", "fields"):
            out["keyed-" + case] = out[case] + keys
    for name, z in FAMILIES.items():
        if name in NEEDS_PROTOCOL and NEEDS_PROTOCOL[name] not in protocols:
            continue
        out["z-" + name] = f"-r {q} -q {z}"
    return out


def record(fixture, case, args, version):
    status, stdout, _ = run("tshark " + args + " 2>/dev/null")
    with open(os.path.join(FIXTURES, fixture), "rb") as f:
        crc = zlib.crc32(f.read())
    header = (f"# tshark: {version}\n# capture: {fixture} crc32 {crc:08x}\n"
              f"# args: {args}\n# exit: {status}\n").encode()
    path = os.path.join(GOLDEN, fixture, case + ".txt")
    with open(path, "wb") as f:
        f.write(header + stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--netsift", default=os.path.join(ROOT, "build", "src", "netsift"))
    parser.add_argument("fixtures", nargs="*")
    opts = parser.parse_args()
    fixtures = opts.fixtures or sorted(
        f for f in os.listdir(FIXTURES) if f.endswith(CAPTURE_EXTENSIONS))
    version = tshark_version()
    fields = compared_fields(opts.netsift)
    jobs = []
    for fixture in fixtures:
        directory = os.path.join(GOLDEN, fixture)
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        for case, args in cases(fixture, fields).items():
            jobs.append((fixture, case, args))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda j: record(*j, version), jobs))
    print(f"{len(jobs)} golden files for {len(fixtures)} fixtures, {len(fields)} fields, {version}")


if __name__ == "__main__":
    sys.exit(main())
