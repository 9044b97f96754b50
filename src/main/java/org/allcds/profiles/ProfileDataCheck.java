package org.allcds.profiles;

import java.util.List;
import org.allcds.engine.Evaluation;
import org.allcds.pipeline.DataCheck;
import org.allcds.prefetch.PatientData;

/**
 * The pipeline's check before mapping: the patient's resources against the input profiles. Strict mode throws the 400
 * from here; warn mode adds the {@code data-quality} finding, which the renderer puts on its own info card.
 */
public final class ProfileDataCheck implements DataCheck {

    private final ProfileValidation validation;

    public ProfileDataCheck(ProfileValidation validation) {
        this.validation = validation;
    }

    @Override
    public Outcome check(PatientData data) {
        return new Outcome(data, validation.apply(validation.validate(data))
                .map(f -> List.of(new Evaluation.ExplainedFinding(f, List.of(), List.of())))
                .orElse(List.of()));
    }
}
