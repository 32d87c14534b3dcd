package org.jblktrace.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.kernel.relay.RelayTrace;
import org.jblktrace.core.net.NetServer;

/** {@code -l}: receive traces from blktrace clients until a signal; exit 0 then, 1 on a fatal error. */
final class ServerMode {
    private ServerMode() {
    }

    static int run(TraceRequest request, TraceContext context, PrintStream stdout) throws InterruptedException {
        if (request.outputName != null) {
            context.stderr.println("-o ignored in server mode");
        }
        NetServer server;
        try {
            NetServer.Settings settings = new NetServer.Settings(new InetSocketAddress(request.port),
                    request.outputDir == null ? null : Path.of(request.outputDir), OnlineCpus.read().maxCpus(),
                    (int) request.bufferBytes, (int) request.bufferCount, RelayTrace.pageSize(),
                    (int) ProcessHandle.current().pid());
            server = NetServer.bind(settings, stdout, context.stderr);
        } catch (IOException e) {
            context.stderr.println("server: " + OutputFiles.reason(e));
            return 1;
        }
        Thread closer = new Thread(() -> {
            try {
                context.stop.await(Long.MAX_VALUE);
                server.close();
            } catch (InterruptedException serverEnded) {
                // serve() returned by itself (a fatal error); nothing left to close.
            } catch (IOException e) {
                context.stderr.println("server: " + OutputFiles.reason(e));
            }
        }, "blktrace-server-stop");
        closer.setDaemon(true);
        closer.start();
        try {
            server.serve();
            return 0;
        } catch (IOException e) {
            context.stderr.println(OutputFiles.reason(e));
            return 1;
        } finally {
            closer.interrupt();
        }
    }
}
