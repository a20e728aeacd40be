#!/usr/bin/env bash
# Fetches Wireshark's own display-filter test suite (test/suite_dfilter) and test captures
# (test/captures) from the Debian source package of the installed tshark, into
# $NETSIFT_WIRESHARK_SUITE (default /var/cache/netsift/wireshark-suite)/current, for
# tests/filter/test_wireshark_suite.cpp. Idempotent; uses its own apt lists, so the system's
# package lists are left as they are.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

dest=${NETSIFT_WIRESHARK_SUITE:-/var/cache/netsift/wireshark-suite}
version=$(dpkg-query -W -f='${Version}' tshark)
if [ -f "$dest/$version/.complete" ]; then
  ln -sfn "$version" "$dest/current"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lists="$dest/apt-lists"
mkdir -p "$lists/partial"
cat > "$work/sources.list" <<SOURCES
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm-updates main
deb-src http://deb.debian.org/debian-security bookworm-security main
SOURCES
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$lists")
apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only -qq "wireshark=$version" >/dev/null)
tar -xaf "$work"/wireshark_*.orig.tar.* -C "$work" --wildcards '*/test/suite_dfilter/*' \
  '*/test/captures/*'
rm -rf "${dest:?}/$version"
mkdir -p "$dest/$version"
mv "$work"/wireshark-*/test/suite_dfilter "$work"/wireshark-*/test/captures "$dest/$version/"
touch "$dest/$version/.complete"
ln -sfn "$version" "$dest/current"
echo "fetch-wireshark-suite: Wireshark $version display-filter suite in $dest/current"
