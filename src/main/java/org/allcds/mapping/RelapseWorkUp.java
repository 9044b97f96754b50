package org.allcds.mapping;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.allcds.facts.CnsClass;
import org.allcds.facts.CnsStatus;
import org.allcds.facts.RelapseSite;
import org.allcds.facts.RelapseSiteResult;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.Observation;

/**
 * The classified relapse's work-up: by convention the CNS status and testicular results dated from the relapse date to
 * {@link #DAYS} days after it (its lumbar puncture and examination; one of a month or year that meets those days may be
 * of it). R-REL-01: a CNS relapse is CNS3, and a relapse in the marrow and an extramedullary site is combined, so such
 * a result may contradict the site the relapse record gives ({@link RelapseSites}). The classified relapse is the
 * latest, so no later relapse can own the result.
 */
final class RelapseWorkUp {

    /** A result from the relapse date to this many days after it is of the relapse's work-up (rules/README.md). */
    static final int DAYS = 7;

    /**
     * What a result of the work-up may show beside the site the relapse record gives: a CNS3, testicular involvement.
     * Beside a site that leaves it out, the site is contradicted, or with the marrow spared an isolated extramedullary
     * relapse at two sites ({@link #besides}).
     */
    enum Involvement {
        CNS3(Codes.CNS_STATUS, "CNS3", CnsStatus.RECORD_NAME, RelapseSite::excludesCns, RelapseSite::withCns,
                CnsMapper::value, CnsClass.CNS3),
        TESTIS(Codes.TESTICULAR, "testicular involvement", "testis result", RelapseSite::excludesTestis,
                RelapseSite::withTestis, (o, ctx) -> TesticularMapper.value(o), true);

        private final Set<Code> code;
        private final String words;
        /** The result that may show it, in words: "CNS status", "testis result". */
        private final String result;
        private final Predicate<RelapseSite> excludedBy;
        private final UnaryOperator<RelapseSite> besides;
        /** The value a result of the code gives; empty for none, or one not read (a code not recognised, a text). */
        private final BiFunction<Observation, MappingContext, Optional<?>> read;
        /** The value that shows the involvement. */
        private final Object showing;

        Involvement(Set<Code> code, String words, String result, Predicate<RelapseSite> excludedBy,
                    UnaryOperator<RelapseSite> besides, BiFunction<Observation, MappingContext, Optional<?>> read,
                    Object showing) {
            this.code = code;
            this.words = words;
            this.result = result;
            this.excludedBy = excludedBy;
            this.besides = besides;
            this.read = read;
            this.showing = showing;
        }

        /** True for a site that leaves this involvement out: a result showing it changes the site. */
        boolean excludedBy(RelapseSite site) {
            return excludedBy.test(site);
        }

        /** The isolated extramedullary relapse at the site and this one; null where it makes the relapse combined. */
        RelapseSite besides(RelapseSite site) {
            return besides.apply(site);
        }

        /** The result as the relapse names it among what its site was read from. */
        RelapseSiteResult siteResult(Dated<Observation> result) {
            return this == CNS3 ? RelapseSiteResult.cns3(result.date(), result.reference())
                    : RelapseSiteResult.testicularInvolvement(result.date(), result.reference());
        }
    }

    /**
     * A result of the work-up that may show the involvement but is not read: not yet final ({@code preliminary-result},
     * whatever it says so far: its final report may say more), or in a code not recognised ({@code code-not-recognised}).
     * {@code named}: the result with its date, "CNS status (2019-08-22)"; {@code reference}: the result's.
     */
    record Unsettled(String code, String named, String reference) {
    }

    private final ClinicalDates.Span days;
    private final List<Observation> observations;
    private final MappingContext ctx;
    private final Map<Involvement, List<Dated<Observation>>> unread = new EnumMap<>(Involvement.class);
    private final Map<Involvement, Optional<Dated<Observation>>> firstShowing = new EnumMap<>(Involvement.class);

    /**
     * The work-up of a relapse of that date; a final CNS status or testicular result of it whose value is not read (a
     * code not recognised, a text) is named here, always.
     */
    RelapseWorkUp(LocalDate relapseDate, List<Observation> observations, MappingContext ctx) {
        this.days = new ClinicalDates.Span(relapseDate, relapseDate.plusDays(DAYS));
        this.observations = observations;
        this.ctx = ctx;
        for (Involvement involvement : Involvement.values()) {
            List<Dated<Observation>> results = within(involvement.code, o -> !ResultStatus.pending(o)
                    && Resources.hasUnrecognisedValue(o, r -> involvement.read.apply(r, ctx)));
            Resources.reportUnrecognisedValues(results.stream().map(Dated::resource).toList(),
                    o -> involvement.read.apply(o, ctx), ctx);
            unread.put(involvement, results);
            firstShowing.put(involvement, within(involvement.code, o -> !ResultStatus.pending(o)
                    && involvement.read.apply(o, ctx).filter(involvement.showing::equals).isPresent()).stream().findFirst());
        }
    }

    /** The first final (or final-class) result of the work-up that shows the involvement. */
    Optional<Dated<Observation>> showing(Involvement involvement) {
        return firstShowing.get(involvement);
    }

    /**
     * The first result of the work-up that may show the involvement but is not read, as {@link ResultStatus} says of a
     * result not yet final at diagnosis; one not yet final is named ({@code preliminary-result}) here, where the site
     * waits for it.
     */
    Optional<Unsettled> unsettled(Involvement involvement) {
        Optional<Dated<Observation>> first = Stream.concat(unread.get(involvement).stream(),
                within(involvement.code, ResultStatus::pending).stream()).min(Dated.chronological());
        first.filter(d -> ResultStatus.pending(d.resource())).ifPresent(d -> ResultStatus.name(d.resource(), ctx));
        return first.map(d -> new Unsettled(ResultStatus.pending(d.resource()) ? ResultStatus.PRELIMINARY
                : Resources.NOT_RECOGNISED, named(involvement.result, d), d.reference()));
    }

    /** The result named with what it shows and its date: "CNS3 (2019-08-22)". */
    String named(Involvement involvement, Dated<Observation> result) {
        return named(involvement.words, result);
    }

    /** The result named with its date: "CNS status (2019-08-22)". */
    private String named(String what, Dated<Observation> result) {
        return what + RecordNames.date(result.resource(), ctx).map(date -> " (" + date + ")").orElse("");
    }

    /** The results of the code that {@code saying} holds for, dated within the days or of a month or year meeting them. */
    private List<Dated<Observation>> within(Set<Code> code, Predicate<Observation> saying) {
        return Resources.withCode(observations, code, ctx).stream().filter(saying)
                .map(o -> Dated.placeable(o, Resources.effective(o), "Observation.effective[x]", ctx))
                .filter(d -> d.possibleDays().filter(days::meets).isPresent())
                .sorted(Dated.chronological()).toList();
    }
}
