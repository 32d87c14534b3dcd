#!/bin/bash
# The JUnit tests tagged "guest" (they need readable relay files, which the
# host's lockdown denies, and the C blktrace): the network mode with the C
# client and server, and the kernel applying an action mask on a loop device.
# They run here with the JUnit console launcher on core's test classpath;
# CI=true and JBLKTRACE_RELAY_TESTS=1 make a missing facility fail them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

: "${JBT_CLASSPATH:?JBT_CLASSPATH must hold the core classes, test classes and test dependencies}"
classes=$(cd "$(dirname "$0")/../../../core/target/test-classes" && pwd)
modprobe loop
busybox ip link set lo up
mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug
note "JUnit tests tagged guest"
report=$(CI=true JBLKTRACE_RELAY_TESTS=1 java -Djna.tmpdir=/tmp -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
	-cp "$JBT_CLASSPATH" org.junit.platform.console.ConsoleLauncher execute \
	--scan-classpath "$classes" --include-tag guest --fail-if-no-tests \
	--disable-banner --details=summary --disable-ansi-colors 2>&1) || { echo "$report"; fail "JUnit tests tagged guest"; }
echo "$report"
# A test that aborted or was skipped proves nothing here. A here-string, not a pipe: grep -q
# stops reading at its match, which under pipefail can fail the echo of a long report.
grep -Eq '^\[ +0 tests aborted +\]' <<<"$report" \
	|| fail "some JUnit tests tagged guest were aborted (skipped by an assumption)"
grep -Eq '^\[ +0 tests skipped +\]' <<<"$report" || fail "some JUnit tests tagged guest were skipped"
echo "PASS junit: tests tagged guest"
