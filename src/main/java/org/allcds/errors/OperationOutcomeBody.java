package org.allcds.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** A FHIR R4 OperationOutcome as a plain record, so every layer (filters included) can write one without HAPI. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OperationOutcomeBody(String resourceType, List<Issue> issue) {

    /** One issue; {@code expression} holds FHIRPath or JSON paths of the offending element. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Issue(String severity, String code, String diagnostics, List<String> expression) {
        public static Issue error(String code, String diagnostics, String... expression) {
            return new Issue("error", code, diagnostics, List.of(expression));
        }
    }

    public static OperationOutcomeBody of(String code, String diagnostics, List<Issue> more) {
        List<Issue> issues = new ArrayList<>();
        issues.add(new Issue("error", code, diagnostics, List.of()));
        issues.addAll(more);
        return new OperationOutcomeBody("OperationOutcome", issues);
    }

    /** The 500's diagnostics: the cause goes to the log, never to the client. */
    public static final String INTERNAL_ERROR = "Internal error; it has been logged.";

    /** The answer to a request the service failed on (a bug: a rule that throws, for one). */
    public static OperationOutcomeBody internalError() {
        return of("exception", INTERNAL_ERROR, List.of());
    }
}
