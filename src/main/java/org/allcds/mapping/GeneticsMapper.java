package org.allcds.mapping;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.GeneticSubtype;
import org.allcds.facts.UnrecognisedGeneticResult;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/**
 * I7: one GeneticFinding per result, from the local subtype Observation or a LOINC FISH result. A result whose value
 * cannot be read (a code outside the value set, or text) is reported (code-not-recognised) and kept as an
 * {@link UnrecognisedGeneticResult}; so is one not yet final (preliminary), reported as such.
 */
final class GeneticsMapper {

    private static final Map<Code, GeneticSubtype> SUBTYPES = Codes.localTable(GeneticSubtype.values(),
            GeneticSubtype::code);
    private static final String VALUE = Resources.CODED_VALUE;
    /** Where a result whose value its interpretation contradicts is not read. */
    static final String INTERPRETATION = "Observation.interpretation";
    private static final Map<Code, Boolean> FISH_RESULTS = Map.of(Codes.FISH_PRESENT, true, Codes.FISH_ABSENT, false);

    private GeneticsMapper() {
    }

    /**
     * Findings in chronological order (then by reference), so the output does not depend on the input order, then the
     * results that could not be read, in the same order. Results of one time that contradict each other are not used
     * and are reported ({@link #contradicting}).
     */
    static List<Object> map(List<Observation> observations, MappingContext ctx) {
        List<Observation> reported = observations.stream()
                .filter(o -> ctx.matches(o.getCode(), Codes.GENETIC_SUBTYPE) || ctx.lookup(o.getCode(), Codes.FISH_TESTS).isPresent())
                .toList();
        List<Observation> genetics = reported.stream().filter(o -> !ResultStatus.pending(o)).toList();
        List<Dated<Observation>> results = genetics.stream()
                .filter(o -> finding(o, ctx).isPresent())
                .map(o -> Resources.dated(o, ctx))
                .sorted(Dated.chronological())
                .toList();
        Set<Dated<Observation>> contradicting = contradicting(results, ctx);
        contradicting.forEach(d -> ctx.issue(SameTime.CONFLICT, VALUE, d.reference()));
        List<Object> facts = new ArrayList<>();
        results.stream().filter(d -> !contradicting.contains(d))
                .map(d -> {
                    Result result = finding(d.resource(), ctx).orElseThrow();
                    return new GeneticFinding(result.subtype(), result.present(), d.date(), d.reference());
                })
                .forEach(facts::add);
        // contradicted, they are not used but still there: the subtype they speak of may be the right one (C-08)
        contradicting.forEach(d -> facts.add(new UnrecognisedGeneticResult(
                finding(d.resource(), ctx).orElseThrow().subtype(), d.date(), d.reference(), true)));
        facts.addAll(unrecognised(genetics, ctx));
        facts.addAll(awaited(reported, ctx));
        return facts;
    }

    /**
     * Results not yet final (preliminary), each named: not used, but a subtype is awaited, which may be the one that
     * decides (a very-high-risk subtype, a KMT2A rearrangement in an infant), as for a result that cannot be read.
     */
    private static List<UnrecognisedGeneticResult> awaited(List<Observation> reported, MappingContext ctx) {
        return reported.stream().filter(o -> ResultStatus.pending(o) && Resources.hasValue(o))
                .map(o -> Resources.dated(o, ctx))
                .sorted(Dated.chronological())
                .map(d -> {
                    ResultStatus.name(d.resource(), ctx);
                    return new UnrecognisedGeneticResult(ctx.lookup(d.resource().getCode(), Codes.FISH_TESTS).orElse(null),
                            d.date(), d.reference());
                })
                .toList();
    }

    /** Results whose value is not a recognised code, each reported: they are there, but cannot be read. */
    private static List<UnrecognisedGeneticResult> unrecognised(List<Observation> genetics, MappingContext ctx) {
        return genetics.stream()
                .filter(o -> Resources.hasUnrecognisedValue(o, result -> finding(result, ctx)))
                .map(o -> Resources.dated(o, ctx))
                .sorted(Dated.chronological())
                .map(d -> {
                    ctx.issue(Resources.NOT_RECOGNISED, contradictedByItsInterpretation(d.resource(), ctx) ? INTERPRETATION
                            : Resources.valuePath(d.resource(), ctx), d.reference());
                    GeneticSubtype tested = ctx.lookup(d.resource().getCode(), Codes.FISH_TESTS).orElse(null);
                    return new UnrecognisedGeneticResult(tested, d.date(), d.reference());
                })
                .toList();
    }

