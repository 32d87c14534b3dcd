#!/bin/bash
# fio 4 KiB random-read IOPS on the scratch disk: untraced, traced by the
# built-in blktrace, traced by the module with the Java reader, and traced
# by the module with nobody reading during the run (buffers big enough to
# keep everything: the kernel side alone). Rounds alternate the modes so
# drift in the emulator hits all alike; the median per mode is reported
# (and published as overhead.txt), not judged: under TCG it is noisy.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

disk=${JBT_DISK:-vda}
dev=$(cat /sys/block/$disk/dev)
seconds=${JBT_BENCH_SECONDS:-3}
rounds=${JBT_BENCH_ROUNDS:-3}
work=/tmp/overhead
rm -rf $work
mkdir -p $work

iops() {
	fio --name=bench --filename=/dev/$disk --direct=1 --rw=randread --bs=4k \
		--ioengine=libaio --iodepth=1 --size=64M --time_based --runtime="$seconds" \
		--randrepeat=1 --output-format=terse --terse-version=3 | awk -F';' '{ printf "%d\n", $8 }'
}

untraced() {
	iops
}

builtin() {
	blktrace -d /dev/$disk -D $work -o builtin >/dev/null 2>&1 &
	local tracer=$!
	wait_for_file /sys/kernel/debug/block/$disk/trace0 60
	iops
	kill -INT $tracer
	wait $tracer || true
}

module() {
	module_run --name module
}

module_kernel_side() {
	module_run --name kernel --stall --buf-size 1048576 --buf-nr 24
}

module_run() {
	rm -f $work/ready $work/stop
	trace_tool trace --dev "$dev" --out $work "$@" \
		--ready-file $work/ready --stop-file $work/stop >$work/module.log &
	local tracer=$!
	wait_for_file $work/ready 120
	iops
	touch $work/stop
	wait $tracer || fail "module trace failed"
	grep -q 'dropped=0$' $work/module.log || fail "module trace dropped events: $(cat $work/module.log)"
}

modes=(untraced builtin module module_kernel_side)
note "overhead: fio randread 4k, iodepth 1, ${seconds}s x $rounds rounds"
load_module
declare -A results=()
for round in $(seq "$rounds"); do
	for mode in "${modes[@]}"; do
		result=$($mode)
		echo "round $round $mode: $result IOPS"
		results[$mode]="${results[$mode]:-} $result"
	done
done
unload_module
check_dmesg "overhead"

median() {
	tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
base=$(echo "${results[untraced]}" | median)
for mode in "${modes[@]}"; do
	value=$(echo "${results[$mode]}" | median)
	echo "$mode: median $value IOPS ($(( (base - value) * 100 / base ))% below untraced)"
done | tee $work/overhead.txt
publish $work/overhead.txt
echo "PASS overhead (measured)"
