package org.allcds.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.allcds.facts.AllDiagnosisToConfirm;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.NoAllCondition;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Range;

/**
 * I2: the ALL diagnosis date: assertedDate, else onset, else recordedDate (C-03); the earliest Condition wins. A
 * Condition not confirmed (provisional, differential, unconfirmed) is not the diagnosis ({@link ConditionVerification}).
 */
final class DiagnosisMapper {

    private DiagnosisMapper() {
    }

    /** The confirmed ALL diagnosis Conditions: those that date the diagnosis, show an ALL patient and give a lineage. */
    static List<Condition> allConditions(List<Condition> conditions, MappingContext ctx) {
        return coded(conditions, ctx).filter(c -> !ConditionVerification.isNotConfirmed(c)).toList();
    }

    /**
     * What the record lacks of its ALL diagnosis when none of its Conditions is a confirmed one ({@code confirmed}
     * empty): the record itself where no Condition is coded as ALL, whatever its status ({@link NoAllCondition}), else a
     * confirmed diagnosis ({@link AllDiagnosisToConfirm}), with whether confirming it would give the lineage; empty
     * beside a confirmed Condition, dated or not.
     */
    static Optional<Object> recordGap(List<Condition> conditions, List<Condition> confirmed, MappingContext ctx) {
        if (!confirmed.isEmpty()) {
            return Optional.empty();
        }
        List<Condition> toConfirm = coded(conditions, ctx).toList();
        return Optional.of(toConfirm.isEmpty() ? new NoAllCondition()
                : new AllDiagnosisToConfirm(LineageMapper.givenByEveryCode(toConfirm, ctx)));
    }

    private static Stream<Condition> coded(List<Condition> conditions, MappingContext ctx) {
        return conditions.stream().filter(c -> ctx.matches(c.getCode(), Codes.ALL_DIAGNOSIS));
    }

    /**
     * The earliest diagnosis date of the ALL Conditions (I2). A Condition known only to a month or year that may be
     * earlier than every full date (its first day before theirs) leaves the earliest unknown: no date, rather than a
     * later one in its place (C-08). Its date without a day is reported where it is read.
     */
    static Optional<Diagnosis> map(List<Condition> allConditions, MappingContext ctx) {
        return map(allConditions, Optional.empty(), ctx);
    }

    /** As {@link #map(List, MappingContext)}, an onset given as an age read from the birth date when it is known. */
    static Optional<Diagnosis> map(List<Condition> allConditions, Optional<LocalDate> birthDate, MappingContext ctx) {
        return earliest(allConditions, birthDate, ctx).map(DatedCondition::diagnosis);
    }

    /** As {@link #map(List, Optional, MappingContext)}, with the Condition and the element the date was read from. */
    static Optional<DatedCondition> earliest(List<Condition> allConditions, Optional<LocalDate> birthDate,
                                             MappingContext ctx) {
        List<Dating> datings = allConditions.stream().map(c -> dating(c, birthDate, ctx)).toList();
        Optional<DatedCondition> earliest = datings.stream().map(Dating::datedCondition).flatMap(Optional::stream)
                .min(Comparator.comparing((DatedCondition d) -> d.diagnosis().date())
                        .thenComparing(d -> d.diagnosis().reference(), Comparator.nullsLast(Comparator.naturalOrder())));
        boolean mayBeEarlier = earliest.isPresent() && datings.stream().map(Dating::span).flatMap(Optional::stream)
                .anyMatch(span -> span.first().isBefore(earliest.get().diagnosis().date()));
        return mayBeEarlier ? Optional.empty() : earliest;
    }

    /** A diagnosis with the Condition it was read from and the element that gave its date. */
    record DatedCondition(Diagnosis diagnosis, Condition condition, String element) {
    }

    /** A Condition's diagnosis date, or, when it is known only to a month or year, the days it covers. */
    private record Dating(Optional<DatedCondition> datedCondition, Optional<ClinicalDates.Span> span) {
    }

