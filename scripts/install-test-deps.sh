#!/bin/sh
# Installs what the test suite needs beyond Rust: headless Chromium for the UI test
# (crates/verbatim-server, e2e::ui_in_headless_chromium skips without it).
set -eu

if [ -x /usr/bin/chromium ]; then
    echo "chromium: present ($(/usr/bin/chromium --version 2>/dev/null || echo unknown version))"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium: missing; run as root (or: sudo apt-get install -y chromium)" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: missing, and no apt-get here; install the chromium package by hand" >&2
    exit 1
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
echo "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null || echo unknown version))"
