#!/bin/bash
# /dev/reqlog in the guest: the device's mode, enable refused without write permission, the
# seed's lines for a known workload, discards and write-zeroes as writes, records read once,
# disable stops logging, an overrun counted with no reader reading, rmmod refused while a
# reader holds the log and clean while logging is enabled, a migration of a partition through
# the log under fio ending equal, and a clean kernel log. Needs the packaged reqlog
# (mvn -q -B package -DskipTests).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

root=$(cd "$(dirname "$0")/../../.." && pwd)
reqlog=$root/scripts/reqlog
[ -f "$root/cli-reqlog/target/cli-reqlog.jar" ] || fail "cli-reqlog is not packaged: mvn -q -B package -DskipTests"
work=/tmp/reqlog
rm -rf $work
mkdir -p $work
disk=/dev/vda
# The JVM starts about twice as fast under TCG without C2.
export JBLKTRACE_JAVA_OPTS="-XX:TieredStopAtLevel=1"
number=$(stat -L -c '%t %T' $disk | { read -r major minor; echo "$((16#$major))/$((16#$minor))"; })

# Waits until process $1 has /dev/reqlog open (the JVM starts slowly under TCG).
await_open() {
	for _ in $(seq 600); do
		ls -l /proc/"$1"/fd 2>/dev/null | grep -q /dev/reqlog && return 0
		kill -0 "$1" 2>/dev/null || fail "the reader of /dev/reqlog exited early"
		sleep 0.1
	done
	fail "the reader did not open /dev/reqlog within 60 s"
}

# Reads the log for a while (the records wait in the ring), then stops it as Ctrl-C would.
read_log() {
	env --default-signal=INT "$reqlog" read /dev/reqlog >"$1.out" 2>"$1.err" &
	local reader=$!
	await_open $reader
	sleep 2
	kill -INT $reader
	wait $reader || fail "reqlog read exited with $? ($(cat "$1.err"))"
}

note "reqlog: the device"
load_module
[ "$(stat -c '%F %a %U' /dev/reqlog)" = "character special file 600 root" ] ||
	fail "/dev/reqlog is $(stat -c '%F %a %U' /dev/reqlog), not a root-only character device"

note "reqlog: enabling needs write permission: not through a read-only descriptor, even root's"
# REQLOG_ENABLE is _IO(0xB8, 1); perl is Essential in Debian.
refusal=$(perl -e 'open(my $log, "<", "/dev/reqlog") or die "open: $!\n";
	ioctl($log, 0xB801, 0) and die "enabled through a read-only descriptor\n"; print "$!\n"')
[ "$refusal" = "Bad file descriptor" ] || fail "a read-only descriptor's enable got: $refusal"

note "reqlog: the seed's lines for a known workload"
"$reqlog" enable /dev/reqlog
dd if=/dev/zero of=$disk bs=4k count=2 seek=100 oflag=direct status=none
dd if=$disk of=/dev/null bs=8k count=1 skip=300 iflag=direct status=none
dd if=/dev/zero of=$disk bs=1k count=1 seek=77 oflag=direct status=none
read_log $work/known
printf '%s\n' "device $number sector 800 write 8" "device $number sector 808 write 8" \
	"device $number sector 4800 read 16" "device $number sector 154 write 2" >$work/expected
diff $work/expected $work/known.out || fail "reqlog read printed other lines"
[ ! -s $work/known.err ] || fail "reqlog read wrote to stderr: $(cat $work/known.err)"

note "reqlog: discards and write-zeroes count as writes"
blkdiscard -o $((1000 * 512)) -l 8192 $disk
blkdiscard -z -o $((2000 * 512)) -l 4096 $disk
read_log $work/unmapped
printf '%s\n' "device $number sector 1000 write 16" "device $number sector 2000 write 8" >$work/expected
# blkdiscard reads the device first, looking for signatures: only the writes matter here.
grep -v ' read ' $work/unmapped.out >$work/unmapped.writes || true
diff $work/expected $work/unmapped.writes || fail "reqlog read printed other lines for a discard and a write-zeroes"

note "reqlog: records are read once, and disable stops logging"
"$reqlog" disable /dev/reqlog
dd if=/dev/zero of=$disk bs=4k count=1 seek=500 oflag=direct status=none
read_log $work/again
[ ! -s $work/again.out ] || fail "a second reader saw records, again or after disable: $(head -n 3 $work/again.out)"

note "reqlog: rmmod while a reader holds the log is refused; while enabled it is clean"
"$reqlog" enable /dev/reqlog
env --default-signal=INT "$reqlog" read /dev/reqlog >/dev/null 2>&1 &
reader=$!
await_open $reader
if rmmod jblktrace 2>/dev/null; then
	fail "rmmod succeeded while a reader had /dev/reqlog open"
fi
kill -INT $reader
wait $reader || true
dd if=/dev/zero of=$disk bs=4k count=4 seek=600 oflag=direct status=none
unload_module
[ ! -e /dev/reqlog ] || fail "/dev/reqlog left after rmmod"

note "reqlog: a 16-record ring overruns while nobody reads; the loss is counted"
insmod "$JBT_MODULE" reqlog_records=16 || fail "insmod reqlog_records=16"
"$reqlog" enable /dev/reqlog
dd if=/dev/zero of=$disk bs=4k count=40 seek=1000 oflag=direct status=none
read_log $work/overrun
# 40 writes are 80 records: the first 8 writes (16 records) are kept, 64 records are lost.
[ "$(wc -l <$work/overrun.out)" = 8 ] || fail "expected 8 lines, got: $(cat $work/overrun.out)"
[ "$(cat $work/overrun.err)" = "reqlog: lost 64 records (the log overran)" ] ||
	fail "the overrun was reported as: $(cat $work/overrun.err)"
unload_module

note "reqlog: migrate a partition of $disk through /dev/reqlog while fio writes, SIGTERM after fio"
load_module
printf 'o\nn\np\n1\n2048\n+64M\nw\n' | busybox fdisk $disk >/dev/null
part=${disk}1
wait_for_file $part
dd if=/dev/urandom of=$part bs=1M count=64 oflag=direct status=none
env --default-signal=INT "$reqlog" migrate --backend=reqlog $part $work/copy.img >$work/migrate.out 2>$work/migrate.err &
migrator=$!
wait_for_file $work/copy.img 60
sleep 2
fio --name=writer --filename=$part --rw=randwrite --bs=4k --size=64M --runtime=5 --time_based --direct=1 \
	--ioengine=libaio --iodepth=8 --eta=never --output=/dev/null
kill -TERM $migrator
status=0
wait $migrator || status=$?
cat $work/migrate.out $work/migrate.err
[ $status = 0 ] || fail "reqlog migrate exited with $status"
grep -q "^migrated $part to $work/copy.img: [0-9]* passes, " $work/migrate.out || fail "no success line"
cmp $part $work/copy.img || fail "the copy differs from $part"
dd if=/dev/zero of=$disk bs=512 count=1 conv=fsync status=none
blockdev --rereadpt $disk
unload_module
check_dmesg "reqlog"
echo "PASS reqlog: mode 0600, exact lines, read once, disable, 64 lost records counted, rmmod, migration equal"
