package org.allcds.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Ids derived from a list's content ({@code sha256:} and the hash of its items' parts, in order), under which the store
 * keeps each distinct list once. Being derived from the content, an id is the same in every replica and after every
 * restart, so replicas sharing a database agree on it.
 */
final class ContentId {

    /** Prefix of ids derived from the content. */
    static final String PREFIX = "sha256:";

    private ContentId() {
    }

    /** The id of {@code items}, each hashed as the parts {@code parts} gives, in order. */
    static <T> String of(List<T> items, Function<T, String[]> parts) {
        MessageDigest sha256 = sha256();
        for (T item : items) {
            // Each part ends in a character no part contains, so different lists cannot run together into one text.
            for (String part : parts.apply(item)) {
                sha256.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
        }
        return PREFIX + HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
