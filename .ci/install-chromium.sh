#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/web/, STACK.md point 8): playwright-core
# drives /usr/bin/chromium, because `npx playwright install` cannot download a browser here.
# Idempotent: does nothing when /usr/bin/chromium is already there. Needs root (CI runs as root).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "== chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "== installing chromium from the Debian archive (about 20 s, ~480 MB)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium
/usr/bin/chromium --version >&2
