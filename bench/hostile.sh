#!/usr/bin/env bash
# The resource attacks of issue 22 at full scale (tests/hostile/gen_attacks.py), netsift only:
# wall and CPU seconds and peak RSS per attack, then CPU time as a ratio to the same attack at
# 1,000 units (linear growth gives the scale ratio). Captures are cached in bench/out/hostile/.
# Usage: bench/hostile.sh [ATTACK...] (default: all). TSHARK=1 also times tshark (slow: tshark
# takes minutes on the bombs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out/hostile"
mkdir -p "$out"
netsift=${NETSIFT:-$root/build/src/netsift}
[ -x "$netsift" ] || bash "$root/scripts/build.sh" build
gen="$root/tests/hostile/gen_attacks.py"

# attack|full scale|file extension|netsift arguments besides -r (default none)
attacks=(
  "http-deflate-chunked|4096|pcap"
  "http-gzip-chunked|1024|pcap"
  "http-pending|200|pcap"
  "ipfrag-first|100000|pcap"
  "tcp-halfopen|200000|pcap"
  "pcapng-big-shb|13000|pcapng"
  "dns-pointer-header|100000|pcap"
  "dns-unanswered|1000000|pcap"
  "dns-many-answers|20000|pcap"
  "icmp-unanswered|1000000|pcap"
  "arp-many-addresses|1000000|pcap"
  "esp-many-spis|1000000|pcap"
  "many-conversations|1000000|pcap|-q -z conv,udp -z endpoints,udp"
  "vlan-stack|1000|pcap"
  "tunnel-nesting|3000|pcap"
  "mpls-stack|1000|pcap"
  "h2-gzip-bomb|1024|pcap"
  "h2-many-streams|1000000|pcap"
  "hpack-bomb|10000|pcap"
  "json-nesting|1000000|pcap"
  "x509-nesting|100000|pcap"
)

capture() {  # attack scale ext -> path (generated once)
  local f="$out/$1-$2.$3"
  [ -f "$f" ] || python3 "$gen" "$1" "$2" "$f"
  echo "$f"
}

measure() {  # prints "wall cpu peak_rss_kb"
  local t="$out/time.txt"
  /usr/bin/time -o "$t" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
  tail -1 "$t" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}

printf '%-22s %8s %8s %8s %9s %11s\n' attack scale wall cpu rss_MB cpu_vs_1000
for a in "${attacks[@]}"; do
  IFS='|' read -r name scale ext args <<<"$a"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  big=$(capture "$name" "$scale" "$ext")
  # shellcheck disable=SC2086 # the arguments are words
  read -r w c m < <(measure "$netsift" -r "$big" $args)
  ratio=-
  if [ "$scale" -gt 1000 ]; then
    small=$(capture "$name" 1000 "$ext")
    # shellcheck disable=SC2086
    read -r _ c1 _ < <(measure "$netsift" -r "$small" $args)
    ratio=$(awk -v a="$c" -v b="$c1" 'BEGIN { if (b < 0.01) b = 0.01; printf "%.1fx", a / b }')
  fi
  printf '%-22s %8s %8s %8s %9d %11s\n' "$name" "$scale" "$w" "$c" $((m / 1024)) "$ratio"
  if [ -n "${TSHARK:-}" ]; then
    # shellcheck disable=SC2086
    read -r w c m < <(measure tshark -r "$big" $args)
    printf '%-22s %8s %8s %8s %9d %11s\n' "  tshark" "$scale" "$w" "$c" $((m / 1024)) ""
  fi
done
