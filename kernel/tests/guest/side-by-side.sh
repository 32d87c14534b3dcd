#!/bin/bash
# The module and Debian's built-in blktrace trace the same workload on the
# same disk at the same time; blkparse must show the same events.
#   side-by-side.sh [DEVICE]   (default vda; a partition such as vda1 works:
#                               both then filter the disk's events to it)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

disk=${1:-vda}
dev=$(cat /sys/class/block/$disk/dev)
work=/tmp/side-by-side-$disk
rm -rf $work
mkdir -p $work/builtin $work/module

note "side by side on /dev/$disk ($dev)"
load_module
blktrace -d /dev/$disk -D $work/builtin -o $disk >$work/blktrace.log 2>&1 &
builtin_pid=$!
trace_tool trace --dev "$dev" --out $work/module --name $disk \
	--ready-file $work/ready --stop-file $work/stop >$work/module.log 2>&1 &
module_pid=$!
wait_for_file $work/ready 120
wait_for_file /sys/kernel/debug/block/$disk/trace0 60
sleep 1
message="side by side on $disk"
printf '%s' "$message" >/sys/kernel/debug/jblktrace/$disk/msg
printf '%s' "$message" >/sys/kernel/debug/block/$disk/msg

# Direct and buffered I/O of several sizes: Q G I D C, plugs and merges.
dd if=/dev/zero of=/dev/$disk bs=64k count=16 oflag=direct status=none
dd if=/dev/$disk of=/dev/null bs=4k count=64 iflag=direct status=none
dd if=/dev/zero of=/dev/$disk bs=4k count=256 seek=4096 conv=fsync status=none
fio --name=side --filename=/dev/$disk --direct=1 --rw=randrw --bs=4k \
	--ioengine=libaio --iodepth=8 --size=16M --io_size=1M --randrepeat=1 \
	--output=/dev/null
sleep 1

touch $work/stop
kill -INT $builtin_pid
wait $module_pid || fail "module trace: $(cat $work/module.log)"
wait $builtin_pid || true
cat $work/module.log $work/blktrace.log
unload_module

blkparse -i $disk -D $work/builtin >$work/builtin.txt
blkparse -i $disk -D $work/module >$work/module.txt

# Compare what each event says, leaving out cpu, sequence and time
# (remaps of a partition's I/O show the disk as their device).
# Messages are checked apart: 6.1's built-in tags them with a cgroup id,
# which blkparse 1.2.0 does not understand and drops.
events() {
	awk '$1 ~ /^[0-9]+,[0-9]+$/ && NF >= 7 && $6 != "m" { $2 = $3 = $4 = ""; print }' "$1" | sort
}
grep -q " m   N $message\$" $work/module.txt || fail "the module trace lacks the message"
echo "message shown by blkparse: module yes, built-in $(grep -q " m   N $message\$" $work/builtin.txt && echo yes || echo no)"
events $work/builtin.txt >$work/builtin.events
events $work/module.txt >$work/module.events
publish $work/builtin.txt $work/module.txt

count_actions() {
	awk '{ n[$3]++ } END { for (a in n) printf "%s=%d ", a, n[a]; print "" }' "$1" | tr ' ' '\n' | sort | tr '\n' ' '
}
echo "built-in: $(count_actions $work/builtin.events)"
echo "module:   $(count_actions $work/module.events)"
total=$(wc -l <$work/module.events)
[ "$total" -gt 1000 ] || fail "too few events traced ($total)"
# No I on kernels that issue straight to a queue without a scheduler (6.12+).
for action in Q G D C P M 'UT\?'; do
	grep -q "^[0-9,]* *[0-9]* $action " $work/module.events || fail "no $action events in the module trace"
done
if ! diff $work/builtin.events $work/module.events >$work/diff.txt; then
	head -n 40 $work/diff.txt
	fail "built-in and module traces differ ($(grep -c '^[<>]' $work/diff.txt) lines)"
fi
check_dmesg "side by side"
echo "PASS side-by-side: $total identical events"
