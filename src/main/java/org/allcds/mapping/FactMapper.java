package org.allcds.mapping;

import java.time.LocalDate;
import java.util.List;
import org.allcds.prefetch.PatientData;

/** Placeholder until the mapping lands. */
public final class FactMapper {
    public FactMapper() {
    }

    public FactMapper(ConceptTranslator translator) {
    }

    public List<Object> map(PatientData data, LocalDate evaluationDate) {
        throw new UnsupportedOperationException("mapping not merged yet");
    }
}
