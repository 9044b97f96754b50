package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A slow FHIR server fills its own bounded queue, is refused at once beyond it, and never takes another's room. */
class FetchPoolsTest {

    private static final String SLOW = "https://slow.example.org/fhir/Observation?patient=1";
    private static final String OTHER = "https://other.example.org/fhir/Observation?patient=1";

    private final FetchPools pools = new FetchPools(1, List.of("https://slow.example.org/fhir", "https://other.example.org"));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        pools.close();
    }

    @Test
    void aFullQueueRefusesAtOnce_andOtherServersStillRun() throws Exception {
        List<Future<String>> queued = fillSlowServer();

        assertThatThrownBy(() -> pools.submit(SLOW, () -> "one too many"))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(pools.submit(OTHER, () -> "other").get(5, TimeUnit.SECONDS)).isEqualTo("other");

        release.countDown();
        assertThat(queued.get(queued.size() - 1).get(5, TimeUnit.SECONDS)).isEqualTo("queued");
    }

    @Test
    void cancellingAQueuedFetchFreesItsPlace() throws Exception {
        List<Future<String>> queued = fillSlowServer();

        pools.cancel(queued.get(1));

        assertThat(queued.get(1).isCancelled()).isTrue();
        Future<String> admitted = pools.submit(SLOW, () -> "admitted");
        release.countDown();
        assertThat(admitted.get(5, TimeUnit.SECONDS)).isEqualTo("admitted");
    }

    @Test
    void aClosedPoolRefuses() {
        pools.close();
        assertThatThrownBy(() -> pools.submit(OTHER, () -> "late")).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aServerOutsideTheAllowlist_isRefusedAndGetsNoPool() {
        for (int i = 0; i < 100; i++) {
            String elsewhere = "https://host" + i + ".example.org/fhir/Observation?page=2";
            assertThatThrownBy(() -> pools.submit(elsewhere, () -> "never")).isInstanceOf(RejectedExecutionException.class);
        }
        assertThatThrownBy(() -> pools.submit("http://slow.example.org/fhir", () -> "other scheme"))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(pools.size()).isZero();
    }

    @Test
    void serversAreTellApartByScheme_hostAndPort_notPath() {
        assertThat(FetchPools.server("https://Slow.example.org/fhir/a")).isEqualTo(FetchPools.server(SLOW));
        assertThat(FetchPools.server("http://slow.example.org/fhir")).isNotEqualTo(FetchPools.server(SLOW));
        assertThat(FetchPools.server("https://slow.example.org:8443/fhir")).isNotEqualTo(FetchPools.server(SLOW));
    }

    /** The allowlist reads the default port written out as the same server; so must the pools, or it gets none. */
    @Test
    void theDefaultPortWrittenOut_isTheSameServer_andRunsInItsPool() throws Exception {
        assertThat(FetchPools.server("https://slow.example.org:443/fhir")).isEqualTo(FetchPools.server(SLOW));
        assertThat(FetchPools.server("http://h.example.org:80/fhir")).isEqualTo(FetchPools.server("http://h.example.org/f"));
        assertThat(pools.submit("https://other.example.org:443/fhir/Patient/1", () -> "ran").get()).isEqualTo("ran");
    }

    /** One running fetch blocked on {@link #release}, then the queue filled to its bound. */
    private List<Future<String>> fillSlowServer() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        futures.add(pools.submit(SLOW, () -> {
            running.countDown();
            release.await();
            return "running";
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < FetchPools.QUEUE_PER_THREAD; i++) {
            futures.add(pools.submit(SLOW, () -> "queued"));
        }
        return futures;
    }
}
