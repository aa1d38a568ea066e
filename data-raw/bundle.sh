#!/usr/bin/env bash
# Re-creates data/bundled/ from the shared data folder: every file compressed with zstd -19,
# plus SHA256SUMS of the uncompressed originals so a test can prove the bundle is current.
# Usage: data-raw/bundle.sh [../shared/data]
set -euo pipefail
src=${1:-../shared/data}
dst=$(dirname "$0")/../data/bundled
rm -rf "$dst" && mkdir -p "$dst"
( cd "$src" && find . -type f | sort ) | while read -r f; do
  f=${f#./}
  mkdir -p "$dst/$(dirname "$f")"
  zstd -q -19 --no-progress "$src/$f" -o "$dst/$f.zst"
done
chmod -R u+w "$dst"
( cd "$src" && find . -type f | sort | sed 's|^\./||' | xargs sha256sum ) > "$dst/SHA256SUMS"
echo "bundled $(wc -l < "$dst/SHA256SUMS") files into $dst ($(du -sh "$dst" | cut -f1))"