    /**
     * Results that contradict another of their time: "none detected" beside a subtype found, or one subtype both
     * found and absent (a subtype Observation beside a negative FISH). Read together they gave whichever the rules
     * asked for first (ETV6::RUNX1 and "none detected" made the group low risk).
     */
    private static Set<Dated<Observation>> contradicting(List<Dated<Observation>> results, MappingContext ctx) {
        Map<Dated<Observation>, Result> read = new IdentityHashMap<>();
        results.forEach(d -> read.put(d, finding(d.resource(), ctx).orElseThrow()));
        SameTime.ByDay<Observation> byDay = new SameTime.ByDay<>(results);
        // what the results of one time say, once per time: a record may repeat one result many times
        Map<List<Dated<Observation>>, Set<Result>> said = new IdentityHashMap<>();
        Set<Dated<Observation>> found = new java.util.LinkedHashSet<>();
        for (Dated<Observation> a : results) {
            Set<Result> ofItsTime = said.computeIfAbsent(byDay.ofTheTimeOf(a),
                    sameTime -> sameTime.stream().map(read::get).collect(Collectors.toSet()));
            if (ofItsTime.stream().anyMatch(other -> contradict(read.get(a), other))) {
                found.add(a);
            }
        }
        return found;
    }

    private static boolean contradict(Result a, Result b) {
        boolean noneBesideFound = a.present() && b.present()
                && (a.subtype() == GeneticSubtype.NONE_DETECTED) != (b.subtype() == GeneticSubtype.NONE_DETECTED);
        return noneBesideFound || a.subtype() == b.subtype() && a.present() != b.present();
    }

    private record Result(GeneticSubtype subtype, boolean present) {
    }

    /**
     * The result as read; none when it cannot be: a value outside its value set, or one its interpretation contradicts:
     * a subtype found (or a FISH "present") interpreted negative or not detected, a FISH "absent" or "none detected"
     * interpreted positive or detected ("none detected" interpreted negative agrees).
     */
    private static Optional<Result> finding(Observation observation, MappingContext ctx) {
        return read(observation, ctx).filter(r -> !contradicted(r, observation, ctx));
    }

    private static boolean contradicted(Result result, Observation observation, MappingContext ctx) {
        boolean saysFound = result.present() && result.subtype() != GeneticSubtype.NONE_DETECTED;
        return interpreted(observation, ctx, saysFound ? Codes.NEGATIVE_INTERPRETATION : Codes.POSITIVE_INTERPRETATION);
    }

    private static Optional<Result> read(Observation observation, MappingContext ctx) {
        if (!(observation.getValue() instanceof CodeableConcept value)) {
            return Optional.empty();
        }
        if (ctx.matches(observation.getCode(), Codes.GENETIC_SUBTYPE)) {
            return ctx.lookup(value, SUBTYPES).map(subtype -> new Result(subtype, true));
        }
        Optional<GeneticSubtype> tested = ctx.lookup(observation.getCode(), Codes.FISH_TESTS);
        Optional<Boolean> present = ctx.lookup(value, FISH_RESULTS);
        return tested.isPresent() && present.isPresent()
                ? Optional.of(new Result(tested.get(), present.get()))
                : Optional.empty();
    }

    private static boolean interpreted(Observation observation, MappingContext ctx, Set<Code> interpretations) {
        return observation.getInterpretation().stream().anyMatch(c -> ctx.matches(c, interpretations));
    }

    /** Whether a result its interpretation contradicts is why it cannot be read (not its value's code). */
    private static boolean contradictedByItsInterpretation(Observation observation, MappingContext ctx) {
        return read(observation, ctx).filter(r -> contradicted(r, observation, ctx)).isPresent();
    }
}
