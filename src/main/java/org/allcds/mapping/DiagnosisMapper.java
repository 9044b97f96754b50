package org.allcds.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.Diagnosis;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;

/** I2: the ALL diagnosis date: assertedDate, else onset, else recordedDate (C-03); the earliest Condition wins. */
final class DiagnosisMapper {

    private DiagnosisMapper() {
    }

    static List<Condition> allConditions(List<Condition> conditions, MappingContext ctx) {
        return conditions.stream().filter(c -> ctx.matches(c.getCode(), Codes.ALL_DIAGNOSIS)).toList();
    }

    /**
     * The earliest diagnosis date of the ALL Conditions (I2). A Condition known only to a month or year that may be
     * earlier than every full date (its first day before theirs) leaves the earliest unknown: no date, rather than a
     * later one in its place (C-08). Its date without a day is reported where it is read.
     */
    static Optional<Diagnosis> map(List<Condition> allConditions, MappingContext ctx) {
        List<Dating> datings = allConditions.stream().map(c -> dating(c, ctx)).toList();
        Optional<Diagnosis> earliest = datings.stream().map(Dating::diagnosis).flatMap(Optional::stream)
                .min(Comparator.comparing(Diagnosis::date)
                        .thenComparing(Diagnosis::reference, Comparator.nullsLast(Comparator.naturalOrder())));
        boolean mayBeEarlier = earliest.isPresent() && datings.stream().map(Dating::span).flatMap(Optional::stream)
                .anyMatch(span -> span.first().isBefore(earliest.get().date()));
        return mayBeEarlier ? Optional.empty() : earliest;
    }

    /** A Condition's diagnosis date, or, when it is known only to a month or year, the days it covers. */
    private record Dating(Optional<Diagnosis> diagnosis, Optional<ClinicalDates.Span> span) {
    }

    /**
     * C-03: assertedDate, else onset (a dateTime, or a Period's start), else recordedDate. A date without a day does not
     * give way to a later element's full date that lies outside it (an assertedDate of 2024-05 and a recordedDate of
     * 2024-06-10: the entry date would move the WBC window by a month); one inside it (an onset of 2024-05-06) is the
     * same diagnosis told more exactly, and is used.
     */
    private static Dating dating(Condition condition, MappingContext ctx) {
        String reference = MappingContext.reference(condition);
        Optional<ClinicalDates.Span> within = Optional.empty();
        for (Candidate candidate : candidates(condition, reference, ctx)) {
            Optional<ClinicalDates.Span> span = ClinicalDates.span(candidate.value());
            if (span.isPresent()) {
                ctx.issue("imprecise-date", candidate.element(), reference);
                within = Optional.of(within.map(w -> w.overlap(span.get())).orElse(span.get()));
                continue;
            }
            Optional<LocalDate> date = ctx.date(candidate.value(), candidate.element(), reference);
            if (date.isPresent() && within.map(w -> !date.get().isBefore(w.first()) && !date.get().isAfter(w.last()))
                    .orElse(true)) {
                return new Dating(Optional.of(new Diagnosis(date.get(), candidate.basis(), reference)), Optional.empty());
            }
        }
        return new Dating(Optional.empty(), within);
    }

    /** A date element of the Condition, in C-03's order. */
    private record Candidate(BaseDateTimeType value, String element, String basis) {
    }

    private static List<Candidate> candidates(Condition condition, String reference, MappingContext ctx) {
        List<Candidate> candidates = new ArrayList<>();
        List<Extension> assertedDates = condition.getExtensionsByUrl(Codes.ASSERTED_DATE_URL);
        if (assertedDates.size() > 1) {
            // at most one assertedDate; two cannot say which is meant
            ctx.issue("invalid-value", "Condition.extension:assertedDate", reference);
        } else if (!assertedDates.isEmpty() && assertedDates.get(0).getValue() instanceof BaseDateTimeType value) {
            candidates.add(new Candidate(value, "Condition.extension:assertedDate", "assertedDate"));
        }
        if (condition.getOnset() instanceof BaseDateTimeType onset) {
            candidates.add(new Candidate(onset, "Condition.onsetDateTime", "onsetDateTime"));
        } else if (condition.getOnset() instanceof Period onset && onset.hasStart()) {
            candidates.add(new Candidate(onset.getStartElement(), "Condition.onsetPeriod.start", "onsetPeriod"));
        }
        if (condition.hasRecordedDateElement() && condition.getRecordedDateElement().hasValue()) {
            candidates.add(new Candidate(condition.getRecordedDateElement(), "Condition.recordedDate", "recordedDate"));
        }
        return candidates;
    }
}
