package org.allcds.mapping;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.allcds.facts.Cd19;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.Lineage;
import org.allcds.facts.LineageAtDiagnosis;
import org.allcds.facts.LineageType;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/** I3: lineage and CD19 from immunophenotyping, else the lineage the diagnosis code implies. */
final class LineageMapper {

    static final String FROM_IMMUNOPHENOTYPE = "immunophenotype";
    static final String FROM_DIAGNOSIS_CODE = "diagnosis-code";

    private static final Map<Code, LineageType> LINEAGE_VALUES = Map.of(
            Codes.local("b-lineage"), LineageType.B, Codes.local("t-lineage"), LineageType.T);
    /** CD19 results that say something: positive beside negative is a conflict. */
    private static final Set<Cd19> READ = Set.of(Cd19.POSITIVE, Cd19.NEGATIVE);
    private static final Map<Code, Cd19> CD19_VALUES = Map.of(
            Codes.local("positive"), Cd19.POSITIVE, Codes.local("negative"), Cd19.NEGATIVE);
    private static final Map<Code, LineageType> DIAGNOSIS_LINEAGE = Map.of(
            Codes.local("b-all"), LineageType.B, Codes.snomed("277571004"), LineageType.B,
            Codes.local("t-all"), LineageType.T);

    private LineageMapper() {
    }

    /**
     * The immunophenotype's lineage comes first (I3's fallback is the diagnosis code); where the record implies two
     * lineages (the immunophenotype against a diagnosis code, or two diagnosis codes) it contradicts itself, and none
     * is used, whatever the order of its resources: a B-lineage reading of a T-ALL would give the lower risk (C-08), so
     * the lineage is missing and every record of it is reported. So it is when the latest immunophenotype names a
     * lineage coded outside the value set, or is not yet final (preliminary): it may be another lineage than the
     * diagnosis code implies.
     */
    static Optional<Lineage> map(List<Observation> observations, List<Condition> allConditions,
                                 Optional<Diagnosis> diagnosis, MappingContext ctx) {
        List<Dated<Observation>> immunophenotypes = Resources.withCode(observations, Codes.IMMUNOPHENOTYPE, ctx).stream()
                .map(o -> Resources.dated(o, ctx)).toList();
        if (ResultStatus.awaited(SameTime.mayBeLatest(immunophenotypes), ctx)) {
            // the latest immunophenotype is not yet final: it may name another lineage than the diagnosis code
            return Optional.empty();
        }
        List<Observation> recorded = ResultStatus.settled(immunophenotypes).stream().map(Dated::resource).toList();
        // a lineage outside the value set (a mixed phenotype, a site's own code) or a CD19 result so coded is named
        Resources.reportUnrecognisedValues(recorded, o -> lineage(o.getValue(), ctx), ctx);
        recorded.forEach(o -> Optional.ofNullable(readCd19(o, ctx).unread())
                .ifPresent(element -> ctx.issue(Resources.NOT_RECOGNISED, element, MappingContext.reference(o))));
        if (Resources.latestIsUnrecognised(recorded, o -> lineage(o.getValue(), ctx), ctx)) {
            // the latest immunophenotype may name another lineage than the diagnosis code, as a contradiction would
            return Optional.empty();
        }
        List<Dated<Observation>> dated = recorded.stream().map(o -> Resources.dated(o, ctx)).toList();
        Cd19Read cd19 = cd19(dated, ctx);
        List<Dated<Observation>> results = dated.stream()
                .filter(d -> lineage(d.resource().getValue(), ctx).isPresent())
                .toList();
        Optional<Lineage> measured = SameTime.latest(results, o -> lineage(o.getValue(), ctx), "Observation.value[x]", ctx)
                .map(d -> new Lineage(lineage(d.resource().getValue(), ctx).orElseThrow(), cd19.value(),
                        FROM_IMMUNOPHENOTYPE, d.date(), d.reference(), cd19.date()));
        if (!results.isEmpty() && measured.isEmpty()) {
            // immunophenotypes that cannot be decided (rivals of one time, or one that cannot be placed in time and may
            // be the latest), each named: the diagnosis code must not stand in for them
            return Optional.empty();
        }
        List<Lineage> coded = fromDiagnosisCodes(allConditions, diagnosis, cd19, ctx);
        Set<LineageType> types = new HashSet<>();
        measured.ifPresent(l -> types.add(l.type()));
        coded.forEach(l -> types.add(l.type()));
        if (allConditions.stream().anyMatch(c -> ctx.codingsDisagree(c.getCode()))) {
            // a diagnosis coded both B-ALL and T-ALL implies both: beside a B immunophenotype it is a contradiction
            types.addAll(Set.of(LineageType.B, LineageType.T));
        }
        if (types.size() > 1) {
            measured.ifPresent(l -> ctx.issue(SameTime.CONFLICT, "Observation.value[x]", l.reference()));
            coded.forEach(l -> ctx.issue(SameTime.CONFLICT, "Condition.code", l.reference()));
            return Optional.empty();
        }
        return measured.isPresent() ? measured : coded.stream().findFirst();
    }

    /**
     * True when the code of every one of {@code conditions} gives one and the same lineage (I3): the lineage ALL
     * Conditions not yet confirmed would give once confirmed. Not a lineage the rules use: a card's words only.
     */
    static boolean givenByEveryCode(List<Condition> conditions, MappingContext ctx) {
        Set<Optional<LineageType>> types = conditions.stream().map(c -> ctx.lookup(c.getCode(), DIAGNOSIS_LINEAGE))
                .collect(java.util.stream.Collectors.toSet());
        return types.size() == 1 && types.iterator().next().isPresent();
    }

