package org.jblktrace.core.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that captures on the kernel of the machine it runs on (tracefs, debugfs, loop
 * devices): JUnit tag {@value #TAG}. scripts/test runs these on the host; the Debian 13 chroot
 * (scripts/debian13) excludes the tag, because the kernel there is the host's all the same and
 * the chroot's own /tmp would hide the lock that keeps concurrent captures apart. A test there
 * that reaches for the kernel without the tag fails ({@link HostFacility#requireHostKernel}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(HostKernel.TAG)
public @interface HostKernel {
    /** The tag, as surefire's test.excludedGroups names it. */
    String TAG = "host-kernel";
}
