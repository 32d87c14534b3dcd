package org.jblktrace.core.kernel.module;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.kernel.CStrings;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.Ioctl;
import org.jblktrace.core.kernel.LibC;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.kernel.relay.RelayReaders;
import org.jblktrace.core.record.RecordLayout;

/**
 * Command-line driver of the module binding for the QEMU guest proof (kernel/tests/guest): traces
 * one device into blktrace-named per-CPU files until a stop file appears.
 *
 * <pre>
 * trace --dev MAJ:MIN --out DIR --name BASE [--version 7|8] [--act-mask N] [--buf-size N] [--buf-nr N]
 *       [--pid N] [--ready-file F] --stop-file F [--stall] [--abandon]
 * teardown --dev MAJ:MIN
 * builtin --device PATH --out DIR --name BASE [--ready-file F] --stop-file F
 * records DIR BASE
 * </pre>
 * {@code --stall} reads nothing until the trace is stopped (to overrun the buffers);
 * {@code --abandon} exits with the trace still running (to test module unload). The relay
 * files are read by core's {@link RelayReaders}, as blktrace's module backend reads them.
 * {@code builtin} traces with the kernel's own blktrace through {@code BLKTRACESETUP2} (Linux
 * 6.19+), which records version 8: the reference the module's version 8 records are compared
 * with, since no released C blktrace asks for them. {@code records} prints the events of
 * {@code DIR/BASE.blktrace.*}, version 7 or 8, one line each without CPU, sequence and time
 * (notes left out), the action as its code and its category bit numbers ({@code categories=,1,4,}),
 * decoded here on their own rather than by the codec under test.
 */
public final class GuestTraceTool {
    /** How often the tool looks for the stop file. */
    private static final long STOP_FILE_MILLIS = 100;
    private static final int BUF_SIZE = 524288;
    private static final int BUF_NR = 4;

    /** {@code struct blk_user_trace_setup2} of the kernel's uapi: name, act_mask, buffers; 192 bytes. */
    private static final int SETUP2_NAME_LEN = 64;
    private static final int SETUP2_ACT_MASK = 64;
    private static final int SETUP2_BUF_SIZE = 72;
    private static final int SETUP2_BUF_NR = 76;
    private static final int SETUP2_SIZE = 192;
    private static final long BLKTRACESETUP2 = Ioctl.request(Ioctl.READ | Ioctl.WRITE, 0x12, 142, SETUP2_SIZE);
    private static final long BLKTRACESTART = Ioctl.request(Ioctl.NONE, 0x12, 116, 0);
    private static final long BLKTRACESTOP = Ioctl.request(Ioctl.NONE, 0x12, 117, 0);
    private static final long BLKTRACETEARDOWN = Ioctl.request(Ioctl.NONE, 0x12, 118, 0);

    private static final int MAGIC = 0x65617400;
    private static final long NOTIFY_CATEGORY = 1L << (10 + 16);

