package org.allcds.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls made in process after readiness so that the JIT compiles the request path before real traffic pays for it.
 * A hospital's traffic is sparse (a chart opened now and then), and the JIT compiles a method only after hundreds to
 * thousands of calls: without this, the first calls after a start took twice as long or more (bench/sparse.sh), and at
 * a few calls an hour that lasts for days. Polite: a call is made only while the server is idle (the
 * {@code idle} check, asked before every call), and the thread then sleeps as long as the call took, so it uses at
 * most half of one core. A call that fails is dropped from the turn (an example request a changed rule set no longer
 * takes); with none left (the application shutting down) it stops.
 */
final class BackgroundWarmUp implements Runnable {

    /** How long no request must have been in progress before a warm-up call may run. */
    static final Duration QUIET = Duration.ofMillis(100);
    private static final long POLL_MILLIS = 20;
    private static final Logger log = LoggerFactory.getLogger(BackgroundWarmUp.class);

    private final List<Runnable> calls;
    private final int count;
    private final BooleanSupplier idle;

    /** {@code calls} are made in turn until {@code count} have been made. */
    BackgroundWarmUp(List<Runnable> calls, int count, BooleanSupplier idle) {
        this.calls = List.copyOf(calls);
        this.count = count;
        this.idle = idle;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        List<Runnable> turn = new ArrayList<>(calls);
        int made = 0;
        int next = 0;
        try {
            while (made < count && !turn.isEmpty()) {
                while (!idle.getAsBoolean()) {
                    Thread.sleep(POLL_MILLIS);
                }
                next %= turn.size();
                long t0 = System.nanoTime();
                if (call(turn.get(next))) {
                    made++;
                    next++;
                } else {
                    turn.remove(next);
                }
                long took = System.nanoTime() - t0;
                Thread.sleep(took / 1_000_000, (int) (took % 1_000_000));
            }
            log.info("Background warm-up: {} calls in {} ms", made, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean call(Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            log.debug("Background warm-up call dropped: {}", e.toString());
            return false;
        }
    }
}
