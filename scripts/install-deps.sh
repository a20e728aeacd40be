#!/usr/bin/env bash
# Installs everything netsift needs to build, test, fuzz and benchmark, from Debian 12 packages.
# Idempotent: packages already present are left as they are.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
  build-essential cmake ninja-build pkg-config git python3
  clang libclang-rt-14-dev             # libFuzzer and sanitizer runtimes
  libgtest-dev libgmock-dev googletest
  libpcap-dev libssl-dev libpcre2-dev zlib1g-dev libbrotli-dev libnghttp2-dev
  libfmt-dev libcli11-dev nlohmann-json3-dev
  libgcrypt20-dev                      # Twofish for ESP TWOFISH-CBC (OpenSSL has none)
  ieee-data                            # OUI table for MAC name resolution
  tshark tcpdump                       # the test oracle and the BPF reference
  openssh-server openssh-client iputils-ping  # netsift remote's integration tests
  time gzip ccache
  groff-base man-db                    # the man page (docs/netsift.1) and its check
  python3-cryptography                 # bench/gen_tls_capture.py (TLS decryption benchmark)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Wireshark's own display-filter test suite, for the filter differential test.
bash "$(dirname "$0")/fetch-wireshark-suite.sh"
echo "install-deps: all dependencies present"
