package org.allcds.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.allcds.facts.CnsClass;
import org.allcds.facts.CnsStatus;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.RelapseSite;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.Observation;

/**
 * The classified relapse's work-up: by convention the CNS status and testicular results dated from the relapse date to
 * {@link #DAYS} days after it (its lumbar puncture and examination; one of a month or year that meets those days may be
 * of it). R-REL-01: a CNS relapse is CNS3, and a relapse in the marrow and an extramedullary site is combined, so such
 * a result may contradict the site the relapse record gives. The classified relapse is the latest, so no later relapse
 * can own the result.
 */
final class RelapseWorkUp {

    /** A result from the relapse date to this many days after it is of the relapse's work-up (rules/README.md). */
    static final int DAYS = 7;

    private RelapseWorkUp() {
    }

    /**
     * The site, unless a result of the work-up contradicts it (a CNS3 beside a site that leaves out the CNS,
     * testicular involvement beside isolated marrow) or may (a CNS status in a code not recognised beside a site that
     * leaves out the CNS): the site is then not chosen, as for records of one date with different sites, so strata and
     * HSCT decisions that depend on it wait; the relapse's records are reported naming that result. A CNS status of
     * the work-up not read is always named. Testicular involvement beside an isolated extramedullary site is not
     * weighed: it is isolated extramedullary either way, and every relapse stratum (R-RR-C*, R-RR-B*) reads those
     * sites alike.
     */
    static RelapseSite checkedSite(RelapseSite site, List<Dated<Observation>> records, LocalDate relapseDate,
                                   List<Observation> observations, MappingContext ctx) {
        ClinicalDates.Span days = new ClinicalDates.Span(relapseDate, relapseDate.plusDays(DAYS));
        List<Dated<Observation>> unreadCns = within(observations, Codes.CNS_STATUS,
                o -> Resources.hasUnrecognisedValue(o, r -> CnsMapper.value(r, ctx)), days, ctx);
        Resources.reportUnrecognisedValues(unreadCns.stream().map(Dated::resource).toList(),
                o -> CnsMapper.value(o, ctx), ctx);
        if (site == null) {
            return null;
        }
        Optional<String> contradicting = contradicting(site, days, observations, ctx);
        if (contradicting.isPresent()) {
            report(records, SameTime.CONFLICT, DataQualityIssue.siteContradictedBy(contradicting.get()), ctx);
            return null;
        }
        if (site.excludesCns() && !unreadCns.isEmpty()) {
            report(records, Resources.NOT_RECOGNISED,
                    DataQualityIssue.siteOpenBeside(named(CnsStatus.RECORD_NAME, unreadCns.get(0), ctx)), ctx);
            return null;
        }
        return site;
    }

    /** The first result of the work-up that contradicts the site, named with its date ("CNS3 (2019-08-22)"). */
    private static Optional<String> contradicting(RelapseSite site, ClinicalDates.Span days,
                                                  List<Observation> observations, MappingContext ctx) {
        if (site.excludesCns()) {
            Optional<String> cns3 = within(observations, Codes.CNS_STATUS,
                    o -> CnsMapper.value(o, ctx).filter(CnsClass.CNS3::equals).isPresent(), days, ctx).stream()
                    .findFirst().map(d -> named("CNS3", d, ctx));
            if (cns3.isPresent()) {
                return cns3;
            }
        }
        if (site.excludesExtramedullary()) {
            return within(observations, Codes.TESTICULAR, TesticularMapper::involved, days, ctx).stream().findFirst()
                    .map(d -> named("testicular involvement", d, ctx));
        }
        return Optional.empty();
    }

    /** The results of the code that {@code saying} holds for, dated within the days or of a month or year meeting them. */
    private static List<Dated<Observation>> within(List<Observation> observations, Set<Code> code,
                                                   Predicate<Observation> saying, ClinicalDates.Span days,
                                                   MappingContext ctx) {
        return Resources.withCode(observations, code, ctx).stream().filter(saying)
                .map(o -> Dated.placeable(o, Resources.effective(o), "Observation.effective[x]", ctx))
                .filter(d -> d.possibleDays().filter(days::meets).isPresent())
                .sorted(Dated.chronological()).toList();
    }

    private static String named(String what, Dated<Observation> result, MappingContext ctx) {
        return what + RecordNames.date(result.resource(), ctx).map(date -> " (" + date + ")").orElse("");
    }

    private static void report(List<Dated<Observation>> records, String code, String detail, MappingContext ctx) {
        records.forEach(d -> ctx.issue(code, detail, d.reference()));
    }
}
