#!/usr/bin/env bash
# Times tshark and netsift (--threads 1 and --threads N) on the same large capture, case by
# case, in one run, and prints wall and CPU times, ratios, packets/s and peak RSS; tcpdump for
# the BPF-comparable cases. Usage: bench/run.sh [CAPTURE] (default: a generated capture of
# about 1 M packets from ../shared/tools/gen_traffic.py, cached in bench/out/). F5=1 adds the
# BIG-IP case (bench/gen_f5_capture.py), TLS=1 the decryption cases; THREADS=N (default: the
# cores), ONLY=case,case (those cases alone).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out"
mkdir -p "$out"
netsift=${NETSIFT:-$root/build/src/netsift}
[ -x "$netsift" ] || bash "$root/scripts/build.sh" build

capture=${1:-$out/traffic.pcap}
if [ ! -f "$capture" ]; then
  echo "generating $capture ..."
  python3 "$root/../shared/tools/gen_traffic.py" "$capture" "${FLOWS:-100000}" 1
fi
packets=$(capinfos -c -M "$capture" 2>/dev/null | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')
echo "capture: $capture ($packets packets, $(du -h "$capture" | cut -f1))"

# Runs one command, printing "wall_seconds cpu_seconds peak_rss_kb" (GNU time writes them to its
# own file, so the command's output and errors stay out of the figures). CPU time (user + system)
# is reported beside wall time because it moves less when other work shares the machine.
measure() {
  local t="$out/time.txt"
  /usr/bin/time -o "$t" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
  tail -1 "$t" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}

# Prints one result row from "wall cpu rss" triples: tshark's, netsift's with --threads 1 and
# with --threads N. Ratios are tshark over netsift (1 thread); "xN" is the N-thread run's wall
# speed-up over 1 thread; packets/s is the packet count over netsift's 1-thread CPU time.
row() {
  local name=$1 tw=$2 tc=$3 tm=$4 w1=$5 c1=$6 m1=$7 wn=$8 cn=$9 mn=${10} note=${11:-}
  awk -v n="$name" -v tw="$tw" -v tc="$tc" -v tm="$tm" -v w1="$w1" -v c1="$c1" -v m1="$m1" \
    -v wn="$wn" -v cn="$cn" -v mn="$mn" -v p="$packets" -v note="$note" 'BEGIN {
      if (w1 == 0) w1 = 0.01; if (c1 == 0) c1 = 0.01; if (wn == 0) wn = 0.01
      printf "%-10s %7s %7s | %6s %6s %6.1fx %6.1fx | %6s %6s %5.2fx | %6.2fM | %5d %4d %4dMB %s\n",
             n, tw, tc, w1, c1, tw / w1, tc / c1, wn, cn, w1 / wn, p / c1 / 1e6, tm / 1024,
             m1 / 1024, mn / 1024, note }'
}

# Times one case with tshark (or REF, e.g. tcpdump, when given) and netsift at 1 and N threads.
run_case() {
  local name=$1 ref_args=$2 ns_args=$3 note=${4:-} ref=${5:-tshark}
  # shellcheck disable=SC2086
  read -r tw tc tm < <(measure $ref -r "$capture" $ref_args)
  # shellcheck disable=SC2086
  read -r w1 c1 m1 < <(measure "$netsift" --threads 1 -r "$capture" $ns_args)
  # shellcheck disable=SC2086
  read -r wn cn mn < <(measure "$netsift" --threads "$threads" -r "$capture" $ns_args)
  row "$name" "$tw" "$tc" "$tm" "$w1" "$c1" "$m1" "$wn" "$cn" "$mn" "$note"
}

