package org.allcds.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One issuer's public keys, cached, and fetched without a lock: a call whose key is cached never waits for a fetch.
 * An unknown {@code kid} reloads the set at most once a minute, so a client can rotate keys without a restart but cannot
 * make us hammer its JWKS; only the calls that need the new set wait for it, sharing one fetch, and for at most
 * {@code wait}. A set older than an hour is refreshed in the background while the old one keeps serving (refresh
 * ahead), so a withdrawn key stops working. A failed reload keeps the previous set.
 *
 * <p>Nimbus' {@code JWKSourceBuilder} caches and rate-limits too, but its cache makes callers queue on a lock while a
 * forced refresh runs, and it reads the system clock, which the rate limit's tests replace.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    static final Duration MIN_RELOAD_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_AGE = Duration.ofHours(1);
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);
    /** One fetch per issuer at a time, so as many threads as issuers at most; daemon, so they never hold up exit. */
    private static final ExecutorService FETCHES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jwks-fetch");
        t.setDaemon(true);
        return t;
    });

    private record Loaded(JWKSet keys, Instant at) {
    }

    private final String iss;
    private final Supplier<JWKSet> loader;
    private final Clock clock;
    private final Duration wait;
    private volatile Loaded loaded;
    private volatile Instant lastAttempt;
    private final AtomicReference<CompletableFuture<Loaded>> inFlight = new AtomicReference<>();

    IssuerKeys(String iss, Supplier<JWKSet> loader, Clock clock) {
        this(iss, loader, clock, DEFAULT_WAIT);
    }

    IssuerKeys(String iss, Supplier<JWKSet> loader, Clock clock, Duration wait) {
        this.iss = iss;
        this.loader = loader;
        this.clock = clock;
        this.wait = wait;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        Loaded current = loaded;
        if (current == null) {
            current = await(reload(now)); // first use: nothing to serve until the first fetch ends
        } else if (current.at().plus(MAX_AGE).isBefore(now)) {
            reload(now); // refresh ahead: the old set serves this call and any until the new one arrives
        }
        List<JWK> found = current == null ? List.of() : selector.select(current.keys());
        if (found.isEmpty()) {
            Loaded fresh = await(reload(now));
            if (fresh != null) {
                found = selector.select(fresh.keys());
            }
        }
        return found;
    }

    /** Loads now; used at start-up for static files so a broken file stops the service at once. */
    void load() {
        Instant now = clock.instant();
        lastAttempt = now;
        loaded = new Loaded(loader.get().toPublicJWKSet(), now);
    }

    /**
     * The fetch under way, or a new one when the last attempt is a minute old; null when the rate limit allows none.
     * Single flight without a lock: whoever installs the future starts the fetch, everyone else shares it.
     */
    private CompletableFuture<Loaded> reload(Instant now) {
        CompletableFuture<Loaded> mine = new CompletableFuture<>();
        while (true) {
            CompletableFuture<Loaded> running = inFlight.get();
            if (running != null) {
                return running;
            }
            Instant last = lastAttempt;
            if (last != null && last.plus(MIN_RELOAD_INTERVAL).isAfter(now)) {
                return null;
            }
            if (inFlight.compareAndSet(null, mine)) {
                lastAttempt = now;
                FETCHES.execute(() -> fetch(mine, now));
                return mine;
            }
        }
    }

    private void fetch(CompletableFuture<Loaded> result, Instant now) {
        try {
            // Public parts only: a private or symmetric key in a JWKS must never become a verification key.
            Loaded fresh = new Loaded(loader.get().toPublicJWKSet(), now);
            loaded = fresh;
            log.info("Loaded {} key(s) for issuer {}", fresh.keys().size(), iss);
            result.complete(fresh);
        } catch (RuntimeException e) {
            Loaded previous = loaded;
            log.warn("Could not load the JWKS of issuer {}: {}; keeping {} cached key(s)", iss, e.getMessage(),
                    previous == null ? 0 : previous.keys().size());
            result.complete(null);
        } finally {
            inFlight.compareAndSet(result, null);
        }
    }

    /** The fetched set, or null when there is no fetch, it failed or it took longer than {@code wait}. */
    private Loaded await(CompletableFuture<Loaded> fetch) throws KeySourceException {
        if (fetch == null) {
            return loaded;
        }
        try {
            Loaded fresh = fetch.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return fresh != null ? fresh : loaded;
        } catch (TimeoutException e) {
            log.warn("The JWKS of issuer {} did not arrive within {}; using {} cached key(s)", iss, wait,
                    loaded == null ? 0 : loaded.keys().size());
            return loaded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("Interrupted while waiting for the JWKS of issuer " + iss, e);
        } catch (ExecutionException e) {
            return loaded;
        }
    }
}
