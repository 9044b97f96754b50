package org.allcds.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.Diagnosis;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;

/** I2: the ALL diagnosis date: assertedDate, else onsetDateTime, else recordedDate (C-03); the earliest Condition wins. */
final class DiagnosisMapper {

    private DiagnosisMapper() {
    }

    static List<Condition> allConditions(List<Condition> conditions, MappingContext ctx) {
        return conditions.stream().filter(c -> ctx.matches(c.getCode(), Codes.ALL_DIAGNOSIS)).toList();
    }

    static Optional<Diagnosis> map(List<Condition> allConditions, MappingContext ctx) {
        return allConditions.stream()
                .map(c -> diagnosis(c, ctx))
                .flatMap(Optional::stream)
                .min(Comparator.comparing(Diagnosis::date)
                        .thenComparing(Diagnosis::reference, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    private static Optional<Diagnosis> diagnosis(Condition condition, MappingContext ctx) {
        String reference = MappingContext.reference(condition);
        List<Extension> assertedDates = condition.getExtensionsByUrl(Codes.ASSERTED_DATE_URL);
        if (assertedDates.size() > 1) {
            // at most one assertedDate; two cannot say which is meant
            ctx.issue("invalid-value", "Condition.extension:assertedDate", reference);
        } else if (!assertedDates.isEmpty() && assertedDates.get(0).getValue() instanceof BaseDateTimeType value) {
            Optional<Diagnosis> found = dated(value, "Condition.extension:assertedDate", "assertedDate", reference, ctx);
            if (found.isPresent()) {
                return found;
            }
        }
        if (condition.getOnset() instanceof BaseDateTimeType onset) {
            Optional<Diagnosis> found = dated(onset, "Condition.onsetDateTime", "onsetDateTime", reference, ctx);
            if (found.isPresent()) {
                return found;
            }
        }
        return dated(condition.getRecordedDateElement(), "Condition.recordedDate", "recordedDate", reference, ctx);
    }

    private static Optional<Diagnosis> dated(BaseDateTimeType value, String element, String basis, String reference,
                                             MappingContext ctx) {
        return ctx.date(value, element, reference).map(date -> new Diagnosis(date, basis, reference));
    }
}
