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

    /**
     * What the WARN log says of it. The diagnostics may quote what the client sent (a hook, a member name, a value, a
     * header), which the log must not hold above DEBUG: by default only the issue code; a subclass whose diagnostics
     * never quote the request returns them.
     */
    public String logText() { return issueCode + " (the answer's diagnostics quote the request: logged at DEBUG)"; }

    /** The OperationOutcome for this error: the diagnostics first, then any further issues (e.g. validation). */
    public OperationOutcomeBody toOperationOutcome() {
        return OperationOutcomeBody.of(issueCode, diagnostics(), extraIssues);
    }
}
