#!/bin/bash
# The module on a zoned device beside the kernel's own blktrace, on a kernel
# that records version 8 (BLKTRACESETUP2, Linux 6.19+): null_blk with
# zoned=1 (memory backed, 16 MiB zones, a write cache so that FUA writes
# come), or with JBT_ZONED_DEVICE=nvme the QEMU NVMe zoned namespace that
# run-vm --zoned-nvme gives the guest.
# Round 1, version 8: the built-in through BLKTRACESETUP2 and the module at
# the same time must record the same events, among them zone open, close,
# finish, reset, reset-all and append (categories), the zone append
# completion and zone write plugging (plug, unplug). Round 2, version 7:
# Debian's blktrace and the module must again agree (blkparse output too),
# both without zone operations, and the module counts what it left out;
# the built-in leaves out FUA writes too, the module keeps them.
# The device and workload are zoned-lib.sh's (shared with our blktrace's
# zoned proof).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/zoned-lib.sh"

work=/tmp/zoned
rm -rf $work
mkdir -p $work/mnt

# A write cache, so that btrfs writes with FUA: the 6.19+ built-in leaves those out of version 7.
kind=null_blk-cached
[ "${JBT_ZONED_DEVICE:-}" != nvme ] || kind=nvme
zoned_device $kind
zdev=$zoned_disk
dev=$(cat /sys/block/$zdev/dev)

workload() {
	zoned_workload $work/mnt
}

# The events of a trace, one line each, sorted.
events() {
	trace_tool records "$1" "$2" | sort
}

# Fails unless both event lists are the same.
same_events() {
	if ! diff "$1" "$2" >$work/diff.txt; then
		head -n 30 $work/diff.txt
		fail "$3: the built-in and the module differ ($(grep -c '^[<>]' $work/diff.txt) lines)"
	fi
}

count() {
	grep -c -E -e "$1" "$2" || true
}

load_module
note "zoned, version 8: the built-in (BLKTRACESETUP2) and the module"
trace_tool builtin --device /dev/$zdev --out $work --name builtin8 \
	--ready-file $work/builtin8.ready --stop-file $work/stop8 >$work/builtin8.log 2>&1 &
builtin=$!
trace_tool trace --dev "$dev" --version 8 --out $work --name module8 \
	--ready-file $work/module8.ready --stop-file $work/stop8 >$work/module8.log 2>&1 &
module=$!
wait_for_file $work/builtin8.ready 120
wait_for_file $work/module8.ready 120
workload
sleep 1
touch $work/stop8
wait $builtin || fail "built-in version 8 trace: $(cat $work/builtin8.log)"
wait $module || fail "module version 8 trace: $(cat $work/module8.log)"
cat $work/builtin8.log $work/module8.log
grep -q 'version_dropped=0 dropped=0$' $work/module8.log || fail "the module left events out"
grep -q 'dropped=0$' $work/builtin8.log || fail "the built-in dropped events"
events $work builtin8 >$work/builtin8.events
events $work module8 >$work/module8.events
publish $work/builtin8.events $work/module8.events
same_events $work/builtin8.events $work/module8.events "version 8"
grep -q -v '^v8 ' $work/module8.events && fail "the module wrote records of another version"
summary=
for kind in "zone-append:categories=.*,16," "zone-reset:categories=.*,17," "zone-reset-all:categories=.*,18," \
	"zone-finish:categories=.*,19," "zone-open:categories=.*,20," "zone-close:categories=.*,21," \
	"zone-plug:^v8 code=18 " "zone-unplug:^v8 code=19 "; do
	n=$(count "${kind#*:}" $work/module8.events)
	[ "$n" -gt 0 ] || fail "no ${kind%%:*} events in version 8"
	summary="$summary ${kind%%:*}=$n"
done
# A zone append's completion note: action complete in the zone-append category, not the complete one.
n=$(grep -E '^v8 code=8 categories=.*,16,' $work/module8.events | grep -c -v ',7,' || true)
[ "$n" -gt 0 ] || fail "no zone append completions in version 8"
summary="$summary append-completion=$n"
echo "version 8, the same $(wc -l <$work/module8.events) events:$summary"

note "zoned, version 7: Debian's blktrace (BLKTRACESETUP) and the module"
/usr/sbin/blktrace -d /dev/$zdev -D $work -o builtin7 >$work/builtin7.log 2>&1 &
builtin=$!
trace_tool trace --dev "$dev" --version 7 --out $work --name module7 \
	--ready-file $work/module7.ready --stop-file $work/stop7 >$work/module7.log 2>&1 &
module=$!
wait_for_file /sys/kernel/debug/block/$zdev/trace0 60
wait_for_file $work/module7.ready 120
sleep 1
workload
sleep 1
touch $work/stop7
kill -INT $builtin
wait $module || fail "module version 7 trace: $(cat $work/module7.log)"
wait $builtin || true
cat $work/builtin7.log $work/module7.log
events $work builtin7 >$work/builtin7.events
events $work module7 >$work/module7.events
grep -q -v '^v7 ' $work/module7.events && fail "the module wrote records of another version"
# The 6.19+ built-in leaves every FUA event (category 15) out of version 7 too; the module keeps them.
grep -q 'categories=.*,15,' $work/builtin7.events && fail "the built-in recorded FUA events in version 7"
fua=$(count 'categories=.*,15,' $work/module7.events)
[ "$fua" -gt 0 ] || fail "the workload made no FUA writes"
grep -v 'categories=.*,15,' $work/module7.events >$work/module7.comparable || true
same_events $work/builtin7.events $work/module7.comparable "version 7"
[ "$(count 'categories=.*,(1[6-9]|2[0-2]),|code=1[89] ' $work/module7.events)" = 0 ] ||
	fail "version 7 records hold zone events"
left_out=$(sed -n 's/.*version_dropped=\([0-9]*\) .*/\1/p' $work/module7.log)
[ "$left_out" -gt 0 ] || fail "the module counted no events left out of version 7"
blkparse -i builtin7 -D $work >$work/builtin7.txt
blkparse -i module7 -D $work >$work/module7.txt
# Without cpu, sequence and time, messages and FUA events (an F after the direction in RWBS).
side_by_side() {
	awk '$1 ~ /^[0-9]+,[0-9]+$/ && NF >= 7 && $6 != "m" && $7 !~ /^[^F]+F/ { $2 = $3 = $4 = ""; print }' "$1" | sort
}
side_by_side $work/builtin7.txt >$work/builtin7.parsed
side_by_side $work/module7.txt >$work/module7.parsed
same_events $work/builtin7.parsed $work/module7.parsed "version 7 through blkparse"
echo "version 7, the same $(wc -l <$work/builtin7.events) events and $fua FUA events the built-in left out; the module left out $left_out"
unload_module
zoned_device_remove
check_dmesg "zoned device"
echo "PASS zoned: $zdev, version 8 and 7 as the built-in records them"
