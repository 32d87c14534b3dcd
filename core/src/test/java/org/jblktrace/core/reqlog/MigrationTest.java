package org.jblktrace.core.reqlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The migration's invariant on a simulated disk with injected event orders: whatever the order
 * in which issues, landings, completions and their delivery fall around the copy's reads, a
 * migration that succeeds leaves the target equal to the source, and one that cannot be sure
 * fails.
 */
class MigrationTest {
    private static final int SIZE = 64 * 1024;
    private static final int PIECE = 4096;
    private static final Migration.Options OPTIONS = new Migration.Options(20, PIECE, 0, 2000);

    private static Migration migration(SimulatedDisk disk, Migration.Options options) {
        return new Migration("sim", disk, disk, disk, options, new Migration.Progress() { });
    }

    private static Migration.Result runStopped(SimulatedDisk disk) throws Exception {
        Migration migration = migration(disk, OPTIONS);
        migration.requestStop();
        return migration.run();
    }

    @Test
    void anIdleDeviceIsCopiedInOnePass() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 1);
        Migration.Result result = runStopped(disk);
        assertTrue(disk.equal());
        assertTrue(disk.synced);
        assertEquals(new Migration.Result(1, SIZE, SIZE), result);
        assertEquals(SIZE / PIECE, disk.reads);
    }

    @Test
    void aWriteSeenIssuedBeforeItsCopyButLandingAfterItIsCopiedAgain() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 2);
        List<SimulatedDisk.Write> writes = new ArrayList<>();
        // While piece 2 is read, a write to piece 3 is issued and its D delivered; it lands and
        // completes only after piece 3 has been read.
        disk.beforeRead = offset -> {
            if (offset == 2 * PIECE && writes.isEmpty()) {
                writes.add(disk.issue(3 * PIECE / 512 + 1, 2, (byte) 7));
                disk.deliverAll();
            } else if (offset == 4 * PIECE && !writes.get(0).landed) {
                writes.get(0).land();
            }
        };
        disk.atBarrier = () -> writes.forEach(write -> {
            if (!write.completed) {
                write.complete();
            }
        });
        Migration.Result result = runStopped(disk);
        assertTrue(disk.equal());
        assertEquals(2, result.passes());
        assertEquals(SIZE + 2 * 512, result.bytesCopied());
    }

    @Test
    void aWriteTornByTheCopyIsCopiedAgain() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 3);
        List<SimulatedDisk.Write> writes = new ArrayList<>();
        disk.midRead = offset -> {
            if (offset == 5 * PIECE && writes.isEmpty()) {
                SimulatedDisk.Write write = disk.issue(5 * PIECE / 512, 8, (byte) 9);
                write.land();
                writes.add(write);
            }
        };
        disk.atBarrier = () -> writes.forEach(write -> {
            if (!write.completed) {
                write.complete();
            }
        });
        runStopped(disk);
        assertTrue(disk.equal());
    }

    @Test
    void eventsDeliveredOnlyAtTheBarrierStillMarkTheirRanges() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 4);
        disk.beforeRead = offset -> {
            if (offset == 10 * PIECE && disk.inFlight.isEmpty() && disk.reads < 16) {
                disk.issue(1, 3, (byte) 1).complete();
                disk.issue(12 * PIECE / 512, 16, (byte) 2).complete();
            }
        };
        Migration.Result result = runStopped(disk);
        assertTrue(disk.equal());
        assertEquals(2, result.passes());
    }

    @Test
    void aWriteInFlightAtTheEndIsWaitedFor() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 5);
        List<SimulatedDisk.Write> writes = new ArrayList<>();
        disk.beforeRead = offset -> {
            if (writes.isEmpty()) {
                SimulatedDisk.Write write = disk.issue(20, 8, (byte) 3);
                disk.deliverAll();
                writes.add(write);
            }
        };
        // The write lands and completes only at the fourth barrier.
        disk.atBarrier = () -> {
            if (disk.barriers == 4) {
                writes.get(0).complete();
            }
        };
        runStopped(disk);
        assertTrue(disk.barriers >= 4, "barriers: " + disk.barriers);
        assertTrue(disk.equal());
    }

    @Test
    void aWriteWhoseCompletionIsNeverLoggedFailsTheMigration() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 6);
        disk.beforeRead = offset -> {
            if (disk.reads == 1) {
                SimulatedDisk.Write write = disk.issue(20, 8, (byte) 4);
                disk.deliverAll();
                write.land();
                disk.inFlight.remove(write);
            }
        };
        Migration migration = migration(disk, new Migration.Options(20, PIECE, 0, 300));
        migration.requestStop();
        ReqlogException failure = assertThrows(ReqlogException.class, migration::run);
        assertEquals("writes to the source did not complete within 0 s (0 in flight as the kernel counts, 4096 bytes "
                + "as the events tell)", failure.getMessage());
        assertFalse(disk.synced);
    }

    @Test
    void aLossMakesEverythingDirtyAgain() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 7);
        List<String> losses = new ArrayList<>();
        disk.beforeRead = offset -> {
            if (disk.reads == SIZE / PIECE) {
                // A write whose events the kernel dropped: only the loss is known.
                disk.writeUnseen(3, 5, (byte) 5);
                disk.log(listener -> listener.lost("lost 2 records"));
            }
        };
        Migration migration = new Migration("sim", disk, disk, disk, OPTIONS, new Migration.Progress() {
            @Override
            public void lost(String why) {
                losses.add(why);
            }
        });
        migration.requestStop();
        Migration.Result result = migration.run();
        assertTrue(disk.equal());
        assertEquals(List.of("lost 2 records"), losses);
        assertEquals(2, result.passes());
        assertEquals(2L * SIZE, result.bytesCopied());
    }

    @Test
    void passesAfterTheStopAreBounded() {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 8);
        // A writer that never stops: every read sees a new completed write.
        disk.beforeRead = offset -> disk.issue(offset / 512, 1, (byte) disk.reads).complete();
        Migration migration = migration(disk, OPTIONS.withMaxPasses(3));
        migration.requestStop();
        ReqlogException failure = assertThrows(ReqlogException.class, migration::run);
        assertTrue(failure.getMessage().startsWith("3 passes after the stop did not catch up: "), failure.getMessage());
        assertFalse(disk.synced);
    }

    @Test
    void aFailedSourceEndsTheMigration() {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 512, 9);
        disk.beforeRead = offset -> disk.failure = disk.reads == 3 ? "the trace reader died" : disk.failure;
        Migration migration = migration(disk, OPTIONS);
        migration.requestStop();
        ReqlogException failure = assertThrows(ReqlogException.class, migration::run);
        assertEquals("tracking the writes failed: the trace reader died", failure.getMessage());
    }

    @Test
    void beforeTheStopItKeepsCopyingAndCountsBytesAfterTheStop() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(SIZE, 4096, 10);
        Migration migration = migration(disk, OPTIONS);
        disk.beforeRead = offset -> {
            if (disk.reads <= 40) {
                disk.issue((disk.reads * 13L) % (SIZE / 512 - 8), 8, (byte) disk.reads).complete();
                disk.deliverAll();
            } else if (disk.reads == 41) {
                migration.requestStop();
            }
        };
        Migration.Result result = migration.run();
        assertTrue(disk.equal());
        assertTrue(result.passes() > 2, result.toString());
        assertTrue(result.bytesCopiedAfterStop() > 0 && result.bytesCopiedAfterStop() < result.bytesCopied(),
                result.toString());
    }

    /**
     * Random writers, landing and completing at random points of the copy (also inside reads),
     * with their events delivered after random delays, and the stop at a random read: the end is
     * always equal.
     */
    @Test
    void randomInterleavingsAlwaysEndEqual() throws Exception {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            SimulatedDisk disk = new SimulatedDisk(SIZE, random.nextBoolean() ? 512 : 4096, seed);
            // Half the runs log on two CPUs, whose events arrive interleaved in any order.
            disk.cpus = seed % 2 == 0 ? null : new Random(seed + 1000);
            Migration[] stopped = new Migration[1];
            Migration migration = new Migration("sim", disk, disk, disk, OPTIONS.withMaxPasses(1000),
                    new Migration.Progress() {
                        @Override
                        public void upToDate() {
                            stopped[0].requestStop();
                        }
                    });
            stopped[0] = migration;
            int stopAt = 1 + random.nextInt(60);
            int writerStopsAt = stopAt + random.nextInt(20);
            Runnable step = () -> {
                if (disk.reads < writerStopsAt && random.nextInt(3) == 0) {
                    int sectors = 1 + random.nextInt(24);
                    disk.issue(random.nextInt(SIZE / 512 - sectors), sectors, (byte) random.nextInt());
                }
                for (SimulatedDisk.Write write : new ArrayList<>(disk.inFlight)) {
                    int roll = random.nextInt(4);
                    if (roll == 0 && !write.landed) {
                        write.land();
                    } else if (roll == 1) {
                        write.complete();
                    }
                }
                disk.deliver(random.nextInt(3));
                if (disk.reads == stopAt) {
                    migration.requestStop();
                }
            };
            disk.beforeRead = offset -> step.run();
            disk.midRead = offset -> step.run();
            disk.atBarrier = () -> {
                if (disk.reads >= writerStopsAt) {
                    new ArrayList<>(disk.inFlight).forEach(SimulatedDisk.Write::complete);
                } else {
                    step.run();
                }
            };
            if (stopAt > SIZE / PIECE * 3) {
                migration.requestStop();
            }
            try {
                migration.run();
            } catch (ReqlogException e) {
                throw new AssertionError("seed " + seed, e);
            }
            assertTrue(disk.inFlight.isEmpty(), "seed " + seed);
            assertTrue(disk.equal(), "seed " + seed);
        }
    }
}
