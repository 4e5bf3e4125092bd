#!/usr/bin/env bash
# Install markdownlint-cli2 (npm) for the slow test that lints generated records with
# MADR's own markdownlint configuration. Idempotent: a no-op when it is installed.
# Installed under ~/.cache/advisor-ci/markdownlint; the test finds it there or on PATH.
set -euo pipefail

prefix="${ADVISOR_MARKDOWNLINT_PREFIX:-$HOME/.cache/advisor-ci/markdownlint}"
version="0.22.1"
if [ -x "$prefix/node_modules/.bin/markdownlint-cli2" ]; then
  echo "markdownlint-cli2 is already installed in $prefix"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "no npm on this machine: the markdownlint test will skip"
  exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --silent "markdownlint-cli2@$version"
echo "installed: markdownlint-cli2 $version in $prefix"
