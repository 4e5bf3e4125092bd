#!/usr/bin/env bash
# Install Graphviz so the tests can render `advisor graph --format dot` with the real `dot`.
# Idempotent: a no-op when installed; without apt-get or root the DOT test skips.
set -euo pipefail

if command -v dot >/dev/null 2>&1; then
  echo "graphviz is already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no apt-get on this machine: the DOT rendering test will skip"
  exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo -n); else
    echo "not root and no sudo: cannot install graphviz; the DOT rendering test will skip"
    exit 0
  fi
fi
"${sudo_cmd[@]}" apt-get install -y --no-install-recommends graphviz >/dev/null || {
  "${sudo_cmd[@]}" apt-get update >/dev/null && "${sudo_cmd[@]}" apt-get install -y --no-install-recommends graphviz >/dev/null
} || echo "could not install graphviz; the DOT rendering test will skip"
