# The zoned device and workload of the guest's zoned proofs (sourced after
# lib.sh or trace-lib.sh, which give fail and note). One place for both, so
# that the module's proof (zoned.sh) and our blktrace's trace the same I/O.

# zoned_device null_blk|null_blk-cached|nvme : brings up a host-managed zoned
# disk and sets zoned_disk (its name in /sys/block) and zoned_sectors (the
# zone size in 512-byte sectors). null_blk is memory backed with 16 MiB
# zones; null_blk-cached adds a volatile write cache, so that file systems
# write with FUA and flush; nvme is the QEMU NVMe zoned namespace that
# run-vm --zoned-nvme gives the guest.
zoned_device() {
	case $1 in
	null_blk | null_blk-cached)
		local cache=
		[ "$1" = null_blk ] || cache=cache_size=16
		# shellcheck disable=SC2086
		modprobe null_blk nr_devices=1 zoned=1 zone_size=16 zone_nr_conv=0 gb=1 memory_backed=1 $cache
		zoned_disk=nullb0
		;;
	nvme)
		modprobe nvme
		local _
		for _ in $(seq 50); do
			zoned_disk=$(basename "$(ls -d /sys/block/nvme*n1 2>/dev/null | head -n 1)")
			[ -n "$zoned_disk" ] && [ "$zoned_disk" != . ] && break
			sleep 0.1
		done
		;;
	*) fail "zoned_device: no kind '$1' (null_blk, null_blk-cached or nvme)" ;;
	esac
	[ -e "/sys/block/$zoned_disk" ] || fail "no zoned device appeared ($1)"
	[ "$(cat "/sys/block/$zoned_disk/queue/zoned")" = host-managed ] || fail "$zoned_disk is not host-managed zoned"
	zoned_sectors=$(cat "/sys/block/$zoned_disk/queue/chunk_sectors")
	modprobe btrfs
	note "zoned: /dev/$zoned_disk ($(cat "/sys/block/$zoned_disk/dev")), zones of $zoned_sectors sectors"
}

# zoned_workload MOUNTPOINT : every kind of zoned I/O on zoned_disk. blkzone
# resets all zones, opens and closes zone 1, finishes and resets zone 2; fio
# writes zones 3 and 4 with eight writes in flight (zone write plugging);
# btrfs, made and mounted on MOUNTPOINT, writes its data with zone append.
zoned_workload() {
	local dev=/dev/$zoned_disk zone=$zoned_sectors
	blkzone reset $dev
	blkzone open -o $((zone * 1)) -c 1 $dev
	blkzone close -o $((zone * 1)) -c 1 $dev
	blkzone finish -o $((zone * 2)) -c 1 $dev
	blkzone reset -o $((zone * 2)) -c 1 $dev
	fio --name=plugging --filename=$dev --zonemode=zbd --direct=1 --rw=write --bs=4k \
		--ioengine=libaio --iodepth=8 --offset=$((zone * 3 * 512)) --size=$((zone * 2 * 512)) \
		--io_size=4M --output=/dev/null
	mkfs.btrfs -q -f $dev
	mount -t btrfs $dev "$1"
	dd if=/dev/zero of="$1/data" bs=64k count=64 status=none
	sync
	umount "$1"
}

# Removes a null_blk zoned device (an NVMe namespace stays with the VM).
zoned_device_remove() {
	[ "$zoned_disk" != nullb0 ] || rmmod null_blk
}
