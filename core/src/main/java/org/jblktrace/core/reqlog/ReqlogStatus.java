package org.jblktrace.core.reqlog;

/**
 * What {@code REQLOG_STATUS} reports ({@code struct reqlog_status}).
 *
 * @param head     the newest sequence number given out, kept or dropped; 0 before the first
 * @param lost     records dropped since the module was loaded
 * @param enabled  whether logging is on
 * @param capacity records the ring holds
 * @param queued   records waiting to be read
 */
public record ReqlogStatus(long head, long lost, boolean enabled, long capacity, long queued) {
}
