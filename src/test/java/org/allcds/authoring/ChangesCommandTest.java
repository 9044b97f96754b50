package org.allcds.authoring;

import static org.allcds.authoring.AuthoringCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.allcds.authoring.AuthoringCliTest.Run;
import org.allcds.engine.RuleSetSource;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code changes <rules-dir>}: what each recorded rule-set version changed, newest first, read from the ledger alone,
 * for whoever signs a release off. The history itself is tested on small ledgers in RuleSetHistoryTest.
 */
class ChangesCommandTest {

    private static final String NL = System.lineSeparator();

    @TempDir
    Path root;

    @Test
    void bundledRules_ruleSet210_listsTheRulesRaisedSince200_andComesBeforeIt() {
        Run run = cli("changes", RuleFolders.RULES.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        // the ledger is append-only: these lines stay as they are whatever the rules' wording becomes
        assertThat(run.out()).contains("rule set 2.1.0 (since 2.0.0): 2 rules changed" + NL
                + "  R-DATA-02 1.3.0 -> 1.4.0" + NL
                + "  R-ORD-01 (indeterminate) 1.2.0 -> 1.4.1" + NL
                + "rule set 2.0.0: the first recorded rule-set version (248 rule versions recorded before it)" + NL);
    }

    @Test
    void aSmallLedger_printsEachVersion_newestFirst_unreleasedRulesOnTop() {
        Path rules = withLedger("""
                # header
                R-A-01\t-\t1.0.0\t0000000000000001
                R-B-01\tx\t1.0.0\t0000000000000002
                @rule-set\t-\t1.0.0\t0000000000000003
                R-A-01\t-\t1.1.0\t0000000000000004
                R-C-01\t-\t1.0.0\t0000000000000005
                @rule-set\t-\t1.1.0\t0000000000000006
                @rule-set\t-\t1.2.0\t0000000000000007
                R-B-01\tx\t1.1.0\t0000000000000008
                """);

        Run run = cli("changes", rules.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(String.join(NL,
                "not yet in a recorded rule-set version (since 1.2.0): 1 rule changed",
                "  R-B-01 (x) 1.0.0 -> 1.1.0",
                "rule set 1.2.0 (since 1.1.0): settings, declared types or imports changed, or rules removed or moved;"
                        + " no rule version",
                "rule set 1.1.0 (since 1.0.0): 2 rules changed",
                "  R-A-01 1.0.0 -> 1.1.0",
                "  R-C-01 new 1.0.0",
                "rule set 1.0.0: the first recorded rule-set version (2 rule versions recorded before it)", ""));
    }

    @Test
    void aLedgerWithoutRuleSetLines_saysNoneIsRecorded() {
        Path rules = withLedger("R-A-01\t-\t1.0.0\t0000000000000001\n");

        Run run = cli("changes", rules.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(String.join(NL,
                "not yet in a recorded rule-set version: 1 rule changed",
                "  R-A-01 new 1.0.0",
                "no rule-set version recorded in rule-versions.tsv", ""));
    }

    @Test
    void aFolderWithoutALedger_isAnError_namingTheCommandThatRecordsOne() {
        Run run = cli("changes", root.toString());

        assertThat(run.exit()).isEqualTo(AuthoringCli.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("keeps no rule-versions.tsv", "java -jar all-cds.jar versions <rules-folder>");
    }

    @Test
    void aMalformedLedger_isAnErrorAtItsLine() {
        Path rules = withLedger("R-A-01\t-\t1.0.0\n");

        Run run = cli("changes", rules.toString());

        assertThat(run.exit()).isEqualTo(AuthoringCli.FAILED);
        assertThat(run.out()).contains("rule-versions.tsv:1:1: error: a line of rule-versions.tsv is");
    }

    @Test
    void aLedgerThatCannotBeRead_isOneErrorLine_notAStackTrace() throws IOException {
        Path ledger = Files.createDirectories(root.resolve(RuleSetSource.VERSIONS_FILE));

        Run run = cli("changes", root.toString());

        assertThat(run.exit()).isEqualTo(AuthoringCli.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: '" + ledger + "' cannot be read (").hasLineCount(1);
    }

    @Test
    void aLedgerThatIsNotUtf8_isAnErrorAtItsFirstByteThatIsNot() throws IOException {
        Files.write(root.resolve(RuleSetSource.VERSIONS_FILE), new byte[] {'#', ' ', (byte) 0xE9, '\n'});

        Run run = cli("changes", root.toString());

        assertThat(run.exit()).isEqualTo(AuthoringCli.FAILED);
        assertThat(run.out()).contains("rule-versions.tsv:1:3: error: not UTF-8 text: save the file as UTF-8");
    }

    @Test
    void changes_takesExactlyTheRulesFolder() {
        Run none = cli("changes");
        Run notAFolder = cli("changes", root.resolve("nowhere").toString());

        assertThat(none.exit()).isEqualTo(AuthoringCli.USAGE);
        assertThat(none.err()).contains("changes takes exactly one argument", "java -jar all-cds.jar changes <rules-dir>");
        assertThat(notAFolder.exit()).isEqualTo(AuthoringCli.USAGE);
        assertThat(notAFolder.err()).contains("is not a folder");
    }

    private Path withLedger(String text) {
        RuleFolders.write(root.resolve(RuleSetSource.VERSIONS_FILE), text);
        return root;
    }
}
