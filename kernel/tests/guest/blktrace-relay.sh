#!/bin/bash
# Our blktrace on the kernel's relay files against Debian's blktrace, one
# after the other on the same workload: the same requests and no drops, and
# Debian's blkparse and ours print the same for our files (version 7, asked
# for on kernels that record version 8). There, our default version 8 files
# hold the same requests too. The first of ours loads every class from its
# archive. Then live (-o - | blkparse -i -) with the
# default backend, which must take relay without a word. Then kill -9 of
# ours and of Debian's: our -k tears the kernel's trace down, and the next
# run works. Last, a disk deleted while traced.
set -euo pipefail
. "$(dirname "$0")/trace-lib.sh"
. "$(dirname "$0")/trace-proof-lib.sh"

work=/tmp/blktrace-relay
rm -rf $work
mkdir -p $work

note "relay: Debian's blktrace on the workload"
$c_blktrace -d /dev/$disk -D $work/c >$work/c.log 2>&1 &
tracer=$!
wait_for_start $work/c
started=$SECONDS
workload
workload_seconds=$((SECONDS - started))
stop_tracer $tracer $work/c.log
cat $work/c.log
no_drops $work/c.log
$c_blkparse -i $disk -D $work/c >$work/c.txt
requests $work/c.txt >$work/c.requests
echo "Debian's blktrace: $(count_actions $work/c.requests)"
# No I on kernels that issue straight to a queue without a scheduler (6.12+).
for action in Q G D C P M; do
	grep -q "^$action " $work/c.requests || fail "the workload made no $action events"
done

# The stopwatch ends our run: long enough for the JVM to start and the workload to end.
stopwatch=$((workload_seconds * 2 + 30))
note "relay: ours, --backend relay ${as_debian[*]} -w $stopwatch"
JBLKTRACE_JAVA_OPTS="$JBLKTRACE_JAVA_OPTS -Xlog:class+load:file=$work/ours-classes.log" \
	"$our_blktrace" --backend relay "${as_debian[@]}" -d /dev/$disk -D $work/ours -w $stopwatch >$work/ours.log 2>$work/ours.err &
tracer=$!
wait_for_start $work/ours
workload
kill -0 $tracer 2>/dev/null || fail "our blktrace ended before the workload did: $(cat $work/ours.log $work/ours.err)"
wait $tracer || fail "our blktrace exited with status $?: $(cat $work/ours.err)"
cat $work/ours.log
expect_stderr $work/ours.err "$(v7_notice relay)"
[ "$(record_version $work/ours $disk)" = 7 ] || fail "our relay files are not version 7"
no_drops $work/ours.log
[ ! -e $relay_dir/trace0 ] || fail "our blktrace left the kernel's trace set up"
# Every class the capture loads comes from blktrace's archive: one from a jar is parsed and
# verified while the trace runs, which the emulator makes cost tenths of a CPU-second.
from_jars=$(grep 'source: file:' $work/ours-classes.log || true)
[ -z "$from_jars" ] || fail "our relay capture loaded classes its archive lacks; add them with" \
	"scripts/cds-archives --classlist in a guest (DEVELOPERS.md): $from_jars"
$c_blkparse -i $disk -D $work/ours >$work/ours.txt 2>$work/ours.c-stderr
"$our_blkparse" --compat=1.2 -i $disk -D $work/ours >$work/ours-by-ours.txt 2>$work/ours.our-stderr
cmp $work/ours.txt $work/ours-by-ours.txt || fail "Debian's blkparse and ours differ on our files"
cmp $work/ours.c-stderr $work/ours.our-stderr || fail "Debian's blkparse and ours differ on stderr"
requests $work/ours.txt >$work/ours.requests
echo "ours:              $(count_actions $work/ours.requests)"
same_requests $work/c.requests $work/ours.requests "relay files"
cp $work/c.txt $work/relay-debian.txt
cp $work/ours.txt $work/relay-ours.txt
publish $work/relay-debian.txt $work/relay-ours.txt

if kernel_records_v8; then
	note "relay: ours, default version 8 (BLKTRACESETUP2), -w $stopwatch"
	"$our_blktrace" --backend relay -d /dev/$disk -D $work/v8 -w $stopwatch >$work/v8.log 2>$work/v8.err &
	tracer=$!
	wait_for_start $work/v8
	workload
	wait $tracer || fail "our blktrace exited with status $?: $(cat $work/v8.err)"
	cat $work/v8.log
	no_drops $work/v8.log
	check_v8_files relay
