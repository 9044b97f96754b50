package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems are reported at the author's file, line and column, and a rule set with any error does not load. */
class RuleCompilerTest {

    private final RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());

    /**
     * A copy of the small fixture rule set with one extra DRL file: where an error is reported does not depend on how
     * many correct rules surround it, and the bundled rule set is compiled on its own below.
     */
    private static Path rulesWith(Path dir, String file, String drl) throws IOException {
        Path rules = RuleFolders.copy(dir);
        Path target = rules.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, drl);
        return rules;
    }

    private static final String HEADER = "package org.allcds.rules.risk;\nimport org.allcds.facts.*;\n\n";

    /**
     * Drools' repository keeps at most 10 versions of one artifact and drops the oldest beyond that: builds that
     * shared an artifact lost a live rule set's module whenever more than ten were alive at once (parallel tests,
     * lint beside a reload).
     */
    @Test
    void manyLiveBuilds_keepEveryModuleInTheRepository_untilEachIsRetired() {
        RuleSetSource source = RuleSetSource.read(RuleFolders.FIXTURE);
        List<RuleSet> live = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                live.add(compiler.compile(source).ruleSet());
            }
            assertThat(live).allSatisfy(set -> assertThat(org.kie.api.KieServices.Factory.get().getRepository()
                    .getKieModule(set.releaseId())).as(set.releaseId().toString()).isNotNull());
        } finally {
            live.forEach(RuleSet::retire);
        }
        assertThat(live).allSatisfy(set -> assertThat(org.kie.api.KieServices.Factory.get().getRepository()
                .getKieModule(set.releaseId())).isNull());
    }

    @Test
    void syntaxError_isReportedAtItsFileLineAndColumn_withoutParserNoise(@TempDir Path dir) throws IOException {
        String drl = HEADER + """
                rule "broken"
                    @id("X-1") @version("1") @source("test")
                when
                    Patient( birthDate == )
                then
                end
                """;
        RuleCompiler.Result result = compiler.compile(RuleSetSource.read(rulesWith(dir, "risk/extra/broken.drl", drl)));

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo("risk/extra/broken.drl"));
        assertThat(result.errors().get(0).line()).isEqualTo(7);
        assertThat(result.errors().get(0).column()).isGreaterThan(1);
        assertThat(result.problems()).noneMatch(p -> p.message().contains("null Package"));
    }

    /** Drools reports a missing 'end' inside the next rule; the hint points at the rule that lacks it. */
    @Test
    void missingEnd_isHintedAtTheRuleThatLacksIt(@TempDir Path dir) throws IOException {
        String drl = HEADER + """
                rule "no end" @id("X-5") @version("1") @source("test")
                when Patient() then insert(Finding.of("a", "PRESENT"));

                rule "next" @id("X-6") @version("1") @source("test")
                when Patient() then insert(Finding.of("b", "PRESENT"));
                end
                """;
        RuleCompiler.Result result = compiler.compile(RuleSetSource.read(rulesWith(dir, "risk/noend.drl", drl)));

        assertThat(result.problems()).extracting(RuleProblem::toString).contains("risk/noend.drl:4:1: warning: rule"
                + " \"no end\" may be missing its 'end': the next rule starts at line 7, before the syntax error at line 8");
    }

    /** Only DRL errors can follow from a DRL syntax error; a mistake in config.yaml is the author's own and stays. */
    @Test
    void syntaxError_leavesOutOtherDrlFiles_butNotTheYamlFiles(@TempDir Path dir) throws IOException {
        Path rules = rulesWith(dir, "risk/extra/broken.drl", HEADER + "rule \"broken\"\nwhen\n    Patient( birthDate == )\nthen\nend\n");
        RuleFolders.write(rules.resolve("relapse/extra/declared.drl"), """
                package org.allcds.rules.relapse;
                declare Teen basis : String end
                rule "uses the declared type" @id("X-3") @version("1") @source("test") when Teen() then end
                """);
        RuleFolders.edit(rules.resolve("config.yaml"), "  infantAgeYears: 1", "  infantAgeYear: 1");

        List<RuleProblem> errors = compiler.compile(RuleSetSource.read(rules)).errors();
        assertThat(errors).extracting(RuleProblem::file).containsOnly("config.yaml", "risk/extra/broken.drl");
        assertThat(errors.get(1).message()).endsWith(RuleCompiler.CASCADE_NOTE);
    }

    /** The first error of a rule, alone in {@code file}, whose condition (line 7) is {@code pattern}. */
    private RuleProblem firstError(Path dir, String file, String pattern) throws IOException {
        String drl = HEADER + "rule \"one pattern\"\n    @id(\"X-2\") @version(\"1\") @source(\"test\")\nwhen\n    "
                + pattern + "\nthen\nend\n";
        RuleCompiler.Result result = compiler.compile(RuleSetSource.read(rulesWith(dir, file, drl)));
        assertThat(result.ok()).isFalse();
        return result.errors().get(0);
    }

    /** MVEL's "[Line: 7, Column: 4]" counted from the pattern and contradicted the position in front of the message. */
    @Test
    void unknownField_hasOnePosition_notAlsoMvelsOwnInTheMessage(@TempDir Path dir) throws IOException {
        RuleProblem error = firstError(dir, "risk/unknown.drl", "Patient( birthDat != null )");
        assertThat(error.message()).startsWith("Unable to Analyse Expression birthDat != null:")
                .endsWith("org.allcds.facts.Patient.birthDat()]").doesNotContain("[Line:", "^");
    }

    /** Drools named only the second of two rules with one name; the author had to search for the first. */
    @Test
    void aDuplicateRuleName_namesBothRules(@TempDir Path dir) throws IOException {
        RuleCompiler.Result result = compileRule(dir, "risk/dup.drl", "R-DX-05 lineage unknown", """
                @id("R-DX-05") @part("again") @version("1") @source("test")""");
        assertThat(result.errors()).extracting(RuleProblem::toString).containsExactly("risk/dup.drl:4:1: error:"
                + " Duplicate rule name: R-DX-05 lineage unknown (also the name of the rule at risk/nci-risk.drl:97:1;"
                + " rule names are unique in a package)");
    }

    @Test
    void unknownField_isReportedAtTheField(@TempDir Path dir) throws IOException {
        assertThat(firstError(dir, "risk/unknown.drl", "Patient( birthDat != null )").toString())
                .startsWith("risk/unknown.drl:7:14: error:");
    }

    /** Drools names the whole expression; the author's mistake is the constant at its end. */
    @Test
    void misspeltEnumConstant_isReportedAtTheConstant(@TempDir Path dir) throws IOException {
        assertThat(firstError(dir, "risk/constant.drl", "Lineage( type == LineageType.BX )").toString())
                .startsWith("risk/constant.drl:7:34: error:");
    }

    /**
     * Beside a correct pattern of the same kind, Drools gives the misspelt one no line at all: it is then looked for
     * in the whole file, not only near line 1.
     */
    @Test
    void misspeltEnumConstant_whereDroolsGivesNoLine_isFoundInTheWholeFile(@TempDir Path dir) throws IOException {
        String drl = HEADER + """
                rule "X-1 fine"
                    @id("X-1") @version("1.0.0") @source("test")
                when
                    Lineage( type == LineageType.T )
                then
                end
                """ + "// filler\n".repeat(80) + """
                rule "X-2 typo"
                    @id("X-2") @version("1.0.0") @source("test")
                when
                    Lineage( type == LineageType.TT )
                then
                end
                """;
        RuleCompiler.Result result = compiler.compile(RuleSetSource.read(rulesWith(dir, "risk/far.drl", drl)));

        assertThat(result.errors()).singleElement().asString().startsWith("risk/far.drl:93:34: error:");
    }

    @Test
    void ruleWithoutId_doesNotLoad(@TempDir Path dir) throws IOException {
        RuleCompiler.Result result = compileRule(dir, "risk/noid.drl", "no id", """
                @version("1") @source("test")""");

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("risk/noid.drl");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("has no @id");
        });
    }

    @Test
    void aSourceThatStartsWithARuleId_isAWarningAtTheRule_andTheRuleStillLoads(@TempDir Path dir) throws IOException {
        RuleCompiler.Result result = compileRule(dir, "risk/cross.drl", "R-TEST-01 cross-referenced", """
                @id("R-TEST-01") @version("1") @source("R-DX-15: FDA BLINCYTO label")""");

        assertThat(result.ok()).isTrue();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.file()).isEqualTo("risk/cross.drl");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("@source starts with the rule id R-DX-15");
        });
        result.ruleSet().retire();
    }

    /** A misspelt @id passed lint and put the rule under another catalogue row. */
    @Test
    void anIdThatDoesNotStartTheRuleName_isAnErrorAtTheId(@TempDir Path dir) throws IOException {
        RuleCompiler.Result result = compileRule(dir, "risk/id.drl", "R-DX-95 new rule", """
                @version("1") @id("R-DX-9") @source("test")""");

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).extracting(RuleProblem::toString).containsExactly(
                "risk/id.drl:5:19: error: @id \"R-DX-9\" does not start the rule name \"R-DX-95 new rule\"");
        RuleCompiler.Result exact = compileRule(dir.resolve("exact"), "risk/id.drl", "R-DX-95", """
                @id("R-DX-95") @version("1") @source("test")""");
        assertThat(exact.problems()).isEmpty();
        exact.ruleSet().retire();
    }

    /** The fixture rule set with one more file holding one rule (at line 4) with the given metadata. */
    private RuleCompiler.Result compileRule(Path dir, String file, String name, String metadata) throws IOException {
        String drl = HEADER + "rule \"" + name + "\"\n    " + metadata + "\nwhen\n    Patient()\nthen\nend\n";
        return compiler.compile(RuleSetSource.read(rulesWith(dir, file, drl)));
    }

    /** The errors of the fixture rule set after replacing {@code from} with {@code to} in its config.yaml. */
    private List<String> configErrors(Path dir, String from, String to) {
        Path rules = RuleFolders.copy(dir);
        RuleFolders.edit(rules.resolve("config.yaml"), from, to);
        return compiler.compile(RuleSetSource.read(rules)).errors().stream().map(RuleProblem::toString).toList();
    }

    /**
     * config.yaml is read here for lint, start-up and reload alike. Jackson would report a record's unknown or missing
     * key past the end of the file, in its own words; the author gets the key, its line and the key it probably means.
     */
    @Test
    void misspeltConfigKey_isReportedAtTheKey_withTheKeyItProbablyMeans(@TempDir Path dir) {
        assertThat(configErrors(dir, "  infantAgeYears: 1", "  infantAgeYear: 1")).containsExactly(
                "config.yaml:13:3: error: unknown key 'infantAgeYear' (did you mean 'infantAgeYears'?)");
    }

    @Test
    void unknownConfigKeys_areReportedAtTheirLines(@TempDir Path dir) {
        assertThat(configErrors(dir, "version: 1.0.0", "version: 1.0.0\nreleaseNotes: none\ninfantAgeYears: 1"))
                .containsExactly("config.yaml:4:1: error: unknown key 'releaseNotes'",
                        "config.yaml:5:1: error: unknown key 'infantAgeYears'");
    }

    @Test
    void aConfigKeyGivenTwice_isAnErrorAtTheSecond_notASilentLastValue(@TempDir Path dir) {
        assertThat(configErrors(dir, "  infantAgeYears: 1", "  infantAgeYears: 1\n  infantAgeYears: 2")).containsExactly(
                "config.yaml:14:3: error: duplicate key 'infantAgeYears': only one value may be given");
    }

    @Test
    void missingConfigKey_isNamed_atTheLineOfItsMapping(@TempDir Path dir) {
        assertThat(configErrors(dir, "  infantAgeYears: 1", "")).containsExactly(
                "config.yaml:4:1: error: missing key 'infantAgeYears' in 'config'");
    }

    /**
     * A subtype listed as favourable and as very high risk bound without a word, and the favourable reading won: a
     * Ph+ child became COG low risk although R-DX-07 overrides everything. The error stands at the second list.
     */
    @Test
    void aSubtypeInBothGeneticsLists_isAnErrorAtTheSecondList(@TempDir Path dir) {
        assertThat(configErrors(dir, "favorableGenetics: [ETV6_RUNX1, TRISOMY_4_10]",
                "favorableGenetics: [ETV6_RUNX1, TRISOMY_4_10, BCR_ABL1]")).containsExactly(
                "config.yaml:23:3: error: subtype BCR_ABL1 is listed in both favorableGenetics and veryHighRiskGenetics;"
                        + " a very-high-risk subtype overrides everything (R-DX-07), so list it only in veryHighRiskGenetics");
    }

    @Test
    void cutOffsInImpossibleOrder_andAPrimarySchemeSwitchedOff_areErrorsAtTheirKeys(@TempDir Path dir) {
        Path rules = RuleFolders.copy(dir);
        RuleFolders.edit(rules.resolve("config.yaml"), "day8MrdHighPct: 1 ", "day8MrdHighPct: 0.01 ");
        RuleFolders.edit(rules.resolve("config.yaml"), "relapseSchemes: [COG_AALL1331, BFM_ALLREZ2002]",
                "relapseSchemes: [BFM_ALLREZ2002]");
        RuleFolders.edit(rules.resolve("config.yaml"), "cogVeryHighRiskAgeYears: 13", "cogVeryHighRiskAgeYears: 9");
        RuleFolders.edit(rules.resolve("config.yaml"), "refractoryBlastsPct: 5 ", "refractoryBlastsPct: 500 ");
        assertThat(compiler.compile(RuleSetSource.read(rules)).errors()).extracting(RuleProblem::toString).containsExactly(
                "config.yaml:9:3: error: relapsePrimary COG_AALL1331 is not among relapseSchemes [BFM_ALLREZ2002]:"
                        + " the primary scheme would never be shown",
                "config.yaml:16:3: error: nciHighRiskAgeYears (10) must be at most cogVeryHighRiskAgeYears (9)",
                "config.yaml:20:3: error: day8MrdThresholdPct (0.01) must be below day8MrdHighPct (0.01)",
                "config.yaml:32:3: error: refractoryBlastsPct (500) is a percentage and must be between 0 and 100");
    }

    /**
     * The salience is the parsed rule's, not text that looks like one: "salience 10" in the name, a comment or the
     * metadata of a rule that derives facts without a salience left the breach unreported, or reported inside the name.
     */
    @Test
    void salienceInARulesNameCommentOrMetadata_isNotItsSalience(@TempDir Path dir) throws IOException {
        String drl = HEADER + """
                declare Teen basis : String end

                rule "R-DX-93 derive (salience 10 per convention)"
                    @id("R-DX-93") @version("1") @source("test") @description("runs at salience 10")
                    // salience 10
                when
                    Patient()
                then
                    insertLogical(new Teen("x"));
                end
                """;
        RuleCompiler.Result result = compiler.compile(RuleSetSource.read(rulesWith(dir, "risk/teen.drl", drl)));
        assertThat(result.errors()).extracting(RuleProblem::toString).containsExactly("risk/teen.drl:6:1: error: rule"
                + " \"R-DX-93 derive (salience 10 per convention)\" derives facts without a salience; a rule that derives"
                + " facts runs at salience 10 so that every decision (salience 0) reads them settled, or below 0 as a final rule");
    }

    /** Rules that compile but do not run where their author thinks, or depend on the day they run. */
    @Test
    void deadMisplacedOrClockReadingRules_areWarnings(@TempDir Path dir) throws IOException {
        Path rules = rulesWith(dir, "risk/misplaced.drl", """
                package org.allcds.rules.relapse;
                import org.allcds.facts.*;
                """);
        RuleFolders.write(rules.resolve("risk/unused.drl"), """
                package org.allcds.rules.unused;
                import org.allcds.facts.*;
                rule "X-20 today" @id("X-20") @version("1") @source("test")
                when
                    Patient( birthDate.isAfter(java.time.LocalDate.now()) ) // LocalDate.now() in a comment is fine
                then
                    insert(Finding.of("infant", "PRESENT").withSummary("%s", 1));
                end
                """.formatted("x".repeat(140)));
        RuleCompiler.Result result = compiler.compile(RuleSetSource.read(rules));
        assertThat(result.problems()).extracting(RuleProblem::toString).containsExactly(
                "risk/misplaced.drl:1:9: warning: package org.allcds.rules.relapse in folder risk/: its rules run in the"
                        + " services of org.allcds.rules.relapse, not of risk/ (one topic is one folder and one package:"
                        + " move the file, or declare the folder's package)",
                "risk/unused.drl:1:9: warning: package org.allcds.rules.unused in folder risk/: its rules run in the"
                        + " services of org.allcds.rules.unused, not of risk/ (one topic is one folder and one package:"
                        + " move the file, or declare the folder's package)",
                "risk/unused.drl:1:9: warning: no service in services.yaml runs package org.allcds.rules.unused, so its"
                        + " rules never fire (add it to a service's 'rules')",
                "risk/unused.drl:5:42: warning: 'LocalDate.now()' reads the clock: rules take \"now\" from the"
                        + " EvaluationTime fact, so that a card and its scenario do not depend on the day they run",
                "risk/unused.drl:7:57: warning: summary of 140 characters: a card's summary shows at most 139 and cuts"
                        + " the rest; say the rest in withNote");
        result.ruleSet().retire();
    }

    /** A findings.yaml that cannot be read declares no type: each rule using one was reported as well, four times. */
    @Test
    void aMistakeInFindingsYaml_isTheOnlyError_notFollowedByEachRuleUsingItsTypes(@TempDir Path dir) {
        Path rules = dir.resolve("rules");
        RuleFolders.copyTree(RuleFolders.RULES, rules);
        RuleFolders.edit(rules.resolve("findings.yaml"), "    oneValuePer: card", "    oneValuPer: card");
        assertThat(compiler.compile(RuleSetSource.read(rules)).errors()).extracting(RuleProblem::toString)
                .singleElement().asString().startsWith("findings.yaml:10:5: error: unknown key 'oneValuPer'");
    }

    @Test
    void bundledRuleSet_loadsWithoutWarnings() {
        RuleCompiler.Result result = compiler.compile(RuleSetSource.read(Path.of("rules")));
        assertThat(result.problems()).isEmpty();
        result.ruleSet().retire();
    }
}
