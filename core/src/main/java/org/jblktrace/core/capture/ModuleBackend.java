package org.jblktrace.core.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.kernel.module.ModuleControl;
import org.jblktrace.core.kernel.module.ModuleControlException;
import org.jblktrace.core.kernel.module.ModuleTraceOwners;
import org.jblktrace.core.kernel.module.TraceDirectory;
import org.jblktrace.core.kernel.module.TraceSetup;
import org.jblktrace.core.kernel.relay.RelayReaders;
import org.jblktrace.core.record.RecordLayout;

/**
 * The jblktrace kernel module ({@code /dev/jblktrace}), for kernels without blktrace: a trace
 * per device set up and started through the control device, in the version asked for (the
 * module writes either on any kernel), its relay files read with the relay path's per-CPU
 * readers.
 *
 * <p>Kernel state: one module trace per device (with its debugfs directory
 * {@code jblktrace/NAME}), set up here and stopped and torn down on stop and close, its owner
 * recorded in {@link ModuleTraceOwners}; a device the module already traces for someone else
 * is refused by the module and left alone, unless a dead run of ours left that trace.
 */
final class ModuleBackend {
    private static final ModuleTraceOwners OWNERS = ModuleTraceOwners.SYSTEM;

    private ModuleBackend() {
    }

    static StartOutcome start(CaptureRequest request, CaptureHost host, int version, TraceSink sink,
            CaptureListener listener) {
        ModuleControl control;
        try {
            control = ModuleControl.open();
        } catch (ModuleControlException e) {
            return e.errno() == Errno.ENOENT ? new StartOutcome.Unavailable(Backend.MODULE, e.getMessage(), null)
                    : new StartOutcome.Failed(Backend.MODULE, e.getMessage(), false);
        }
        Running capture = new Running(control, version, host.devices().size());
        try {
            capture.setUp(request, host, listener);
        } catch (IOException e) {
            capture.close();
            return new StartOutcome.Failed(Backend.MODULE, Captures.reason(e), false);
        }
        try {
            sink.open(capture.names(), host.cpus().maxCpus());
        } catch (IOException e) {
            capture.close();
            return new StartOutcome.Failed(Backend.MODULE, Captures.reason(e), true);
        }
        try {
            capture.readers = RelayReaders.start(capture.relayFiles(host.cpus().maxCpus()), sink,
                    new RelayReaders.Options(request.bufferBytes(),
                            request.live() ? RelayReaders.Options.PIPED_PARTIAL_READ_MILLIS : 0,
                            sink.needsWholeRecords(), RecordLayout.of(version)),
                    listener::warning);
            capture.startTraces();
        } catch (IOException e) {
            capture.close();
            return new StartOutcome.Failed(Backend.MODULE, Captures.reason(e), false);
        } catch (RuntimeException | Error e) {
            capture.close();
            throw e;
        }
        return new StartOutcome.Started(capture);
    }

    /** The module's traces of the requested devices, and their readers. */
    private static final class Running implements RunningCapture {
        private final ModuleControl control;
        private final int version;
        private final List<DeviceNode> traced = new ArrayList<>();
        private final List<TraceDirectory> directories = new ArrayList<>();
        private final long[] dropped;
        private RelayReaders readers;
        private boolean closed;

        Running(ModuleControl control, int version, int devices) {
            this.control = control;
            this.version = version;
            this.dropped = new long[devices];
        }

        void setUp(CaptureRequest request, CaptureHost host, CaptureListener listener) throws IOException {
            Path debugfs = request.debugfs();
            for (DeviceNode device : host.devices()) {
                TraceSetup setup = new TraceSetup(device.major(), device.minor(), request.actMask(),
                        request.bufferBytes(), request.bufferCount(), 0, 0, 0, version);
                String recovered = OWNERS.recoverAbandoned(device, control);
                if (recovered != null) {
                    listener.notice(recovered);
                }
                boolean claimed = OWNERS.claim(device);
                String name;
                try {
                    name = control.setup(setup);
                } catch (IOException e) {
                    if (claimed) {
                        OWNERS.release(device);
                    }
                    throw e;
                }
                traced.add(device);
                directories.add(TraceDirectory.of(debugfs, name));
            }
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            for (TraceDirectory directory : directories) {
                names.add(directory.path().getFileName().toString());
            }
            return names;
        }

        List<RelayReaders.RelayFile> relayFiles(int cpuCount) throws IOException {
            List<String> names = names();
            List<RelayReaders.RelayFile> files = new ArrayList<>();
            for (int device = 0; device < directories.size(); device++) {
                List<Path> paths = directories.get(device).cpuFiles();
                for (int cpu = 0; cpu < paths.size() && cpu < cpuCount; cpu++) {
                    if (paths.get(cpu) != null) {
                        files.add(new RelayReaders.RelayFile(names.get(device), cpu, paths.get(cpu)));
                    }
                }
            }
            return files;
        }

        void startTraces() throws ModuleControlException {
            for (DeviceNode device : traced) {
                control.start(device.major(), device.minor());
            }
        }

        @Override
        public Backend backend() {
            return Backend.MODULE;
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public List<String> deviceNames() {
            return names();
        }

        @Override
        public List<String> stop() {
            List<String> problems = new ArrayList<>();
            // STOP flushes the partly filled sub-buffers, with no reader inside read(); the
            // readers then take everything left.
            IOException failure = readers.stop(() -> {
                for (DeviceNode device : traced) {
                    try {
                        control.stop(device.major(), device.minor());
                    } catch (ModuleControlException e) {
                        problems.add(e.getMessage());
                    }
                }
            });
            if (failure != null) {
                problems.add("reading the jblktrace module's relay files failed: " + Captures.reason(failure));
            }
            for (int device = 0; device < directories.size(); device++) {
                try {
                    dropped[device] = directories.get(device).dropped();
                } catch (IOException e) {
                    problems.add("cannot read " + directories.get(device).path().resolve("dropped") + ": "
                            + Captures.reason(e));
                }
            }
            problems.addAll(tearDown());
            return problems;
        }

        @Override
        public void close() {
            tearDown();
        }

        /** Stops the readers, tears down the traces set up here and closes the control device. */
        private synchronized List<String> tearDown() {
            List<String> problems = new ArrayList<>();
            if (closed) {
                return problems;
            }
            closed = true;
            if (readers != null) {
                readers.stop();
            }
            for (DeviceNode device : traced) {
                try {
                    control.teardown(device.major(), device.minor());
                    OWNERS.release(device);
                } catch (IOException e) {
                    problems.add(Captures.reason(e));
                }
            }
            control.close();
            return problems;
        }

        @Override
        public long dropped(int device) {
            return dropped[device];
        }

        @Override
        public boolean recordedEvent(int device) {
            return readers != null && readers.sawEvent(names().get(device));
        }

        @Override
        public String recordProblem() {
            return readers == null ? null : readers.problem();
        }
    }
}
