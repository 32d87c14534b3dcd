#!/bin/bash
# The whole guest proof, one VM boot: run-guest-proof [part...] with parts
# side-by-side, stress, overhead (default: all three).
set -euo pipefail
here=$(dirname "$0")
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(side-by-side stress overhead)
for part in "${parts[@]}"; do
	[ -x "$here/$part.sh" ] || { echo "FAIL: no proof part '$part'" >&2; exit 2; }
	"$here/$part.sh"
done
echo "PASS all: ${parts[*]}"
