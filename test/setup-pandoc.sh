#!/bin/sh
# Makes sure Pandoc (with citeproc, 2.11 or later) is installed for the tests that use it as the
# judge of citation syntax, and a PDF engine for it (WeasyPrint, which turns the exported HTML
# into PDF with its print stylesheet and CJK fonts) for the PDF export test. On Debian/Ubuntu as
# root (CI) it installs the distribution's packages; elsewhere it only says what is missing. The
# tests then fail in CI and skip, loudly, on a developer's machine without them.
set -u
need=""
command -v pandoc >/dev/null 2>&1 || need="pandoc"
command -v weasyprint >/dev/null 2>&1 || need="$need weasyprint"
if [ -n "$need" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "setup-pandoc: installing Debian's$need"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086 # one word per package
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $need >/dev/null ||
      echo "setup-pandoc: apt-get could not install$need" >&2
  else
    echo "setup-pandoc: not installed:$need (install with your package manager, e.g. 'apt-get install$need')" >&2
  fi
fi
command -v pandoc >/dev/null 2>&1 && pandoc --version | head -n 1
command -v weasyprint >/dev/null 2>&1 && weasyprint --version
# Not fatal here: the tests that need them decide (fail in CI, skip with a message locally).
exit 0
