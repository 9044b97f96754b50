package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.allcds.engine.RuleSet;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.fixtures.RuleFolders;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on scenarios written for the test: a passing one, a failing one with its diff, a broken file. */
class ScenarioRunnerTest {

    private static RuleSet ruleSet;
    private final ScenarioRunner runner = new ScenarioRunner(EvaluationAssembly.standalone());

    @BeforeAll
    static void compile() {
        ruleSet = BundledRuleSet.get();
    }

    private static final String PATIENT = """
            name: %s
            service: ped-all-risk
            evaluationTime: "2024-07-18"
            input:
              bundle:
                resourceType: Bundle
                type: collection
                entry:
                  - resource: {resourceType: Patient, id: p, birthDate: "2020-02-10", gender: female}
                  - resource:
                      resourceType: Condition
                      id: dx
                      subject: {reference: Patient/p}
                      code: {coding: [{system: "http://snomed.info/sct", code: "277571004"}]}
                      onsetDateTime: "2024-05-06"
                  - resource:
                      resourceType: Observation
                      id: wbc
                      status: final
                      subject: {reference: Patient/p}
                      code: {coding: [{system: "http://loinc.org", code: "6690-2"}]}
                      effectiveDateTime: "2024-05-06"
                      valueQuantity: {value: %s, system: "http://unitsofmeasure.org", code: "10*9/L"}
            expect:
              includes:
                - {type: nci-risk, scheme: NCI, value: STANDARD}
              rulesFired: [R-DX-02]
            """;
    private static final String INCLUDES = "  includes:\n    - {type: nci-risk, scheme: NCI, value: STANDARD}";

