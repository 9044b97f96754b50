package org.allcds.errors;

/** What a log line may quote of what a client sent. */
public final class LogText {

    public static final int MAX_LOGGED = 300;

    private LogText() {
    }

    /**
     * Diagnostics may quote what a client sent (a field name, a media type, a token's issuer): in the log at most
     * {@link #MAX_LOGGED} characters of it, on one line, so that it cannot forge log lines.
     */
    public static String bounded(String diagnostics) {
        String cut = diagnostics.length() > MAX_LOGGED ? diagnostics.substring(0, MAX_LOGGED) + "..." : diagnostics;
        return cut.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?");
    }
}
