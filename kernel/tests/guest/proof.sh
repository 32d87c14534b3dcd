#!/bin/bash
# The whole guest proof, one VM boot: proof.sh [part...] with parts
# side-by-side, stress, overhead (default: all three). JBT_STRESS may name
# stress sections (see stress.sh).
set -euo pipefail
here=$(dirname "$0")
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(side-by-side stress overhead)
for part in "${parts[@]}"; do
	[ -x "$here/$part.sh" ] || { echo "FAIL: no proof part '$part'" >&2; exit 2; }
	if [ "$part" = stress ]; then
		# shellcheck disable=SC2086
		"$here/stress.sh" ${JBT_STRESS:-}
	else
		"$here/$part.sh"
	fi
done
echo "PASS all: ${parts[*]}"
