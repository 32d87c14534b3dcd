package org.jblktrace.core.kernel.ftrace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.io.TraceFileWriter;

/**
 * Manual capture for experiments: {@code FtraceCaptureMain [-D dir] [-w seconds] [-b kib] device...}
 * writes {@code dir/NAME.blktrace.CPU} until the time is up or SIGINT/SIGTERM. Prints
 * "tracing" once events are being captured.
 */
public final class FtraceCaptureMain {
    private FtraceCaptureMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(".");
        long seconds = 0;
        FtraceOptions options = FtraceOptions.DEFAULTS;
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-D":
                    dir = Path.of(args[++i]);
                    break;
                case "-w":
                    seconds = Long.parseLong(args[++i]);
                    break;
                case "-b":
                    options = options.withBufferSizeKb(Integer.parseInt(args[++i]));
                    break;
                default:
                    devices.add(args[i]);
            }
        }
        TraceFileWriter files = new TraceFileWriter(dir);
        FtraceCapture capture = new FtraceCapture(files);
        Runtime.getRuntime().addShutdownHook(capture.shutdownHook());
        try {
            capture.start(devices, options);
        } catch (CaptureException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.out.println("tracing");
        System.out.flush();
        if (seconds > 0) {
            Thread.sleep(seconds * 1000);
        } else {
            Thread.sleep(Long.MAX_VALUE);
        }
        try {
            capture.stop();
        } catch (CaptureException e) {
            System.err.println(e.getMessage());
        }
        files.close();
        for (String name : capture.deviceNames()) {
            for (int cpu = 0; cpu < capture.cpuCount(); cpu++) {
                System.out.println(name + " CPU" + cpu + ": " + capture.eventCount(name, cpu) + " events");
            }
        }
        System.out.println("dropped " + capture.droppedEvents());
    }
}
