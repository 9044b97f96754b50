package org.allcds.errors;

import java.util.List;

/** 400: malformed JSON, a missing or mistyped field, a bad evaluationTime, or data that fails strict validation. */
public final class InvalidCdsRequestException extends CdsException {
    public InvalidCdsRequestException(String diagnostics) {
        super(400, "invalid", diagnostics, List.of());
    }

    public InvalidCdsRequestException(String diagnostics, List<OperationOutcomeBody.Issue> issues) {
        super(400, "invalid", diagnostics, issues);
    }
}
