package org.allcds.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * One issuer's public keys, cached. An unknown {@code kid} reloads them at most once a minute, so a client can rotate
 * keys without a restart but cannot make us hammer its JWKS; the set is also reloaded when older than an hour, so
 * a withdrawn key stops working. A failed reload keeps the previous set.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    static final Duration MIN_RELOAD_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_AGE = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    private final String iss;
    private final Supplier<JWKSet> loader;
    private final Clock clock;
    private JWKSet keys = new JWKSet();
    private Instant loadedAt;
    private Instant lastAttempt;

    IssuerKeys(String iss, Supplier<JWKSet> loader, Clock clock) {
        this.iss = iss;
        this.loader = loader;
        this.clock = clock;
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        if (loadedAt == null || loadedAt.plus(MAX_AGE).isBefore(now)) {
            reload(now);
        }
        List<JWK> found = selector.select(keys);
        if (found.isEmpty() && mayReload(now)) {
            reload(now);
            found = selector.select(keys);
        }
        return found;
    }

    /** Loads now; used at start-up for static files so a broken file stops the service at once. */
    synchronized void load() {
        JWKSet loaded = loader.get();
        keys = loaded.toPublicJWKSet();
        loadedAt = lastAttempt = clock.instant();
    }

    private boolean mayReload(Instant now) {
        return lastAttempt == null || !lastAttempt.plus(MIN_RELOAD_INTERVAL).isAfter(now);
    }

    private void reload(Instant now) {
        if (!mayReload(now)) {
            return;
        }
        lastAttempt = now;
        try {
            // Public parts only: a private or symmetric key in a JWKS must never become a verification key.
            keys = loader.get().toPublicJWKSet();
            loadedAt = now;
            log.info("Loaded {} key(s) for issuer {}", keys.size(), iss);
        } catch (RuntimeException e) {
            log.warn("Could not load the JWKS of issuer {}: {}; keeping {} cached key(s)", iss, e.getMessage(), keys.size());
        }
    }
}
