package org.jblktrace.trace;

import java.nio.channels.FileLock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks the kernel facilities and holds the tracefs lock for a whole test class, so that no
 * two captures of this or another build on the machine overlap.
 */
final class TracefsLock implements BeforeAllCallback, AfterAllCallback {
    private FileLock lock;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        KernelFixture.require();
        lock = KernelFixture.lockTracefs();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (lock != null) {
            lock.channel().close();
        }
    }
}
