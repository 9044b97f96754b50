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

    /**
     * A JSON null where the contract defines a value: CDS Hooks says JSON values SHALL NOT be null, and reading it as
     * absent would silently use a default (the server clock for an evaluationTime). Unknown members may be null.
     */
    public static InvalidCdsRequestException nullValue(String path) {
        return new InvalidCdsRequestException(path + " is null; CDS Hooks JSON values must not be null: give a value or"
                + " leave the member out.");
    }
}
