#!/bin/bash
# Our blktrace on the jblktrace module beside Debian's blktrace on the
# kernel's own tracing, at the same time on the same workload: blkparse must
# show the same events. Then the module's version 8 records beside the
# kernel's (ours on relay where the kernel records version 8, else
# Debian's version 7): our blkparse shows the same events. Then -k during a
# module trace: like Debian's -k it finds no kernel trace to tear down, and
# the module's trace goes on. After kill -9 the module's trace stays: -k, or
# else the next run, tears it down and says so. Last, a stalled reader: the
# summary reports the drops the module counted.
set -euo pipefail
. "$(dirname "$0")/trace-lib.sh"
. "$(dirname "$0")/trace-proof-lib.sh"

work=/tmp/blktrace-module
rm -rf $work
mkdir -p $work
module_dir=/sys/kernel/debug/jblktrace/$disk

# All of an event but cpu, sequence and time; message notes left out (6.1's
# built-in tags them with a cgroup id, which blkparse 1.2.0 drops).
events() {
	awk '$1 ~ /^[0-9]+,[0-9]+$/ && NF >= 7 && $6 != "m" { $2 = $3 = $4 = ""; print }' "$1" | sort
}

note "module: ours (--backend module) beside Debian's blktrace"
load_module
$c_blktrace -d /dev/$disk -D $work/c >$work/c.log 2>&1 &
c_tracer=$!
"$our_blktrace" --backend module "${as_debian[@]}" -d /dev/$disk -D $work/ours >$work/ours.log 2>$work/ours.err &
our_tracer=$!
wait_for_start $work/c
wait_for_start $work/ours
workload
sleep 1
stop_tracer $our_tracer $work/ours.err
stop_tracer $c_tracer $work/c.log
cat $work/ours.log $work/c.log
expect_stderr $work/ours.err "$(v7_notice module)"
no_drops $work/ours.log
no_drops $work/c.log
[ ! -e $module_dir ] || fail "our blktrace left the module's trace set up"
$c_blkparse -i $disk -D $work/c >$work/c.txt
$c_blkparse -i $disk -D $work/ours >$work/ours.txt
"$our_blkparse" --compat=1.2 -i $disk -D $work/ours >$work/ours-by-ours.txt
cmp $work/ours.txt $work/ours-by-ours.txt || fail "Debian's blkparse and ours differ on our module files"
events $work/c.txt >$work/c.events
events $work/ours.txt >$work/ours.events
total=$(wc -l <$work/ours.events)
[ "$total" -gt 1000 ] || fail "too few events traced ($total)"
if ! diff $work/c.events $work/ours.events >$work/diff.txt; then
	head -n 30 $work/diff.txt
	fail "Debian's blktrace and ours on the module differ ($(grep -c '^[<>]' $work/diff.txt) lines)"
fi
cp $work/c.txt $work/module-debian.txt
cp $work/ours.txt $work/module-ours.txt
publish $work/module-debian.txt $work/module-ours.txt
echo "same $total events"

# Beside the built-in blktrace: ours on relay where the kernel records version 8, else Debian's.
if kernel_records_v8; then
	builtin=("$our_blktrace" --backend relay)
	builtin_name="ours on relay (version 8)"
else
	builtin=("$c_blktrace")
	builtin_name="Debian's blktrace"
fi
note "module: ours, --trace-version=8, beside $builtin_name"
"${builtin[@]}" -d /dev/$disk -D $work/builtin8 >$work/builtin8.log 2>$work/builtin8.err &
builtin_tracer=$!
"$our_blktrace" --backend module --trace-version=8 -d /dev/$disk -D $work/v8 >$work/v8.log 2>$work/v8.err &
our_tracer=$!
wait_for_start $work/builtin8
wait_for_start $work/v8
workload
sleep 1
stop_tracer $our_tracer $work/v8.err
stop_tracer $builtin_tracer $work/builtin8.err
cat $work/v8.log $work/builtin8.log
expect_stderr $work/v8.err
no_drops $work/v8.log
[ "$(record_version $work/v8 $disk)" = 8 ] || fail "the module's files are not version 8"
"$our_blkparse" -i $disk -D $work/builtin8 >$work/builtin8.txt
"$our_blkparse" -i $disk -D $work/v8 >$work/v8.txt
events $work/builtin8.txt >$work/builtin8.events
events $work/v8.txt >$work/v8.events
total8=$(wc -l <$work/v8.events)
[ "$total8" -gt 1000 ] || fail "too few version 8 events traced ($total8)"
if ! diff $work/builtin8.events $work/v8.events >$work/diff8.txt; then
	head -n 30 $work/diff8.txt
	fail "$builtin_name and ours on the module in version 8 differ ($(grep -c '^[<>]' $work/diff8.txt) lines)"
