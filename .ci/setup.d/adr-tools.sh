#!/usr/bin/env bash
# Install Debian's adr-tools for the slow test that checks adr-tools still reads the
# records advisor writes and edits. Idempotent: a no-op when `adr` is installed.
set -euo pipefail

if command -v adr >/dev/null 2>&1; then
  echo "adr-tools is already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no apt-get on this machine: the adr-tools test will skip"
  exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo -n); else
    echo "not root and no sudo: cannot install adr-tools; its test will skip"
    exit 0
  fi
fi
if ! "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends adr-tools; then
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends adr-tools
fi
echo "installed: $(dpkg-query -W -f='${Package} ${Version}' adr-tools)"
