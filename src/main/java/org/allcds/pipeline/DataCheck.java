package org.allcds.pipeline;

import java.util.List;
import org.allcds.engine.Evaluation;
import org.allcds.prefetch.PatientData;

/**
 * A check of the patient's data before mapping (profile validation): it may refuse the request (strict) or add
 * findings to the response (warn). Off by default.
 */
public interface DataCheck {

    record Outcome(List<Evaluation.ExplainedFinding> findings) {
    }

    Outcome check(PatientData data);

    DataCheck OFF = data -> new Outcome(List.of());
}
