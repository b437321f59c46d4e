#!/usr/bin/env bash
# Makes TorchSharp's native backend loadable on this machine.
#
# TorchSharp 0.107's libLibTorchSharp.so needs libstdc++ with GLIBCXX_3.4.32 (GCC 13+).
# Debian 12 ships GCC 12's libstdc++; on Debian 12 run as root this installs libstdc++6 from
# Debian 13 (trixie), pinned at priority 100 so nothing else is upgraded from trixie unasked.
# Elsewhere it prints what to do. It does nothing when the library is already new enough.
set -euo pipefail

required="GLIBCXX_3.4.32"

find_libstdcxx() {
  local path
  path=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  if [[ -z "$path" ]]; then
    for candidate in /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
      [[ -e "$candidate" ]] && { path=$candidate; break; }
    done
  fi
  echo "$path"
}

has_required() {
  local lib
  lib=$(find_libstdcxx)
  [[ -n "$lib" ]] && grep -aq "$required" "$(readlink -f "$lib")"
}

if [[ "$(uname -s)" != "Linux" ]]; then
  exit 0  # macOS and Windows builds of libtorch bring their own C++ runtime.
fi

if has_required; then
  echo "native prerequisites: libstdc++ provides $required"
  exit 0
fi

. /etc/os-release 2>/dev/null || true
if [[ "${ID:-}" != "debian" || "${VERSION_ID:-}" != "12" ]]; then
  echo "native prerequisites: libstdc++ lacks $required, which TorchSharp 0.107 needs." >&2
  echo "  Install libstdc++6 from GCC 13 or newer with your distribution's package manager" >&2
  echo "  (for example Ubuntu 24.04+, Debian 13+, Fedora 39+ ship it), then run 'xyield doctor'." >&2
  exit 1
fi

if [[ "$(id -u)" != "0" ]]; then
  echo "native prerequisites: libstdc++ lacks $required. On Debian 12 run this script as root:" >&2
  echo "  sudo $0" >&2
  exit 1
fi

echo "native prerequisites: installing libstdc++6 from Debian 13 (trixie) with pin priority 100..."
cat > /etc/apt/sources.list.d/xyield-trixie.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
cat > /etc/apt/preferences.d/xyield-trixie <<'PIN'
# Installed by XYield.ML: take packages from trixie only when asked (-t trixie).
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq -t trixie --no-install-recommends libstdc++6 >/dev/null

if has_required; then
  echo "native prerequisites: libstdc++ now provides $required"
else
  echo "native prerequisites: libstdc++6 from trixie installed, but $required is still missing." >&2
  exit 1
fi
