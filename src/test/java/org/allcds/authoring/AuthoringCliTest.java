package org.allcds.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.allcds.engine.RuleSetSource;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The authors' commands as they run from the jar: output lines, summary lines and exit codes. Tests that edit rules or
 * count scenarios work on a copy of the fixture rule set ({@link RuleFolders#FIXTURE}); {@link BundledRuleSet} runs
 * the same commands on the bundled clinical rules.
 */
class AuthoringCliTest {

    @TempDir
    Path root;

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AuthoringCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A rule file in package org.allcds.rules.risk (named by the ped-all-risk service), line 1 = the package line. */
    private Path withRiskFile(String body) {
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("risk/extra.drl"), """
                package org.allcds.rules.risk;

                import org.allcds.facts.*;

                """ + body);
        return rules;
    }

    /** A rule with a syntax error at line 8 of {@link #withRiskFile}'s file. */
    private static final String BROKEN_RULE = """
            rule "X-01 broken"
                @id("X-01") @version("1.0.0") @source("test")
            when
                AgeAtDiagnosis( years >  )
            then
            end
            """;

    /** A file of another package whose rules use a type it declares: a syntax error elsewhere leaves it unresolved. */
    private static final String TEEN_RULES = """
            package org.allcds.rules.relapse;

            import org.allcds.facts.*;

            declare Teen
                basis : String
            end

            rule "X-20 uses a declared type"
                @id("X-20") @version("1.0.0") @source("test")
                salience 10
            when
                Teen()
            then
            end
            """;

    /** Runs {@code command} with the logging set up as the jar's {@code main} does, adding what is logged to {@code logged}. */
    private static <T> T withTheJarsLogging(List<ILoggingEvent> logged, Supplier<T> command) throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        CliLogging.quiet();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.list = logged;
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        try {
            return command.get();
        } finally {
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
    }

    /** The output of {@code lint} on a folder it must reject (exit code 1). */
    private static String failingLint(Path rules) {
        Run run = cli("lint", rules.toString());
        assertThat(run.exit()).isEqualTo(1);
        return run.out();
    }

    @Nested
    class Lint {

        @Test
        void lint_aRuleFileSavedAsLatin1_isAnErrorAtItsLineAndColumn() throws IOException {
            Path rules = withRiskFile("// caf");
            Files.write(rules.resolve("risk/extra.drl"), new byte[] {(byte) 0xE9, '\n'}, java.nio.file.StandardOpenOption.APPEND);
            assertThat(failingLint(rules)).contains("risk/extra.drl:5:7: error: not UTF-8 text");
        }

        /**
         * A folder where the ledger or the finding types belong would be read as no file at all: the version check off
         * without a word. It is an error at its name, as a file that cannot be read is.
         */
        @Test
        void lint_aFolderNamedAsTheLedgerOrTheFindingTypes_isAnErrorAtItsName() throws IOException {
            Path rules = RuleFolders.copy(root);
            Files.createDirectories(rules.resolve("rule-versions.tsv"));
            Files.createDirectories(rules.resolve("findings.yaml"));
            assertThat(failingLint(rules)).contains(
                    "rule-versions.tsv:0:0: error: a folder, where the rule set reads a file of this name",
                    "findings.yaml:0:0: error: a folder, where the rule set reads a file of this name");
        }

        @Test
        void test_aScenarioSavedAsLatin1_failsAtItsLineAndColumn() throws IOException {
            Path rules = RuleFolders.copy(root);
            Path scenario = Files.createDirectories(rules.resolve("tests")).resolve("latin1.yaml");
            Files.write(scenario, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
            Run run = cli("test", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("tests/latin1.yaml:1:10: error: not UTF-8 text");
        }

        @Test
        void test_aFolderWithoutScenarios_fails_asTheServicesGateWould() throws IOException {
            Path rules = RuleFolders.copy(root);
            try (java.util.stream.Stream<Path> files = Files.walk(rules.resolve("tests"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Run run = cli("test", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("0 passed, 0 failed", "No author scenario under tests/");
        }

        @Test
        void lint_cleanRuleSet_exits0WithSummary() {
            Run run = cli("lint", RuleFolders.RULES.toString());
            assertThat(run.exit()).isZero();
            assertThat(run.out()).startsWith("0 errors, 0 warnings (rule set ");
        }

        @Test
        void lint_fixtureRuleSet_exits0WithSummary() {
            Run run = cli("lint", RuleFolders.copy(root).toString());
            assertThat(run.exit()).as(run.out()).isZero();
            assertThat(run.out()).startsWith("0 errors, 0 warnings (rule set ");
        }

        @Test
        void lint_syntaxError_pointsAtTheToken_withoutNullPackageNoise() {
            Path rules = withRiskFile(BROKEN_RULE);
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("risk/extra.drl:8:").doesNotContain("null Package");
            assertThat(run.out().lines().filter(l -> l.startsWith("risk/extra.drl:")).findFirst().orElseThrow())
                    .matches("risk/extra\\.drl:8:\\d+: error: .*");
            assertThat(run.out()).containsPattern("\\d+ errors?, 0 warnings");
        }

        /**
         * One syntax error makes Drools log every message of the failed build (1,360 lines for the bundled rules) at
         * ERROR, including errors in untouched files that only follow from it; lint prints the author's error alone.
         */
        @Test
        void lint_syntaxError_logsNothing_andLeavesOutItsFollowOnErrorsInOtherFiles() throws Exception {
            Path rules = withRiskFile(BROKEN_RULE);
            RuleFolders.write(rules.resolve("relapse/teen.drl"), TEEN_RULES);
            List<ILoggingEvent> logged = new ArrayList<>();
            String thread = Thread.currentThread().getName();
            Run run = withTheJarsLogging(logged, () -> cli("lint", rules.toString()));
            // Drools' loggers on this thread only: test classes running beside this one log through the same (JVM-wide)
            // context, and one firing rules then was caught once ("DefaultAgenda: State was INACTIVE is now FIRING_ALL_RULES")
            assertThat(logged).filteredOn(e -> thread.equals(e.getThreadName()) && (e.getLoggerName().startsWith("org.drools")
                    || e.getLoggerName().startsWith("org.kie"))).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).doesNotContain("relapse/teen.drl").contains(
                    "risk/extra.drl:8:").contains("(errors in other rule files are not reported until this is fixed");
        }

        @Test
        void lint_unknownField_pointsAtTheField() {
            Path rules = withRiskFile("""
                    rule "X-02 unknown field"
                        @id("X-02") @version("1.0.0") @source("test")
                    when
                        AgeAtDiagnosis( yeers >= 3 )
                    then
                    end
                    """);
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("risk/extra.drl:8:21: error: ");
        }

        @Test
        void lint_badConsequence_pointsAtTheCall() {
            Path rules = withRiskFile("""
                    rule "X-03 bad consequence"
                        @id("X-03") @version("1.0.0") @source("test")
                    when
                        AgeAtDiagnosis( years >= 3 )
                    then
                        noSuchMethod();
                    end
                    """);
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("risk/extra.drl:10:5: error: ").contains("noSuchMethod");
        }

        @Test
        void lint_misspeltIndicator_pointsAtIt_neverBecomesInfo() {
            Path rules = withRiskFile("""
                    rule "X-05 misspelt indicator"
                        @id("X-05") @version("1.0.0") @source("test")
                    when
                        AgeAtDiagnosis( years >= 13 )
                    then
                        insert(Finding.of("adolescent", "PRESENT").withIndicator(Indicator.WARNNG));
                    end
                    """);
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("risk/extra.drl:10:72: error: WARNNG cannot be resolved");
        }

        @Test
        void lint_misspeltEnumValue_asConstantOrString_pointsAtIt() {
            Path rules = withRiskFile("""
                    rule "X-06 misspelt constant"
                        @id("X-06") @version("1.0.0") @source("test")
                    when
                        Mrd( timepoint == MrdTimepoint.END_OF_INDUCTON )
                    then
                    end
                    """);
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("risk/extra.drl:8:").contains("END_OF_INDUCTON");

            // Drools would turn a string into the constant of that name, and a misspelt one into "never equal"
            rules = withRiskFile("""
                    rule "X-07 misspelt string"
                        @id("X-07") @version("1.0.0") @source("test")
                    when
                        Lineage( cd19 != Cd19.NEGATIVE, type == "B_LINEAGE" )
                    then
                    end
                    """);
            run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("risk/extra.drl:8:45: error: \"B_LINEAGE\" is not a value of LineageType (B, T)");
        }

        @Test
        void lint_misspeltRelapseSchemeOrStratum_pointsAtIt() {
            Path rules = withRiskFile("""
                    rule "X-10 misspelt scheme and stratum"
                        @id("X-10") @version("1.0.0") @source("test")
                    when
                        RuleConfig( isOn(RelapseScheme.COG_AALL133) )
                    then
                        insert(Finding.of("relapse-stratum", RelapseScheme.BFM_ALLREZ2002.name(), BfmRelapseStratum.S5.name()));
                    end
                    """);
            assertThat(failingLint(rules)).contains("risk/extra.drl:8:36: error: ").contains("COG_AALL133")
                    .contains("risk/extra.drl:10:97: error: S5 cannot be resolved");
        }

        @Test
        void lint_findingTypeNoRuleCreates_pointsAtIt_insteadOfNeverMatching() {
            Path rules = withRiskFile("""
                    rule "X-11 misspelt finding type"
                        @id("X-11") @version("1.0.0") @source("test")
                    when
                        Finding( type == "nci-rsk", value == "HIGH" )
                        Finding( type == "nci-risk", value == "HIGH" )
                        Finding( type == "refractory" )
                    then
                    end
                    """);
            String out = failingLint(rules);
            assertThat(out).contains("risk/extra.drl:8:22: error: unknown finding type \"nci-rsk\" (did you mean"
                            + " \"nci-risk\"?), so this pattern never matches")
                    .contains("risk/extra.drl:10:22: error: no rule creates a finding of type \"refractory\"")
                    .contains("the rule set creates infant, missing-data, nci-risk, relapse-timing")
                    .doesNotContain("risk/extra.drl:9:");
        }

        @Test
        void lint_misspeltSchemeInConfig_pointsAtIt_insteadOfSwitchingTheSchemeOff() {
            Path rules = RuleFolders.copy(root);
            RuleFolders.edit(rules.resolve("config.yaml"), "relapseSchemes: [COG_AALL1331, BFM_ALLREZ2002]",
                    "relapseSchemes: [COG_AALL1331, BFM_ALLREZ202]");
            assertThat(failingLint(rules)).contains("config.yaml:8:34: error: ").contains("\"BFM_ALLREZ202\"")
                    .contains("[COG_AALL1331, BFM_ALLREZ2002]");
        }

        @Test
        void lint_misspeltConfigKey_pointsAtTheKey_inPlainWords() {
            Path rules = RuleFolders.copy(root);
            RuleFolders.edit(rules.resolve("config.yaml"), "  infantAgeYears: 1", "  infantAgeYear: 1");
            assertThat(failingLint(rules))
                    .startsWith("config.yaml:13:3: error: unknown key 'infantAgeYear' (did you mean 'infantAgeYears'?)\n")
                    .doesNotContain("creator").doesNotContain("RuleConfig");
        }

        @Test
        void lint_salienceBreach_pointsAtTheRuleOrItsSalience() {
            Path rules = withRiskFile("""
                    declare Teen
                        basis : String
                    end

                    rule "X-08 derives without salience"
                        @id("X-08") @version("1.0.0") @source("test")
                    when
                        AgeAtDiagnosis( years >= 13 )
                    then
                        insertLogical(new Teen("age"));
                    end

                    rule "X-09 concludes early"
                        @id("X-09") @version("1.0.0") @source("test")
                        salience 10
                    when
                        Teen()
                    then
                        insert(Finding.of("adolescent", "PRESENT"));
                    end
                    """);
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("risk/extra.drl:9:1: error: rule \"X-08 derives without salience\" derives facts"
                    + " without a salience; a rule that derives facts runs at salience 10")
                    .contains("risk/extra.drl:19:5: error: rule \"X-09 concludes early\" inserts a Finding at salience 10;"
                            + " a decision runs at salience 0");
        }

        @Test
        void lint_missingId_pointsAtTheRule() {
            Path rules = withRiskFile("""
                    rule "X-04 no id"
                        @version("1.0.0") @source("test")
                    when
                        AgeAtDiagnosis( years >= 3 )
                    then
                    end
                    """);
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("risk/extra.drl:5:1: error: rule \"X-04 no id\" has no @id");
        }

        @Test
        void lint_invalidPrefetchTemplate_pointsAtTheTemplate() {
            Path rules = RuleFolders.copy(root);
            RuleFolders.edit(rules.resolve("services.yaml"), "conditions: \"Condition?patient={{context.patientId}}&",
                    "conditions: \"Condition?patient={{patientId}}&");
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).containsPattern("services\\.yaml:\\d+:20: error: service 'ped-all-risk', prefetch"
                    + " 'conditions': Token '\\{\\{patientId}}' is neither");
        }

        @Test
        void lint_servicePackageWithoutRules_pointsAtThePackageName() {
            Path rules = RuleFolders.copy(root);
            RuleFolders.edit(rules.resolve("services.yaml"), "- org.allcds.rules.risk", "- org.allcds.rules.rsik");
            assertThat(failingLint(rules)).contains("services.yaml:52:9: error: service 'ped-all-risk' names rule package"
                    + " 'org.allcds.rules.rsik', which has no rules");
        }

        @Test
        void lint_templateWithoutAMappedCode_failsNamingFileAndCode() {
            Path rules = RuleFolders.copy(root);
            RuleFolders.edit(rules.resolve("services.yaml"), "        http://loinc.org|6690-2,\\\n", "");
            Run run = cli("lint", rules.toString());
            assertThat(run.exit()).as(run.out()).isEqualTo(1);
            assertThat(run.out()).containsPattern("services\\.yaml:\\d+:\\d+: error: service 'ped-all-risk', prefetch"
                    + " 'observations': code http://loinc.org\\|6690-2, which the mapping reads, is missing");
        }

        /** A word that is no command used to start the service on port 8080 instead of answering. */
        @Test
        void aMisspeltCommand_isAUsageError_helpPrintsTheUsage_andNeitherStartsTheService() {
            Run misspelt = cli("tset", "rules");
            assertThat(misspelt.exit()).isEqualTo(2);
            assertThat(misspelt.err()).contains("unknown command 'tset'").contains("usage:");
            assertThat(AuthoringCli.isCommand(new String[] {"tset", "rules"})).isTrue();

            Run help = cli("help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("usage:").contains("starts the service");
            assertThat(AuthoringCli.isCommand(new String[] {"help"})).isTrue();
            assertThat(AuthoringCli.isCommand(new String[] {"--help"})).isTrue();

            assertThat(AuthoringCli.isCommand(new String[] {"--server.port=9000", "--spring.profiles.active=demo"}))
                    .as("the service's settings").isFalse();
            assertThat(AuthoringCli.isCommand(new String[0])).as("no arguments: the service").isFalse();
        }

        @Test
        void lint_notAFolder_isAUsageError() {
            Run run = cli("lint", root.resolve("nowhere").toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("is not a folder").contains("usage:");
        }
    }

    @Nested
    class ScenarioTests {

        private static final String SCENARIO = """
                name: example A is NCI %s
                service: ped-all-risk
                evaluationTime: "2024-07-18"
                input:
                  requestFile: ../../requests/ped-all-risk-example-a.json
                expect:
                  includes:
                    - {type: nci-risk, scheme: NCI, value: %s}
                  rulesFired: [R-DX-02]
                """;

        @Test
        void test_passingScenarios_exit0() {
            Path rules = RuleFolders.copy(root);
            RuleFolders.write(rules.resolve("tests/risk/standard.yaml"), SCENARIO.formatted("standard", "STANDARD"));
            Run run = cli("test", rules.toString());
            assertThat(run.out()).endsWith("2 passed, 0 failed" + System.lineSeparator());
            assertThat(run.exit()).isZero();
        }

        @Test
        void test_failingScenario_printsTheDiffAndExits1() {
            Path rules = RuleFolders.copy(root);
            RuleFolders.write(rules.resolve("tests/risk/high.yaml"), SCENARIO.formatted("high", "HIGH"));
            Run run = cli("test", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out())
                    .contains("FAILED tests/risk/high.yaml (example A is NCI high)")
                    .contains("- expected, not produced: nci-risk NCI HIGH")
                    .contains("actual findings:", "nci-risk NCI STANDARD")
                    .contains("rules fired: R-DX-02")
                    .endsWith("1 passed, 1 failed" + System.lineSeparator());
        }

        @Test
        void test_scenarioWithUnknownKeyOrNoExpectation_failsNamingFileAndKey() {
            Path rules = RuleFolders.copy(root);
            RuleFolders.write(rules.resolve("tests/risk/typo.yaml"), SCENARIO.formatted("typo", "STANDARD")
                    .replace("  includes:", "  inclues:"));
            RuleFolders.write(rules.resolve("tests/risk/nothing.yaml"), SCENARIO.formatted("nothing", "STANDARD")
                    .replaceAll("(?s)expect:.*", "expect:\n  includes: []\n"));
            Run run = cli("test", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out())
                    .contains("FAILED tests/risk/typo.yaml (tests/risk/typo.yaml)\n  tests/risk/typo.yaml:7:3: error:"
                            + " unknown key 'inclues' in expect")
                    .contains("tests/risk/nothing.yaml: error: the scenario expects nothing")
                    .endsWith("1 passed, 2 failed" + System.lineSeparator());
        }

        @Test
        void test_ruleSetThatDoesNotCompile_listsProblemsAndExits1() {
            assertThat(refusedBeforeAnyScenario("risk/nci-risk.drl", "years < $cfg.infantAgeYears", "years < "))
                    .contains("risk/nci-risk.drl:").contains("The rule set does not compile (");
        }

        /** Compiled, but refused by a further check: test says so, not that the rules do not compile. */
        @Test
        void test_ruleSetRefusedByACheck_saysItIsRefused_notThatItDoesNotCompile() {
            assertThat(refusedBeforeAnyScenario("services.yaml", "        http://loinc.org|6690-2,\\\n", ""))
                    .contains("code http://loinc.org|6690-2, which the mapping reads, is missing")
                    .contains("The rule set is refused (2 errors); no scenario ran.").doesNotContain("does not compile");
        }

        /** The output of {@code test} on the fixture with one edit, which it refuses before running a scenario. */
        private String refusedBeforeAnyScenario(String file, String from, String to) {
            Path rules = RuleFolders.copy(root);
            RuleFolders.edit(rules.resolve(file), from, to);
            Run run = cli("test", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("no scenario ran");
            return run.out();
        }
    }

    /** The bundled clinical rule set, through the same commands, asserting nothing that depends on rule wording. */
    @Nested
    class BundledRuleSet {

        @Test
        void test_bundledRuleSet_runsEveryScenarioFile_andAllPass() throws IOException {
            long scenarios;
            try (Stream<Path> files = Files.walk(RuleFolders.RULES.resolve("tests"))) {
                scenarios = files.filter(Files::isRegularFile)
                        .filter(p -> !p.startsWith(RuleFolders.RULES.resolve("tests/bases"))) // base patients
                        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).count();
            }
            assertThat(scenarios).isPositive();
            Run run = cli("test", RuleFolders.RULES.toString());
            assertThat(run.out()).endsWith(scenarios + " passed, 0 failed" + System.lineSeparator());
            assertThat(run.exit()).isZero();
        }

        @Test
        void eval_workedExampleA_isNciStandardAndCogLow_stampedWithTheRuleSetHash() {
            Run run = cli("eval", RuleFolders.EXAMPLE_A.toString(), "--service", "ped-all-risk", "--at", "2024-07-18",
                    "--rules", RuleFolders.RULES.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode doc = JsonMapper.builder().build().readTree(run.out());
            String hash = doc.path("ruleSet").path("hash").asString();
            assertThat(hash).isEqualTo(RuleSetSource.read(RuleFolders.RULES).hash());
            JsonNode service = doc.path("services").get(0);
            assertThat(service.path("service").asString()).isEqualTo("ped-all-risk");
            JsonNode cards = service.path("response").path("cards");
            assertThat(cards).isNotEmpty();
            List<String> findings = new ArrayList<>();
            for (JsonNode card : cards) {
                JsonNode ext = card.path("extension").path("org.allcds");
                assertThat(ext.path("ruleSet").path("hash").asString()).isEqualTo(hash);
                ext.path("findings").forEach(f -> findings.add(f.path("type").asString() + " "
                        + (f.has("scheme") ? f.path("scheme").asString() : "-") + " " + f.path("value").asString()));
            }
            assertThat(findings).contains("nci-risk NCI STANDARD", "risk-group COG_AALL08B1 LOW");
            assertThat(service.path("rulesFired").findValuesAsString("id")).isNotEmpty();
        }
    }

    @Nested
    class Eval {

        @Test
        void eval_exampleRequest_printsTheCardsAndTheRulesThatFired() {
            Path rules = RuleFolders.copy(root);
            Run run = cli("eval", rules.resolve(RuleFolders.FIXTURE_REQUEST).toString(), "--service", "ped-all-risk",
                    "--at", "2024-07-18", "--rules", rules.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode doc = JsonMapper.builder().build().readTree(run.out());
            assertThat(doc.path("evaluationTime").asString()).isEqualTo("2024-07-18");
            JsonNode service = doc.path("services").get(0);
            assertThat(service.path("service").asString()).isEqualTo("ped-all-risk");
            JsonNode card = service.path("response").path("cards").get(0);
            assertThat(card.path("summary").asString()).startsWith("NCI/Rome standard risk");
            assertThat(card.path("extension").path("org.allcds").path("ruleSet").path("hash").asString())
                    .isEqualTo(doc.path("ruleSet").path("hash").asString());
            assertThat(card.path("extension").path("org.allcds").path("serviceBuild")).as("the service build")
                    .isEqualTo(doc.path("serviceBuild")).isNotEmpty();
            assertThat(service.path("rulesFired").findValuesAsString("id")).containsExactly("R-DX-02");
            assertThat(service.path("rulesFired").get(0).path("file").asString()).isEqualTo("risk/nci-risk.drl");
        }

        /**
         * The eval sample in rules/README.md is what the command prints for worked example A: its evaluation time,
         * card summaries and rules fired (names, in order) are read from the README and compared with a real run.
         */
        @Test
        void readmeEvalSample_isWhatTheCommandPrints() throws IOException {
            String command = "$ java -jar target/all-cds.jar eval fhir-profiles/requests/ped-all-risk-example-a.json"
                    + " --service ped-all-risk";
            String readme = Files.readString(RuleFolders.RULES.resolve("README.md"));
            int start = readme.indexOf(command);
            assertThat(start).as("the eval sample in rules/README.md").isNotNegative();
            String sample = readme.substring(start, readme.indexOf("```", start));

            Run run = cli("eval", RuleFolders.EXAMPLE_A.toString(), "--service", "ped-all-risk", "--rules",
                    RuleFolders.RULES.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode doc = JsonMapper.builder().build().readTree(run.out());
            JsonNode service = doc.path("services").get(0);
            assertThat(quoted(sample, "evaluationTime")).containsExactly(doc.path("evaluationTime").asString());
            assertThat(quoted(sample, "summary")).isEqualTo(service.path("response").path("cards").findValuesAsString("summary"));
            assertThat(quoted(sample, "name")).isEqualTo(service.path("rulesFired").findValuesAsString("name"));
        }

        private static List<String> quoted(String sample, String member) {
            return java.util.regex.Pattern.compile("\"" + member + "\" : \"([^\"]*)\"").matcher(sample).results()
                    .map(m -> m.group(1)).toList();
        }

        @Test
        void eval_withoutService_runsEveryPatientViewService() {
            Run run = cli("eval", RuleFolders.EXAMPLE_A.toString(), "--at", "2024-07-18", "--rules", RuleFolders.RULES.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode doc = JsonMapper.builder().build().readTree(run.out());
            assertThat(doc.path("services").findValuesAsString("service")).containsExactly("ped-all-risk", "ped-all-relapse");
        }

        /** Which rules answered is said on stderr (stdout stays one JSON document): a folder, or the bundled set. */
        @Test
        void eval_andCards_sayWhichRulesTheyUse() throws IOException {
            Path rules = RuleFolders.copy(root);
            Run eval = cli("eval", rules.resolve(RuleFolders.FIXTURE_REQUEST).toString(), "--service", "ped-all-risk",
                    "--rules", rules.toString());
            assertThat(eval.exit()).as(eval.err()).isZero();
            assertThat(eval.err()).contains("Rules: the folder '" + rules + "'");
            assertThat(eval.out()).startsWith("{");

            Path requests = Files.createDirectories(root.resolve("requests"));
            Files.copy(rules.resolve(RuleFolders.FIXTURE_REQUEST), requests.resolve("ped-all-risk-a.json"));
            Run cards = cli("cards", requests.toString(), "--html", root.resolve("out.html").toString(), "--rules",
                    rules.toString());
            assertThat(cards.exit()).as(cards.err()).isZero();
            assertThat(cards.err()).contains("Rules: the folder '" + rules + "'");

            ByteArrayOutputStream err = new ByteArrayOutputStream();
            EvalCommand.compileRules(null, root.resolve("no-rules-here"), new PrintStream(err, true, StandardCharsets.UTF_8),
                    LintCommand::tryOut).ruleSet().retire();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("the rule set bundled in the jar");
        }

        @Test
        void eval_aFileThatIsNotUtf8_isAUsageError_notAStackTrace() throws IOException {
            Path file = Files.write(root.resolve("latin1.json"), new byte[] {'{', (byte) 0xE9, '}'});
            Run run = cli("eval", file.toString(), "--rules", RuleFolders.RULES.toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("'" + file + "' is not UTF-8 text");
        }

        /** The service answers such a request 400 (another patient's data); eval prints that answer and fails. */
        @Test
        void eval_aRequestTheServiceRefuses_printsItsOperationOutcome_andFails() throws IOException {
            Path rules = RuleFolders.copy(root);
            Path file = refusedRequest(rules);
            Run run = cli("eval", file.toString(), "--service", "ped-all-risk", "--rules", rules.toString());
            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            JsonNode service = JsonMapper.builder().build().readTree(run.out()).path("services").get(0);
            assertThat(service.path("status").asInt()).isEqualTo(400);
            assertThat(service.path("response").path("resourceType").asString()).isEqualTo("OperationOutcome");
            assertThat(service.path("response").path("issue").get(0).path("diagnostics").asString())
                    .contains("prefetch.patient is not the patient in context");
        }

        /** A search key holding another type: the server's 400 (never "no conditions"), not cards of a record without them. */
        @Test
        void eval_aSearchKeyHoldingAnotherType_printsTheServersRefusal() throws IOException {
            Path rules = RuleFolders.copy(root);
            ObjectNode request = (ObjectNode) JsonMapper.builder().build()
                    .readTree(Files.readString(rules.resolve(RuleFolders.FIXTURE_REQUEST)));
            ((ObjectNode) request.get("prefetch")).set("conditions", request.path("prefetch").path("patient").deepCopy());
            Path file = Files.writeString(root.resolve("conditions-hold-the-patient.json"), request.toString());

            Run run = cli("eval", file.toString(), "--service", "ped-all-risk", "--rules", rules.toString());

            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            JsonNode service = JsonMapper.builder().build().readTree(run.out()).path("services").get(0);
            assertThat(service.path("status").asInt()).isEqualTo(400);
            assertThat(service.path("response").path("issue").get(0).path("diagnostics").asString())
                    .isEqualTo("prefetch.conditions must be a Bundle of the Conditions its template searches for, not a Patient.");
        }

        @Test
        void cards_aRequestTheServiceRefuses_isOneLineNamingTheFile() throws IOException {
            Path rules = RuleFolders.copy(root);
            Path requests = Files.createDirectories(root.resolve("requests"));
            Path file = Files.move(refusedRequest(rules), requests.resolve("ped-all-risk-refused.json"));
            Run run = cli("cards", requests.toString(), "--html", root.resolve("out.html").toString(), "--rules", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("\nerror: '" + file + "': service ped-all-risk answers 400: prefetch.patient")
                    .doesNotContain("Exception");
            assertThat(root.resolve("out.html")).doesNotExist();
        }

        /**
         * A rule whose consequence throws for this patient (no scenario covers it, so the reload gate let it in): the
         * service answers 500; eval prints that answer, names the failing rule for the author, and fails, without a
         * stack trace.
         */
        @Test
        void eval_aRuleThatThrows_printsTheServersAnswer_andNamesTheRule_notAStackTrace() throws IOException {
            Path rules = throwingRule(RuleFolders.copy(root));
            Run run = cli("eval", rules.resolve(RuleFolders.FIXTURE_REQUEST).toString(), "--service", "ped-all-risk",
                    "--rules", rules.toString());
            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("service ped-all-risk answers 500: rule R-DX-02 \"R-DX-02 NCI standard risk\""
                    + " (risk/nci-risk.drl) failed in its consequence (NumberFormatException)").doesNotContain("\tat ");
            JsonNode service = JsonMapper.builder().build().readTree(run.out()).path("services").get(0);
            assertThat(service.path("status").asInt()).isEqualTo(500);
            assertThat(service.path("response").path("issue").get(0).path("diagnostics").asString())
                    .isEqualTo("Internal error; it has been logged.");
            assertThat(service.path("ruleFault").asString()).startsWith("rule R-DX-02 ");
        }

        @Test
        void cards_aRuleThatThrows_isOneLineNamingTheFileAndTheRule() throws IOException {
            Path rules = throwingRule(RuleFolders.copy(root));
            Path requests = Files.createDirectories(root.resolve("requests"));
            Path file = Files.copy(rules.resolve(RuleFolders.FIXTURE_REQUEST), requests.resolve("ped-all-risk-a.json"));
            Run run = cli("cards", requests.toString(), "--html", root.resolve("out.html").toString(), "--rules", rules.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("\nerror: '" + file + "': service ped-all-risk answers 500: rule R-DX-02 ")
                    .doesNotContain("Exception in").doesNotContain("\tat ");
            assertThat(root.resolve("out.html")).doesNotExist();
        }

        /** R-DX-02's consequence made to throw: the fixture patient (worked example A) is NCI standard risk. */
        private Path throwingRule(Path rules) throws IOException {
            Path drl = rules.resolve("risk/nci-risk.drl");
            String text = Files.readString(drl);
            String consequence = "    insert(Finding.of(\"nci-risk\", \"NCI\", \"STANDARD\")";
            assertThat(text).contains(consequence);
            Files.writeString(drl, text.replace(consequence, "    Integer.parseInt(\"standard\");\n" + consequence));
            return rules;
        }

        /** The fixture request with its Patient renamed, so that it is not the patient in context. */
        private Path refusedRequest(Path rules) throws IOException {
            ObjectNode request = (ObjectNode) JsonMapper.builder().build()
                    .readTree(Files.readString(rules.resolve(RuleFolders.FIXTURE_REQUEST)));
            ((ObjectNode) request.path("prefetch").path("patient")).put("id", "another-patient");
            return Files.writeString(root.resolve("refused.json"), request.toString());
        }

        @Test
        void eval_badDate_isAUsageError() {
            Path rules = RuleFolders.copy(root);
            Run run = cli("eval", rules.resolve(RuleFolders.FIXTURE_REQUEST).toString(), "--at", "18/07/2024", "--rules",
                    rules.toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("--at '18/07/2024' is not a FHIR date");
        }
    }
}
