package org.allcds.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An input of the risk classification that the record of an ALL patient does not hold (clinical-rules R-DX-11,
 * convention C-08: missing data never downgrades). Computed once from the mapped facts, so that rules match
 * {@code MissingInput( input == Input.WBC_AT_DIAGNOSIS )} instead of each repeating {@code Diagnosis()} and
 * {@code not WbcAtDiagnosis()}. Only with a {@link Diagnosis}: without one there is nothing to classify.
 * Testicular involvement is an input for boys only. Genetics count as missing until a subtype, or none, was found. The birth date counts as missing whenever no age at diagnosis
 * follows from it (none recorded, or one after the diagnosis).
 */
public record MissingInput(Input input) {

    /** The name findings carry, e.g. {@code wbc-at-diagnosis}. */
    public String name() {
        return input.code();
    }

    /** The inputs the facts lack, in {@link Input} order. */
    public static List<MissingInput> of(Collection<?> facts) {
        List<MissingInput> missing = new ArrayList<>();
        if (facts.stream().noneMatch(Diagnosis.class::isInstance)) {
            return missing;
        }
        Patient patient = facts.stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElse(null);
        // A birth date after the diagnosis gives no age either: the age is what the rules need
        add(missing, Input.BIRTH_DATE, none(facts, AgeAtDiagnosis.class));
        add(missing, Input.LINEAGE, none(facts, LineageAtDiagnosis.class)); // a relapse's immunophenotype is not it
        add(missing, Input.WBC_AT_DIAGNOSIS, none(facts, WbcAtDiagnosis.class));
        add(missing, Input.GENETIC_SUBTYPE, !geneticsDone(facts));
        add(missing, Input.DAY8_MRD, noMrd(facts, MrdTimepoint.DAY8_PB));
        add(missing, Input.END_OF_INDUCTION_MRD, noMrd(facts, MrdTimepoint.END_OF_INDUCTION));
        add(missing, Input.CNS_STATUS, none(facts, CnsStatus.class));
        // only a girl has no testes to examine: a boy, or a child whose sex is not recorded (or is other or unknown),
        // may have testicular leukaemia, which makes the group at least high (R-DX-08)
        add(missing, Input.TESTICULAR_INVOLVEMENT, patient != null && !"female".equals(patient.sex())
                && none(facts, TesticularInvolvement.class));
        return missing;
    }

    private static void add(List<MissingInput> missing, Input input, boolean absent) {
        if (absent) {
            missing.add(new MissingInput(input));
        }
    }

    private static boolean none(Collection<?> facts, Class<?> type) {
        return facts.stream().noneMatch(type::isInstance);
    }

    /**
     * Genetics are known when a subtype was found or none was (none-detected). Negative single-gene results alone
     * (an ETV6::RUNX1 FISH "absent") leave the other subtypes, very-high-risk ones included, unknown (C-08).
     */
    private static boolean geneticsDone(Collection<?> facts) {
        return facts.stream().anyMatch(f -> f instanceof GeneticFinding g && g.present());
    }

    private static boolean noMrd(Collection<?> facts, MrdTimepoint timepoint) {
        return facts.stream().noneMatch(f -> f instanceof Mrd m && m.timepoint() == timepoint);
    }
}
