package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.allcds.profiles.ConformanceResources;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lineage that is not known is never guessed (C-08), over the scenario corpus ({@link InputNotKnownCheck}): every author
 * scenario with a relapse is run with its ALL diagnosis coded B-ALL, coded T-ALL, and coded ALL without a lineage, its
 * immunophenotypes left out in all three (so CD19 is not recorded either). What the record without a lineage concludes
 * holds for B and T; what both conclude alike is concluded without it; where they differ it waits, naming the lineage.
 * It covers the relapse's timing, strata, HSCT decision and an HSCT referral: the CAR-T and blinatumomab checks, which
 * are CD19-directed, wait for the lineage by design.
 * The check is shown to catch a rule set that takes a lineage not known as B.
 */
class LineageNotKnownTest {

    private static final String LINEAGE = "lineage";
    private static final String SNOMED = "http://snomed.info/sct";
    /** The ALL diagnosis codes the mapping reads (Codes.ALL_DIAGNOSIS): SNOMED, ICD-10-CM and local ones. */
    private static final Set<String> ALL_CODES = Set.of("91857003", "277571004", "C91.00", "C91.01", "C91.02", "b-all", "t-all");

    private static final List<String> COVERED = List.of("relapse-timing ", "relapse-stratum ", "hsct-indication ",
            "refractory ", "order-check HSCT_REFERRAL ");

    @TempDir
    Path root;

    @Test
    void everyRelapse_withoutItsLineage_givesWhatBAndTGiveAlike_andNamesTheLineageForTheRest() {
        InputNotKnownCheck.Result check = check(ScenarioRecords.bundled(), file -> true);
        assertThat(check.records()).as("scenario records with a relapse, run as B, T and without a lineage").isGreaterThan(80);
        assertThat(check.given()).as("conclusions given without the lineage because B and T give them").isGreaterThan(200);
        assertThat(check.leftOpen()).as("kinds of finding the lineage decides, left open without it").isGreaterThan(50);
        assertThat(check.problems()).as("guesses, omissions and unnamed lineages").isEmpty();
    }

    @Test
    void theCheck_reportsARuleSetThatTakesALineageNotKnownAsB() {
        String file = "tests/relapse/lineage-not-recorded/late-marrow-mrd-0.02.yaml";
        assertThat(InputNotKnownCheck.problemsOfEditedRules(root, "for (LineageType t : LineageType.values())", "for (LineageType t : new LineageType[] {LineageType.B})", file,
                LineageNotKnownTest::check))
                .anySatisfy(p -> assertThat(p).startsWith(file + ": relapse-stratum COG_AALL1331 is LOW without the lineage"));
    }

    private static InputNotKnownCheck.Result check(ScenarioRecords records, Predicate<String> files) {
        return InputNotKnownCheck.check(records, record -> files.test(record.file())
                        && record.data().resources().stream().anyMatch(SiteNotRecordedTest::isRelapse)
                        && record.data().resources().stream().anyMatch(LineageNotKnownTest::isAllDiagnosis),
                LINEAGE, new InputNotKnownCheck.Variants() {
                    @Override
                    public List<Resource> without(ScenarioRecords.Record record) {
                        return coded(record, new Coding(SNOMED, "91857003", null));
                    }

                    @Override
                    public Map<String, List<Resource>> known(ScenarioRecords.Record record) {
                        Map<String, List<Resource>> byLineage = new LinkedHashMap<>();
                        byLineage.put("B", coded(record, new Coding(ConformanceResources.LOCAL_SYSTEM, "b-all", null)));
                        byLineage.put("T", coded(record, new Coding(ConformanceResources.LOCAL_SYSTEM, "t-all", null)));
                        return byLineage;
                    }

                    /** The strata and what follows from them; the CD19-directed checks always wait for the lineage. */
                    @Override
                    public boolean covers(String kind) {
                        return COVERED.stream().anyMatch(kind::startsWith);
                    }
                });
    }

    /** The record with every ALL diagnosis coded {@code code} only, and no immunophenotype. */
    private static List<Resource> coded(ScenarioRecords.Record record, Coding code) {
        return InputNotKnownCheck.mapped(record, r -> {
            if (isImmunophenotype(r)) {
                return null;
            }
            if (!isAllDiagnosis(r)) {
                return r;
            }
            Condition diagnosis = ((Condition) r).copy();
            diagnosis.setCode(new CodeableConcept().addCoding(code.copy()));
            return diagnosis;
        });
    }

    private static boolean isAllDiagnosis(Resource r) {
        return r instanceof Condition c && c.getCode().getCoding().stream().anyMatch(x -> x.getCode() != null && ALL_CODES.contains(x.getCode()));
    }

    private static boolean isImmunophenotype(Resource r) {
        return r instanceof Observation o
                && o.getCode().getCoding().stream().anyMatch(c -> "101119-6".equals(c.getCode()));
    }
}
