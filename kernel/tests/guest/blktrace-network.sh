#!/bin/bash
# Network mode: Debian's client (-s; its default sendfile mode fails on 6.1's
# relay files) into our server, and our client, default and -s, into
# Debian's server. The received files must parse and hold the writes made
# while tracing.
set -euo pipefail
. "$(dirname "$0")/trace-lib.sh"
. "$(dirname "$0")/trace-proof-lib.sh"

work=/tmp/blktrace-network
rm -rf $work
# Both servers make a run directory inside -D, not -D itself.
mkdir -p $work/our-server $work/c-server-default $work/c-server-no-sendfile
# busybox (run-vm needs it anyway) rather than iproute2, which CI does not install.
busybox ip link set lo up
port=8462

wait_for_listener() {
	local tries=1200
	until busybox netstat -ltn | grep -q ":$port "; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "no server listens on port $port"
		sleep 0.1
	done
}

# Fails, showing its output, if the server $1 has ended by itself.
server_running() {
	local pid=$1 status=0
	shift
	kill -0 "$pid" 2>/dev/null && return 0
	wait "$pid" || status=$?
	fail "the server ended by itself (status $status): $(cat "$@")"
}

# Sixteen direct 64 KiB writes from sector $1 on.
writes() {
	dd if=/dev/zero of=/dev/$disk bs=64k count=16 seek=$(($1 / 128)) oflag=direct status=none
}

# Fails unless the one run directory under $1 parses (with $4, default Debian's blkparse) and
# shows the 16 writes from sector $2.
check_received() {
	local server_dir=$1 first=$2 what=$3 parser=${4:-$c_blkparse} runs
	runs=$(find "$server_dir" -mindepth 1 -maxdepth 1 -type d -name '127.0.0.1-*')
	[ "$(echo "$runs" | grep -c .)" = 1 ] || fail "$what: expected one run directory, found: $runs"
	"$parser" -i $disk -D "$runs" >$work/received.txt 2>$work/received.err ||
		fail "$what: blkparse failed: $(cat $work/received.err)"
	requests $work/received.txt >$work/received.requests
	for i in $(seq 0 15); do
		for action in Q C; do
			grep -q "^$action W[A-Z]* $((first + i * 128)) + 128 \[" $work/received.requests ||
				fail "$what: no $action of the write at sector $((first + i * 128))"
		done
	done
	echo "$what: $(count_actions $work/received.requests)"
	cp $work/received.txt "$work/$what.txt"
	publish "$work/$what.txt"
}

note "network: Debian's client (-s) into our server"
"$our_blktrace" -l -D $work/our-server >$work/our-server.log 2>$work/our-server.err &
server=$!
wait_for_listener
$c_blktrace -s -h 127.0.0.1 -d /dev/$disk >$work/c-client.log 2>&1 &
client=$!
wait_for_live $relay_dir/trace0
writes 0
stop_tracer $client $work/c-client.log
cat $work/c-client.log
no_drops $work/c-client.log
sleep 1
server_running $server $work/our-server.log $work/our-server.err
stop_tracer $server $work/our-server.err
cat $work/our-server.log
[ ! -s $work/our-server.err ] || fail "our server wrote to stderr: $(cat $work/our-server.err)"
check_received $work/our-server 0 c-client-to-our-server

for mode in default no-sendfile; do
	flag=()
	first=8192
	if [ $mode = no-sendfile ]; then
		flag=(-s)
		first=16384
	fi
	note "network: our client ($mode) into Debian's server"
	$c_blktrace -l -D $work/c-server-$mode >$work/c-server-$mode.log 2>&1 &
	server=$!
	wait_for_listener
	"$our_blktrace" "${flag[@]}" "${as_debian[@]}" -h 127.0.0.1 -d /dev/$disk >$work/our-client-$mode.log \
		2>$work/our-client-$mode.err &
	client=$!
	wait_for_live $relay_dir/trace0
	writes $first
	stop_tracer $client $work/our-client-$mode.err
	cat $work/our-client-$mode.log
	expect_stderr $work/our-client-$mode.err "$(v7_notice relay)"
	no_drops $work/our-client-$mode.log
	sleep 1
	server_running $server $work/c-server-$mode.log
	stop_tracer $server $work/c-server-$mode.log
	cat $work/c-server-$mode.log
	check_received $work/c-server-$mode $first "our-client-$mode-to-c-server"
done
if kernel_records_v8; then
	note "network: our client (version 8, the default here) into our server"
	mkdir -p $work/our-server-v8
	"$our_blktrace" -l -D $work/our-server-v8 >$work/our-server-v8.log 2>$work/our-server-v8.err &
	server=$!
	wait_for_listener
	"$our_blktrace" -h 127.0.0.1 -d /dev/$disk >$work/our-client-v8.log 2>$work/our-client-v8.err &
	client=$!
	wait_for_live $relay_dir/trace0
	writes 24576
	stop_tracer $client $work/our-client-v8.err
	cat $work/our-client-v8.log
	expect_stderr $work/our-client-v8.err
	no_drops $work/our-client-v8.log
	sleep 1
	server_running $server $work/our-server-v8.log $work/our-server-v8.err
	stop_tracer $server $work/our-server-v8.err
	cat $work/our-server-v8.log
	[ "$(record_version "$(dirname "$(find $work/our-server-v8 -name "$disk.blktrace.0")")" $disk)" = 8 ] ||
		fail "our server did not receive version 8 records"
	check_received $work/our-server-v8 24576 our-client-v8-to-our-server "$our_blkparse"
fi
check_dmesg "network mode"
echo "PASS blktrace-network: Debian's client to our server, our client (default, -s) to Debian's server$(
	kernel_records_v8 && echo ", our version 8 client to our server")"
