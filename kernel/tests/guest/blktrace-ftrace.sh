#!/bin/bash
# Our blktrace through the ftrace blk tracer (the path of locked-down
# kernels, here where the relay files can be read too) against Debian's
# blktrace, one after the other on the same workload: the same requests and
# no drops, Debian's blkparse and ours print the same for our files, and
# tracefs is left as it was. On kernels that record version 8 (6.19 on),
# whose blk tracer stores blk_io_trace2 entries: version 7 as asked, and the
# default version 8 holding the same requests. Then live, -o - | blkparse -i -.
set -euo pipefail
. "$(dirname "$0")/trace-lib.sh"
. "$(dirname "$0")/trace-proof-lib.sh"

work=/tmp/blktrace-ftrace
rm -rf $work
mkdir -p $work
tracefs=/sys/kernel/tracing

# Every tracefs setting and this disk's trace controls, to compare before and after.
tracefs_settings() {
	local file
	for file in current_tracer trace_clock tracing_on tracing_cpumask buffer_size_kb set_event \
		$tracefs/options/* /sys/class/block/$disk/trace/*; do
		case $file in /*) ;; *) file=$tracefs/$file ;; esac
		printf '%s=%s\n' "${file#$tracefs/}" "$(cat "$file")"
	done
}

# Waits until the blk tracer records (our ftrace capture turns tracing on last).
wait_for_ftrace() {
	local tries=1200
	until [ "$(cat $tracefs/current_tracer)" = blk ] && [ "$(cat $tracefs/tracing_on)" = 1 ]; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "the ftrace capture did not start"
		sleep 0.1
	done
	sleep 1
}

note "ftrace: Debian's blktrace on the workload"
$c_blktrace -d /dev/$disk -D $work/c >$work/c.log 2>&1 &
tracer=$!
wait_for_start $work/c
started=$SECONDS
workload
workload_seconds=$((SECONDS - started))
stop_tracer $tracer $work/c.log
no_drops $work/c.log
$c_blkparse -i $disk -D $work/c >$work/c.txt
requests $work/c.txt >$work/c.requests
echo "Debian's blktrace: $(count_actions $work/c.requests)"

# Until its first use buffer_size_kb reads "N (expanded: M)"; expand it so that the snapshots compare.
size=$(cat $tracefs/buffer_size_kb)
case $size in *expanded:*) size=${size#*expanded: }; echo "${size%)}" >$tracefs/buffer_size_kb ;; esac
tracefs_settings >$work/settings.before
stopwatch=$((workload_seconds * 2 + 30))
# ours VERSION-NAME OPTION...: one ftrace run of the workload into $work/NAME.
ours() {
	local name=$1
	shift
	note "ftrace: ours, --backend ftrace $* -w $stopwatch"
	"$our_blktrace" --backend ftrace "$@" -d /dev/$disk -D $work/$name -w $stopwatch >$work/$name.log 2>$work/$name.err &
	tracer=$!
	wait_for_ftrace
	workload
	kill -0 $tracer 2>/dev/null || fail "our blktrace ended before the workload did: $(cat $work/$name.err)"
	wait $tracer || fail "our blktrace exited with status $?: $(cat $work/$name.err)"
	cat $work/$name.log
	no_drops $work/$name.log
	tracefs_settings >$work/settings.after
	diff $work/settings.before $work/settings.after || fail "our ftrace capture left tracefs changed"
}

ours v7 "${as_debian[@]}"
expect_stderr $work/v7.err "$(v7_notice ftrace)"
[ "$(record_version $work/v7 $disk)" = 7 ] || fail "our ftrace files are not version 7"
$c_blkparse -i $disk -D $work/v7 >$work/v7.txt 2>$work/v7.c-stderr
"$our_blkparse" --compat=1.2 -i $disk -D $work/v7 >$work/v7-by-ours.txt 2>$work/v7.our-stderr
cmp $work/v7.txt $work/v7-by-ours.txt || fail "Debian's blkparse and ours differ on our ftrace files"
cmp $work/v7.c-stderr $work/v7.our-stderr || fail "Debian's blkparse and ours differ on stderr"
requests $work/v7.txt >$work/v7.requests
echo "ours, ftrace:      $(count_actions $work/v7.requests)"
same_requests $work/c.requests $work/v7.requests "ftrace files"
cp $work/v7.txt $work/ftrace-ours.txt
publish $work/ftrace-ours.txt

if kernel_records_v8; then
	ours v8
	check_v8_files ftrace
fi

live_parser=$c_blkparse
kernel_records_v8 && live_parser=$our_blkparse
note "ftrace: ours live, -o - | $live_parser -i -"
mkfifo $work/pipe
$live_parser -i - <$work/pipe >$work/live.txt 2>$work/live-blkparse.err &
parser=$!
"$our_blktrace" --backend ftrace -d /dev/$disk -o - >$work/pipe 2>$work/live.err &
tracer=$!
wait_for_ftrace
workload
stop_tracer $tracer $work/live.err
wait $parser || fail "blkparse -i - failed: $(cat $work/live-blkparse.err)"
expect_stderr $work/live.err
requests $work/live.txt >$work/live.requests
without_names $work/c.requests >$work/c.unnamed
without_names $work/live.requests >$work/live.unnamed
same_requests $work/c.unnamed $work/live.unnamed "ftrace, live"
tracefs_settings >$work/settings.after
diff $work/settings.before $work/settings.after || fail "our live ftrace capture left tracefs changed"
check_dmesg "ftrace path"
echo "PASS blktrace-ftrace: $(wc -l <$work/c.requests) requests seen alike (files and live)"
