#!/bin/sh
# Installs what the test suite needs beyond Rust: headless Chromium for the UI test
# (crates/verbatim-server, e2e::ui_in_headless_chromium skips without it).
# It never fails: where chromium cannot be had, the browser test skips with a message.
set -u

if [ -x /usr/bin/chromium ]; then
    echo "chromium: present ($(/usr/bin/chromium --version 2>/dev/null || echo unknown version))"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium: missing; run as root (or: sudo apt-get install -y chromium); the UI test will skip" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: missing, and no apt-get here; the UI test will skip" >&2
    exit 0
fi
if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    echo "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null || echo unknown version))"
else
    echo "chromium: could not be installed; the UI test will skip" >&2
fi
