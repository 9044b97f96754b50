package org.allcds.integrity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.allcds.facts.DataQualityIssue;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PatientData;

/**
 * The patient's record after the integrity step, what the step left out as data-quality issues, and the records it
 * left out for another patient's (D2), for a status that cannot be read (D5) or dated after the evaluation time (D4),
 * which never reach the rules.
 */
public record CheckedRecord(PatientData data, List<DataQualityIssue> issues, PatientData excluded,
                            PatientData excludedOfThePatient) {

    public CheckedRecord {
        issues = List.copyOf(issues);
    }

    public CheckedRecord(PatientData data, List<DataQualityIssue> issues) {
        this(data, issues, new PatientData(List.of()), new PatientData(List.of()));
    }

    /** The mapped facts of the clean data, followed by the step's issues; the caller adds time and configuration. */
    public List<Object> facts(FactMapper mapper, LocalDate evaluationDate) {
        List<Object> facts = new ArrayList<>(mapper.map(data, evaluationDate));
        facts.addAll(issues);
        return facts;
    }
}
