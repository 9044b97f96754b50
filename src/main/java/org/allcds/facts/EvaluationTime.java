package org.allcds.facts;

import java.time.LocalDate;
import java.util.Objects;

/** "Now" for every date rule: the server clock or the request's evaluationTime. Rules never read a clock. */
public record EvaluationTime(LocalDate date, String asGiven) {
    public EvaluationTime {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(asGiven, "asGiven");
    }
}
