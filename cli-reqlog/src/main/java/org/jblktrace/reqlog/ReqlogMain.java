package org.jblktrace.reqlog;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jblktrace.core.capture.Backend;
import org.jblktrace.core.capture.CaptureListener;
import org.jblktrace.core.reqlog.BlockDeviceInfo;
import org.jblktrace.core.reqlog.Extents;
import org.jblktrace.core.reqlog.Migration;
import org.jblktrace.core.reqlog.Reqlog;
import org.jblktrace.core.reqlog.ReqlogAbi;
import org.jblktrace.core.reqlog.ReqlogException;
import org.jblktrace.core.reqlog.ReqlogRequests;
import org.jblktrace.core.reqlog.RequestListener;
import org.jblktrace.core.reqlog.RequestRecord;
import org.jblktrace.core.reqlog.RequestSource;
import org.jblktrace.core.reqlog.SourceDevice;
import org.jblktrace.core.reqlog.TargetFile;
import org.jblktrace.core.reqlog.TracedRequests;
import org.jblktrace.core.reqlog.WrittenExtents;
import sun.misc.Signal;

/**
 * The reqlog command: the seed's {@code enable|disable|read} on /dev/reqlog, and {@code watch},
 * {@code map} and {@code migrate} over a {@link RequestSource}. Errors are one line on stderr
 * and a non-zero status: 1, or 2 for a map that lost events.
 */
public final class ReqlogMain {
    private static final int POLL_MILLIS = 100;
    private static final int BATCH_RECORDS = 256;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final boolean stderrIsTerminal;
    /** Counted down by SIGINT and SIGTERM. */
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();
    private volatile Migration migration;

