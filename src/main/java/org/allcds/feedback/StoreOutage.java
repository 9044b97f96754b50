package org.allcds.feedback;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, as the store's users (feedback calls, the summary, the card log, the health check)
 * last found it. The outage is logged once, at WARN on one line, by whichever of them notices it first, and the
 * return once, at INFO: not at every call, batch or probe while it lasts. Only a call that began after the outage was
 * noticed can end it: a slow call that was already on its way when the database went silent, and answers late, would
 * otherwise end the outage and the next failure log it again.
 */
final class StoreOutage {

    private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);

    private static final long UP = 0;

    /** {@link #UP}, or the {@link System#nanoTime()} at which the outage was noticed (never 0). */
    private final AtomicLong downSince = new AtomicLong(UP);

    /** The time to pass to {@link #answered(long)}: taken before a call to the database is made. */
    static long now() {
        long now = System.nanoTime();
        return now == UP ? 1 : now;
    }

    /** @param why what failed, without anything a client sent (an exception's class, "no answer within 2000 ms") */
    void failed(String why) {
        if (downSince.compareAndSet(UP, now())) {
            log.warn("The database (feedback store, card log, JWT replay cache) is unreachable: {}; service calls still"
                    + " answer, feedback answers 503 until it is back", why);
        }
    }

    /** @param began {@link #now()} when the call that answered was made */
    void answered(long began) {
        long since = downSince.get();
        if (since != UP && began - since > 0 && downSince.compareAndSet(since, UP)) {
            log.info("The database is reachable again");
        }
    }
}
