package org.allcds.errors;

import java.util.List;

/**
 * The request body did not arrive in full: 408 when the client stopped sending until the connection's read timeout,
 * 400 when it ended before the length it announced. Said as such, never as JSON that is not valid, so that the log
 * line of a refusal names the status the client was sent and the reason.
 */
public final class RequestBodyIncompleteException extends CdsException {

    private RequestBodyIncompleteException(int status, String diagnostics) {
        super(status, status == 408 ? "timeout" : "incomplete", diagnostics, List.of());
    }

    public static RequestBodyIncompleteException timedOut() {
        return new RequestBodyIncompleteException(408, "The request body did not arrive in full: the client stopped"
                + " sending before the read timeout.");
    }

    public static RequestBodyIncompleteException endedEarly() {
        return new RequestBodyIncompleteException(400, "The request body ended before the length it announced"
                + " (Content-Length).");
    }

    /** Its diagnostics are fixed sentences. */
    @Override
    public String logText() { return diagnostics(); }
}
