package org.allcds.authoring;

import static org.allcds.authoring.AuthoringCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.allcds.authoring.AuthoringCliTest.Run;
import org.allcds.engine.RuleSetSource;
import org.allcds.engine.RuleVersionCheck;
import org.allcds.fixtures.RuleFolders;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule's {@code @version} must rise when its logic changes: lint (and so start-up and reload) checks every rule
 * version against the folder's ledger, and {@code versions} records new ones without rewriting any. On a copy of the
 * fixture rule set, with its versions recorded first.
 */
class VersionsCommandTest {

    private static final String NCI_DRL = "risk/nci-risk.drl";
    private static final String STANDARD_RISK_THEN = "\"NCI/Rome standard risk (age 1-9 y, WBC < 50 x10^9/L)\", 1)";
    private static final String STANDARD_RISK_VERSION = "@id(\"R-DX-02\") @version(\"1.0.0\")";
    private static final String CONFIG = "config.yaml";
    private static final String RULE_SET_VERSION = "version: 1.0.0";
    private static final String GALLERY = "gallery.html";

    @TempDir
    Path root;
    Path rules;

    @BeforeEach
    void recordTheFixture() {
        rules = RuleFolders.copy(root);
        Run recorded = cli("versions", rules.toString());
        assertThat(recorded.exit()).as(recorded.out()).isZero();
        assertThat(recorded.out()).contains("recorded R-DX-02 1.0.0", "recorded R-DX-03 (age) 1.0.0",
                "recorded rule set 1.0.0");
    }

    @Test
    void thenEdited_versionUnchanged_isAnErrorAtItsVersion_andAtTheRuleSets_inOneLint() {
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_THEN, STANDARD_RISK_THEN.replace(", 1)", ", 2)"));