    private static void write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests").resolve(name), text);
    }

    @Test
    void runAll_reportsPassesFailuresAndBrokenFiles_withReadableDiff(@TempDir Path dir) throws IOException {
        write(dir, "a-pass.yaml", PATIENT.formatted("standard risk", "8.0"));
        write(dir, "b-fail.yaml", PATIENT.formatted("boundary 50.0 is not standard", "50.0"));
        write(dir, "c-broken.yaml", "service: ped-all-risk\nexpect: [\n");

        Report report = runner.runAll(ruleSet, dir);

        assertThat(report.results()).extracting(ScenarioResult::file)
                .containsExactly("tests/a-pass.yaml", "tests/b-fail.yaml", "tests/c-broken.yaml");
        assertThat(report.summaryLine()).isEqualTo("1 passed, 2 failed");
        ScenarioResult failed = report.results().get(1);
        assertThat(failed.diff())
                .contains("FAILED tests/b-fail.yaml (boundary 50.0 is not standard)")
                .contains("- expected, not produced: nci-risk NCI STANDARD")
                .contains("- rule expected to fire, did not: R-DX-02")
                .contains("nci-risk NCI HIGH")
                .contains("rules fired: ");
        assertThat(report.results().get(2).diff()).startsWith("tests/c-broken.yaml:");
    }

    @Test
    void exactFindings_reportUnexpectedOnes(@TempDir Path dir) throws IOException {
        write(dir, "exact.yaml", PATIENT.formatted("exact", "8.0")
                .replace(INCLUDES, "  findings:\n    - {type: infant, value: PRESENT}"));
        ScenarioResult result = runner.runAll(ruleSet, dir).results().get(0);
        assertThat(result.passed()).as(result.diff()).isFalse();
        assertThat(result.diff()).contains("+ produced, not expected: nci-risk NCI STANDARD")
                .contains("- expected, not produced: infant - PRESENT");
    }

    /** The bundle of {@link #PATIENT} as a data file of its own, with the WBC count given. */
    private static String bundleFile(String wbc) {
        String yaml = PATIENT.formatted("x", wbc);
        String bundle = yaml.substring(yaml.indexOf("  bundle:\n") + "  bundle:\n".length(), yaml.indexOf("expect:"));
        return YAML_TO_JSON.writeValueAsString(YAML.readTree(bundle.stripIndent()));
    }

    private static final tools.jackson.dataformat.yaml.YAMLMapper YAML = new tools.jackson.dataformat.yaml.YAMLMapper();
    private static final tools.jackson.databind.json.JsonMapper YAML_TO_JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /**
     * The reload gate keeps each scenario's prepared record between runs; a record read from a data file is prepared
     * again when that file changes, though the scenario's own file did not.
     */
    @Test
    void aKeptRecord_isPreparedAgain_whenItsDataFileChanges(@TempDir Path dir) throws IOException {
        write(dir, "patient.json", bundleFile("8.0"));
        write(dir, "from-file.yaml", PATIENT.formatted("from a file", "0").replaceFirst("(?s)  bundle:.*?expect:",
                "  bundleFile: patient.json\nexpect:"));
        assertThat(runner.runAll(ruleSet, dir).summaryLine()).isEqualTo("1 passed, 0 failed");

        write(dir, "patient.json", bundleFile("50.0"));
        ScenarioResult result = runner.runAll(ruleSet, dir).results().get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.diff()).contains("nci-risk NCI HIGH");
    }

    /** An unchanged scenario's record is prepared once: the runs after the first only evaluate the rules. */
    @Test
    void anUnchangedScenario_isPreparedOnce(@TempDir Path dir) throws IOException {
        write(dir, "a-pass.yaml", PATIENT.formatted("standard risk", "8.0"));
        Path file = dir.resolve("tests").resolve("a-pass.yaml");
        runner.runAll(ruleSet, dir);
        Object first = runner.keptRecord(dir, file);

        runner.prepare(dir);
        runner.runAll(ruleSet, dir);

        assertThat(first).isNotNull();
        assertThat(runner.keptRecord(dir, file)).isSameAs(first);
    }

    private static final String ORDER = """
            name: CAR-T order, expected about %s
            service: ped-all-orders
            evaluationTime: "2019-10-04"
            input:
              bundleFile: patient.json
              context:
                patientId: p1
                userId: Practitioner/example-oncologist
                draftOrders:
                  resourceType: Bundle
                  entry:
                    - resource: {resourceType: MedicationRequest, id: cart-1, status: draft, intent: order,
                                 subject: {reference: Patient/p1},
                                 medicationCodeableConcept: {coding: [{system: "http://www.whocc.no/atc", code: L01XL04}]}}
            expect:
              includes:
                - {type: order-check, scheme: CART_PRODUCT, value: LABEL_NOT_MET, order: %s}
              excludes:
                - {type: relapse-timing, scheme: COG, value: LATE}
            """;

    @Test
    void orderScenarios_compareWhatTheServiceReports_andTheDraftOrderAFindingIsAbout(@TempDir Path dir) throws IOException {
        write(dir, "a-right-order.yaml", ORDER.formatted("cart-1", "MedicationRequest/cart-1"));
        write(dir, "b-wrong-order.yaml", ORDER.formatted("another order", "MedicationRequest/other"));
        Files.copy(Path.of("rules/tests/orders/patients/late-marrow-relapse-mrd-below-0.1.json"), dir.resolve("tests/patient.json"));

        Report report = runner.runAll(ruleSet, dir);

        // the patient's relapse findings stay for the patient-view services: excluded here, and the first one passes
        assertThat(report.results().get(0).passed()).as(report.results().get(0).diff()).isTrue();
        assertThat(report.results().get(1).diff())
                .contains("- expected, not produced: order-check CART_PRODUCT LABEL_NOT_MET order=MedicationRequest/other")
                .contains("order-check CART_PRODUCT LABEL_NOT_MET order=MedicationRequest/cart-1");
    }

    /** The first result of a folder holding only {@code text}, as {@code tests/s.yaml}. */
    private ScenarioResult only(Path dir, String text) throws IOException {
        write(dir, "s.yaml", text);
        return runner.runAll(ruleSet, dir).results().get(0);
    }

    /** The diff of the test patient's scenario when it excludes only {@code finding} (written as in YAML). */
    private String excluding(Path dir, String finding) throws IOException {
        return only(dir, PATIENT.formatted("one excluded finding", "8.0").replace(INCLUDES, "  excludes:\n    - " + finding)).diff();
    }

    /** An excluded finding no rule can produce is excluded whatever the rules do: the scenario would pass by accident. */
    @Test
    void anExpectationNoRuleCanProduce_isRefused_withWhy(@TempDir Path dir) throws IOException {
        assertThat(excluding(dir, "{type: nci-risk, scheme: NCI, value: STANDRAD}"))
                .contains("expect.excludes {nci-risk NCI STANDRAD} can never match: \"STANDRAD\" is not a value of"
                        + " nci-risk NCI (did you mean \"STANDARD\"?); its values are HIGH, INDETERMINATE, INFANT, STANDARD");
        assertThat(excluding(dir, "{type: nci-rsk, scheme: NCI, value: HIGH}"))
                .contains("expect.excludes {nci-rsk NCI HIGH} can never match: unknown finding type \"nci-rsk\""
                        + " (did you mean \"nci-risk\"?)");
        assertThat(excluding(dir, "{type: nci-risk, value: HIGH}"))
                .contains("expect.excludes {nci-risk - HIGH} can never match: a 'nci-risk' finding always has a scheme (NCI)");
        assertThat(excluding(dir, "{type: cart-eligibility, scheme: FAD, value: MET}"))
                .contains("finding type \"cart-eligibility\" has no scheme \"FAD\" (did you mean \"FDA\"?); its schemes are EMA, FDA");
        assertThat(only(dir, PATIENT.formatted("expected typo", "8.0").replace("value: STANDARD}", "value: STANDRAD}")).diff())
                .contains("- expected, not produced: nci-risk NCI STANDRAD (it never can be: \"STANDRAD\" is not a value"
                        + " of nci-risk NCI (did you mean \"STANDARD\"?)");
        ScenarioResult fine = only(dir, PATIENT.formatted("computed scheme and value", "8.0").replace(INCLUDES,
                "  excludes:\n    - {type: missing-data, value: lineage}\n    - {type: risk-group, scheme: COG_AALL08B1, value: VERY_HIGH}"));
        assertThat(fine.passed()).as(fine.diff()).isTrue();
    }

    /**
     * Where a rule computes a scheme or value ({@code $code}, {@code $p.name()}), the vocabulary declared for the type
     * bounds what it can be: an excluded word outside it is refused with the word meant, as lint refuses the literal.
     */
    @Test
    void anExcludeOutsideTheVocabulary_whereTheRuleComputesTheWord_isRefused_withTheWordMeant(@TempDir Path dir) throws IOException {
        Map<String, String> refused = Map.of(
                "{type: data-quality, value: unit-not-convertibel}", "expect.excludes {data-quality - unit-not-convertibel}"
                        + " can never match: \"unit-not-convertibel\" is not a value of data-quality (did you mean"
                        + " \"unit-not-convertible\"?)",
                "{type: missing-data, value: wbc-at-diagnosys}",
                "\"wbc-at-diagnosys\" is not a value of missing-data (did you mean \"wbc-at-diagnosis\"?)",
                "{type: relapse-timing, scheme: COG, value: VERY_EARLY}",
                "\"VERY_EARLY\" is not a value of relapse-timing COG; its values are EARLY, LATE",
                "{type: cart-eligibility, scheme: COG, value: MET}",
                "finding type \"cart-eligibility\" has no scheme \"COG\"; its schemes are EMA, FDA",
                "{type: order-check, scheme: BLINATUMOMAB, value: NOT_INDICATED}",
                "\"NOT_INDICATED\" is not a value of order-check BLINATUMOMAB; its values are INDETERMINATE, LABEL_NOT_MET",
                "{type: nci-risk, scheme: NCI, value: INDETERMINATE, candidates: [STANDART, HIGH]}",
                "\"STANDART\" is not a candidate of nci-risk NCI (did you mean \"STANDARD\"?)",
                "{type: nci-risk, scheme: NCI, value: INDETERMINATE, missing: [wbc-at-diagnoss]}",
                "\"wbc-at-diagnoss\" is not an input name (did you mean \"wbc-at-diagnosis\"?)");
        for (Map.Entry<String, String> exclude : refused.entrySet()) {
            assertThat(excluding(dir, exclude.getKey())).as(exclude.getKey()).contains(exclude.getValue());
        }
    }

    /** No rule of the service's packages creates it: the risk service never runs the relapse rules. */
    @Test
    void anExcludeOnlyAnotherServicesRulesCreate_isRefused_namingTheServicesPackages(@TempDir Path dir) throws IOException {
        assertThat(excluding(dir, "{type: relapse-timing, scheme: COG, value: LATE}"))
                .contains("expect.excludes {relapse-timing COG LATE} can never match: no rule of service ped-all-risk"
                        + " (org.allcds.rules.common, org.allcds.rules.risk) creates a 'relapse-timing' finding");
    }

    /** Candidates and missing inputs are sets (data contract §4): their order in a scenario does not matter. */
    @Test
    void candidatesAndMissingInputs_matchInAnyOrder(@TempDir Path dir) throws IOException {
        String noBirthDate = PATIENT.formatted("no birth date", "8.0").replace("birthDate: \"2020-02-10\", ", "")
                .replace("  rulesFired: [R-DX-02]\n", "");
        String expected = "{type: nci-risk, scheme: NCI, value: INDETERMINATE, candidates: %s, missing: [birth-date]}";
        for (String candidates : List.of("[INFANT, STANDARD, HIGH]", "[HIGH, INFANT, STANDARD]")) {
            ScenarioResult included = only(dir, noBirthDate.replace(INCLUDES, "  includes:\n    - " + expected.formatted(candidates)));
            assertThat(included.passed()).as(included.diff()).isTrue();
            ScenarioResult excluded = only(dir, noBirthDate.replace(INCLUDES, "  excludes:\n    - " + expected.formatted(candidates)));
            assertThat(excluded.diff()).contains("+ excluded, but produced: nci-risk NCI INDETERMINATE");
        }
    }

    /**
     * An author pins a card's words with {@code summary:}: the finding's summary must be exactly those words, and a
     * rewording fails showing both, once, not as a finding missing beside an unexpected one.
     */
    @Test
    void aFindingsSummary_whenGiven_mustBeTheCardsWordsExactly(@TempDir Path dir) throws IOException {
        String scenario = PATIENT.formatted("the card's words", "8.0").replace(INCLUDES,
                "  includes:\n    - {type: risk-group, scheme: COG_AALL08B1, value: PENDING, summary: '%s'}");
        ScenarioResult same = only(dir, scenario.formatted(PENDING_SUMMARY));
        assertThat(same.passed()).as(same.diff()).isTrue();

        ScenarioResult reworded = only(dir, scenario.formatted("COG risk group pending"));
        assertThat(reworded.passed()).isFalse();
        assertThat(reworded.diff()).contains("  ~ summary differs: risk-group COG_AALL08B1 PENDING\n"
                        + "      expected: \"COG risk group pending\"\n"
                        + "      actual:   \"" + PENDING_SUMMARY + "\"")
                .doesNotContain("expected, not produced", "produced, not expected");
    }

    private static final String PENDING_SUMMARY =
            "COG risk group pending end-of-induction MRD (provisional: NCI standard risk)";

    @Test
    void anUnknownService_isNamed_withTheServicesThereAre(@TempDir Path dir) throws IOException {
        assertThat(only(dir, PATIENT.formatted("x", "8.0").replace("service: ped-all-risk", "service: ped-all-rsk")).diff())
                .contains("unknown service 'ped-all-rsk' (the services: ped-all-risk, ped-all-relapse, ped-all-orders)");
    }

    /** The service answers 400 to an order-sign call without draftOrders; the scenario must not read that as "no findings". */
    @Test
    void anOrderScenarioTheServiceWouldRefuse_isRefused(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("rules/tests/orders/patients/late-marrow-relapse-mrd-below-0.1.json"), dir.resolve("tests/patient.json"));
        String order = ORDER.formatted("x", "MedicationRequest/cart-1").replaceAll("(?s)  includes:.*", "  findings: []\n");
        assertThat(only(dir, order.replaceAll("(?s)  context:.*expect:", "expect:")).diff())
                .contains("input.context: the service would refuse this call (400): context.userId is required for hook 'order-sign'.");
        assertThat(only(dir, order.replace("draftOrders:", "draftOrder:")).diff())
                .contains("input.context: the service would refuse this call (400): context.draftOrders is required for hook 'order-sign'.");
    }

    /** A code typo makes a CAR-T order one the checks do not know, and {@code findings: []} would pass. */
    @Test
    void noFindingsOnOrdersTheChecksDoNotKnow_needsSayingSo(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("rules/tests/orders/patients/late-marrow-relapse-mrd-below-0.1.json"), dir.resolve("tests/patient.json"));
        String typo = ORDER.formatted("x", "MedicationRequest/cart-1").replace("L01XL04", "L01XL4")
                .replaceAll("(?s)  includes:.*", "  findings: []\n");
        assertThat(only(dir, typo).diff()).contains("expects no findings, but no draft order is one the order checks know"
                + " (1 draft order(s) of the patient)");
        ScenarioResult meant = only(dir, typo + "  noCheckedOrder: true\n");
        assertThat(meant.passed()).as(meant.diff()).isTrue();
        assertThat(only(dir, typo.replace("L01XL4", "L01XL04") + "  noCheckedOrder: true\n").diff())
                .contains("expect.noCheckedOrder is true, but a draft order is one the order checks know");
    }

    @Test
    void inParallel_keepsTheItemsOrder_whenLaterItemsFinishFirst() {
        List<Integer> items = IntStream.range(0, 12).boxed().toList();

        List<Integer> results = ScenarioRunner.inParallel(items, i -> {
            sleep(2 * (12 - i)); // the first items take longest
            return i * 10;
        });

        assertThat(results).containsExactlyElementsOf(items.stream().map(i -> i * 10).toList());
    }

    @Test
    void inParallel_usesOneThreadPerCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        ScenarioRunner.inParallel(IntStream.range(0, 4 * cores).boxed().toList(), i -> {
            threads.add(Thread.currentThread());
            sleep(20);
            return i;
        });

        assertThat(threads).hasSize(cores);
    }

    @Test
    void inParallel_passesOnATasksFailure() {
        assertThatThrownBy(() -> ScenarioRunner.inParallel(List.of(1, 2, 3), i -> {
            if (i == 2) {
                throw new IllegalArgumentException("scenario 2");
            }
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("scenario 2");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A rule that throws while firing makes the scenarios that reach it fail as "could not run", naming the rule by id
     * and its file in the rules folder, not Drools' generated resource path: in a condition and in a consequence.
     */
    @Test
    void aRuleThatThrows_isNamedByIdAndFile(@TempDir Path root) {
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("risk/boom.drl"), """
                package org.allcds.rules.risk
                import org.allcds.facts.*;

                rule "R-DX-98 throws in its condition"
                    @id("R-DX-98") @version("1.0.0") @source("test")
                when
                    WbcAtDiagnosis( per10e9L.divide(java.math.BigDecimal.ZERO) != null )
                then
                end
                """);
        assertThat(new ScenarioGate(runner).check(RuleFolders.compile(rules), rules).failures()).singleElement()
                .satisfies(f -> assertThat(f.diff()).contains("could not run", "R-DX-98", "risk/boom.drl")
                        .doesNotContain("org/allcds/rules"));

        RuleFolders.write(rules.resolve("risk/boom.drl"), """
                package org.allcds.rules.risk
                import org.allcds.facts.*;

                rule "R-DX-98 throws in its consequence"
                    @id("R-DX-98") @version("1.0.0") @source("test")
                    salience 10
                when
                    $w : WbcAtDiagnosis()
                then
                    insert($w.per10e9L().divide(java.math.BigDecimal.ZERO));
                end
                """);
        assertThat(new ScenarioGate(runner).check(RuleFolders.compile(rules), rules).failures()).singleElement()
                .satisfies(f -> assertThat(f.diff()).contains("could not run", "R-DX-98", "risk/boom.drl")
                        .doesNotContain("org/allcds/rules"));
    }

    /** A folder whose tests/ was moved away served rules nothing had checked: "0 passed, 0 failed" passed the gate. */
    @Test
    void aFolderWithoutScenarios_failsTheGate(@TempDir Path root) throws Exception {
        Path rules = RuleFolders.copy(root);
        try (java.util.stream.Stream<Path> files = Files.walk(rules.resolve("tests"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        assertThat(new ScenarioGate(runner).check(RuleFolders.compile(rules), rules).failures()).singleElement()
                .satisfies(f -> assertThat(f.diff()).contains("no author scenario"));
    }
}
