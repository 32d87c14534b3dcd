# What the proofs of our blktrace share beyond trace-lib.sh (sourced after it): whether this
# kernel records version 8, the options that keep a run readable by Debian's blkparse 1.2
# everywhere, the line a version 7 run of a version 8 kernel prints, and a wait for a tracer
# that writes files to have started, a run that must see one write, and the check of our
# version 8 files.

# Linux 6.19 brought blk_io_trace2: BLKTRACESETUP2 and version 8 ftrace entries.
kernel_records_v8() {
	[ "$(printf '%s\n' 6.19 "$(uname -r | cut -d- -f1)" | sort -V | head -n 1)" = 6.19 ]
}

if kernel_records_v8; then
	# Debian's blkparse reads version 7 only; our default there is 8.
	as_debian=(--trace-version=7)
else
	as_debian=()
fi

# The line a version 7 trace through backend $1 prints on a kernel that records version 8
# (none elsewhere): the kernel's relay traces lose FUA writes too.
v7_notice() {
	kernel_records_v8 || return 0
	if [ "$1" = relay ]; then
		echo "blktrace: this kernel leaves zone operations, write-zeroes requests and FUA writes out of version 7 traces (version 8 keeps them)"
	else
		echo "blktrace: version 7 records cannot carry this kernel's zone operations and write-zeroes requests: they are left out (version 8 keeps them)"
	fi
}

# Waits until a tracer writing trace files into $1 has started: blktrace, ours and Debian's,
# makes the files once the traces are set up, then starts its readers and the traces. trace0 in
# debugfs, which appears at set-up, comes too early for a JVM under the emulator, and so does
# the file plus one second (7.2 guest: our tracer missed the workload's first 16 writes).
wait_for_start() {
	wait_for_file "$1/$disk.blktrace.0" 120
	sleep 3
}

# Waits until a tracer without files (piped, network client) has most likely started: set-up
# leaves trace0 behind, the start follows within a few seconds even under the emulator.
wait_for_live() {
	wait_for_trace "$1"
	sleep 4
}

# Fails unless a file holds exactly the expected stderr lines (given one per argument; none: empty).
expect_stderr() {
	local file=$1
	shift
	local expected
	expected=$(printf '%s\n' "$@" | grep -v '^$' || true)
	[ "$(cat "$file")" = "$expected" ] || fail "unexpected stderr in $file: $(cat "$file")"
}

# The record version of a trace (directory, device): its first record's magic word's low
# byte, from the first per-CPU file that holds any (the scheduler may leave CPU 0 idle).
record_version() {
	local file
	for file in "$1/$2".blktrace.*; do
		if [ -s "$file" ]; then
			od -An -N4 -tx1 "$file" | awk '{ print $1 + 0 }'
			return
		fi
	done
	echo none
}

# Our blktrace (options: the arguments after the first two) into $work/$1 while one direct 4 KiB
# write goes to 4 KiB block $2; fails unless Debian's blkparse shows it queued. Its stderr is
# left in $work/$1.err for the caller.
one_traced_write() {
	local name=$1 block=$2 tracer
	shift 2
	"$our_blktrace" "$@" -d /dev/$disk -D $work/$name >$work/$name.log 2>$work/$name.err &
	tracer=$!
	wait_for_start $work/$name
	dd if=/dev/zero of=/dev/$disk bs=4k count=1 seek=$block oflag=direct status=none
	sleep 1
	stop_tracer $tracer $work/$name.err
	$c_blkparse -i $disk -D $work/$name >$work/$name.txt
	grep -q " Q  *W[A-Z]* $((block * 8)) + 8 \[dd\]\$" $work/$name.txt || fail "$name: our blktrace missed the write"
}

# Our default version 8 files of backend $1, in $work/v8 with stderr in $work/v8.err, hold the
# requests of Debian's run ($work/c.requests) by our blkparse; published as $1-ours-v8.txt.
check_v8_files() {
	expect_stderr $work/v8.err
	[ "$(record_version $work/v8 $disk)" = 8 ] || fail "our default $1 files are not version 8"
	"$our_blkparse" -i $disk -D $work/v8 >$work/v8.txt
	requests $work/v8.txt >$work/v8.requests
	echo "ours, $1 v8: $(count_actions $work/v8.requests)"
	same_requests $work/c.requests $work/v8.requests "$1 files, version 8"
	cp $work/v8.txt $work/$1-ours-v8.txt
	publish $work/$1-ours-v8.txt
}
