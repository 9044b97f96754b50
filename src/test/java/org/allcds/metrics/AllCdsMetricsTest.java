package org.allcds.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The meters kept per tag value count into the registry's meters, one per distinct tag value. */
class AllCdsMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AllCdsMetrics metrics = new AllCdsMetrics(registry);

    @Test
    void findings_countPerTypeAndValue() {
        metrics.finding("nci-risk", "HIGH");
        metrics.finding("nci-risk", "HIGH");
        metrics.finding("nci-risk", "STANDARD");
        metrics.finding("cog-risk", "HIGH");

        assertThat(registry.get("allcds.findings").tags("type", "nci-risk", "value", "HIGH").counter().count()).isEqualTo(2);
        assertThat(registry.get("allcds.findings").tags("type", "nci-risk", "value", "STANDARD").counter().count()).isEqualTo(1);
        assertThat(registry.get("allcds.findings").tags("type", "cog-risk", "value", "HIGH").counter().count()).isEqualTo(1);
    }

    @Test
    void ruleFirings_countPerRule() {
        metrics.ruleFired("R-DX-03");
        metrics.ruleFired("R-DX-03");
        metrics.ruleFired("R-RL-01");

        assertThat(registry.get("allcds.rule.firings").tag("rule", "R-DX-03").counter().count()).isEqualTo(2);
        assertThat(registry.get("allcds.rule.firings").tag("rule", "R-RL-01").counter().count()).isEqualTo(1);
    }

    @Test
    void serviceCalls_timePerServiceAndStatus() {
        metrics.serviceCall("ped-all-risk", 200, Duration.ofMillis(5));
        metrics.serviceCall("ped-all-risk", 200, Duration.ofMillis(7));
        metrics.serviceCall("ped-all-risk", 400, Duration.ofMillis(1));

        assertThat(registry.get("allcds.service.calls").tags("service", "ped-all-risk", "status", "200").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("allcds.service.calls").tags("service", "ped-all-risk", "status", "400").timer().count())
                .isEqualTo(1);
    }

    @Test
    void cardsRecorded_countCardsPerOutcome() {
        metrics.cardsRecorded("stored", 3);
        metrics.cardsRecorded("stored", 2);
        metrics.cardsRecorded("dropped", 1);

        assertThat(registry.get("allcds.cards.recorded").tag("outcome", "stored").counter().count()).isEqualTo(5);
        assertThat(registry.get("allcds.cards.recorded").tag("outcome", "dropped").counter().count()).isEqualTo(1);
    }

    @Test
    void prefetchFetches_timePerKeyAndOutcome() {
        metrics.prefetchFetch("patient", "fetched", Duration.ofMillis(20));
        metrics.prefetchFetch("patient", "fetched", Duration.ofMillis(30));
        metrics.prefetchFetch("patient", "timeout", Duration.ofSeconds(5));
        metrics.prefetchFetch("conditions", "fetched", Duration.ofMillis(10));

        assertThat(registry.get("allcds.prefetch.fetches").tags("key", "patient", "outcome", "fetched").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("allcds.prefetch.fetches").tags("key", "patient", "outcome", "timeout").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("allcds.prefetch.fetches").tags("key", "conditions", "outcome", "fetched").timer().count())
                .isEqualTo(1);
    }
}