    ReqlogMain(PrintStream stdout, PrintStream stderr, boolean stderrIsTerminal) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            System.err.println("reqlog: internal error: " + failure);
            Runtime.getRuntime().halt(1);
        });
        ReqlogMain main = new ReqlogMain(new PrintStream(System.out, false, Charset.defaultCharset()), System.err,
                Boolean.getBoolean("jblktrace.stderrIsTerminal"));
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> main.signalled());
        }
        System.exit(main.run(args));
    }

    /** The first signal stops (a migration finishes); a second one during a migration gives up. */
    void signalled() {
        int count = signals.incrementAndGet();
        stop.countDown();
        Migration running = migration;
        if (running != null) {
            if (count == 1) {
                running.requestStop();
            } else {
                stderr.println("reqlog: interrupted again: the migration is abandoned and the target is incomplete");
                System.exit(130);
            }
        }
    }

    int run(String[] args) {
        ReqlogCommand.Request request;
        try {
            request = ReqlogCommand.parse(args);
        } catch (ReqlogCommand.UsageException e) {
            if (e.getMessage() != null) {
                stderr.println(e.getMessage());
            }
            stderr.println(ReqlogCommand.USAGE);
            return 1;
        }
        try {
            return switch (request.action()) {
                case "help" -> print(ReqlogCommand.help());
                case "version" -> print("reqlog version " + ReqlogCommand.VERSION + "\n");
                case "enable", "disable" -> enable(request.operands().get(0), request.action().equals("enable"));
                case "read" -> read(request.operands().get(0));
                case "watch" -> watch(request);
                case "map" -> map(request);
                case "migrate" -> migrate(request);
                default -> throw new IllegalStateException(request.action());
            };
        } catch (ReqlogException e) {
            stderr.println("reqlog: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            stderr.println("reqlog: interrupted");
            return 1;
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }

    private int print(String text) {
        stdout.print(text);
        return 0;
    }

    private static int enable(String device, boolean on) throws ReqlogException {
        try (Reqlog log = Reqlog.open(Path.of(device), false, true, false)) {
            if (on) {
                log.enable();
            } else {
                log.disable();
            }
        }
        return 0;
    }

    /** The seed's read: one line per issued request until a signal; losses on stderr. */
    private int read(String device) throws ReqlogException, InterruptedException {
        ByteBuffer records = ByteBuffer.allocateDirect(BATCH_RECORDS * ReqlogAbi.RECORD_SIZE)
                .order(ByteOrder.nativeOrder());
        try (Reqlog log = Reqlog.open(Path.of(device), true, false, true)) {
            while (stop.getCount() > 0) {
                records.clear();
                if (!log.read(records)) {
                    stdout.flush();
                    log.await(POLL_MILLIS);
                    continue;
                }
                for (int at = 0; at < records.limit(); at += ReqlogAbi.RECORD_SIZE) {
                    RequestRecord record = RequestRecord.decode(records, at);
                    if (record.kind() == ReqlogAbi.ISSUE) {
                        stdout.println(record.line());
                    } else if (record.kind() == ReqlogAbi.LOST) {
                        stdout.flush();
                        stderr.println("reqlog: lost " + record.lostCount() + " records (the log overran)");
                    }
                }
                stdout.flush();
                if (stdout.checkError()) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private CaptureListener notices() {
        return new CaptureListener() {
            @Override
            public void notice(String phrase) {
                stderr.println("reqlog: " + phrase);
            }

            @Override
            public void warning(String line) {
                stderr.println(line);
            }
        };
    }

    private static List<Backend> backends(ReqlogCommand.Source source) {
        return switch (source) {
            case RELAY -> List.of(Backend.RELAY);
            case FTRACE -> List.of(Backend.FTRACE);
            case MODULE -> List.of(Backend.MODULE);
            default -> Backend.AUTO;
        };
    }

    /** /dev/reqlog when asked for, or under auto when the module provides it; else blktrace's paths. */
    private RequestSource requestsFor(BlockDeviceInfo device, ReqlogCommand.Request request) {
        Path log = Path.of(ReqlogAbi.DEVICE_PATH);
        ReqlogCommand.Source source = request.source();
        if (source == ReqlogCommand.Source.REQLOG || (source == ReqlogCommand.Source.AUTO && Files.exists(log))) {
            return new ReqlogRequests(log, device);
        }
        return new TracedRequests(device, backends(source), TracedRequests.MIGRATION_CATEGORIES, request.bufferKib(),
                notices());
    }

    /** The seed's lines for one device through blktrace's capture paths, until a signal. */
    private int watch(ReqlogCommand.Request request) throws ReqlogException, InterruptedException {
        if (request.source() == ReqlogCommand.Source.REQLOG) {
            throw new ReqlogException("watch traces through blktrace's paths; for /dev/reqlog use: reqlog read "
                    + ReqlogAbi.DEVICE_PATH);
        }
        BlockDeviceInfo device = BlockDeviceInfo.of(request.operands().get(0));
        String prefix = "device " + device.major() + "/" + device.minor() + " sector ";
        RequestListener printer = new RequestListener() {
            @Override
            public void issued(long timeNs, long sector, long sectors, boolean write) {
                stdout.println(prefix + sector + (write ? " write " : " read ") + sectors);
            }

            @Override
            public void completed(long timeNs, long sector, long sectors, boolean write) {
            }

            @Override
            public void requeued(long timeNs, long sector, long sectors, boolean write) {
            }

            @Override
            public void lost(String why) {
                stdout.flush();
                stderr.println("reqlog: " + why);
            }
        };
        try (TracedRequests requests = new TracedRequests(device, backends(request.source()), 0, request.bufferKib(), notices())) {
            requests.start(printer);
            while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                String failure = requests.failure();
                if (failure != null) {
                    throw new ReqlogException(failure);
                }
                synchronized (requests) {
                    stdout.flush();
                }
                if (stdout.checkError()) {
                    break;
                }
            }
        }
        stdout.flush();
        return 0;
    }

    /** The written-extent map of a period; 2 when events were lost. */
    private int map(ReqlogCommand.Request request) throws ReqlogException, InterruptedException {
        BlockDeviceInfo device = requestBased(request.operands().get(0), "map");
        WrittenExtents written = new WrittenExtents();
        try (RequestSource requests = requestsFor(device, request)) {
            requests.start(written);
            long deadline = request.seconds() > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(request.seconds())
                    : Long.MAX_VALUE;
            while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                String failure = requests.failure();
                if (failure != null) {
                    throw new ReqlogException(failure);
                }
            }
            requests.barrier();
        }
        for (Extents.Extent extent : written.extents()) {
            stdout.println(extent.start() + " " + extent.length());
        }
        if (written.losses() > 0) {
            stdout.flush();
            stderr.println("reqlog: the map is incomplete: " + written.lastLoss());
            return 2;
        }
        return 0;
    }

    /** A block device whose writes are logged as requests (D and C events). */
    private static BlockDeviceInfo requestBased(String path, String action) throws ReqlogException {
        BlockDeviceInfo device = BlockDeviceInfo.of(path);
        if (!device.requestBased()) {
            throw new ReqlogException(path + " is served by a bio-based driver (device mapper, md), whose writes "
                    + "are not logged as requests; " + action + " the devices beneath it instead");
        }
        return device;
    }

    private int migrate(ReqlogCommand.Request request) throws ReqlogException, InterruptedException {
        String sourcePath = request.operands().get(0);
        String targetPath = request.operands().get(1);
        BlockDeviceInfo source = requestBased(sourcePath, "migrate");
        if (source.zoned()) {
            throw new ReqlogException(sourcePath + " is a zoned device, which migrate does not copy");
        }
        try (SourceDevice reader = SourceDevice.open(source);
                TargetFile target = TargetFile.open(targetPath, source, reader.sizeBytes())) {
            MigrationProgress progress = new MigrationProgress(stderr, stderrIsTerminal, reader.sizeBytes());
            Migration running = new Migration(sourcePath, reader, target, requestsFor(source, request),
                    Migration.Options.DEFAULTS.withMaxPasses(request.maxPasses()), progress);
            migration = running;
            if (stop.getCount() == 0) {
                running.requestStop();
            }
            Migration.Result result;
            try {
                result = running.run();
            } finally {
                progress.end();
            }
            stdout.println("migrated " + sourcePath + " to " + targetPath + ": " + result.passes() + " passes, "
                    + result.bytesCopied() + " bytes copied, " + result.bytesCopiedAfterStop()
                    + " bytes copied after stop");
        }
        return 0;
    }
}
