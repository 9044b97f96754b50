package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.allcds.facts.AgeAtDiagnosis;
import org.allcds.facts.Cd19;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.facts.Lineage;
import org.allcds.facts.LineageAtDiagnosis;
import org.allcds.facts.MissingInput;
import org.allcds.facts.Mrd;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.LineageType;
import org.allcds.facts.Patient;
import org.allcds.facts.Relapse;
import org.allcds.facts.RelapseSite;
import org.allcds.facts.RelapseSiteResult;
import org.allcds.facts.RelapseTiming;
import org.allcds.facts.TherapyState;
import org.allcds.facts.ValueBound;
import org.allcds.facts.WbcAtDiagnosis;
import org.allcds.fixtures.BundledRuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled rules, compiled from rules/ and fired on fact records: the first rules at their boundaries. */
class RuleEngineTest {

    private static RuleSet ruleSet;
    /**
     * The relapse service's packages: a package set no service declares would build a session pool while other test
     * classes fire the same rule set's rules, which can deadlock in Drools' class loader (ServiceSessions).
     */
    private static final Set<String> RELAPSE_SERVICE = Set.of("org.allcds.rules.common", "org.allcds.rules.relapse",
            "org.allcds.rules.eligibility");
    private final RuleEvaluator evaluator = new RuleEvaluator();

    @BeforeAll
    static void compile() {
        ruleSet = BundledRuleSet.get();
    }

    /** The facts with the missing inputs the mapping would add to them. */
    private List<Evaluation.ExplainedFinding> risk(List<Object> facts) {
        List<Object> mapped = new ArrayList<>(facts);
        mapped.addAll(MissingInput.of(facts));
        return evaluator.evaluate(ruleSet, Set.of("org.allcds.rules.common", "org.allcds.rules.risk"), mapped).findings();
    }

    private List<Object> child(int ageYears, String wbc) {
        Lineage lineage = new Lineage(LineageType.B, Cd19.POSITIVE, "immunophenotype", LocalDate.of(2024, 5, 6),
                "Observation/ip");
        List<Object> facts = new ArrayList<>(List.of(new EvaluationTime(LocalDate.of(2024, 6, 20), "2024-06-20"), ruleSet.config(),
                new Patient(LocalDate.of(2020, 2, 10), "female", "Patient/p1"),
                new Diagnosis(LocalDate.of(2024, 5, 6), "assertedDate", "Condition/dx"),
                new AgeAtDiagnosis(ageYears, ageYears * 12), lineage, new LineageAtDiagnosis(lineage)));
        if (wbc != null) {
            facts.add(new WbcAtDiagnosis(new BigDecimal(wbc), LocalDate.of(2024, 5, 6), "Observation/wbc"));
        }
        return facts;
    }

    private static List<String> values(List<Evaluation.ExplainedFinding> findings, String type) {
        return findings.stream().map(Evaluation.ExplainedFinding::finding).filter(f -> f.type().equals(type))
                .map(Finding::value).toList();
    }

    @ParameterizedTest(name = "age {0} y, WBC {1} -> {2}")
    @CsvSource({"4, 49.9, STANDARD", "4, 50.0, HIGH", "4, 50, HIGH", "9, 8.0, STANDARD", "10, 8.0, HIGH",
            "1, 3.0, STANDARD", "0, 3.0, INFANT", "0, 80.0, INFANT"})
    void nciRisk_atItsBoundaries(int age, String wbc, String expected) {
        assertThat(values(risk(child(age, wbc)), "nci-risk")).containsExactly(expected);
    }

    @Test
    void nciRisk_highByAgeAndWbc_isOneFindingExplainedByBothRules() {
        List<Evaluation.ExplainedFinding> findings = risk(child(12, "60"));
        Evaluation.ExplainedFinding high = findings.stream().filter(f -> f.finding().type().equals("nci-risk")).findFirst().orElseThrow();
        assertThat(values(findings, "nci-risk")).containsExactly("HIGH");
        assertThat(high.rules()).extracting(RuleInfo::name).contains("R-DX-03 NCI high risk by age", "R-DX-03 NCI high risk by WBC");
        // the rule that reported it leads (a card's source and first link are its), the derivation follows in rule order
        assertThat(high.rules().get(0).name()).isEqualTo("R-DX-03 report NCI high risk");
        assertThat(high.inputs()).extracting(i -> i.inputName())
                .contains("ageAtDiagnosis", "birthDate", "diagnosisDate", "lineage", "wbcAtDiagnosis");
    }

    @Test
    void nciRisk_withoutWbcUnderTen_isIndeterminateNamingTheMissingInput() {
        List<Evaluation.ExplainedFinding> findings = risk(child(5, null));
        Finding nci = findings.stream().map(Evaluation.ExplainedFinding::finding).filter(f -> f.type().equals("nci-risk")).findFirst().orElseThrow();
        assertThat(nci.value()).isEqualTo("INDETERMINATE");
        assertThat(nci.candidates()).containsExactly("STANDARD", "HIGH");
        assertThat(nci.missing()).containsExactly("wbc-at-diagnosis");
        // the COG group is undecided too, so its other missing inputs are named as well
        assertThat(values(findings, "missing-data")).contains("wbc-at-diagnosis");
    }