    /**
     * The lineage the risk group at diagnosis reads: from the immunophenotypes that may come before the first relapse
     * ({@code cut}, as the CNS status at diagnosis), else the diagnosis code.
     */
    static Optional<LineageAtDiagnosis> atDiagnosis(List<Observation> observations, List<Condition> allConditions,
                                                    Optional<Diagnosis> diagnosis, RelapseMapper.RelapseCut cut,
                                                    MappingContext ctx) {
        List<Observation> beforeRelapse = Resources.withCode(observations, Codes.IMMUNOPHENOTYPE, ctx).stream()
                .filter(o -> cut.atDiagnosis(Resources.dated(o, ctx), ctx)).toList();
        return map(beforeRelapse, allConditions, diagnosis, ctx).map(LineageAtDiagnosis::new);
    }

    /**
     * The CD19 result with the date of its record: that of the latest immunophenotypes (one with a CD19 component only
     * counts too, beside a lineage from the diagnosis code); where they did not test CD19, the latest earlier result
     * (a later test that did not look at CD19 neither contradicts nor replaces it), shown with its own date. Positive
     * beside negative conflicts: each is named, CD19 is CONFLICTING, and the lineage, which CD19 does not decide, stands.
     */
    private static Cd19Read cd19(List<Dated<Observation>> immunophenotypes, MappingContext ctx) {
        Cd19Read latest = cd19Of(SameTime.mayBeLatest(immunophenotypes.stream()
                .filter(d -> lineage(d.resource().getValue(), ctx).isPresent() || cd19(d.resource(), ctx) != Cd19.UNKNOWN)
                .toList()), ctx);
        if (latest.value() != Cd19.UNKNOWN) {
            return latest;
        }
        Cd19Read earlier = cd19Of(SameTime.mayBeLatest(immunophenotypes.stream()
                .filter(d -> cd19(d.resource(), ctx) != Cd19.UNKNOWN).toList()), ctx);
        return earlier;
    }

    /** What results of one time say of CD19, with their date. */
    private static Cd19Read cd19Of(List<Dated<Observation>> sameTime, MappingContext ctx) {
        Set<Cd19> said = sameTime.stream().map(d -> cd19(d.resource(), ctx)).collect(java.util.stream.Collectors.toSet());
        // the date of a record that gave the CD19 result, not of one of its time that names the lineage only
        LocalDate date = sameTime.stream().filter(d -> cd19(d.resource(), ctx) != Cd19.UNKNOWN).map(Dated::date)
                .filter(Objects::nonNull).findFirst().orElse(null);
        if (said.containsAll(READ)) {
            sameTime.stream().filter(d -> READ.contains(cd19(d.resource(), ctx)))
                    .forEach(d -> ctx.issue(SameTime.CONFLICT, "Observation.component:cd19", d.reference()));
            return new Cd19Read(Cd19.CONFLICTING, date);
        }
        return new Cd19Read(said.contains(Cd19.NEGATIVE) ? Cd19.NEGATIVE : said.contains(Cd19.NOT_READ) ? Cd19.NOT_READ
                : said.contains(Cd19.POSITIVE) ? Cd19.POSITIVE : Cd19.UNKNOWN, date);
    }

    /** A CD19 result and the date of the record it was read from (null when undated or not recorded). */
    private record Cd19Read(Cd19 value, LocalDate date) {
    }

    private static Optional<LineageType> lineage(Object value, MappingContext ctx) {
        return value instanceof CodeableConcept concept ? ctx.lookup(concept, LINEAGE_VALUES) : Optional.empty();
    }

    /**
     * A CD19 result that cannot be read (a code outside the value set, a text) is named, and read as NOT_READ: it may
     * say negative, so a CD19-directed check waits for it (beside a negative one, negative decides).
     */
    private static Resources.ComponentRead<Cd19> readCd19(Observation observation, MappingContext ctx) {
        return Resources.readComponent(observation, Codes.CD19, "Observation.component:cd19", CD19_VALUES, ctx);
    }

    private static Cd19 cd19(Observation observation, MappingContext ctx) {
        Resources.ComponentRead<Cd19> read = readCd19(observation, ctx);
        return read.value().orElse(read.unread() != null ? Cd19.NOT_READ : Cd19.UNKNOWN);
    }

    /**
     * The lineage of every Condition whose code implies one, with the immunophenotypes' CD19 result: the one that gave
     * the diagnosis date first.
     */
    private static List<Lineage> fromDiagnosisCodes(List<Condition> allConditions, Optional<Diagnosis> diagnosis,
                                                    Cd19Read cd19, MappingContext ctx) {
        String diagnosisReference = diagnosis.map(Diagnosis::reference).orElse(null);
        Comparator<Condition> order = Comparator
                .comparing((Condition c) -> !Objects.equals(MappingContext.reference(c), diagnosisReference))
                .thenComparing(MappingContext::reference, Comparator.nullsLast(Comparator.naturalOrder()));
        allConditions.stream().filter(c -> ctx.lookup(c.getCode(), DIAGNOSIS_LINEAGE).isEmpty()
                        && ctx.codingsDisagree(c.getCode()))
                .forEach(c -> ctx.issue(Resources.NOT_RECOGNISED, "Condition.code.coding", MappingContext.reference(c)));
        return allConditions.stream().sorted(order)
                .flatMap(c -> ctx.lookup(c.getCode(), DIAGNOSIS_LINEAGE).stream().map(type -> {
                    String reference = MappingContext.reference(c);
                    boolean dated = diagnosis.isPresent() && Objects.equals(reference, diagnosisReference);
                    return new Lineage(type, cd19.value(), FROM_DIAGNOSIS_CODE,
                            dated ? diagnosis.get().date() : null, reference, cd19.date());
                }))
                .toList();
    }
}
