# What the proofs of our blktrace need to know of the record versions (sourced after
# trace-lib.sh): whether this kernel records version 8, the options that keep a run readable
# by Debian's blkparse 1.2 everywhere, and the line a version 7 run of a version 8 kernel prints.

# Linux 6.19 brought blk_io_trace2: BLKTRACESETUP2 and version 8 ftrace entries.
kernel_records_v8() {
	[ "$(printf '%s\n' 6.19 "$(uname -r | cut -d- -f1)" | sort -V | head -n 1)" = 6.19 ]
}

if kernel_records_v8; then
	# Debian's blkparse reads version 7 only; our default there is 8.
	as_debian=(--trace-version=7)
	v7_notice="blktrace: version 7 records cannot carry this kernel's zone operations and write-zeroes requests: they are left out (version 8 keeps them)"
else
	as_debian=()
	v7_notice=
fi

# Fails unless a file holds exactly the expected stderr lines (given one per argument; none: empty).
expect_stderr() {
	local file=$1
	shift
	local expected
	expected=$(printf '%s\n' "$@" | grep -v '^$' || true)
	[ "$(cat "$file")" = "$expected" ] || fail "unexpected stderr in $file: $(cat "$file")"
}

# The record version of a trace file's first record (its magic word's low byte).
record_version() {
	od -An -N4 -tx1 "$1" | awk '{ print $1 + 0 }'
}
