package org.allcds.errors;

import java.util.List;

/**
 * A request that cannot be answered normally. {@link #diagnostics()} is one sentence naming what was wrong and where
 * (the JSON path or the prefetch key); it never carries patient data, tokens or class names.
 */
public abstract sealed class CdsException extends RuntimeException
        permits InvalidCdsRequestException, UnauthenticatedException, UnknownServiceException,
        PrefetchUnavailableException, RequestTooLargeException, RequestBodyIncompleteException, UnsupportedMediaException,
        UnavailableException {

    private final int status;
    private final String issueCode;
    private final List<OperationOutcomeBody.Issue> extraIssues;

    protected CdsException(int status, String issueCode, String diagnostics, List<OperationOutcomeBody.Issue> extraIssues) {
        super(diagnostics, null, false, false);
        this.status = status;
        this.issueCode = issueCode;
        this.extraIssues = List.copyOf(extraIssues);
    }

    public int status() { return status; }

    public String diagnostics() { return getMessage(); }

    /** What the log says of it: the diagnostics, unless they quote what the client typed. */
    public String logText() { return diagnostics(); }

    /** The OperationOutcome for this error: the diagnostics first, then any further issues (e.g. validation). */
    public OperationOutcomeBody toOperationOutcome() {
        return OperationOutcomeBody.of(issueCode, diagnostics(), extraIssues);
    }
}