        Run lint = cli("lint", rules.toString());

        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out().lines().filter(l -> l.contains(": error: "))).containsExactly(
                CONFIG + ":" + ruleSetVersionAt() + ": error: the rule set changed since version 1.0.0 was recorded"
                        + " (R-DX-02): raise 'version' so that cards name the rule set they came from, then record it"
                        + " with " + RuleVersionCheck.COMMAND,
                NCI_DRL + ":" + versionAt() + ": error: R-DX-02 changed since version 1.0.0 was recorded: raise @version");
    }

    @Test
    void thenEdited_versionRaisedAndRecorded_lintsClean_andKeepsTheOldVersionAsHistory() {
        String before = ledger();
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_THEN, STANDARD_RISK_THEN.replace(", 1)", ", 2)"));
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_VERSION, STANDARD_RISK_VERSION.replace("1.0.0", "1.1.0"));
        RuleFolders.edit(rules.resolve(CONFIG), RULE_SET_VERSION, RULE_SET_VERSION.replace("1.0.0", "1.1.0"));

        Run unrecorded = cli("lint", rules.toString());
        Run recorded = cli("versions", rules.toString());
        Run lint = cli("lint", rules.toString());

        assertThat(unrecorded.out()).contains(NCI_DRL + ":" + versionAt() + ": error: R-DX-02 version 1.1.0 is not"
                + " recorded in rule-versions.tsv: record it with " + RuleVersionCheck.COMMAND);
        assertThat(unrecorded.out()).contains(CONFIG + ":" + ruleSetVersionAt() + ": error: rule set version 1.1.0 is"
                + " not recorded in rule-versions.tsv: record it with " + RuleVersionCheck.COMMAND);
        assertThat(recorded.exit()).isZero();
        assertThat(recorded.out()).contains("recorded R-DX-02 1.1.0", "recorded rule set 1.1.0",
                "2 versions recorded in rule-versions.tsv");
        assertThat(ledger()).startsWith(before).contains("R-DX-02\t-\t1.0.0\t", "R-DX-02\t-\t1.1.0\t",
                "@rule-set\t-\t1.0.0\t", "@rule-set\t-\t1.1.0\t");
        assertThat(lint.exit()).as(lint.out()).isZero();
        assertThat(lint.out()).startsWith("0 errors, 0 warnings");
    }

    @Test
    void ruleVersionRaised_ruleSetVersionNot_isAnErrorAtTheRuleSetVersion_namingTheRule_andNothingIsRecorded() {
        String before = ledger();
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_THEN, STANDARD_RISK_THEN.replace(", 1)", ", 2)"));
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_VERSION, STANDARD_RISK_VERSION.replace("1.0.0", "1.1.0"));

        Run lint = cli("lint", rules.toString());
        Run versions = cli("versions", rules.toString());

        String changed = CONFIG + ":" + ruleSetVersionAt() + ": error: the rule set changed since version 1.0.0 was"
                + " recorded (R-DX-02): raise 'version' so that cards name the rule set they came from, then record it"
                + " with " + RuleVersionCheck.COMMAND;
        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out()).contains(changed);
        assertThat(versions.exit()).isEqualTo(1);
        assertThat(versions.out()).contains(changed, "nothing recorded");
        assertThat(ledger()).isEqualTo(before);
    }

    @Test
    void aSettingOrADeclaredTypeChanged_underTheSameRuleSetVersion_isAnError() {
        RuleFolders.edit(rules.resolve(CONFIG), "nciHighRiskWbc: 50", "nciHighRiskWbc: 60");
        Run setting = cli("lint", rules.toString());
        RuleFolders.edit(rules.resolve(CONFIG), "nciHighRiskWbc: 60", "nciHighRiskWbc: 50");
        RuleFolders.edit(rules.resolve(NCI_DRL), "\nrule \"R-DX-01 ",
                "\ndeclare Reviewed\n    by : String\nend\n\nrule \"R-DX-01 ");
        Run declared = cli("lint", rules.toString());

        for (Run lint : List.of(setting, declared)) {
            assertThat(lint.exit()).isEqualTo(1);
            assertThat(lint.out().lines().filter(l -> l.contains(": error: "))).containsExactly(CONFIG + ":"
                    + ruleSetVersionAt() + ": error: the rule set changed since version 1.0.0 was recorded (a setting in"
                    + " config.yaml, services.yaml or findings.yaml, a declared type or import, or a rule removed or"
                    + " moved): raise 'version' so that cards name the rule set they came from, then record it with "
                    + RuleVersionCheck.COMMAND);
        }
    }

    /**
     * The authors' loop: a setting changed under the recorded rule-set version is tried out with test and eval, which
     * say what lint will refuse; only lint (and start-up, reload) refuses it.
     */
    @Test
    void aSettingChanged_underTheRecordedVersion_testAndEvalRunWithAWarning_lintStillRefuses() throws IOException {
        RuleFolders.edit(rules.resolve(CONFIG), "nciHighRiskWbc: 50", "nciHighRiskWbc: 60");

        authorLoopRuns_lintRefuses(CONFIG + ":" + ruleSetVersionAt() + ": error: the rule set changed since version"
                + " 1.0.0 was recorded (a setting in config.yaml, services.yaml or findings.yaml, a declared type or"
                + " import, or a rule removed or moved): raise 'version' so that cards name the rule set they came from,"
                + " then record it with "
                + RuleVersionCheck.COMMAND);
    }

    /** A word of a rule's summary changed under its recorded version: the scenarios and eval run the changed rule. */
    @Test
    void thenEdited_versionUnchanged_testAndEvalRunTheChangedRuleWithAWarning_lintStillRefuses() throws IOException {
        RuleFolders.edit(rules.resolve(NCI_DRL), "standard risk (age 1-9 y,", "standard risk (aged 1-9 y,");

        Run eval = authorLoopRuns_lintRefuses(NCI_DRL + ":" + versionAt() + ": error: R-DX-02 changed since version"
                + " 1.0.0 was recorded: raise @version");

        assertThat(eval.out()).contains("standard risk (aged 1-9 y,");
    }

    /**
     * Runs test, eval, cards and lint on the folder: test, eval and cards succeed and show {@code problem} as a warning
     * that says who refuses it, and the card gallery says it is a draft; lint shows it as the error it is and exits 1.
     * Returns the eval run.
     */
    private Run authorLoopRuns_lintRefuses(String problem) throws IOException {
        Run test = cli("test", rules.toString());
        Run eval = cli("eval", rules.resolve(RuleFolders.FIXTURE_REQUEST).toString(), "--service", "ped-all-risk",
                "--at", "2024-07-18", "--rules", rules.toString());
        Run cards = galleryOf(rules);
        Run lint = cli("lint", rules.toString());

        String warning = problem.replace(": error: ", ": warning: ") + " (lint, start-up and reload refuse this)";
        assertThat(test.exit()).as(test.out()).isZero();
        assertThat(test.out()).contains(warning).endsWith("1 passed, 0 failed" + System.lineSeparator());
        assertThat(eval.exit()).as(eval.out() + eval.err()).isZero();
        assertThat(eval.err()).contains(warning);
        assertThat(eval.out()).startsWith("{");
        assertThat(cards.exit()).as(cards.out() + cards.err()).isZero();
        assertThat(cards.out()).contains(warning);
        long refused = cards.out().lines().filter(line -> line.endsWith(EvaluationAssembly.REFUSED_ELSEWHERE)).count();
        assertThat(refused).isPositive();
        assertThat(Files.readString(root.resolve(GALLERY))).contains("<p class=\"draft\">Draft, not for sign-off: the"
                + " rules changed since this version was recorded (" + LintCommand.plural(refused, "problem")
                + " that lint refuses)");
        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out()).contains(problem);
        return eval;
    }

    /** The card gallery of the fixture's worked example, written to {@link #GALLERY} under the test's folder. */
    private Run galleryOf(Path folder) throws IOException {
        Path requests = Files.createDirectories(root.resolve("requests"));
        Files.copy(folder.resolve(RuleFolders.FIXTURE_REQUEST), requests.resolve("ped-all-risk-a.json"),
                StandardCopyOption.REPLACE_EXISTING);
        return cli("cards", requests.toString(), "--html", root.resolve(GALLERY).toString(), "--rules", folder.toString());
    }

    @Test
    void aRecordedRuleSet_hasAGalleryForSignOff_withoutTheDraftBanner() throws IOException {
        Run cards = galleryOf(rules);

        assertThat(cards.exit()).as(cards.out() + cards.err()).isZero();
        assertThat(cards.out()).doesNotContain("warning");
        assertThat(Files.readString(root.resolve(GALLERY))).contains("Rule set 1.0.0 · 1 responses")
                .doesNotContain("class=\"draft\"");
    }

    @Test
    void settingsCommentsLayoutAndKeyOrder_needNoNewRuleSetVersion() {
        Path config = rules.resolve(CONFIG);
        RuleFolders.edit(config, "nciHighRiskWbc: 50", "nciHighRiskWbc:    50   # inclusive, as the catalogue says");
        RuleFolders.edit(config, "config:\n", "config:\n  # reviewed\n");
        // a setting moved to the end of its block, and the version to the end of the file
        String wbc = RuleFolders.read(config).lines().filter(l -> l.startsWith("  nciHighRiskWbc:")).findFirst()
                .orElseThrow();
        String text = RuleFolders.read(config).replace(wbc + "\n", "").replace(RULE_SET_VERSION + "\n", "");
        RuleFolders.write(config, text.stripTrailing() + "\n" + wbc + "\n" + RULE_SET_VERSION + "\n");
        assertThat(RuleFolders.read(config)).endsWith(wbc + "\n" + RULE_SET_VERSION + "\n");

        Run lint = cli("lint", rules.toString());

        assertThat(lint.exit()).as(lint.out()).isZero();
    }

    @Test
    void commentWhitespaceSourceAndDescriptionEdits_needNoNewVersion() {
        Path drl = rules.resolve(NCI_DRL);
        RuleFolders.edit(drl, "@source(\"NCI PDQ Childhood ALL Treatment (HP): NCI/Rome criteria, 1 to",
                "@source(\"NCI PDQ, childhood ALL (health professional version): NCI/Rome criteria, 1 to");
        RuleFolders.edit(drl, "@description(\"Infants (< 1 year at diagnosis) are a separate stratum;",
                "@description(\"Infants (under one year at diagnosis) are a stratum of their own;");
        RuleFolders.edit(drl, "    Lineage( type == LineageType.B )\n    AgeAtDiagnosis( years >= $cfg.infantAgeYears,",
                "    // B-lineage only: T-ALL is high risk whatever its age and WBC\n"
                        + "    Lineage(type==LineageType.B)   /* the lineage */\n\n\tAgeAtDiagnosis(years >= $cfg.infantAgeYears,");
        RuleFolders.edit(drl, STANDARD_RISK_THEN, STANDARD_RISK_THEN.replace(", 1)", ",\n            1 )"));

        Run lint = cli("lint", rules.toString());

        assertThat(lint.exit()).as(lint.out()).isZero();
        assertThat(lint.out()).startsWith("0 errors, 0 warnings");
    }

    @Test
    void versionsCommand_refusesWhileARuleChangedUnderItsVersion_andNeverRewritesARecordedDigest() {
        String before = ledger();
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_THEN, STANDARD_RISK_THEN.replace(", 1)", ", 2)"));

        Run run = cli("versions", rules.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("R-DX-02 changed since version 1.0.0 was recorded: raise @version",
                "nothing recorded");
        assertThat(ledger()).isEqualTo(before);
    }

    @Test
    void bundledRules_keepALedger_andEveryVersionMatchesIt() {
        assertThat(RuleFolders.RULES.resolve(RuleSetSource.VERSIONS_FILE)).isRegularFile();
        assertThat(new RuleVersionCheck().problems(RuleSetSource.read(RuleFolders.RULES))).isEmpty();
    }

    @Test
    void versions_takesExactlyTheRulesFolder() {
        Run run = cli("versions");
        assertThat(run.exit()).isEqualTo(AuthoringCli.USAGE);
        assertThat(run.err()).contains("versions takes exactly one argument", "java -jar all-cds.jar versions <rules-dir>");
    }

    private String versionAt() {
        String text = RuleFolders.read(rules.resolve(NCI_DRL));
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("@id(\"R-DX-02\")")) {
                return (i + 1) + ":" + (lines[i].indexOf("@version") + 1);
            }
        }
        throw new IllegalStateException("R-DX-02 not found");
    }

    /** Where config.yaml's version value stands, as line:column. */
    private String ruleSetVersionAt() {
        String[] lines = RuleFolders.read(rules.resolve(CONFIG)).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("version:")) {
                return (i + 1) + ":" + (lines[i].indexOf(':') + 3);
            }
        }
        throw new IllegalStateException("no version in config.yaml");
    }

    private String ledger() {
        return RuleFolders.read(rules.resolve(RuleSetSource.VERSIONS_FILE));
    }
}
