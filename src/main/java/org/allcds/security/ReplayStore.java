package org.allcds.security;

import java.time.Instant;

/** Where the {@code jti}s seen are kept: in this process ({@link ReplayCache}) or shared by replicas ({@link JdbcReplayStore}). */
interface ReplayStore {

    /** Records {@code iss}+{@code jti} until {@code expiry} unless already seen and still live. */
    ReplayCache.Result use(String iss, String jti, Instant expiry, Instant now);
}
