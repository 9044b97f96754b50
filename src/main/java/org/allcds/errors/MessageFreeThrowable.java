package org.allcds.errors;

/**
 * A copy of an exception chain for the log: each exception's class and stack trace, without its message. An unexpected
 * exception from a library quotes the data it failed on (HAPI's validator: {@code For input string: "…"}), and request
 * data must not reach the log; the classes and frames are what a maintainer needs to find the fault.
 */
public final class MessageFreeThrowable extends RuntimeException {

    /** Deeper chains are cut: a cause chain can loop ({@code initCause} only refuses the exception itself). */
    static final int MAX_DEPTH = 16;

    private final String originalType;

    private MessageFreeThrowable(Throwable original, int depth) {
        super(null, depth + 1 < MAX_DEPTH && original.getCause() != null
                ? new MessageFreeThrowable(original.getCause(), depth + 1) : null, false, true);
        this.originalType = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /** The copy of {@code original} and its causes, messages withheld. */
    public static MessageFreeThrowable of(Throwable original) {
        return new MessageFreeThrowable(original, 0);
    }

    /** The class of the exception this copies. */
    public String originalType() {
        return originalType;
    }

    @Override
    public String getMessage() {
        return originalType + " (message withheld: it may quote request data)";
    }
}
