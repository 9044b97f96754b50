package org.allcds.mapping;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.MrdTimepoint;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * The diagnosis date (I2, C-03) read against the record it dates. A date the record contradicts is not the diagnosis
 * date, and every interval or "at diagnosis" window read from it would be wrong (an ICD-10-CM C91.02 onset dated at the
 * relapse makes that relapse 0 months from diagnosis, very early, HSCT; an entry date at a transfer makes a maintenance
 * count the WBC at diagnosis). Such a date is not used: the diagnosis date is missing (C-08) and the contradiction is
 * named ({@value #CONTRADICTED}, with the record that contradicts it).
 */
final class DiagnosisCheck {

    static final String CONTRADICTED = "diagnosis-date-contradicted";
    /**
     * How many days a front-line record may come before the diagnosis date and still be read as a date recorded a
     * little late: the week before it that the WBC at diagnosis (I4) already counts as the diagnostic work-up, in which
     * an urgent start of therapy (a steroid pre-phase for hyperleukocytosis or a mediastinal mass) may come before the
     * immunophenotype that asserts the diagnosis. The errors this check is for are months or years (a relapse's or a
     * transfer's date).
     */
    static final int FRONT_LINE_DAYS_BEFORE = 7;
    /**
     * The fewest days from the diagnosis to a first relapse: a relapse needs a first remission, which is assessed at
     * the end of induction, day 29 (COG) or 33 (BFM) of a therapy begun on or after the diagnosis.
     */
    static final int FIRST_RELAPSE_DAYS_AFTER = 28;
    private static final Set<MrdTimepoint> FRONT_LINE = Set.of(MrdTimepoint.DAY8_PB, MrdTimepoint.END_OF_INDUCTION);
    private static final List<ConceptTranslator.Code> RESPONSE_CODES = Stream.concat(Codes.MRD.stream(),
            Codes.MARROW_BLASTS.stream()).toList();

    private DiagnosisCheck() {
    }

    /** The earliest diagnosis, unless the record contradicts its date (then reported, and none). */
    static Optional<Diagnosis> check(Optional<DiagnosisMapper.DatedCondition> earliest, List<Observation> observations,
                                     List<Procedure> procedures, MappingContext ctx) {
        Optional<String> contradiction = earliest.flatMap(dx -> contradiction(dx, observations, procedures, ctx));
        contradiction.ifPresent(words -> ctx.issue(CONTRADICTED, earliest.get().element() + ": " + words,
                earliest.get().diagnosis().reference()));
        return contradiction.isPresent() ? Optional.empty() : earliest.map(DiagnosisMapper.DatedCondition::diagnosis);
    }

    /**
     * What contradicts the date, in words: a day-8 or end-of-induction result or a front-line therapy dated more than
     * {@value #FRONT_LINE_DAYS_BEFORE} days before it (the earliest named), or a first relapse fewer than
     * {@value #FIRST_RELAPSE_DAYS_AFTER} days after it. A relapse before it is edge case E6 (relapse-before-diagnosis).
     * The date of a Condition coded only in remission or in relapse is the diagnosis date only when a front-line
     * record is there to test it: without one, an onset the problem list kept from the diagnosis cannot be told from
     * the date of a referral at relapse.
     */
    private static Optional<String> contradiction(DiagnosisMapper.DatedCondition dx, List<Observation> observations,
                                                  List<Procedure> procedures, MappingContext ctx) {
        LocalDate date = dx.diagnosis().date();
        Optional<Dated<Resource>> firstFrontLine = frontLine(observations, procedures, ctx)
                .min(Comparator.comparing(Dated::date));
        return firstFrontLine.filter(r -> r.date().isBefore(date.minusDays(FRONT_LINE_DAYS_BEFORE)))
                .map(r -> "contradicted by " + RecordNames.of(r.resource(), ctx) + ", more than "
                        + FRONT_LINE_DAYS_BEFORE + " days before it")
                .or(() -> relapseTooSoon(observations, date, ctx))
                .or(() -> firstFrontLine.isEmpty() && inRemissionOrRelapseOnly(dx.condition(), ctx)
                        ? Optional.of("a date of an in-remission or in-relapse code, and no front-line record to check it")
                        : Optional.empty());
    }

    /** The first relapse on or after the date, when it is fewer than {@value #FIRST_RELAPSE_DAYS_AFTER} days after. */
    private static Optional<String> relapseTooSoon(List<Observation> observations, LocalDate date, MappingContext ctx) {
        return dated(Resources.withCode(observations, Codes.RELAPSE, ctx).stream(), Resources::effective, ctx)
                .filter(r -> !r.date().isBefore(date)).min(Comparator.comparing(Dated::date))
                .filter(r -> ChronoUnit.DAYS.between(date, r.date()) < FIRST_RELAPSE_DAYS_AFTER)
                .map(r -> "contradicted by " + RecordNames.of(r.resource(), ctx) + ", fewer than "
                        + FIRST_RELAPSE_DAYS_AFTER + " days after it");
    }

    /** The day-8 and end-of-induction results and the front-line therapy records with a full date. */
    private static Stream<Dated<Resource>> frontLine(List<Observation> observations, List<Procedure> procedures,
                                                     MappingContext ctx) {
        Stream<Observation> responses = Resources.withCode(observations, RESPONSE_CODES, ctx).stream()
                .filter(o -> Timepoints.timepoint(o, ctx).filter(FRONT_LINE::contains).isPresent());
        return Stream.concat(dated(responses, Resources::effective, ctx),
                dated(TherapyMapper.given(procedures, ctx).stream(), TherapyMapper::startOrEnd, ctx));
    }

    /** Each record with the full calendar date {@code date} gives it; those without one are left out. */
    private static <T extends Resource> Stream<Dated<Resource>> dated(Stream<T> records,
                                                                     Function<T, BaseDateTimeType> date,
                                                                     MappingContext ctx) {
        return records.flatMap(r -> ctx.calendarDate(date.apply(r)).stream()
                .map(day -> new Dated<Resource>(r, day, null, MappingContext.reference(r), null)));
    }

    /** ICD-10-CM C91.01 or C91.02 and no code that names the disease without its state. */
    private static boolean inRemissionOrRelapseOnly(Condition condition, MappingContext ctx) {
        return !ctx.matches(condition.getCode(), Codes.ALL_NOT_IN_REMISSION_OR_RELAPSE);
    }
}
