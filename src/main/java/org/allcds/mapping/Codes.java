package org.allcds.mapping;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allcds.facts.GeneticSubtype;
import org.allcds.mapping.ConceptTranslator.Code;

/** The code systems and codes of the data contract (§2), in one place. */
final class Codes {

    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String ALL_CDS = "https://all-cds.org/fhir/CodeSystem/all-cds";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ATC = "http://www.whocc.no/atc";
    static final String ASSERTED_DATE_URL = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";

    // I2
    /**
     * ICD-10-CM's ALL "in remission" and "in relapse": a Condition coded so may be dated at the remission or relapse (a
     * referral at relapse) rather than at the diagnosis (a problem-list entry whose code was updated keeps its date).
     */
    static final Set<Code> ALL_IN_REMISSION_OR_RELAPSE = Set.of(icd("C91.01"), icd("C91.02"));
    /** The ALL diagnosis codes that do not date a remission or relapse. */
    static final Set<Code> ALL_NOT_IN_REMISSION_OR_RELAPSE = Set.of(snomed("91857003"), snomed("277571004"), icd("C91.00"),
            local("b-all"), local("t-all"));
    static final Set<Code> ALL_DIAGNOSIS = union(ALL_NOT_IN_REMISSION_OR_RELAPSE, ALL_IN_REMISSION_OR_RELAPSE);
    // I3
    static final Set<Code> IMMUNOPHENOTYPE = Set.of(loinc("101119-6"));
    static final Code CD19 = local("cd19");
    // I4
    static final Set<Code> WBC = Set.of(loinc("6690-2"), loinc("26464-8"));
    // I5, I6, I7
    static final Set<Code> CNS_STATUS = Set.of(local("cns-status"));
    static final Set<Code> TESTICULAR = Set.of(local("testicular-involvement"));
    static final Set<Code> GENETIC_SUBTYPE = Set.of(local("genetic-subtype"));
    static final Map<Code, GeneticSubtype> FISH_TESTS = Map.of(
            loinc("77039-6"), GeneticSubtype.ETV6_RUNX1, loinc("51867-0"), GeneticSubtype.BCR_ABL1,
            loinc("78219-3"), GeneticSubtype.KMT2A_R, loinc("77030-5"), GeneticSubtype.TCF3_PBX1);
    static final Code FISH_PRESENT = loinc("LA9633-4");
    static final Code FISH_ABSENT = loinc("LA9634-2");
    /** Observation.interpretation saying a result is negative: v3 ObservationInterpretation NEG and ND. */
    // ObservationInterpretation (v3, the R4 binding) and the HL7 v2 table 0078 codes that interfaces pass through
    private static final String V3_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final String V2_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v2-0078";
    /** Negative, not detected, normal, indeterminate, equivocal: what a genetic result that found a subtype cannot be. */
    static final Set<Code> NEGATIVE_INTERPRETATION = interpretations("NEG", "ND", "N", "IND", "E");
    /** Positive, detected, abnormal, indeterminate, equivocal: what a genetic result that found nothing cannot be. */
    static final Set<Code> POSITIVE_INTERPRETATION = interpretations("POS", "DET", "A", "AA", "IND", "E");

    private static Set<Code> interpretations(String... codes) {
        return java.util.Arrays.stream(codes)
                .flatMap(c -> java.util.stream.Stream.of(new Code(V3_INTERPRETATION, c), new Code(V2_INTERPRETATION, c)))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
    // I8, I9, I10
    static final Set<Code> MRD = Set.of(local("mrd"));
    static final Set<Code> MARROW_BLASTS = Set.of(local("marrow-blasts"));
    static final Code TIMEPOINT = local("timepoint");
    static final Set<Code> RELAPSE = Set.of(local("relapse"));
    static final Code RELAPSE_SITE = local("relapse-site");
    static final Code RELAPSE_NUMBER = local("relapse-number");
    // I11, I12, I13
    static final Set<Code> FRONTLINE_THERAPY = Set.of(local("frontline-therapy"));
    static final Set<Code> ALLOGENEIC_HSCT = Set.of(local("allogeneic-hsct"));
    static final Set<Code> DOWN_SYNDROME = Set.of(icd("Q90.0"), icd("Q90.1"), icd("Q90.2"), icd("Q90.9"),
            snomed("41040004"));

    // Draft orders (order-sign); sources of each code in fhir-profiles/README.md. No verified RxNorm code for
    // tisagenlecleucel: sites map their CAR-T order codes onto ATC L01XL04 with a ConceptMap.
    static final Set<Code> CART_PRODUCT = Set.of(atc("L01XL04"));
    static final Set<Code> BLINATUMOMAB = Set.of(atc("L01FX07"), rxnorm("1597258"), rxnorm("1597263"),
            rxnorm("1597262"), rxnorm("1597267"), rxnorm("1651250"), rxnorm("1651253"), rxnorm("1597260"),
            rxnorm("1597266"));
    static final Set<Code> HSCT_REFERRAL = Set.of(snomed("234336002"), local("hsct-evaluation-referral"),
            local("allogeneic-hsct"));

    /**
     * Per resource type, every code the mappers match on the resource's own {@code code}: what a search template must
     * ask for (data contract §1). Component and value codes are not searched. A new concept goes here too.
     */
    static final Map<String, Set<Code>> SEARCHED = Map.of(
            "Condition", union(ALL_DIAGNOSIS, DOWN_SYNDROME),
            "Observation", union(IMMUNOPHENOTYPE, WBC, CNS_STATUS, TESTICULAR, GENETIC_SUBTYPE, FISH_TESTS.keySet(), MRD,
                    MARROW_BLASTS, RELAPSE),
            "Procedure", union(FRONTLINE_THERAPY, ALLOGENEIC_HSCT));

    private Codes() {
    }

    static Code loinc(String code) { return new Code(LOINC, code); }

    static Code snomed(String code) { return new Code(SNOMED, code); }

    static Code icd(String code) { return new Code(ICD10CM, code); }

    static Code local(String code) { return new Code(ALL_CDS, code); }

    static Code rxnorm(String code) { return new Code(RXNORM, code); }

    static Code atc(String code) { return new Code(ATC, code); }

    @SafeVarargs
    private static Set<Code> union(Set<Code>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** A lookup table from the local codes of an enum-valued concept to its constants. */
    static <T> Map<Code, T> localTable(T[] values, Function<T, String> code) {
        return Stream.of(values).collect(Collectors.toUnmodifiableMap(v -> local(code.apply(v)), v -> v));
    }
}
