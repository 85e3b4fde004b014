#!/bin/sh
# Makes sure Pandoc (with citeproc, 2.11 or later) is installed for the tests that use it as
# the judge of citation syntax. On Debian/Ubuntu as root (CI) it installs the distribution's
# package; elsewhere it only says what is missing. The tests then fail in CI and skip, loudly,
# on a developer's machine without pandoc.
set -u
if command -v pandoc >/dev/null 2>&1; then
  pandoc --version | head -n 1
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "setup-pandoc: installing Debian's pandoc"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends pandoc >/dev/null
  if command -v pandoc >/dev/null 2>&1; then
    pandoc --version | head -n 1
    exit 0
  fi
  echo "setup-pandoc: apt-get could not install pandoc" >&2
else
  echo "setup-pandoc: pandoc is not installed (install it with your package manager, e.g. 'apt-get install pandoc')" >&2
fi
# Not fatal here: the tests that need pandoc decide (fail in CI, skip with a message locally).
exit 0
