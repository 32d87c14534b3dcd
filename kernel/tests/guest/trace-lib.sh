# Shared helpers of the proofs of our blktrace command in the guest (sourced;
# runs inside run-vm): our scripts/blktrace and scripts/blkparse from the
# checkout beside Debian's tools, one deterministic workload, and the
# requests a blkparse text shows.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

checkout=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
# JNA unpacks its native library; the guest's root is read-only, /tmp is not.
export JBLKTRACE_JAVA_OPTS="-Djna.tmpdir=/tmp ${JBLKTRACE_JAVA_OPTS:-}"
# Commands, not functions: a function run with & is a subshell, and signals
# must reach the tracer itself.
our_blktrace=$checkout/scripts/blktrace
our_blkparse=$checkout/scripts/blkparse
c_blktrace=/usr/sbin/blktrace
c_blkparse=/usr/bin/blkparse
disk=${JBT_DISK:-vda}
relay_dir=/sys/kernel/debug/block/$disk

# Waits until a tracer set up its trace (the relay file appears at setup),
# then leaves it time to open its files and start.
wait_for_trace() {
	wait_for_file "$1" 120
	sleep 2
}

# Stops a tracer as a user would (SIGTERM: a background job ignores SIGINT)
# and fails unless it exits 0.
stop_tracer() {
	local pid=$1 log=$2
	kill -TERM "$pid" 2>/dev/null || echo "tracer $pid had already ended"
	wait "$pid" || fail "tracer exited with status $?: $(cat "$log")"
}

# The same I/O every time (caches dropped so that writeback is the same):
# direct writes and reads, buffered writes with fsync (plugs and merges) and
# a small random fio job with a fixed seed.
workload() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	dd if=/dev/zero of=/dev/$disk bs=64k count=16 oflag=direct status=none
	dd if=/dev/$disk of=/dev/null bs=4k count=64 skip=1024 iflag=direct status=none
	dd if=/dev/zero of=/dev/$disk bs=4k count=256 seek=4096 conv=fsync status=none
	fio --name=workload --filename=/dev/$disk --direct=1 --rw=randrw --bs=4k \
		--ioengine=libaio --iodepth=8 --offset=32M --size=16M --io_size=1M \
		--randrepeat=1 --output=/dev/null
}

# Action, RWBS, sector + size and process name of the Q G I D C M P events of
# a blkparse text, sorted: cpu, sequence, time and pid left out, and so the
# CPU and number in a kworker's name (kworker/1:1H).
requests() {
	awk '$1 ~ /^[0-9]+,[0-9]+$/ && $6 ~ /^[QGIDCMP]$/ {
		$1 = $2 = $3 = $4 = $5 = ""
		sub(/\[kworker\/[^]]*\]$/, "[kworker]")
		print substr($0, 6) }' "$1" | sort
}

# A request list without the process names. A live pipe cannot promise them:
# blkparse names a process once its note has arrived, and each CPU's records
# reach the pipe on their own, so an event can come before the note that names it.
without_names() {
	sed 's/ \[[^]]*\]$//' "$1" | sort
}

# Fails unless two request lists are the same.
same_requests() {
	local expected=$1 actual=$2 what=$3
	if ! diff "$expected" "$actual" >"$actual.diff"; then
		head -n 30 "$actual.diff"
		fail "$what: the requests differ ($(grep -c '^[<>]' "$actual.diff") lines)"
	fi
}

# Fails unless a blktrace summary has totals and every one says "dropped 0".
no_drops() {
	local summary=$1
	grep -q 'Total:.*events (dropped ' "$summary" || fail "no summary in $summary: $(cat "$summary")"
	! grep 'Total:' "$summary" | grep -v -q '(dropped 0)' || fail "events dropped: $(cat "$summary")"
}

# Counts of each action in a request list, for the log.
count_actions() {
	awk '{ n[$1]++ } END { for (a in n) printf "%s=%d\n", a, n[a] }' "$1" | sort | tr '\n' ' '
}
