package org.allcds.security;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The {@code jti}s seen, each kept until its token could no longer be accepted ({@code exp} + skew). Bounded: when
 * full of live entries it refuses new tokens rather than forget old ones, since forgetting would reopen replay.
 */
final class ReplayCache implements ReplayStore {

    private record Entry(String key, Instant expiry) {
    }

    private final int maxSize;
    private final Map<String, Instant> seen = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparing(Entry::expiry));

    ReplayCache(int maxSize) {
        this.maxSize = maxSize;
    }

    enum Result { FIRST_USE, REPLAYED, FULL }

    /** Records {@code iss}+{@code jti} unless already seen and still live. */
    @Override
    public synchronized Result use(String iss, String jti, Instant expiry, Instant now) {
        evictExpired(now);
        String key = iss + '\u0000' + jti;
        if (seen.containsKey(key)) {
            return Result.REPLAYED;
        }
        if (seen.size() >= maxSize) {
            return Result.FULL;
        }
        seen.put(key, expiry);
        byExpiry.add(new Entry(key, expiry));
        return Result.FIRST_USE;
    }

    /** Whether {@code iss}+{@code jti} was seen and is still live; records nothing. */
    synchronized boolean holds(String iss, String jti, Instant now) {
        evictExpired(now);
        return seen.containsKey(iss + '\u0000' + jti);
    }

    int maxSize() {
        return maxSize;
    }

    synchronized int size() {
        return seen.size();
    }

    private void evictExpired(Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiry().isBefore(now)) {
            seen.remove(byExpiry.poll().key());
        }
    }
}
