#!/bin/bash
# Module robustness under I/O: load/unload cycles, unload during a running
# trace, a loop device detached while traced, and exact drop accounting
# with a stalled reader. The kernel log must stay clean.
#   stress.sh [cycles|abandon|loop|remove|stall]...   (default: all, in order)
# JBT_STRESS_CYCLES (default 100) load/unload cycles, JBT_STRESS_ROUNDS
# (default 3) rounds of rmmod during a trace. Each section's time is reported.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

disk=${JBT_DISK:-vda}
dev=$(cat /sys/block/$disk/dev)
work=/tmp/stress
rm -rf $work
mkdir -p $work

start_fio() {
	fio --name=background --filename=/dev/$disk --direct=1 --rw=randrw --bs=4k \
		--ioengine=libaio --iodepth=4 --size=64M --time_based --runtime=600 \
		--output=/dev/null --eta=never &
	fio_pid=$!
}

stop_fio() {
	kill $fio_pid
	wait $fio_pid || true
}

# Kernel memory that a leaked trace (buffers, structs) would show up in, kB.
kernel_memory() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '/^(Slab|VmallocUsed|Percpu):/ { kb += $2 } END { print kb }' /proc/meminfo
}

check_growth() {
	local what=$1 before=$2 after=$3
	echo "$what: kernel memory before ${before} kB, after ${after} kB"
	[ $((after - before)) -lt 2048 ] || fail "$what: kernel memory grew by $((after - before)) kB"
}

cycles=${JBT_STRESS_CYCLES:-100}
rounds=${JBT_STRESS_ROUNDS:-3}

cycles() {
note "$cycles insmod/rmmod cycles under fio"
load_module
unload_module
before=$(kernel_memory)
start_fio
for _ in $(seq "$cycles"); do
	load_module
	unload_module
done
stop_fio
check_growth "$cycles cycles" "$before" "$(kernel_memory)"
check_dmesg "load/unload cycles"
}

abandon() {
note "rmmod while a trace runs under fio ($rounds rounds, 2 x 4 x 512 KiB buffers each)"
before=$(kernel_memory)
start_fio
for round in $(seq "$rounds"); do
	load_module
	trace_tool trace --dev "$dev" --out $work --name abandoned$round \
		--ready-file $work/ready$round --stop-file $work/stop$round --abandon &
	wait_for_file $work/ready$round 120
	touch $work/stop$round
	wait $! || fail "abandoned trace round $round"
	[ -e /sys/kernel/debug/jblktrace/$disk/trace0 ] || fail "the trace did not stay behind"
	sleep 0.5
	unload_module
done
stop_fio
check_growth "rmmod during traces" "$before" "$(kernel_memory)"
check_dmesg "rmmod during a trace"
}

