package org.allcds.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The replay cache shared by every replica through the database ({@code jwt_replay}): a token is accepted by the one
 * INSERT that succeeds; the primary key refuses every other use, at whichever replica. Keys are SHA-256 hashes of
 * {@code iss} and {@code jti}, so no client-supplied text is stored. Expired rows are deleted by {@link #purge}.
 * <p>
 * When the database is unreachable, service calls must still answer: this replica then falls back to its own memory,
 * which still refuses the replays it has seen itself, and says so once in the log.
 */
final class JdbcReplayStore implements ReplayStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcReplayStore.class);

    private final JdbcTemplate jdbc;
    private final ReplayCache fallback;
    private volatile boolean fellBack;

    JdbcReplayStore(JdbcTemplate jdbc, ReplayCache fallback) {
        this.jdbc = jdbc;
        this.fallback = fallback;
    }

    @Override
    public ReplayCache.Result use(String iss, String jti, Instant expiry, Instant now) {
        String key = key(iss, jti);
        try {
            ReplayCache.Result result = insert(key, expiry, now);
            if (fellBack) {
                fellBack = false;
                log.info("JWT replay cache: the database is reachable again; replicas share it again");
            }
            return result;
        } catch (DataAccessException | TransactionException e) {
            if (!fellBack) {
                fellBack = true;
                log.warn("JWT replay cache: the database is unreachable ({}); this replica uses its own memory until it"
                        + " is back, so a token replayed at another replica is not refused meanwhile", e.getClass().getSimpleName());
            }
            return fallback.use(iss, jti, expiry, now);
        }
    }

    private ReplayCache.Result insert(String key, Instant expiry, Instant now) {
        try {
            jdbc.update("INSERT INTO jwt_replay (jti_key, expires_at) VALUES (?, ?)", key, expiry.atOffset(ZoneOffset.UTC));
            return ReplayCache.Result.FIRST_USE;
        } catch (DuplicateKeyException seen) {
            // Still live: a replay. Expired (not yet purged): the id may be used again by a new token, once.
            int freed = jdbc.update("DELETE FROM jwt_replay WHERE jti_key = ? AND expires_at < ?", key, now.atOffset(ZoneOffset.UTC));
            if (freed == 0) {
                return ReplayCache.Result.REPLAYED;
            }
            return insert(key, expiry, now); // a concurrent first use makes this a REPLAYED, so it recurses at most once
        }
    }

    /** Deletes the entries whose tokens can no longer be accepted. */
    int purge(Instant now) {
        return jdbc.update("DELETE FROM jwt_replay WHERE expires_at < ?", now.atOffset(ZoneOffset.UTC));
    }

    static String key(String iss, String jti) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((iss + '\u0000' + jti).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
