#!/usr/bin/env bash
# Installs the CJK font the PDF test fixtures embed (Debian fonts-wqy-microhei), when missing.
# Idempotent and quick when the font is there. Used by `npm run test:unit` and `npm run bench`.
set -euo pipefail
for f in /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; do
  [ -f "$f" ] && exit 0
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "[setup-fonts] apt-get install fonts-wqy-microhei"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null
