package org.allcds.feedback;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, as the store's users (feedback calls, the summary, the card log, the health check)
 * last found it. The outage is logged once, at WARN on one line, by whichever of them notices it first, and the
 * return once, at INFO: not at every call, batch or probe while it lasts.
 */
final class StoreOutage {

    private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);

    private final AtomicBoolean down = new AtomicBoolean();

    /** @param why what failed, without anything a client sent (an exception's class, "no answer within 2000 ms") */
    void failed(String why) {
        if (down.compareAndSet(false, true)) {
            log.warn("The database (feedback store, card log, JWT replay cache) is unreachable: {}; service calls still"
                    + " answer, feedback answers 503 until it is back", why);
        }
    }

    void answered() {
        if (down.get() && down.compareAndSet(true, false)) {
            log.info("The database is reachable again");
        }
    }
}
