package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.allcds.fixtures.CapturedLog;
import org.junit.jupiter.api.Test;

class StoreOutageTest {

    private final StoreOutage outage = new StoreOutage();

    @Test
    void aCallMadeBeforeTheOutage_answeringLate_doesNotEndIt_soTheOutageIsLoggedOnce() {
        try (CapturedLog log = new CapturedLog(StoreOutage.class)) {
            long slowCallBegan = StoreOutage.now();
            outage.failed("no answer within 2000 ms");
            outage.answered(slowCallBegan); // on its way before the database went silent
            outage.failed("no answer within 2000 ms");

            assertThat(log.lines("unreachable")).hasSize(1);
            assertThat(log.lines("reachable again")).isEmpty();
        }
    }

    @Test
    void aCallMadeAfterTheOutageWasNoticed_endsIt_once() {
        try (CapturedLog log = new CapturedLog(StoreOutage.class)) {
            outage.failed("SQLTransientConnectionException");
            long laterCall = StoreOutage.now();
            outage.answered(laterCall);
            outage.answered(StoreOutage.now());
            outage.failed("SQLTransientConnectionException");

            assertThat(log.lines("reachable again")).hasSize(1);
            assertThat(log.lines("unreachable")).hasSize(2);
        }
    }
}
