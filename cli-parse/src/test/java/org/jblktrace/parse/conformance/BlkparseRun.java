package org.jblktrace.parse.conformance;

import java.util.Map;

/**
 * What one blkparse run left behind: exit status, stdout and stderr bytes, and every file in
 * its working directory afterwards (relative path to bytes).
 */
record BlkparseRun(int status, byte[] stdout, byte[] stderr, Map<String, byte[]> files) {
}
