package org.allcds.pipeline;

import java.util.List;
import org.allcds.engine.Evaluation;
import org.allcds.prefetch.PatientData;

/**
 * A step between prefetch and mapping: it may refuse the request (throw a {@code CdsException}), hand on cleaned data
 * (e.g. drop entered-in-error resources) and add findings to the response. Every evaluation, wherever it runs, passes
 * the same steps in the same order ({@link PatientEvaluator}).
 */
public interface DataCheck {

    /** The data to map next, and what the step has to say about it. */
    record Outcome(PatientData data, List<Evaluation.ExplainedFinding> findings) {

        public Outcome {
            findings = List.copyOf(findings);
        }

        public static Outcome unchanged(PatientData data) {
            return new Outcome(data, List.of());
        }
    }

    Outcome check(PatientData data);

    DataCheck OFF = Outcome::unchanged;
}
