package org.jblktrace.parse.conformance;

import java.util.Arrays;
import java.util.Random;
import org.jblktrace.core.record.Blk;

/** Seeded byte-level mutations of trace data; each call describes what it did. */
final class Mutator {
    private final Random random;
    private final StringBuilder log = new StringBuilder();

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** What the mutations since the last call did, then forgets it. */
    String takeLog() {
        String s = log.toString();
        log.setLength(0);
        return s;
    }

    /** One to four mutations of {@code data}; {@code donor} supplies spliced bytes. */
    byte[] mutate(byte[] data, byte[] donor) {
        byte[] out = data;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            out = mutateOnce(out, donor);
        }
        return out;
    }

    private byte[] mutateOnce(byte[] data, byte[] donor) {
        if (data.length == 0) {
            log.append("insert-donor;");
            return Arrays.copyOf(donor, Math.min(donor.length, 1 + random.nextInt(200)));
        }
        int at = random.nextInt(data.length);
        int recordStart = at - at % Blk.HEADER_V7;
        switch (random.nextInt(10)) {
            case 0: {
                byte[] out = data.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                log.append("flip@").append(at).append(';');
                return out;
            }
            case 1: {
                byte[] out = data.clone();
                out[at] = (byte) pick(0, 0xFF, 0x7F, 0x80, random.nextInt(256));
                log.append("byte@").append(at).append(';');
                return out;
            }
            case 2: {
                int value = pick(0, 0xFFFF, 1, 7, 8, 16, 127, 128, random.nextInt(0x10000));
                log.append("pdu_len@").append(recordStart).append('=').append(value).append(';');
                return overwrite(data, recordStart + 46, new byte[] {(byte) value, (byte) (value >> 8)});
            }
            case 3:
                log.append("magic@").append(recordStart).append(';');
                return overwrite(data, recordStart, new byte[] {(byte) pick(6, 7, 8, 9, 0), (byte) random.nextInt(256), 0x61, 0x65});
            case 4:
                log.append("truncate@").append(at).append(';');
                return Arrays.copyOf(data, at);
            case 5: {
                int from = random.nextInt(Math.max(1, donor.length));
                int len = Math.min(donor.length - from, 1 + random.nextInt(300));
                log.append("splice@").append(at).append('+').append(len).append(';');
                return Scenarios.insert(data, at, Arrays.copyOfRange(donor, from, from + Math.max(0, len)));
            }
            case 6: {
                int len = Math.min(data.length - at, 1 + random.nextInt(200));
                log.append("duplicate@").append(at).append('+').append(len).append(';');
                return Scenarios.insert(data, at, Arrays.copyOfRange(data, at, at + len));
            }
            case 7: {
                int len = Math.min(data.length - at, 1 + random.nextInt(200));
                log.append("delete@").append(at).append('+').append(len).append(';');
                byte[] out = new byte[data.length - len];
                System.arraycopy(data, 0, out, 0, at);
                System.arraycopy(data, at + len, out, at, data.length - at - len);
                return out;
            }
            case 8: {
                int field = pick(8, 16, 24, 28, 32, 36, 40);
                byte[] extreme = new byte[8];
                Arrays.fill(extreme, (byte) pick(0, 0xFF, 0x80, 0x7F));
                log.append("field@").append(recordStart + field).append(';');
                return overwrite(data, recordStart + field, extreme);
            }
            default: {
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                log.append("noise@").append(at).append('+').append(noise.length).append(';');
                return overwrite(data, at, noise);
            }
        }
    }

    private int pick(int... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Copies {@code bytes} over {@code data} at {@code at}, clipped to the data's length. */
    private static byte[] overwrite(byte[] data, int at, byte[] bytes) {
        byte[] out = data.clone();
        for (int i = 0; i < bytes.length && at + i < out.length; i++) {
            if (at + i >= 0) {
                out[at + i] = bytes[i];
            }
        }
        return out;
    }
}
