#!/usr/bin/env bash
# Writes DIR/index.html and the www/ assets with `timeline site --out DIR`.
#
# TEMPORARY FALLBACK: while the `site` subcommand does not exist yet (the CLI answers an unknown
# command with its usage and exit code 2), copy www/ as it is instead, leaving out the build
# outputs that may linger there (www/pkg, www/data.json). Remove the fallback once `site` lands.
set -euo pipefail
out=${1:-dist}
cd "$(dirname "$0")/.."

set +e
cargo run --release --quiet -- site --out "$out"
rc=$?
set -e
if [ "$rc" -eq 0 ]; then
  exit 0
elif [ "$rc" -ne 2 ]; then
  echo "site.sh: timeline site failed (exit $rc)" >&2
  exit "$rc"
fi

echo "site.sh: WARNING: 'timeline site' is not available yet; copying www/ into $out/ (temporary fallback)" >&2
shopt -s nullglob dotglob
n=0
for f in www/*; do
  case "$(basename "$f")" in pkg | data.json) continue ;; esac
  cp -R "$f" "$out/"
  n=$((n + 1))
done
if [ ! -f "$out/index.html" ]; then
  echo "site.sh: $out/index.html missing: www/index.html does not exist yet" >&2
  exit 1
fi
echo "site.sh: copied $n entries from www/"
