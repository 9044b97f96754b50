package org.allcds.integrity;

import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/** D4: the date a resource says something happened, and whether that lies after the evaluation time. */
final class ClinicalDate {

    static final String ASSERTED_DATE_URL = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";

    /** The element holding the date (for the finding) and its value. */
    record Dated(String element, BaseDateTimeType value) {
    }

    private ClinicalDate() {
    }

    /** effective[x] or performed[x] (a Period by its start), or a Condition's diagnosis date (contract I2). */
    static Optional<Dated> of(Resource resource) {
        if (resource instanceof Observation observation) {
            return dated("Observation.effective[x]", startOf(observation.getEffective()));
        }
        if (resource instanceof Procedure procedure) {
            return dated("Procedure.performed[x]", startOf(procedure.getPerformed()));
        }
        if (resource instanceof Condition condition) {
            Extension asserted = condition.getExtensionByUrl(ASSERTED_DATE_URL);
            if (asserted != null && asserted.getValue() instanceof BaseDateTimeType value && value.hasValue()) {
                return dated("Condition.extension:assertedDate", value);
            }
            if (condition.getOnset() instanceof BaseDateTimeType onset && onset.hasValue()) {
                return dated("Condition.onsetDateTime", onset);
            }
            return dated("Condition.recordedDate", condition.getRecordedDateElement());
        }
        return Optional.empty();
    }

    /**
     * True when the value's first possible calendar day, as written (offset kept, contract E9), is after the date: a
     * year or year-month counts from its first day, so only what is certainly later is left out.
     */
    static boolean isAfter(BaseDateTimeType value, LocalDate date) {
        String text = value.getValueAsString();
        LocalDate first = switch (text.length() < 10 ? text.length() : 10) {
            case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
            case 7 -> LocalDate.parse(text + "-01");
            case 10 -> LocalDate.parse(text.substring(0, 10));
            default -> null;
        };
        return first != null && first.isAfter(date);
    }

    private static Optional<Dated> dated(String element, BaseDateTimeType value) {
        return value == null || !value.hasValue() || value.getValueAsString() == null ? Optional.empty()
                : Optional.of(new Dated(element, value));
    }

    private static BaseDateTimeType startOf(Type value) {
        if (value instanceof BaseDateTimeType date) {
            return date;
        }
        return value instanceof Period period ? period.getStartElement() : null;
    }
}
