#!/bin/bash
# The whole guest proof, one VM boot: proof.sh [part...] with parts
# junit, side-by-side, partition, stress, zoned, overhead, reqlog (default: all but
# zoned, which needs a kernel with BLKTRACESETUP2). JBT_STRESS may name stress
# sections (see stress.sh). Each part's time is reported ("TIME part: N s").
set -euo pipefail
here=$(dirname "$0")
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(junit side-by-side partition stress overhead reqlog)
for part in "${parts[@]}"; do
	[ "$part" = partition ] || [ -x "$here/$part.sh" ] || { echo "FAIL: no proof part '$part'" >&2; exit 2; }
done
for part in "${parts[@]}"; do
	started=$SECONDS
	if [ "$part" = partition ]; then
		# Side by side on the first of two partitions of the scratch disk.
		printf 'o\nn\np\n1\n\n+96M\nn\np\n2\n\n\nw\n' | busybox fdisk /dev/vda >/dev/null
		"$here/side-by-side.sh" vda1
		dd if=/dev/zero of=/dev/vda bs=512 count=1 conv=fsync status=none
		blockdev --rereadpt /dev/vda
	elif [ "$part" = stress ]; then
		# shellcheck disable=SC2086
		"$here/stress.sh" ${JBT_STRESS:-}
	else
		"$here/$part.sh"
	fi
	echo "TIME $part: $((SECONDS - started)) s"
done
echo "PASS all on $(uname -r): ${parts[*]}"
