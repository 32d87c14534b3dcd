package org.jblktrace.core.kernel;
/** Receives captured trace bytes: whole records of one device's CPU stream. */
public interface TraceSink { void write(String deviceName, int cpu, java.nio.ByteBuffer records) throws java.io.IOException; }
