package org.allcds.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allcds.facts.AllPatient;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;

/**
 * Whether the record shows an ALL patient (the {@link AllPatient} fact). A result counts even when it is unusable
 * (undated, unconvertible unit): it still says whose chart this is. Results that other diseases share (WBC, marrow
 * blasts, FISH for BCR::ABL1 or KMT2A, HSCT, Down syndrome) do not count, so a child without leukaemia gets silence.
 */
final class AllPatientMapper {

    private static final Map<String, Set<Code>> SPECIFIC_OBSERVATIONS = specificObservations();

    private AllPatientMapper() {
    }

    static Optional<AllPatient> map(List<Condition> allConditions, List<Observation> observations,
                                    List<Procedure> procedures, MappingContext ctx) {
        List<String> evidence = new ArrayList<>();
        if (!allConditions.isEmpty()) {
            evidence.add("all-diagnosis");
        }
        SPECIFIC_OBSERVATIONS.forEach((name, codes) -> {
            if (!Resources.withCode(observations, codes, ctx).isEmpty()) {
                evidence.add(name);
            }
        });
        if (procedures.stream().anyMatch(p -> ctx.matches(p.getCode(), Codes.FRONTLINE_THERAPY))) {
            evidence.add("frontline-therapy");
        }
        return evidence.isEmpty() ? Optional.empty() : Optional.of(new AllPatient(evidence));
    }

    private static Map<String, Set<Code>> specificObservations() {
        Map<String, Set<Code>> codes = new LinkedHashMap<>();
        codes.put("lineage", Codes.IMMUNOPHENOTYPE);
        codes.put("cns-status", Codes.CNS_STATUS);
        codes.put("testicular-involvement", Codes.TESTICULAR);
        codes.put("genetic-subtype", Codes.GENETIC_SUBTYPE);
        codes.put("mrd", Codes.MRD);
        codes.put("relapse", Codes.RELAPSE);
        return codes;
    }
}
