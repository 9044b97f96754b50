package org.allcds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A slow or stuck JWKS endpoint holds up only the calls that need its answer, and they share one fetch. */
class IssuerKeysTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    /** Hang guard only: a call that waits on the stuck fetch fails here instead of blocking the build. */
    private static final Duration HANG = Duration.ofSeconds(20);

    private final JwtVerifierTest.MutableClock clock = new JwtVerifierTest.MutableClock(NOW);

    private static JWKSelector kid(String kid) {
        return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
    }

    /** A JWKS that answers the first time and then hangs until released. */
    private static Supplier<JWKSet> answersOnceThenHangs(CountDownLatch release, AtomicInteger fetches) {
        return () -> {
            if (fetches.incrementAndGet() > 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return TestTokens.trustedJwks();
        };
    }

    @Test
    void aStuckFetch_forAnUnknownKid_doesNotHoldUpACallWhoseKeyIsCached() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        IssuerKeys keys = new IssuerKeys(TestTokens.ISS, answersOnceThenHangs(release, fetches), clock, HANG);
        keys.load();
        clock.advance(Duration.ofMinutes(2));
        CompletableFuture<List<JWK>> unknown = CompletableFuture.supplyAsync(() -> select(keys, "ec-unknown"));
        while (fetches.get() < 2) {
            Thread.onSpinWait(); // the unknown kid's fetch is now stuck
        }

        List<JWK> cached = assertTimeoutPreemptively(HANG, () -> select(keys, "ec-1"));

        assertThat(cached).extracting(JWK::getKeyID).containsExactly("ec-1");
        assertThat(unknown).isNotDone();
        release.countDown();
        assertThat(unknown.get()).isEmpty();
    }

    @Test
    void aStuckRefresh_ofAnExpiredSet_servesTheOldSetMeanwhile() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        IssuerKeys keys = new IssuerKeys(TestTokens.ISS, answersOnceThenHangs(release, fetches), clock, HANG);
        keys.load();
        clock.advance(IssuerKeys.MAX_AGE.plusMinutes(1));

        List<JWK> cached = assertTimeoutPreemptively(HANG, () -> select(keys, "ec-1"));

        assertThat(cached).extracting(JWK::getKeyID).containsExactly("ec-1");
        release.countDown();
    }

    @Test
    void callersArrivingTogetherAtFirstUse_shareOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        IssuerKeys keys = new IssuerKeys(TestTokens.ISS, () -> {
            fetches.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestTokens.trustedJwks();
        }, clock, HANG);
        List<CompletableFuture<List<JWK>>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> select(keys, "ec-1")));
        }
        while (fetches.get() < 1) {
            Thread.onSpinWait();
        }
        release.countDown();

        for (CompletableFuture<List<JWK>> caller : callers) {
            assertThat(caller.get()).extracting(JWK::getKeyID).containsExactly("ec-1");
        }
        assertThat(fetches).hasValue(1);
    }

    private static List<JWK> select(IssuerKeys keys, String kid) {
        try {
            return keys.get(kid(kid), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