    /**
     * C-03: assertedDate, else onset (a dateTime, a Period's start, or an age or a range of ages from the birth date),
     * else recordedDate. A date without a day, or an age of more than one day (4 years: a year of days), does not give
     * way to a later element's full date that lies outside it (an assertedDate of 2024-05 and a recordedDate of
     * 2024-06-10: the entry date would move the WBC window by a month); one inside it (an onset of 2024-05-06) is the
     * same diagnosis told more exactly, and is used.
     */
    private static Dating dating(Condition condition, Optional<LocalDate> birthDate, MappingContext ctx) {
        String reference = MappingContext.reference(condition);
        Optional<ClinicalDates.Span> within = Optional.empty();
        for (Candidate candidate : candidates(condition, birthDate, reference, ctx)) {
            Optional<ClinicalDates.Span> span = candidate.span();
            if (span.isPresent()) {
                ctx.issue("imprecise-date", candidate.element(), reference);
                within = Optional.of(within.map(w -> w.overlap(span.get())).orElse(span.get()));
                continue;
            }
            Optional<LocalDate> date = candidate.date(reference, ctx);
            if (date.isPresent() && within.map(w -> !date.get().isBefore(w.first()) && !date.get().isAfter(w.last()))
                    .orElse(true)) {
                Diagnosis diagnosis = new Diagnosis(date.get(), candidate.basis(), reference);
                DatedCondition dated = new DatedCondition(diagnosis, condition, candidate.element());
                return new Dating(Optional.of(dated), Optional.empty());
            }
        }
        return new Dating(Optional.empty(), within);
    }

    /** A date element of the Condition, in C-03's order, or an onset age as the days it covers ({@code ages}). */
    private record Candidate(BaseDateTimeType value, ClinicalDates.Span ages, String element, String basis) {

        Candidate(BaseDateTimeType value, String element, String basis) {
            this(value, null, element, basis);
        }

        /** The days a date of a year or month, or an age, covers when it is more than one. */
        Optional<ClinicalDates.Span> span() {
            return ages == null ? ClinicalDates.span(value) : Optional.of(ages).filter(a -> !a.first().equals(a.last()));
        }

        /** The full date; for an age, the one day it may cover (an age in days). */
        Optional<LocalDate> date(String reference, MappingContext ctx) {
            return ages == null ? ctx.date(value, element, reference) : Optional.of(ages.first());
        }
    }

    /** The days an onsetAge, or an onsetRange (a high age, with or without a low one), covers from the birth date. */
    private static Optional<ClinicalDates.Span> onsetAges(Condition condition, LocalDate birth) {
        if (condition.getOnset() instanceof Age age) {
            return ClinicalDates.ageSpan(birth, age);
        }
        if (!(condition.getOnset() instanceof Range range) || !range.hasHigh()) {
            return Optional.empty(); // a low age alone bounds nothing a later entry date could break
        }
        // a range without its low age runs from birth, as "<= high"
        Optional<LocalDate> first = range.hasLow() ? ClinicalDates.ageSpan(birth, range.getLow()).map(ClinicalDates.Span::first)
                : Optional.of(birth);
        return first.flatMap(low -> ClinicalDates.ageSpan(birth, range.getHigh())
                .map(high -> new ClinicalDates.Span(low, high.last())));
    }

    private static List<Candidate> candidates(Condition condition, Optional<LocalDate> birthDate, String reference,
                                              MappingContext ctx) {
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
        // "Condition.onsetAge" or "Condition.onsetRange"
        birthDate.flatMap(birth -> onsetAges(condition, birth)).ifPresent(ages -> candidates.add(new Candidate(null, ages,
                "Condition.onset" + condition.getOnset().getClass().getSimpleName(), "onsetAge")));
        if (condition.hasRecordedDateElement() && condition.getRecordedDateElement().hasValue()) {
            candidates.add(new Candidate(condition.getRecordedDateElement(), "Condition.recordedDate", "recordedDate"));
        }
        return candidates;
    }
}
