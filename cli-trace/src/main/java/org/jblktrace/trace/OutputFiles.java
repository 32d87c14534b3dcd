package org.jblktrace.trace;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.relay.RecordFramer;

/**
 * File mode: {@code DIR/NAME.blktrace.CPU} for every device and CPU, named and created as
 * blktrace does (a literal {@code ./} without -D, the directory made with one mkdir). Like
 * blktrace's file mode it stores the relay data as read, records cut by reads included (the
 * next read brings their rest); a file whose write fails (a full disk) is cut back to its last
 * whole record.
 */
final class OutputFiles extends TraceOutput {
    private final String directory;
    private final String outputName;
    private FileChannel[][] files = new FileChannel[0][];
    private String[][] paths = new String[0][];

    /**
     * @param directory  -D, or null
     * @param outputName -o, or null for the device names
     */
    OutputFiles(String directory, String outputName, StopRequest stop) {
        super(stop);
        this.directory = directory;
        this.outputName = outputName;
    }

    @Override
    public void open(List<String> deviceNames, int cpuCount) throws IOException {
        // A capture that could not start may have opened them before the one that takes over.
        close();
        super.open(deviceNames, cpuCount);
        String prefix = directory != null ? directory + "/" : "./";
        String directoryProblem = makeDirectory(prefix);
        files = new FileChannel[deviceNames.size()][cpuCount];
        paths = new String[deviceNames.size()][cpuCount];
        // The C tool's tracer thread of each CPU opens that CPU's files, one device after
        // another, and gives up at its first failure.
        String[] problemByCpu = new String[cpuCount];
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            problemByCpu[cpu] = directoryProblem;
            for (int device = 0; device < deviceNames.size() && problemByCpu[cpu] == null; device++) {
                String base = outputName != null ? outputName : deviceNames.get(device);
                String path = prefix + base + ".blktrace." + cpu;
                paths[device][cpu] = path;
                problemByCpu[cpu] = create(path);
                if (problemByCpu[cpu] == null) {
                    // READ too: after a failed write the file is read back to find its last whole record.
                    files[device][cpu] = FileChannel.open(Path.of(path), StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                }
            }
        }
        reportFailedCpus(problemByCpu);
    }

    /** mkdir as blktrace does it (one level, an existing directory is fine); the problem line or null. */
    private static String makeDirectory(String prefix) {
        try {
            Posix.libc().mkdir(prefix, 0755);
            return null;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Posix.EEXIST) {
                return null;
            }
            String what = e.getErrorCode() == Posix.ENOENT ? " can't be made: " : " stat failed: ";
            return "Destination dir " + prefix + what + Posix.describe(e);
        }
    }

    /** Created (truncated) with the C library, so that a failure has blktrace's errno message. */
    private static String create(String path) {
        try {
            Posix.libc().close(Posix.libc().open(path, Posix.O_RDWR | Posix.O_CREAT | Posix.O_TRUNC, 0666));
            return null;
        } catch (LastErrorException e) {
            return "Open output file " + path + " failed: " + Posix.describe(e);
        }
    }

    /**
     * Each failed tracer thread of the C tool prints its problem, then the main thread reports
     * each failed CPU with status 1, shown as an errno.
     */
    private void reportFailedCpus(String[] problemByCpu) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String problem : problemByCpu) {
            if (problem != null) {
                lines.add(problem);
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        for (int cpu = 0; cpu < problemByCpu.length; cpu++) {
            if (problemByCpu[cpu] != null) {
                lines.add("FAILED to start thread on CPU " + cpu + ": 1/Operation not permitted");
            }
        }
        throw failedToStart(lines);
    }

    /** Files store the stream as read, as blktrace's file mode does. */
    @Override
    public boolean needsWholeRecords() {
        return false;
    }

    @Override
    void store(int device, int cpu, ByteBuffer data) throws IOException {
        storeCuttingBack(files[device][cpu], data);
    }

    /**
     * Writes all of {@code data}; if that fails, cuts the file back to its last whole record. A
     * failed cut is suppressed by the write's failure, which stays the one thrown.
     */
    static void storeCuttingBack(FileChannel file, ByteBuffer data) throws IOException {
        try {
            while (data.hasRemaining()) {
                file.write(data);
            }
        } catch (IOException e) {
            try {
                file.truncate(RecordFramer.wholeRecordsEnd(file));
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw e;
        }
    }

    @Override
    String describeFailure(int device, int cpu, IOException e) {
        String written = "blktrace: writing " + paths[device][cpu] + " failed: " + reason(e) + "; stopped, ";
        for (Throwable cut : e.getSuppressed()) {
            if (cut instanceof IOException cutFailure) {
                return written + "and cutting it back to its last whole record failed too: " + reason(cutFailure);
            }
        }
        return written + "the files keep the whole records written so far";
    }

    static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel[] perCpu : files) {
            for (FileChannel file : perCpu) {
                try {
                    if (file != null) {
                        file.close();
                    }
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        files = new FileChannel[0][];
        if (first != null) {
            throw first;
        }
    }
}