fi

# Live with the defaults: Debian's blkparse reads version 7, ours the version 8 of newer kernels.
live_parser=$c_blkparse
kernel_records_v8 && live_parser=$our_blkparse
note "relay: ours live, default backend, -o - | $live_parser -i -"
mkfifo $work/pipe
$live_parser -i - <$work/pipe >$work/live.txt 2>$work/live-blkparse.err &
parser=$!
"$our_blktrace" -d /dev/$disk -o - >$work/pipe 2>$work/live.err &
tracer=$!
wait_for_live $relay_dir/trace0
workload
stop_tracer $tracer $work/live.err
wait $parser || fail "blkparse -i - failed: $(cat $work/live-blkparse.err)"
[ ! -s $work/live.err ] || fail "the default backend said something: $(cat $work/live.err)"
requests $work/live.txt >$work/live.requests
echo "ours, live:        $(count_actions $work/live.requests)"
without_names $work/c.requests >$work/c.unnamed
without_names $work/live.requests >$work/live.unnamed
same_requests $work/c.unnamed $work/live.unnamed "live pipe"
grep -q 'Events (.*): [0-9]* entries' $work/live.txt || fail "blkparse printed no statistics for the live stream"
# kill -9 leaves the kernel's trace set up, whoever traced: our -k tears it down as Debian's
# does, for a trace of Debian's blktrace too, and the next run works.
for victim in ours debian; do
	note "relay: kill -9 of $victim blktrace, then our -k"
	if [ $victim = ours ]; then
		"$our_blktrace" --backend relay "${as_debian[@]}" -d /dev/$disk -D $work/killed-$victim >/dev/null 2>&1 &
	else
		$c_blktrace -d /dev/$disk -D $work/killed-$victim >/dev/null 2>&1 &
	fi
	tracer=$!
	wait_for_start $work/killed-$victim
	kill -9 $tracer
	wait $tracer 2>/dev/null || true
	[ -e $relay_dir/trace0 ] || fail "the kernel's trace did not outlive the killed $victim blktrace"
	"$our_blktrace" -k -d /dev/$disk >$work/kill-$victim.out 2>&1 || fail "-k failed: $(cat $work/kill-$victim.out)"
	expect_stderr $work/kill-$victim.out
	[ ! -e $relay_dir/trace0 ] || fail "-k left the kernel's trace of the killed $victim blktrace"
done
note "relay: a run after the killed ones"
one_traced_write next 50002 --backend relay "${as_debian[@]}"
expect_stderr $work/next.err "$(v7_notice relay)"
# A disk deleted while traced takes its kernel trace with it. Ours reads until the relay files
# fail (C's "Thread N failed read" lines, EIO), keeps every record it had, exits 0 on SIGTERM and
# leaves nothing behind. (Debian's blktrace 1.2.0 keeps none: its files end up empty.)
note "relay: a SCSI disk deleted while ours traces it"
name=$(scsi_debug_disk)
"$our_blktrace" --backend relay "${as_debian[@]}" -d /dev/$name -D $work/deleted >$work/deleted.log 2>$work/deleted.err &
tracer=$!
wait_for_file $work/deleted/$name.blktrace.0 120
sleep 3
dd if=/dev/zero of=/dev/$name bs=4k count=16 oflag=direct status=none
echo 1 >/sys/block/$name/device/delete
sleep 2
stop_tracer $tracer $work/deleted.err
cat $work/deleted.log $work/deleted.err
[ ! -e /sys/kernel/debug/block/$name ] || fail "the deleted disk's trace is still set up"
$c_blkparse -i $name -D $work/deleted >$work/deleted.txt || fail "Debian's blkparse cannot read the deleted disk's trace"
[ "$(grep -c ' Q ' $work/deleted.txt)" = 16 ] || fail "the 16 writes to the deleted disk are not all in its trace"
rmmod scsi_debug
check_dmesg "relay path"
echo "PASS blktrace-relay: $(wc -l <$work/c.requests) requests seen alike (files and live); -k after kill -9 of either"
