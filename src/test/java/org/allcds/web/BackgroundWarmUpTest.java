package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The background warm-up makes its calls in turn, exactly as many as asked, and only while the server is idle. */
class BackgroundWarmUpTest {

    @Test
    void makesTheCountInTurn() {
        List<String> made = new ArrayList<>();
        new BackgroundWarmUp(List.of(() -> made.add("a"), () -> made.add("b")), 5, () -> true).run();

        assertThat(made).containsExactly("a", "b", "a", "b", "a");
    }

    @Test
    void callsOnlyWhileIdle() throws Exception {
        AtomicBoolean idle = new AtomicBoolean(false);
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger madeWhileBusy = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        Runnable call = () -> {
            if (!idle.get()) {
                madeWhileBusy.incrementAndGet();
            }
            made.incrementAndGet();
        };
        Thread warmUp = new Thread(new BackgroundWarmUp(List.of(call), 3, () -> {
            asked.incrementAndGet();
            return idle.get();
        }));
        warmUp.start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (asked.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the warm-up keeps asking while the server is busy
        }
        assertThat(asked).hasValueGreaterThanOrEqualTo(3);
        assertThat(made).hasValue(0);

        idle.set(true);
        warmUp.join(10_000);

        assertThat(warmUp.isAlive()).isFalse();
        assertThat(made).hasValue(3);
        assertThat(madeWhileBusy).hasValue(0);
    }

    @Test
    void aFailingCallIsDropped_theOthersMakeTheCount() {
        List<String> made = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        new BackgroundWarmUp(List.of(() -> made.add("a"), () -> {
            failed.incrementAndGet();
            throw new IllegalArgumentException("not taken by this rule set");
        }, () -> made.add("c")), 5, () -> true).run();

        assertThat(made).containsExactly("a", "c", "a", "c", "a");
        assertThat(failed).hasValue(1);
    }

    @Test
    void stopsWhenEveryCallFails() {
        AtomicInteger tried = new AtomicInteger();
        Runnable failing = () -> {
            tried.incrementAndGet();
            throw new IllegalStateException("shutting down");
        };
        new BackgroundWarmUp(List.of(failing, failing), 1_000, () -> true).run();

        assertThat(tried).hasValue(2);
    }

    @Test
    void noCalls_nothingToDo() {
        new BackgroundWarmUp(List.of(), 10, () -> {
            throw new AssertionError("asked although there is nothing to call");
        }).run();
    }
}
