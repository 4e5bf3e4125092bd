#!/usr/bin/env bash
# Install Debian's rabbitmq-server for the rabbitmq starter's tests (they start their own
# broker from /usr/lib/rabbitmq/bin/rabbitmq-server). Idempotent: a no-op when installed.
set -euo pipefail

if [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  echo "rabbitmq-server is already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no apt-get on this machine: the rabbitmq starter's tests will skip"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo -n); else
    echo "not root and no sudo: cannot install rabbitmq-server; its tests will skip"
    exit 0
  fi
fi

# Keep the package's maintainer scripts from starting the system service: the tests
# start their own broker on their own ports. Restore any policy-rc.d that was there.
policy=/usr/sbin/policy-rc.d
backup=""
if [ -e "$policy" ]; then
  backup="$(mktemp)"
  "${sudo_cmd[@]}" cp -p "$policy" "$backup"
fi
restore() {
  if [ -n "$backup" ]; then "${sudo_cmd[@]}" cp -p "$backup" "$policy"; rm -f "$backup"
  else "${sudo_cmd[@]}" rm -f "$policy"; fi
}
trap restore EXIT
printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
"${sudo_cmd[@]}" chmod 755 "$policy"

export DEBIAN_FRONTEND=noninteractive
if ! "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends rabbitmq-server; then
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends rabbitmq-server
fi
echo "installed: $(dpkg-query -W -f='${Package} ${Version}' rabbitmq-server)"
