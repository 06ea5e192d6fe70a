#!/usr/bin/env bash
# Makes every icon size the bundlers want from the one source image, src-tauri/icons/source.svg.
set -euo pipefail
cd "$(dirname "$0")/../ui"
npm run tauri -- icon ../src-tauri/icons/source.svg -o ../src-tauri/icons
# Desktop only: the mobile sets are not shipped.
rm -rf ../src-tauri/icons/android ../src-tauri/icons/ios