loop() {
note "loop device detached while traced, $disk traced beside it"
modprobe loop
truncate -s 64M $work/loop.img
loop=$(losetup -f --show $work/loop.img)
loop_dev=$(cat /sys/block/${loop#/dev/}/dev)
load_module
trace_tool trace --dev "$loop_dev" --out $work --name loop \
	--ready-file $work/loop.ready --stop-file $work/loop.stop >$work/loop.log &
tracer=$!
wait_for_file $work/loop.ready 120
# A second device traced at the same time, and a refused second trace of
# the same device.
trace_tool trace --dev "$dev" --out $work --name beside \
	--ready-file $work/beside.ready --stop-file $work/beside.stop >$work/beside.log &
beside=$!
touch $work/twice.stop
if trace_tool trace --dev "$loop_dev" --out $work --stop-file $work/twice.stop 2>$work/twice.err; then
	fail "a second trace of $loop was set up"
fi
cat $work/twice.err
grep -q 'Device or resource busy' $work/twice.err || fail "unexpected error for a second trace"
wait_for_file $work/beside.ready 120
dd if=/dev/zero of=/dev/$disk bs=4k count=500 oflag=direct status=none &
disk_writer=$!
dd if=/dev/zero of="$loop" bs=4k count=4000 oflag=direct status=none &
writer=$!
sleep 0.5
losetup -d "$loop"
wait $writer || true
for _ in $(seq 50); do
	[ -s /sys/block/${loop#/dev/}/loop/backing_file ] 2>/dev/null || break
	sleep 0.1
done
[ ! -s /sys/block/${loop#/dev/}/loop/backing_file ] 2>/dev/null || fail "$loop is still attached"
touch $work/loop.stop
wait $tracer || fail "loop trace did not end cleanly"
wait $disk_writer
touch $work/beside.stop
wait $beside || fail "trace beside the loop device failed"
cat $work/loop.log $work/beside.log
grep -q 'bytes=[1-9]' $work/loop.log || fail "nothing traced on $loop"
grep -q 'bytes=[1-9]' $work/beside.log || fail "nothing traced on $disk beside $loop"
# The detached device can be traced again: nothing stale was left behind.
touch $work/loop2.stop
trace_tool trace --dev "$loop_dev" --out $work --name loop2 --stop-file $work/loop2.stop ||
	fail "tracing the detached loop device again"
unload_module
check_dmesg "loop detach"
}

remove() {
note "SCSI disk deleted while traced"
local name
name=$(scsi_debug_disk)
local scsi_dev
scsi_dev=$(cat /sys/block/$name/dev)
load_module
trace_tool trace --dev "$scsi_dev" --out $work --name removed \
	--ready-file $work/removed.ready --stop-file $work/removed.stop >$work/removed.log &
local tracer=$!
wait_for_file $work/removed.ready 120
dd if=/dev/zero of=/dev/$name bs=4k count=4000 oflag=direct status=none &
local writer=$!
sleep 0.5
echo 1 >/sys/block/$name/device/delete
wait $writer && fail "writing to the deleted disk succeeded" || true
[ ! -e /sys/block/$name ] || fail "$name was not deleted"
touch $work/removed.stop
wait $tracer || fail "trace of the deleted disk did not end cleanly"
cat $work/removed.log
grep -q 'bytes=[1-9]' $work/removed.log || fail "nothing traced on $name"
touch $work/gone.stop
if trace_tool trace --dev "$scsi_dev" --out $work --stop-file $work/gone.stop 2>$work/gone.err; then
	fail "a trace of the deleted disk could be set up"
fi
cat $work/gone.err
grep -q 'No such device' $work/gone.err || fail "unexpected error for the deleted disk"
unload_module
rmmod scsi_debug
check_dmesg "disk removal"
}

stall() {
note "stalled reader: 2 x 4 KiB buffers, drops must be counted exactly"
load_module
mkdir -p $work/reference
blktrace -d /dev/$disk -D $work/reference -o reference >$work/reference.log 2>&1 &
reference=$!
# The writer waits for the go file, so its pid can filter the module trace.
sh -c "while [ ! -e $work/go ]; do sleep 0.05; done; exec dd if=/dev/zero of=/dev/$disk bs=4k count=500 oflag=direct status=none" &
writer=$!
trace_tool trace --dev "$dev" --out $work --name stalled --pid $writer --buf-size 4096 --buf-nr 2 \
	--stall --ready-file $work/stalled.ready --stop-file $work/stalled.stop >$work/stalled.log &
tracer=$!
wait_for_file $work/stalled.ready 120
wait_for_file /sys/kernel/debug/block/$disk/trace0 60
sleep 1
touch $work/go
wait $writer
sleep 0.5
touch $work/stalled.stop
wait $tracer || fail "stalled trace: $(cat $work/stalled.log)"
kill -INT $reference
wait $reference || true
unload_module
writer_events() {
	blkparse -i "$2" -D "$1" | awk -v dev="$(echo "$dev" | tr : ,)" -v pid=$writer \
		'$1 == dev && NF >= 7 && $5 == pid' | wc -l
}
produced=$(writer_events $work/reference reference)
stored=$(writer_events $work stalled)
dropped=$(sed -n 's/.*dropped=//p' $work/stalled.log)
echo "writer events: built-in saw $produced, module stored $stored and dropped $dropped"
[ "$stored" -gt 0 ] && [ "$dropped" -gt 0 ] || fail "the buffers did not overrun"
[ $((stored + dropped)) -eq "$produced" ] || fail "stored + dropped != produced"
check_dmesg "stalled reader"
}

sections=("$@")
[ ${#sections[@]} -gt 0 ] || sections=(cycles abandon loop remove stall)
for section in "${sections[@]}"; do
	case "$section" in
	cycles | abandon | loop | remove | stall)
		started=$SECONDS
		"$section"
		echo "TIME stress $section: $((SECONDS - started)) s"
		;;
	*) fail "unknown stress section '$section'" ;;
	esac
done
echo "PASS stress: ${sections[*]}"
