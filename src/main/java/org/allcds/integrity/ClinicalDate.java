package org.allcds.integrity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.allcds.facts.EvaluationTime;
import org.allcds.mapping.CalendarZone;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
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

    /**
     * effective[x] or performed[x] (a Period by its start), or a Condition's diagnosis date ({@link #diagnosisDate}),
     * whose full dates are read in {@code zone}.
     */
    static Optional<Dated> of(Resource resource, CalendarZone zone) {
        if (resource instanceof Observation observation) {
            return dated("Observation.effective[x]", startOf(observation.getEffective()));
        }
        if (resource instanceof Procedure procedure) {
            return dated("Procedure.performed[x]", startOf(procedure.getPerformed()));
        }
        if (resource instanceof Condition condition) {
            return diagnosisDate(condition, zone);
        }
        return Optional.empty();
    }

    /**
     * When the result was issued: a result reported after the evaluation time was not known then, whatever day its
     * sample was taken (D4: only what was known at the evaluation time counts).
     */
    static Optional<Dated> issued(Resource resource) {
        return resource instanceof Observation observation ? dated("Observation.issued", observation.getIssuedElement())
                : Optional.empty();
    }

    /**
     * The last instant an evaluation time may mean: its own, for a dateTime; for a date, the end of that day in the
     * site's zone, or without one in the last time zone to leave it (UTC-12), so that only a result certainly issued
     * later is left out.
     */
    static Instant lastInstant(EvaluationTime at, CalendarZone zone) {
        String given = at.asGiven();
        if (given.length() > 10) {
            try {
                return new DateTimeType(given).getValue().toInstant();
            } catch (RuntimeException notADateTime) {
                // validated before evaluation; should it not parse, the day's end is the safe reading
            }
        }
        ZoneId lastToLeave = zone.zone().orElse(ZoneOffset.ofHours(-12));
        return at.date().plusDays(1).atStartOfDay(lastToLeave).toInstant();
    }

    /**
     * The diagnosis date the mapping uses (contract I2, C-03): the first of assertedDate, onset (a dateTime, or a
     * Period's start), recordedDate that has a day and lies within every earlier one given only to a month or year; else
     * the first. A month-only assertedDate must not stand in for a later onset that the mapping then reads, nor an entry
     * date outside that month for the diagnosis.
     */
    private static Optional<Dated> diagnosisDate(Condition condition, CalendarZone zone) {
        List<Extension> asserted = condition.getExtensionsByUrl(ASSERTED_DATE_URL);
        // a repeated assertedDate is reported by the mapping (invalid-value) and, as there, not used
        Optional<Dated> assertedDate = asserted.size() == 1 && asserted.get(0).getValue() instanceof BaseDateTimeType value
                ? dated("Condition.extension:assertedDate", value) : Optional.empty();
        Optional<Dated> onset = condition.getOnset() instanceof BaseDateTimeType value
                ? dated("Condition.onsetDateTime", value)
                : condition.getOnset() instanceof Period period ? dated("Condition.onsetPeriod.start", period.getStartElement())
                : Optional.empty();
        List<Dated> dates = Stream.of(assertedDate, onset, dated("Condition.recordedDate",
                condition.getRecordedDateElement())).flatMap(Optional::stream).toList();
        List<String> coarser = new java.util.ArrayList<>();
        for (Dated date : dates) {
            if (date.value().getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
                coarser.add(date.value().getValueAsString());
                continue;
            }
            String day = zone.date(date.value()).toString();
            if (coarser.stream().allMatch(day::startsWith)) {
                return Optional.of(date);
            }
        }
        return dates.stream().findFirst();
    }

    /**
     * True when the value's first possible calendar day, in the site's zone (as written without one, contract E9), is
     * after the date: a year or year-month counts from its first day, so only what is certainly later is left out.
     */
    static boolean isAfter(BaseDateTimeType value, LocalDate date, CalendarZone zone) {
        String text = value.getValueAsString();
        LocalDate first = switch (text.length() < 10 ? text.length() : 10) {
            case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
            case 7 -> LocalDate.parse(text + "-01");
            case 10 -> zone.date(value);
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
