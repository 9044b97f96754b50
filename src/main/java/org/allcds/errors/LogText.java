package org.allcds.errors;

/** What a log line, or an answer's diagnostics, may quote of what a client sent. */
public final class LogText {

    public static final int MAX_LOGGED = 300;
    /** The most of one value a client sent (a hook, a service id, a member name) that diagnostics quote. */
    public static final int MAX_QUOTED = 100;

    private LogText() {
    }

    /**
     * Diagnostics may quote what a client sent (a field name, a media type, a token's issuer): in the log at most
     * {@link #MAX_LOGGED} characters of it, on one line, so that it cannot forge log lines.
     */
    public static String bounded(String diagnostics) {
        return cut(diagnostics, MAX_LOGGED, "...").replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?");
    }

    /**
     * One value a client sent, as diagnostics quote it: at most {@link #MAX_QUOTED} characters, then "…", so that an
     * answer never echoes a value at any length (a hook of 100,000 characters) and still shows what was sent.
     */
    public static String quoted(String value) {
        return cut(value, MAX_QUOTED, "…");
    }

    /** {@code text} cut after {@code max} characters, {@code more} marking the cut. */
    public static String cut(String text, int max, String more) {
        return text.length() > max ? text.substring(0, max) + more : text;
    }
}
