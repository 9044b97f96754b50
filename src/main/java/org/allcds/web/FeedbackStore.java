package org.allcds.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.allcds.hooks.FeedbackItem;

/**
 * Feedback kept in memory, newest last, bounded: the oldest entries go first when it is full. Duplicates are kept,
 * since clients may send the same feedback more than once.
 */
public final class FeedbackStore {

    public record Entry(String serviceId, FeedbackItem item, Instant receivedAt) {
    }

    private final int capacity;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    public FeedbackStore(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    public synchronized void addAll(String serviceId, List<FeedbackItem> items) {
        for (FeedbackItem item : items) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(new Entry(serviceId, item, clock.instant()));
        }
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
