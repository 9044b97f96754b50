package org.allcds.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.GeneticSubtype;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/** I7: one GeneticFinding per result, from the local subtype Observation or a LOINC FISH result. */
final class GeneticsMapper {

    private static final Map<Code, GeneticSubtype> SUBTYPES = Codes.localTable(GeneticSubtype.values(),
            GeneticSubtype::code);
    private static final Map<Code, Boolean> FISH_RESULTS = Map.of(Codes.FISH_PRESENT, true, Codes.FISH_ABSENT, false);

    private GeneticsMapper() {
    }

    /** Findings in chronological order (then by reference), so the output does not depend on the input order. */
    static List<GeneticFinding> map(List<Observation> observations, MappingContext ctx) {
        return observations.stream()
                .filter(o -> ctx.matches(o.getCode(), Codes.GENETIC_SUBTYPE) || ctx.lookup(o.getCode(), Codes.FISH_TESTS).isPresent())
                .filter(o -> finding(o, ctx).isPresent())
                .map(o -> Resources.dated(o, ctx))
                .sorted(Dated.chronological())
                .map(d -> {
                    Result result = finding(d.resource(), ctx).orElseThrow();
                    return new GeneticFinding(result.subtype(), result.present(), d.date(), d.reference());
                })
                .toList();
    }

    private record Result(GeneticSubtype subtype, boolean present) {
    }

    private static Optional<Result> finding(Observation observation, MappingContext ctx) {
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
}
