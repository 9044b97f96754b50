package org.allcds.integrity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.allcds.facts.DataQualityIssue;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PatientData;

/** The patient's record after the integrity step, and what the step left out (as data-quality issues). */
public record CheckedRecord(PatientData data, List<DataQualityIssue> issues) {

    public CheckedRecord {
        issues = List.copyOf(issues);
    }

    /** The mapped facts of the clean data, followed by the step's issues; the caller adds time and configuration. */
    public List<Object> facts(FactMapper mapper, LocalDate evaluationDate) {
        List<Object> facts = new ArrayList<>(mapper.map(data, evaluationDate));
        facts.addAll(issues);
        return facts;
    }
}
