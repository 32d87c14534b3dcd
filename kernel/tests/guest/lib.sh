# Shared helpers of the guest proof scripts (sourced; runs inside run-vm).
# The module needs JBT_MODULE (path of jblktrace.ko), the Java binding
# JBT_CLASSPATH (core classes, test classes and JNA), both from the host side
# (see ../run-guest-proof).

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

note() {
	echo "== $*"
}

# The Java binding, driven by its guest test tool; JNA unpacks into /tmp.
trace_tool() {
	: "${JBT_CLASSPATH:?JBT_CLASSPATH must hold the core classes and JNA}"
	java -Djna.tmpdir=/tmp -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
		-cp "$JBT_CLASSPATH" org.jblktrace.core.kernel.module.GuestTraceTool "$@"
}

wait_for_file() {
	local file=$1 tries=$((${2:-60} * 10))
	while [ ! -e "$file" ]; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "timed out waiting for $file"
		sleep 0.1
	done
}

module_loaded() {
	grep -q '^jblktrace ' /proc/modules
}

load_module() {
	: "${JBT_MODULE:?JBT_MODULE must name jblktrace.ko}"
	insmod "$JBT_MODULE" || fail "insmod $JBT_MODULE"
}

unload_module() {
	rmmod jblktrace || fail "rmmod jblktrace"
	[ ! -e /sys/kernel/debug/jblktrace ] || fail "debugfs directory left after rmmod"
	[ ! -e /dev/jblktrace ] || fail "/dev/jblktrace left after rmmod"
}

# Fails on any kernel warning, bug or oops logged since boot.
check_dmesg() {
	if dmesg | grep -q -E 'WARNING:|BUG:|Oops|general protection|Call Trace|list_(add|del) corruption|refcount_t'; then
		dmesg >/tmp/dmesg.txt
		publish /tmp/dmesg.txt
		dmesg | grep -E -A 30 'WARNING:|BUG:|Oops|general protection|list_(add|del) corruption|refcount_t|stall' | head -n 60
		fail "the kernel log reports a problem ($1)"
	fi
}

# Publishes a file to the host when the proof has an output share.
publish() {
	[ -n "${JBT_OUT:-}" ] && cp -r "$@" "$JBT_OUT/" || true
}

# Makes a 32 MiB scsi_debug disk (a SCSI disk that can be deleted while in use) and prints its
# kernel name.
scsi_debug_disk() {
	modprobe sd_mod
	modprobe scsi_debug dev_size_mb=32
	local name
	for _ in $(seq 50); do
		name=$(ls /sys/bus/pseudo/drivers/scsi_debug/adapter0/host*/target*/*/block 2>/dev/null || true)
		[ -z "$name" ] || break
		sleep 0.1
	done
	[ -n "$name" ] || fail "scsi_debug created no disk"
	echo "$name"
}
