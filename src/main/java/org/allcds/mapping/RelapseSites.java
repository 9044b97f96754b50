package org.allcds.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.allcds.facts.Comparison;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.RelapseSite;
import org.allcds.facts.RelapseSiteResult;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * R-REL-01: the site of the relapse being classified, as its records' site component gives it, checked against what
 * else the record says of that relapse: the marrow blasts its records give (component {@code marrow-blasts}, catalogue
 * P12) and a CNS3 of its work-up. An isolated extramedullary relapse (IEM) is a marrow with &lt; 5 % blasts (M1) plus
 * CNS, testis or another extramedullary site; a combined one a marrow with 5 % or more plus an extramedullary site.
 */
final class RelapseSites {

    private static final Map<Code, RelapseSite> SITES = Codes.localTable(RelapseSite.values(), RelapseSite::code);
    private static final String SITE = "Observation.component:relapse-site";
    private static final String MARROW = "Observation.component:marrow-blasts";
    /** Marrow blasts below this percentage are M1: a relapse beside it is isolated extramedullary (R-REL-01, S18). */
    static final BigDecimal M1_BELOW_PCT = BigDecimal.valueOf(5);

    private RelapseSites() {
    }

    /**
     * The site (null: not recorded, contradicted or open), the results besides the site component it was read from, and
     * the sites the relapse may have: the site, or without one those the record allows ({@link RelapseSites#possible}).
     */
    record Read(RelapseSite site, List<RelapseSiteResult> from, Set<RelapseSite> possible) {
    }

    /**
     * A marrow count of the relapse's records, against the 5 % of M1; {@code count} null for one given but not read (a
     * text, a unit that is no percentage), which may be on either side of 5 %.
     */
    private record MarrowCount(Resources.BoundedValue count, Dated<Observation> record) {

        boolean read() {
            return count != null;
        }

        Comparison againstM1() {
            return count == null ? Comparison.INDETERMINATE : count.bound().against(count.value(), M1_BELOW_PCT);
        }

        String shown() {
            return count.bound().show(count.value().stripTrailingZeros());
        }

        RelapseSiteResult result() {
            return RelapseSiteResult.marrowBlasts(shown(), record.date(), record.reference());
        }
    }

    /**
     * The site of the relapse whose records are {@code records} (those of its date), unless its records say otherwise:
     * records that give different sites, marrow blasts that contradict the site (&lt; 5 % beside a marrow relapse, 5 % or
     * more beside an isolated extramedullary one), or a result of the relapse's work-up that shows an involvement the
     * site leaves out: a CNS3 beside isolated marrow, testicular or other extramedullary, testicular involvement beside
     * isolated marrow or CNS. Such a record contradicts itself and the site is not chosen (early isolated marrow is BFM
     * S3, early combined S2), each record reported with what contradicts it; but an isolated extramedullary site with
     * such a result and a marrow the records show below 5 % is an IEM at two sites, the result's site beside the
     * recorded one (whatever its sites, a late IEM is BFM S1 and an early one S2); without that marrow count, the
     * relapse may be combined and the site is not chosen. A result of the work-up that may show such an involvement but
     * is not read (not yet final, whatever it says so far; a CNS status in a code not recognised) leaves the site open
     * (not chosen), as such a result at diagnosis leaves the CNS status or testicular involvement unknown; a final one
     * that shows it decides first. Whenever the site is not chosen, the relapse may still have only some sites: those its
     * marrow counts and the final results of its work-up allow ({@link #possible}).
     */
    static Read read(List<Dated<Observation>> records, LocalDate relapseDate, List<Observation> observations,
                     MappingContext ctx) {
        // what is found wrong here bears on the relapse alone: the risk card leaves it out
        return ctx.readingTheRelapse(() -> checked(records, relapseDate, observations, ctx));
    }

    private static Read checked(List<Dated<Observation>> records, LocalDate relapseDate, List<Observation> observations,
                                MappingContext ctx) {
        RelapseWorkUp workUp = new RelapseWorkUp(relapseDate, observations, ctx);
        RelapseSite site = site(records, ctx);
        List<MarrowCount> marrow = marrow(records, ctx);
        if (site == null) {
            return possible(marrow, workUp, List.of());
        }
        List<RelapseSiteResult> from = new ArrayList<>(
                marrow.stream().filter(MarrowCount::read).map(MarrowCount::result).toList());
        Optional<MarrowCount> against = marrowAgainst(site, marrow);
        if (against.isPresent()) {
            contradicted(records, "marrow blasts " + against.get().shown() + " %", ctx);
            return possible(marrow, workUp, List.of(against.get().result()));
        }
        for (RelapseWorkUp.Involvement involvement : RelapseWorkUp.Involvement.values()) {
            Optional<Dated<Observation>> result = involvement.excludedBy(site) ? workUp.showing(involvement)
                    : Optional.empty();
            if (result.isPresent()) {
                RelapseSite both = involvement.besides(site);
                if (both == null || !spared(marrow)) {
                    // beside an extramedullary site, a marrow count below 5 % would make it an IEM at two sites: say it is not there
                    contradicted(records, workUp.named(involvement, result.get())
                            + (both == null ? "" : " without the marrow shown below " + M1_BELOW_PCT + " %"), ctx);
                    return possible(marrow, workUp, List.of(involvement.siteResult(result.get())));
                }
                from.add(involvement.siteResult(result.get()));
                site = both;
            }
        }
        for (RelapseWorkUp.Involvement involvement : RelapseWorkUp.Involvement.values()) {
            Optional<RelapseWorkUp.Unsettled> open = involvement.excludedBy(site) ? workUp.unsettled(involvement)
                    : Optional.empty();
            if (open.isPresent()) {
                String detail = DataQualityIssue.siteOpenBeside(open.get().named());
                records.forEach(d -> ctx.issue(open.get().code(), detail, d.reference(), open.get().reference()));
                return possible(marrow, workUp, List.of());
            }
        }
        return new Read(site, from, EnumSet.of(site));
    }