fi
cp $work/v8.txt $work/module-ours-v8.txt
publish $work/module-ours-v8.txt
echo "same $total8 events in version 8"

note "module: -k while the module traces"
"$our_blktrace" --backend module "${as_debian[@]}" -d /dev/$disk -D $work/k >$work/k.log 2>$work/k.err &
our_tracer=$!
wait_for_start $work/k
status=0
"$our_blktrace" -k -d /dev/$disk >$work/kill-ours.out 2>&1 || status=$?
c_status=0
$c_blktrace -k -d /dev/$disk >$work/kill-c.out 2>&1 || c_status=$?
echo "ours -k: status $status: $(cat $work/kill-ours.out)"
echo "Debian's -k: status $c_status: $(cat $work/kill-c.out)"
[ "$status" = "$c_status" ] && cmp -s $work/kill-c.out $work/kill-ours.out ||
	fail "-k differs from Debian's"
[ -e $module_dir/trace0 ] || fail "-k removed the module's trace"
# A write after -k, at a sector the workload does not touch, must still be traced.
dd if=/dev/zero of=/dev/$disk bs=4k count=1 seek=50000 oflag=direct status=none
sleep 1
stop_tracer $our_tracer $work/k.err
no_drops $work/k.log
$c_blkparse -i $disk -D $work/k >$work/k.txt
grep -q " Q  *W[A-Z]* 400000 + 8 \[dd\]\$" $work/k.txt || fail "the write after -k is missing from the module trace"

# The module keeps a trace whose tracer died: -k tears down what a dead run of ours left, and so
# does the next run, each saying so.
killed_tracer() {
	"$our_blktrace" --backend module "${as_debian[@]}" -d /dev/$disk -D $work/$1 >/dev/null 2>&1 &
	our_tracer=$!
	wait_for_start $work/$1
	kill -9 $our_tracer
	wait $our_tracer 2>/dev/null || true
	[ -e $module_dir/trace0 ] || fail "the module's trace did not outlive its killed tracer"
}
left_when_it_died="blktrace: tore down the jblktrace module's trace of /dev/$disk that blktrace (pid [0-9]*) left when it died"
note "module: kill -9, then -k"
killed_tracer killed
"$our_blktrace" -k -d /dev/$disk >$work/kill9.out 2>&1 || fail "-k after kill -9 failed: $(cat $work/kill9.out)"
cat $work/kill9.out
grep -qx "$left_when_it_died" $work/kill9.out || fail "-k did not say it tore down the dead run's trace"
[ ! -e $module_dir/trace0 ] || fail "-k left the dead run's module trace"
note "module: kill -9, then a new run"
killed_tracer killed-again
one_traced_write next 50001 --backend module "${as_debian[@]}"
cat $work/next.err
grep -qx "$left_when_it_died" $work/next.err || fail "the next run did not say it tore down the dead run's trace"
[ ! -e $module_dir/trace0 ] || fail "the run after a killed one left its trace"

# stress.sh proves the module counts drops exactly; here our blktrace must report that count.
note "module: a stalled reader overruns 2 x 4 KiB buffers; our summary reports the module's drops"
"$our_blktrace" --backend module "${as_debian[@]}" -b 4 -n 2 -d /dev/$disk -D $work/stall >$work/stall.log \
	2>$work/stall.err &
our_tracer=$!
wait_for_start $work/stall
kill -STOP $our_tracer
dd if=/dev/zero of=/dev/$disk bs=4k count=500 oflag=direct status=none
sleep 1
counted=$(cat $module_dir/dropped)
kill -CONT $our_tracer
stop_tracer $our_tracer $work/stall.err
cat $work/stall.log $work/stall.err
[ "$counted" -gt 0 ] || fail "the buffers did not overrun"
grep -q "Total: .* events (dropped $counted)," $work/stall.log || fail "the summary does not report the module's $counted drops"
grep -q "^You have $counted (" $work/stall.err || fail "no dropped-events warning for the module's $counted drops"
unload_module
check_dmesg "module backend"
echo "PASS blktrace-module: $total identical events, $total8 in version 8; -k as Debian's, the module's trace unharmed; a killed run's trace torn down by -k and by the next run; $counted drops reported"
