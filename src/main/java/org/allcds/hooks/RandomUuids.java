package org.allcds.hooks;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs: the uuid of each card and suggestion, and the id of each request. Use these, never
 * {@link UUID#randomUUID()}: that one draws from a single SecureRandom for the whole JVM (NativePRNG on Linux, whose
 * every call takes one global lock), so under load the request threads queued there, and a lock holder preempted on a
 * busy core held up all the others. Here each thread draws from a generator of its own, so no caller waits for another.
 *
 * <p>The ids stay unguessable (a card's uuid identifies it in feedback): each thread's generator is a DRBG (NIST SP
 * 800-90A, the JDK's default configuration) seeded once from the system's entropy source when the thread first asks.
 */
public final class RandomUuids {

    private static final ThreadLocal<SecureRandom> GENERATOR = ThreadLocal.withInitial(RandomUuids::newGenerator);

    private RandomUuids() {
    }

    /** A new random UUID in its canonical text form, e.g. {@code 3f2b8c1e-9a4d-4e7f-b0c2-5d6e7f8a9b0c}. */
    public static String next() {
        return nextUuid().toString();
    }

    static UUID nextUuid() {
        byte[] bytes = new byte[16];
        GENERATOR.get().nextBytes(bytes);
        bytes[6] = (byte) (bytes[6] & 0x0f | 0x40); // version 4: random
        bytes[8] = (byte) (bytes[8] & 0x3f | 0x80); // variant 2: RFC 4122 (9562)
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK provides no DRBG SecureRandom", e);
        }
    }
}
