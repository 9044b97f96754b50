package org.allcds.authoring;

import static org.allcds.authoring.AuthoringCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.allcds.authoring.AuthoringCliTest.Run;
import org.allcds.engine.RuleSetSource;
import org.allcds.engine.RuleVersionCheck;
import org.allcds.fixtures.RuleFolders;
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

    @TempDir
    Path root;
    Path rules;

    @BeforeEach
    void recordTheFixture() {
        rules = RuleFolders.copy(root);
        Run recorded = cli("versions", rules.toString());
        assertThat(recorded.exit()).as(recorded.out()).isZero();
        assertThat(recorded.out()).contains("recorded R-DX-02 1.0.0", "recorded R-DX-03 (age) 1.0.0");
    }

    @Test
    void thenEdited_versionUnchanged_isOneErrorAtItsVersion() {
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_THEN, STANDARD_RISK_THEN.replace(", 1)", ", 2)"));

        Run lint = cli("lint", rules.toString());

        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out().lines().filter(l -> l.contains(": error: "))).containsExactly(
                NCI_DRL + ":" + versionAt() + ": error: R-DX-02 changed since version 1.0.0 was recorded: raise @version");
    }

    @Test
    void thenEdited_versionRaisedAndRecorded_lintsClean_andKeepsTheOldVersionAsHistory() {
        String before = ledger();
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_THEN, STANDARD_RISK_THEN.replace(", 1)", ", 2)"));
        RuleFolders.edit(rules.resolve(NCI_DRL), STANDARD_RISK_VERSION, STANDARD_RISK_VERSION.replace("1.0.0", "1.1.0"));

        Run unrecorded = cli("lint", rules.toString());
        Run recorded = cli("versions", rules.toString());
        Run lint = cli("lint", rules.toString());

        assertThat(unrecorded.out()).contains(NCI_DRL + ":" + versionAt() + ": error: R-DX-02 version 1.1.0 is not"
                + " recorded in rule-versions.tsv: record it with " + RuleVersionCheck.COMMAND);
        assertThat(recorded.exit()).isZero();
        assertThat(recorded.out()).contains("recorded R-DX-02 1.1.0", "1 version recorded in rule-versions.tsv");
        assertThat(ledger()).startsWith(before).contains("R-DX-02\t-\t1.0.0\t", "R-DX-02\t-\t1.1.0\t");
        assertThat(lint.exit()).as(lint.out()).isZero();
        assertThat(lint.out()).startsWith("0 errors, 0 warnings");
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

    private String ledger() {
        return RuleFolders.read(rules.resolve(RuleSetSource.VERSIONS_FILE));
    }
}
