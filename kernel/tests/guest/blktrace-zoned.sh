#!/bin/bash
# Our blktrace on a zoned device, on a kernel that records version 8 (Linux
# 6.19 on): the zoned null_blk device and workload of zoned-lib.sh, the same
# as the module's proof (zoned.sh) traces: blkzone opens, closes, finishes and
# resets zones, fio writes with several writes in flight (zone write
# plugging), btrfs writes with zone append.
# Version 8: the kernel's own records (ours on relay, BLKTRACESETUP2) and the
# module's, made at the same time, show the same events, among them every
# zone operation, zone append and zone write plugging; the ftrace path, run
# next, records every kind too, and the same zone commands. Version 7, on
# relay and on ftrace: no zone event, and the line that says so.
set -euo pipefail
. "$(dirname "$0")/trace-lib.sh"
. "$(dirname "$0")/trace-proof-lib.sh"
. "$(dirname "$0")/zoned-lib.sh"

kernel_records_v8 || fail "zone operations need a kernel that records version 8 (6.19 or later)"
work=/tmp/blktrace-zoned
rm -rf $work
mkdir -p $work/mnt
zoned_device null_blk
disk=$zoned_disk

# All of an event as our blkparse prints it but cpu, sequence and time; messages left out.
events() {
	awk '$1 ~ /^[0-9]+,[0-9]+$/ && NF >= 7 && $6 != "m" { $2 = $3 = $4 = ""; print }' "$1" | sort
}

# The zone commands blkzone made: their action, RWBS and sector, sorted.
zone_commands() {
	awk '$1 ~ /^[0-9]+,[0-9]+$/ && $7 ~ /^Z(O|C|F|R|RA)S?$/ { print $6, $7, $8 }' "$1" | sort
}

# Counts of each zone event kind in a blkparse text; fails when one is missing.
zone_kinds() {
	local text=$1 what=$2 summary= kind n
	for kind in ZO ZC ZF ZR ZRA ZA; do
		n=$(awk -v k="$kind" '$1 ~ /^[0-9]+,[0-9]+$/ && $7 ~ "^" k "[FAS]*$" { n++ } END { print n + 0 }' "$text")
		[ "$n" -gt 0 ] || fail "$what: no $kind events"
		summary="$summary $kind=$n"
	done
	for kind in ZP ZU; do
		n=$(awk -v k="$kind" '$1 ~ /^[0-9]+,[0-9]+$/ && $6 == k { n++ } END { print n + 0 }' "$text")
		[ "$n" -gt 0 ] || fail "$what: no $kind (zone write plug) events"
		summary="$summary $kind=$n"
	done
	echo "$summary"
}

# No zone event at all in a version 7 trace.
no_zone_events() {
	! awk '$1 ~ /^[0-9]+,[0-9]+$/ && ($7 ~ /^Z/ || $6 ~ /^Z[PU]$/)' "$1" | grep -q . ||
		fail "$2: version 7 holds zone events"
}

note "zoned, version 8: ours on relay (the kernel's own records) and ours on the module, together"
load_module
"$our_blktrace" --backend relay -d /dev/$disk -D $work/relay8 >$work/relay8.log 2>$work/relay8.err &
relay=$!
"$our_blktrace" --backend module -d /dev/$disk -D $work/module8 >$work/module8.log 2>$work/module8.err &
module=$!
wait_for_start $work/relay8
wait_for_start $work/module8
zoned_workload $work/mnt
sleep 1
stop_tracer $module $work/module8.err
stop_tracer $relay $work/relay8.err
cat $work/relay8.log $work/module8.log
expect_stderr $work/relay8.err
expect_stderr $work/module8.err
no_drops $work/relay8.log
no_drops $work/module8.log
unload_module
for name in relay8 module8; do
	[ "$(record_version $work/$name $disk)" = 8 ] || fail "$name: not version 8"
	"$our_blkparse" -i $disk -D $work/$name >$work/$name.txt
	events $work/$name.txt >$work/$name.events
done
same_requests $work/relay8.events $work/module8.events "zoned, version 8, relay and module"
echo "relay and module, the same $(wc -l <$work/relay8.events) events:$(zone_kinds $work/relay8.txt "relay, version 8")"
zone_kinds $work/module8.txt "module, version 8" >/dev/null

note "zoned, version 8: ours on ftrace"
"$our_blktrace" --backend ftrace -d /dev/$disk -D $work/ftrace8 >$work/ftrace8.log 2>$work/ftrace8.err &
ftrace=$!
wait_for_start $work/ftrace8
zoned_workload $work/mnt
sleep 1
stop_tracer $ftrace $work/ftrace8.err
cat $work/ftrace8.log
expect_stderr $work/ftrace8.err
no_drops $work/ftrace8.log
"$our_blkparse" -i $disk -D $work/ftrace8 >$work/ftrace8.txt
echo "ftrace:$(zone_kinds $work/ftrace8.txt "ftrace, version 8")"
zone_commands $work/relay8.txt >$work/relay8.zone
zone_commands $work/ftrace8.txt >$work/ftrace8.zone
same_requests $work/relay8.zone $work/ftrace8.zone "zone commands, relay and ftrace"
publish $work/relay8.txt $work/module8.txt $work/ftrace8.txt

for backend in relay ftrace; do
	note "zoned, version 7: ours on $backend"
	"$our_blktrace" --backend $backend --trace-version=7 -d /dev/$disk -D $work/${backend}7 \
		>$work/${backend}7.log 2>$work/${backend}7.err &
	tracer=$!
	wait_for_start $work/${backend}7
	zoned_workload $work/mnt
	sleep 1
	stop_tracer $tracer $work/${backend}7.err
	expect_stderr $work/${backend}7.err "$(v7_notice $backend)"
	no_drops $work/${backend}7.log
	[ "$(record_version $work/${backend}7 $disk)" = 7 ] || fail "$backend: not version 7"
	$c_blkparse -i $disk -D $work/${backend}7 >$work/${backend}7.txt 2>$work/${backend}7.blkparse.err ||
		fail "Debian's blkparse cannot read our version 7 $backend files: $(cat $work/${backend}7.blkparse.err)"
	no_zone_events $work/${backend}7.txt "$backend"
	echo "$backend, version 7: $(events $work/${backend}7.txt | wc -l) events, none of a zone"
done
zoned_device_remove
check_dmesg "zoned device"
echo "PASS blktrace-zoned: every zone event kind through relay, module and ftrace in version 8; none in version 7"