    @Test
    void nciRisk_withoutWbcAtTen_isHighByAgeAlone() {
        assertThat(values(risk(child(10, null)), "nci-risk")).containsExactly("HIGH");
    }

    @ParameterizedTest(name = "{0} {1} months -> {2}")
    @CsvSource({"ISOLATED_MARROW, 35, false, EARLY", "ISOLATED_MARROW, 36, true, LATE", "COMBINED, 36, true, LATE",
            "ISOLATED_CNS, 17, false, EARLY", "ISOLATED_CNS, 18, true, LATE", "ISOLATED_TESTICULAR, 18, true, LATE",
            "ISOLATED_CNS_AND_TESTICULAR, 17, false, EARLY", "ISOLATED_CNS_AND_OTHER_EXTRAMEDULLARY, 18, true, LATE"})
    void cogTiming_atItsBoundaries(RelapseSite site, int months, boolean onAnniversary, String expected) {
        List<Object> facts = new ArrayList<>(child(6, "10"));
        facts.add(new Relapse(LocalDate.of(2027, 5, 6), site, 1, false, "Observation/rel"));
        facts.add(new RelapseTiming(months, onAnniversary, TherapyState.UNKNOWN, -1));
        List<Evaluation.ExplainedFinding> findings = evaluator
                .evaluate(ruleSet, RELAPSE_SERVICE, facts).findings();
        assertThat(findings.stream().map(Evaluation.ExplainedFinding::finding)
                .filter(f -> f.type().equals("relapse-timing") && "COG".equals(f.scheme())).map(Finding::value))
                .containsExactly(expected);
    }

    /** A late marrow relapse's COG stratum is reported by R-RR-C4; the site rule it was derived through (R-REL-01) follows. */
    @Test
    void aRelapseStratum_isLedByTheRuleThatReportedIt_notTheLowestIdOfItsDerivation() {
        List<Object> facts = new ArrayList<>(child(6, "10"));
        facts.add(new Relapse(LocalDate.of(2027, 5, 6), RelapseSite.ISOLATED_MARROW, 1, false, "Observation/rel"));
        facts.add(new RelapseTiming(40, false, TherapyState.UNKNOWN, -1));
        facts.add(new Mrd(MrdTimepoint.RELAPSE_END_BLOCK1, new BigDecimal("0.01"), ValueBound.EXACT, LocalDate.of(2027, 6, 10),
                "Observation/mrd"));

        Evaluation.ExplainedFinding stratum = evaluator.evaluate(ruleSet, RELAPSE_SERVICE, facts).findings().stream()
                .filter(f -> f.finding().type().equals("relapse-stratum") && "COG_AALL1331".equals(f.finding().scheme()))
                .findFirst().orElseThrow();

        assertThat(stratum.rules().get(0).name()).isEqualTo("R-RR-C4 report late relapse: COG low");
        assertThat(stratum.rules()).extracting(RuleInfo::id).contains("R-REL-01");
    }

    /** The records a relapse's site was read from besides its own (a CNS3, the marrow) explain what rests on the site. */
    @Test
    void aRelapseSiteReadFromACns3_namesItAmongTheStratumsInputs() {
        List<Object> facts = new ArrayList<>(child(6, "10"));
        LocalDate relapsed = LocalDate.of(2027, 5, 6);
        RelapseSiteResult cns3 = RelapseSiteResult.cns3(relapsed.plusDays(2), "Observation/lp");
        RelapseSiteResult marrow = RelapseSiteResult.marrowBlasts("2", relapsed, "Observation/rel");
        facts.add(new Relapse(relapsed, RelapseSite.ISOLATED_CNS_AND_TESTICULAR, 1, false, "Observation/rel",
                List.of(marrow, cns3)));
        facts.add(new RelapseTiming(40, false, TherapyState.OFF_THERAPY, 20));

        Evaluation.ExplainedFinding stratum = evaluator.evaluate(ruleSet, RELAPSE_SERVICE, facts).findings().stream()
                .filter(f -> f.finding().type().equals("relapse-stratum") && "BFM_ALLREZ2002".equals(f.finding().scheme()))
                .findFirst().orElseThrow();

        assertThat(stratum.finding().value()).isEqualTo("S1");
        assertThat(stratum.inputs()).contains(cns3, marrow);
    }

    @Test
    void serviceRunsOnlyItsOwnPackages() {
        List<Object> facts = new ArrayList<>(child(6, "10"));
        facts.add(new Relapse(LocalDate.of(2027, 5, 6), RelapseSite.ISOLATED_MARROW, 1, false, "Observation/rel"));
        facts.add(new RelapseTiming(40, false, TherapyState.UNKNOWN, -1));
        assertThat(values(risk(facts), "relapse-timing")).isEmpty();
    }

    @Test
    void catalogueCarriesMetadataOfEveryRule() {
        assertThat(ruleSet.rules()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.id()).isNotBlank();
            assertThat(r.version()).isNotBlank();
            assertThat(r.source()).isNotBlank();
        });
        assertThat(ruleSet.hash()).hasSize(64);
    }
}