# Each case: a name and the arguments both tools get after "-r CAPTURE".
cases=(
  "count|-q"
  "summary|"
  "verbose|-V"
  "fields|-T fields -e frame.number -e ip.src -e tcp.srcport"
  "write|-w $out/written.pcapng"
  "filter443|-Y tcp.port==443 -w $out/filtered.pcapng"
  "httpget|-Y http.request.method==\"GET\""
  "httpfields|-T fields -e http.host -e http.request.uri"
  "tcpflight|-T fields -e tcp.stream -e tcp.analysis.bytes_in_flight"
  "convtcp|-q -z conv,tcp"
  "iophs|-q -z io,phs"
  "expert|-q -z expert"
)
if [ -n "${EXTRA_CASES:-}" ]; then IFS=';' read -r -a extra <<<"$EXTRA_CASES"; cases+=("${extra[@]}"); fi
threads=${THREADS:-$(nproc)}

echo "tshark | netsift --threads 1: wall cpu, ratios (wall, cpu) | --threads $threads: wall cpu," \
  "speed-up | packets/s per core | peak RSS tshark, 1, $threads"
printf '%-10s %7s %7s | %6s %6s %7s %7s | %6s %6s %6s | %7s | %s\n' case ts_wall ts_cpu wall cpu \
  ratio cpu_rat wall cpu x1 pkt/s rss
for c in "${cases[@]}"; do
  name=${c%%|*}
  # ONLY=summary,fields runs those cases alone.
  if [ -n "${ONLY:-}" ] && [[ ",$ONLY," != *",$name,"* ]]; then continue; fi
  args=${c#*|}
  run_case "$name" "$args" "$args"
done

# Optional (F5=1): the same traffic as a BIG-IP capture, a DPT trailer (noise low/medium/high)
# after every frame, and tshark's F5 TMM statistics on it.
if [ -n "${F5:-}" ]; then
  f5capture="$out/f5.pcap"
  [ -f "$f5capture" ] || python3 "$here/gen_f5_capture.py" "$capture" "$f5capture"
  capture=$f5capture run_case f5tmm "-q -z f5_tmm_dist,tree" "-q -z f5_tmm_dist,tree" \
    "(BIG-IP capture)"
fi

# Optional (TLS=1): TLS decryption with a key log, on a generated capture of TLS 1.2 AES-GCM
# HTTPS connections (bench/gen_tls_capture.py; TLS_CONNECTIONS, default 2000, x 10 exchanges
# of 5000-byte bodies: about 110 MB), and on a second one twice as large for peak RSS.
if [ -n "${TLS:-}" ]; then
  for size in 1 2; do
    tls_capture="$out/tls$size.pcap"
    conns=$(( ${TLS_CONNECTIONS:-2000} * size ))
    [ -f "$tls_capture" ] ||
      python3 "$here/gen_tls_capture.py" "$tls_capture" "$out/tls$size.keys" "$conns" 10 5000
    keys="tls.keylog_file:$out/tls$size.keys"
    get="-o $keys -Y http.request.method==\"GET\""
    capture=$tls_capture run_case "tlsget$size" "$get" "$get" \
      "($(du -h "$tls_capture" | cut -f1) TLS, decrypted)"
    capture=$tls_capture run_case "tlssum$size" "-o $keys" "-o $keys" "(summary lines)"
  done
fi

# The BPF-comparable cases against tcpdump itself (its BPF on the same file, writing what
# matches): netsift's display filter and its capture filter (-f, libpcap's BPF).
run_case tcpd443 "-w $out/tcpdump.pcap tcp port 443" "-Y tcp.port==443 -w $out/filtered.pcapng" \
  "(tcpdump 'tcp port 443' vs netsift -Y)" tcpdump
read -r tw tc tm < <(measure tcpdump -r "$capture" -w "$out/tcpdump.pcap" tcp port 443)
read -r w1 c1 m1 < <(measure "$netsift" --threads 1 -r "$capture" -f "tcp port 443" -w "$out/bpf.pcap")
read -r wn cn mn < <(measure "$netsift" --threads "$threads" -r "$capture" -f "tcp port 443" \
  -w "$out/bpf.pcap")
row bpf443 "$tw" "$tc" "$tm" "$w1" "$c1" "$m1" "$wn" "$cn" "$mn" "(tcpdump vs netsift -f)"
run_case tcpdudp "-w $out/tcpdump.pcap udp" "-Y udp -w $out/filtered.pcapng" \
  "(tcpdump 'udp' vs netsift -Y)" tcpdump
