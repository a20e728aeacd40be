#!/usr/bin/env bash
# Times netsift and tshark on the same large capture, case by case, in one run, and prints
# wall-time ratios and peak RSS. Usage: bench/run.sh [CAPTURE] (default: a generated capture of
# about 1.2 M packets from ../shared/tools/gen_traffic.py, cached in bench/out/). F5=1 adds the
# BIG-IP case (bench/gen_f5_capture.py).
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

# Prints one result row: name, then the reference tool's and netsift's "wall cpu rss", then a note.
row() {
  local name=$1 tw=$2 tc=$3 tm=$4 nw=$5 nc=$6 nm=$7 note=${8:-}
  awk -v n="$name" -v tw="$tw" -v tc="$tc" -v tm="$tm" -v nw="$nw" -v nc="$nc" -v nm="$nm" \
    -v note="$note" 'BEGIN {
      if (nw == 0) nw = 0.01; if (nc == 0) nc = 0.01
      printf "%-10s %8s %8s %8.1fx %8s %8s %8.1fx %8dMB %8dMB %s\n", n, tw, nw, tw / nw, tc, nc,
             tc / nc, tm / 1024, nm / 1024, note }'
}

# Each case: a name and the arguments both tools get after "-r CAPTURE".
cases=(
  "count|-q"
  "summary|"
  "fields|-T fields -e frame.number -e ip.src -e tcp.srcport"
  "write|-w $out/written.pcapng"
  "filter443|-Y tcp.port==443 -w $out/filtered.pcapng"
  "httpget|-Y http.request.method==\"GET\""
  "httpfields|-T fields -e http.host -e http.request.uri"
  "tcpflight|-T fields -e tcp.stream -e tcp.analysis.bytes_in_flight"
  "convtcp|-q -z conv,tcp"
)
if [ -n "${EXTRA_CASES:-}" ]; then IFS=';' read -r -a extra <<<"$EXTRA_CASES"; cases+=("${extra[@]}"); fi

printf '%-10s %8s %8s %9s %8s %8s %9s %10s %10s\n' case ts_wall ns_wall ratio ts_cpu ns_cpu \
  cpu_ratio ts_rss ns_rss
for c in "${cases[@]}"; do
  name=${c%%|*}
  args=${c#*|}
  # shellcheck disable=SC2086
  read -r tw tc tm < <(measure tshark -r "$capture" $args)
  # shellcheck disable=SC2086
  read -r nw nc nm < <(measure "$netsift" -r "$capture" $args)
  row "$name" "$tw" "$tc" "$tm" "$nw" "$nc" "$nm"
done

# Optional (F5=1): the same traffic as a BIG-IP capture, a DPT trailer (noise low/medium/high)
# after every frame, and tshark's F5 TMM statistics on it.
if [ -n "${F5:-}" ]; then
  f5capture="$out/f5.pcap"
  [ -f "$f5capture" ] || python3 "$here/gen_f5_capture.py" "$capture" "$f5capture"
  read -r tw tc tm < <(measure tshark -r "$f5capture" -q -z f5_tmm_dist,tree)
  read -r nw nc nm < <(measure "$netsift" -r "$f5capture" -q -z f5_tmm_dist,tree)
  row f5tmm "$tw" "$tc" "$tm" "$nw" "$nc" "$nm" "(BIG-IP capture)"
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
    read -r tw tc tm < <(measure tshark -r "$tls_capture" -o "$keys" -Y 'http.request.method=="GET"')
    read -r nw nc nm < <(measure "$netsift" -r "$tls_capture" -o "$keys" -Y 'http.request.method=="GET"')
    row "tlsget$size" "$tw" "$tc" "$tm" "$nw" "$nc" "$nm" "($(du -h "$tls_capture" | cut -f1) TLS, decrypted)"
    read -r tw tc tm < <(measure tshark -r "$tls_capture" -o "$keys")
    read -r nw nc nm < <(measure "$netsift" -r "$tls_capture" -o "$keys")
    row "tlssum$size" "$tw" "$tc" "$tm" "$nw" "$nc" "$nm" "(summary lines)"
  done
fi

# The capture-filter path against tcpdump itself: netsift -f on a file vs tcpdump -r -w.
read -r tw tc tm < <(measure tcpdump -r "$capture" -w "$out/tcpdump.pcap" tcp port 443)
read -r nw nc nm < <(measure "$netsift" -r "$capture" -f "tcp port 443" -w "$out/bpf.pcap")
row bpf443 "$tw" "$tc" "$tm" "$nw" "$nc" "$nm" "(tcpdump vs netsift)"