    private GuestTraceTool() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IOException | IllegalArgumentException | InterruptedException e) {
            System.err.println("guest-trace: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: trace|teardown --dev MAJ:MIN ..., builtin ..., records DIR BASE");
        }
        if (args[0].equals("records")) {
            if (args.length != 3) {
                throw new IllegalArgumentException("usage: records DIR BASE");
            }
            records(Path.of(args[1]), args[2]);
            return;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--stall") || key.equals("--abandon")) {
                options.put(key, "");
            } else if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException(key + " needs a value");
            }
        }
        if (args[0].equals("builtin")) {
            builtin(options);
            return;
        }
        String[] dev = required(options, "--dev").split(":");
        int major = Integer.parseInt(dev[0]);
        int minor = Integer.parseInt(dev[1]);
        try (ModuleControl control = ModuleControl.open()) {
            switch (args[0]) {
                case "teardown" -> control.teardown(major, minor);
                case "trace" -> trace(control, major, minor, options);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
    }

    private static void trace(ModuleControl control, int major, int minor, Map<String, String> options)
            throws IOException, InterruptedException {
        TraceSetup setup = new TraceSetup(major, minor,
                Integer.decode(options.getOrDefault("--act-mask", "0")),
                Integer.parseInt(options.getOrDefault("--buf-size", String.valueOf(BUF_SIZE))),
                Integer.parseInt(options.getOrDefault("--buf-nr", String.valueOf(BUF_NR))),
                Integer.parseInt(options.getOrDefault("--pid", "0")), 0, 0,
                Integer.parseInt(options.getOrDefault("--version", "7")));
        Path out = Path.of(required(options, "--out"));
        Path stopFile = Path.of(required(options, "--stop-file"));
        boolean stall = options.containsKey("--stall");
        String name = control.setup(setup);
        TraceDirectory directory = TraceDirectory.of(TraceDirectory.DEFAULT_DEBUGFS, name);
        List<Path> relayFiles = directory.cpuFiles();
        List<RelayReaders.RelayFile> files = new ArrayList<>();
        for (int cpu = 0; cpu < relayFiles.size(); cpu++) {
            if (relayFiles.get(cpu) != null) {
                files.add(new RelayReaders.RelayFile(name, cpu, relayFiles.get(cpu)));
            }
        }
        RelayReaders.Options read = new RelayReaders.Options(setup.bufSize(), 0, false, RecordLayout.V7);
        try (CpuFiles sink = new CpuFiles(out, options.getOrDefault("--name", name), relayFiles.size())) {
            RelayReaders readers = stall ? null : RelayReaders.start(files, sink, read, System.err::println);
            control.start(major, minor);
            if (options.containsKey("--ready-file")) {
                Files.createFile(Path.of(options.get("--ready-file")));
            }
            while (!Files.exists(stopFile)) {
                Thread.sleep(STOP_FILE_MILLIS);
            }
            if (options.containsKey("--abandon")) {
                System.out.println("trace " + name + " left running");
                return;
            }
            IOException failure;
            if (readers == null) {
                control.stop(major, minor);
                readers = RelayReaders.start(files, sink, read, System.err::println);
                failure = readers.stop();
            } else {
                failure = stopWithReadersParked(readers, () -> control.stop(major, minor));
            }
            if (failure != null) {
                throw failure;
            }
            long bytes = 0;
            for (RelayReaders.RelayFile file : files) {
                bytes += readers.bytesRead(name, file.cpu());
            }
            System.out.println("trace " + name + ": cpus=" + relayFiles.size() + " bytes=" + bytes
                    + " version_dropped=" + directory.versionDropped() + " dropped=" + directory.dropped());
        }
        control.teardown(major, minor);
    }

    /** The kernel's own blktrace asked for version 8 records, read like the module's. */
    private static void builtin(Map<String, String> options) throws IOException, InterruptedException {
        String device = required(options, "--device");
        Path out = Path.of(required(options, "--out"));
        Path stopFile = Path.of(required(options, "--stop-file"));
        int fd;
        try {
            fd = LibC.INSTANCE.open(device, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + device + ": " + Errno.text(e.getErrorCode()), e);
        }
        Memory setup = new Memory(SETUP2_SIZE);
        setup.clear();
        setup.setInt(SETUP2_BUF_SIZE, BUF_SIZE);
        setup.setInt(SETUP2_BUF_NR, BUF_NR);
        try {
            builtinIoctl(fd, BLKTRACESETUP2, setup, "BLKTRACESETUP2");
            ByteBuffer view = setup.getByteBuffer(0, SETUP2_SIZE).order(ByteOrder.nativeOrder());
            String name = CStrings.fromField(view, 0, SETUP2_NAME_LEN);
            long actMask = setup.getLong(SETUP2_ACT_MASK);
            Path directory = TraceDirectory.DEFAULT_DEBUGFS.resolve("block").resolve(name);
            List<RelayReaders.RelayFile> files = new ArrayList<>();
            int cpus = 0;
            while (Files.exists(directory.resolve("trace" + cpus))) {
                files.add(new RelayReaders.RelayFile(name, cpus, directory.resolve("trace" + cpus)));
                cpus++;
            }
            try (CpuFiles sink = new CpuFiles(out, options.getOrDefault("--name", name), cpus)) {
                RelayReaders readers = RelayReaders.start(files, sink,
                        new RelayReaders.Options(BUF_SIZE, 0, false, RecordLayout.of(8)), System.err::println);
                builtinIoctl(fd, BLKTRACESTART, null, "BLKTRACESTART");
                if (options.containsKey("--ready-file")) {
                    Files.createFile(Path.of(options.get("--ready-file")));
                }
                while (!Files.exists(stopFile)) {
                    Thread.sleep(STOP_FILE_MILLIS);
                }
                IOException failure = stopWithReadersParked(readers,
                        () -> builtinIoctl(fd, BLKTRACESTOP, null, "BLKTRACESTOP"));
                if (failure != null) {
                    throw failure;
                }
                String dropped = Files.readString(directory.resolve("dropped"), StandardCharsets.US_ASCII).trim();
                System.out.println("built-in trace " + name + ": cpus=" + cpus + " act_mask=0x"
                        + Long.toHexString(actMask) + " dropped=" + dropped);
            }
        } finally {
            try {
                LibC.INSTANCE.ioctl(fd, BLKTRACETEARDOWN, null);
            } catch (LastErrorException e) {
                // No trace was set up; nothing to tear down.
            }
            LibC.INSTANCE.close(fd);
        }
    }

    /** A kernel call that may fail. */
    private interface KernelCall {
        void run() throws IOException;
    }

    /**
     * Runs the kernel's STOP the way the tools do (RelayReaders.stop), no reader inside read();
     * throws its failure, else returns the readers'.
     */
    private static IOException stopWithReadersParked(RelayReaders readers, KernelCall stop) throws IOException {
        IOException[] stopFailure = new IOException[1];
        IOException failure = readers.stop(() -> {
            try {
                stop.run();
            } catch (IOException e) {
                stopFailure[0] = e;
            }
        });
        if (stopFailure[0] != null) {
            throw stopFailure[0];
        }
        return failure;
    }

    private static void builtinIoctl(int fd, long request, Memory argument, String name) throws IOException {
        try {
            LibC.INSTANCE.ioctl(fd, request, argument);
        } catch (LastErrorException e) {
            throw new IOException(name + " failed: " + Errno.text(e.getErrorCode()), e);
        }
    }

    /** Prints every event of the per-CPU files, version 7 or 8, without cpu, sequence and time. */
    private static void records(Path dir, String base) throws IOException {
        HexFormat hex = HexFormat.of();
        for (int cpu = 0; Files.exists(dir.resolve(base + ".blktrace." + cpu)); cpu++) {
            ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(base + ".blktrace." + cpu)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            while (data.remaining() >= 48) {
                int at = data.position();
                int magic = data.getInt(at);
                if ((magic & 0xFFFFFF00) != MAGIC) {
                    throw new IOException(base + ".blktrace." + cpu + ": no record magic at byte " + at);
                }
                int version = magic & 0xFF;
                long sector = data.getLong(at + 16);
                int bytes = data.getInt(at + 24);
                long action;
                int pid;
                int device;
                int error;
                int pduLength;
                int header;
                if (version == ModuleAbi.VERSION_8) {
                    pid = data.getInt(at + 28);
                    action = data.getLong(at + 32);
                    device = data.getInt(at + 40);
                    error = Short.toUnsignedInt(data.getShort(at + 48));
                    pduLength = Short.toUnsignedInt(data.getShort(at + 50));
                    header = 64;
                } else if (version == ModuleAbi.VERSION_7) {
                    action = Integer.toUnsignedLong(data.getInt(at + 28));
                    pid = data.getInt(at + 32);
                    device = data.getInt(at + 36);
                    error = Short.toUnsignedInt(data.getShort(at + 44));
                    pduLength = Short.toUnsignedInt(data.getShort(at + 46));
                    header = 48;
                } else {
                    throw new IOException(base + ".blktrace." + cpu + ": version " + version + " at byte " + at);
                }
                if (data.remaining() < header + pduLength) {
                    throw new IOException(base + ".blktrace." + cpu + ": record cut short at byte " + at);
                }
                byte[] pdu = new byte[pduLength];
                data.position(at + header);
                data.get(pdu);
                if ((action & NOTIFY_CATEGORY) == 0) {
                    StringBuilder categories = new StringBuilder(",");
                    for (int bit = 0; bit < 48; bit++) {
                        if ((action >>> (16 + bit) & 1) != 0) {
                            categories.append(bit).append(',');
                        }
                    }
                    System.out.println("v" + version + " code=" + (action & 0xFFFF) + " categories=" + categories
                            + " sector=" + sector
                            + " bytes=" + bytes + " pid=" + pid + " device=" + (device >>> 20) + ":"
                            + (device & 0xFFFFF) + " error=" + error + " pdu=" + hex.formatHex(pdu));
                }
            }
            if (data.hasRemaining()) {
                throw new IOException(base + ".blktrace." + cpu + ": " + data.remaining() + " bytes left over");
            }
        }
    }

    /** {@code DIR/BASE.blktrace.CPU} for every CPU up to the highest traced one, as blktrace names them. */
    private static final class CpuFiles implements TraceSink, AutoCloseable {
        private final List<FileChannel> channels = new ArrayList<>();

        CpuFiles(Path dir, String base, int cpus) throws IOException {
            for (int cpu = 0; cpu < cpus; cpu++) {
                channels.add(FileChannel.open(dir.resolve(base + ".blktrace." + cpu), StandardOpenOption.WRITE,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING));
            }
        }

        @Override
        public void write(String deviceName, int cpu, ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                channels.get(cpu).write(data);
            }
        }

        @Override
        public void close() throws IOException {
            for (FileChannel channel : channels) {
                channel.close();
            }
        }
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }
}