    /** The relapse's records reported as contradicting themselves, naming {@code by}; the site is not chosen. */
    private static void contradicted(List<Dated<Observation>> records, String by, MappingContext ctx) {
        String detail = DataQualityIssue.siteContradictedBy(by);
        records.forEach(d -> ctx.issue(SameTime.CONFLICT, detail, d.reference()));
    }

    /**
     * No site chosen: the sites R-REL-01 allows beside what the record shows for certain, with the results that ruled
     * sites out. Marrow counts all below 5 % leave the isolated extramedullary sites, all 5 % or more isolated marrow
     * and combined; a final CNS3 or testicular involvement of the work-up leaves the sites that include it. The record's
     * own site is not used: not recorded, contradicted (which part is wrong is not known) or waiting for a result. A
     * count that is a bound across 5 %, counts on both sides of it, and a result not yet final or not read rule out
     * nothing. {@code named}: the result a contradiction of the site already names, not named again.
     */
    private static Read possible(List<MarrowCount> marrow, RelapseWorkUp workUp, List<RelapseSiteResult> named) {
        Set<RelapseSite> sites = EnumSet.allOf(RelapseSite.class);
        List<RelapseSiteResult> from = new ArrayList<>();
        Set<Comparison> sides = marrow.stream().map(MarrowCount::againstM1).collect(Collectors.toSet());
        if (sides.size() == 1 && !sides.contains(Comparison.INDETERMINATE)) {
            boolean inTheMarrow = sides.contains(Comparison.AT_OR_ABOVE);
            sites.removeIf(s -> s.isMarrowInvolved() != inTheMarrow);
            marrow.forEach(m -> from.add(m.result()));
        }
        for (RelapseWorkUp.Involvement involvement : RelapseWorkUp.Involvement.values()) {
            Optional<Dated<Observation>> result = workUp.showing(involvement);
            if (result.isPresent() && sites.removeIf(involvement::excludedBy)) {
                from.add(involvement.siteResult(result.get()));
            }
        }
        from.removeAll(named);
        return new Read(null, from, sites);
    }

    /** A marrow count the site cannot stand beside: M1 for a marrow relapse (all of them), 5 % or more for an IEM. */
    private static Optional<MarrowCount> marrowAgainst(RelapseSite site, List<MarrowCount> marrow) {
        if (site.isMarrowInvolved()) {
            return spared(marrow) ? marrow.stream().findFirst() : Optional.empty();
        }
        return marrow.stream().filter(m -> m.againstM1() == Comparison.AT_OR_ABOVE).findFirst();
    }

    /** True when the records give marrow counts and every one is certainly below 5 % (M1). */
    private static boolean spared(List<MarrowCount> marrow) {
        return !marrow.isEmpty() && marrow.stream().allMatch(m -> m.againstM1() == Comparison.BELOW);
    }

    /**
     * The marrow blasts the records give, in percent; each that cannot be read is reported and kept as not read: beside
     * a count of 2 % it leaves open whether the marrow is below 5 %.
     */
    private static List<MarrowCount> marrow(List<Dated<Observation>> records, MappingContext ctx) {
        List<MarrowCount> counts = new ArrayList<>();
        for (Dated<Observation> record : records) {
            for (Optional<Quantity> given : Resources.componentQuantities(record.resource(), Codes.MARROW_BLASTS, MARROW, ctx)) {
                Resources.BoundedValue count = given.flatMap(quantity -> Resources.boundedValue(quantity,
                        MARROW + ".valueQuantity", record.reference(), UcumUnits::percent, PlausibleRange.PERCENT, ctx))
                        .orElse(null);
                counts.add(new MarrowCount(count, record));
            }
        }
        return counts;
    }

    /**
     * The site the relapse's records give; null (site not recorded) when they give different sites: "isolated marrow"
     * beside "isolated CNS" on one day is not a site the service may pick, nor combine (R-REL-01 needs the marrow count).
     */
    private static RelapseSite site(List<Dated<Observation>> records, MappingContext ctx) {
        Set<RelapseSite> sites = records.stream().map(d -> site(d.resource(), ctx)).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (sites.size() > 1) {
            records.forEach(d -> ctx.issue(SameTime.CONFLICT, SITE, d.reference()));
            return null;
        }
        return sites.stream().findFirst().orElse(null);
    }

    /**
     * The site the record's site component codes; null without one. A site that cannot be read (a local "marrow", a
     * text, two site components that disagree) is reported, so that the card does not ask for a site the record holds
     * as if none were sent.
     */
    private static RelapseSite site(Observation observation, MappingContext ctx) {
        Resources.ComponentRead<RelapseSite> site = Resources.readComponent(observation, Codes.RELAPSE_SITE, SITE, SITES,
                ctx);
        if (site.unread() != null) {
            ctx.issue(Resources.NOT_RECOGNISED, site.unread(), MappingContext.reference(observation));
        }
        return site.value().orElse(null);
    }
}
