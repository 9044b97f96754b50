package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.allcds.engine.RuleSetHistory.RuleChange;
import org.allcds.engine.RuleSetHistory.Step;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each recorded rule-set version changed, read from small ledgers ({@link RuleSetHistory}): the rule versions
 * recorded after the previous rule-set line and up to its own, each rule once, newest version first.
 */
class RuleSetHistoryTest {

    private static final String FIRST = line("@rule-set", "-", "1.0.0");
    private static final String SECOND = line("@rule-set", "-", "1.1.0");

    @TempDir
    Path root;

    @Test
    void theFirstRecordedVersion_countsTheRuleVersionsRecordedBeforeIt() {
        List<Step> steps = history(line("R-A-01", "-", "1.0.0"), line("R-B-01", "x", "1.0.0"), FIRST);

        assertThat(steps).containsExactly(new Step("1.0.0", null, List.of(), 2, false));
        assertThat(steps.get(0).isFirst()).isTrue();
    }

    @Test
    void aRuleNewInAVersion_hasNoVersionBefore() {
        List<Step> steps = history(line("R-A-01", "-", "1.0.0"), FIRST, line("R-C-01", "-", "1.0.0"), SECOND);

        assertThat(steps.get(0)).isEqualTo(new Step("1.1.0", "1.0.0", List.of(new RuleChange("R-C-01", null, "1.0.0")), 0, false));
        assertThat(steps.get(0).rules().get(0).isNew()).isTrue();
    }

    @Test
    void aRaisedRule_showsTheVersionBeforeAndAfter_eachPartAsARuleOfItsOwn() {
        List<Step> steps = history(line("R-A-01", "-", "1.0.0"), line("R-A-01", "p", "1.0.0"), FIRST,
                line("R-A-01", "p", "1.1.0"), SECOND);

        assertThat(steps.get(0).rules()).containsExactly(new RuleChange("R-A-01 (p)", "1.0.0", "1.1.0"));
    }

    @Test
    void severalRaisesBetweenTwoVersions_showTheRuleOnce_fromTheHighestBefore_toTheHighestAfter() {
        List<Step> steps = history(line("R-A-01", "-", "1.0.0"), line("R-A-01", "-", "1.9.0"), FIRST,
                line("R-A-01", "-", "1.10.0"), line("R-B-01", "-", "1.0.0"), line("R-A-01", "-", "1.10.1"), SECOND);

        assertThat(steps.get(0).rules()).containsExactly(new RuleChange("R-A-01", "1.9.0", "1.10.1"),
                new RuleChange("R-B-01", null, "1.0.0"));
    }

    @Test
    void aVersionWithoutRuleLines_changedSettingsOrDeclaredTypesOnly() {
        List<Step> steps = history(line("R-A-01", "-", "1.0.0"), FIRST, SECOND);

        assertThat(steps).containsExactly(new Step("1.1.0", "1.0.0", List.of(), 0, false), new Step("1.0.0", null, List.of(), 1, false));
    }

    @Test
    void ruleVersionsAfterTheLastRuleSetLine_comeFirst_asNotYetInARecordedVersion() {
        List<Step> steps = history(line("R-A-01", "-", "1.0.0"), FIRST, line("R-A-01", "-", "1.1.0"), SECOND,
                line("R-A-01", "-", "1.2.0"), line("R-D-01", "-", "1.0.0"));

        assertThat(steps).extracting(Step::version).containsExactly(null, "1.1.0", "1.0.0");
        assertThat(steps.get(0).isUnreleased()).isTrue();
        assertThat(steps.get(0)).isEqualTo(new Step(null, "1.1.0", List.of(new RuleChange("R-A-01", "1.1.0", "1.2.0"),
                new RuleChange("R-D-01", null, "1.0.0")), 0, false));
    }

    @Test
    void aLedgerWithoutRuleSetLines_isAllNotYetInARecordedVersion() {
        assertThat(history(line("R-A-01", "-", "1.0.0")))
                .containsExactly(new Step(null, null, List.of(new RuleChange("R-A-01", null, "1.0.0")), 0, false));
        assertThat(history()).isEmpty();
    }

    @Test
    void aVersionRecordedForTheSameContentAsTheOneBefore_saysSo() {
        String again = String.join("\t", "@rule-set", "-", "1.1.0", FIRST.substring(FIRST.lastIndexOf('\t') + 1));

        List<Step> steps = history(line("R-A-01", "-", "1.0.0"), FIRST, again);

        assertThat(steps.get(0)).isEqualTo(new Step("1.1.0", "1.0.0", List.of(), 0, true));
        assertThat(history(line("R-A-01", "-", "1.0.0"), FIRST, SECOND).get(0).sameAsSince()).isFalse();
    }

    @Test
    void ruleSetLinesOutOfOrder_orRecordedTwice_areRefusedAtTheirLines_namingTheMerge() {
        RuleFolders.write(root.resolve(VersionLedger.FILE), SECOND + "\n" + FIRST + "\n" + SECOND + "\n");

        assertThatThrownBy(() -> RuleSetHistory.read(root)).isInstanceOfSatisfying(RuleSetException.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::toString).satisfiesExactly(
                        p -> assertThat(p).startsWith("rule-versions.tsv:2:1: error: rule set 1.0.0 is recorded after"
                                + " 1.1.0, so the ledger cannot say what each changed; after a merge"),
                        p -> assertThat(p).startsWith("rule-versions.tsv:3:1: error: rule set 1.1.0 is recorded twice;"
                                + " after a merge")));
    }

    @Test
    void aFolderWithoutALedger_hasNoHistory() {
        assertThat(RuleSetHistory.read(root)).isEmpty();
    }

    @Test
    void aMalformedLedger_isRefused_withItsProblemsAtTheirLines() {
        RuleFolders.write(root.resolve(VersionLedger.FILE), FIRST + "\nR-A-01\t-\t1.0.0\n");

        assertThatThrownBy(() -> RuleSetHistory.read(root)).isInstanceOfSatisfying(RuleSetException.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::toString).singleElement().asString()
                        .startsWith("rule-versions.tsv:2:1: error: a line of rule-versions.tsv is"));
    }

    private List<Step> history(String... lines) {
        RuleFolders.write(root.resolve(VersionLedger.FILE), "# a header\n" + String.join("\n", lines) + "\n");
        return RuleSetHistory.read(root).orElseThrow().newestFirst();
    }

    /** A ledger line whose digest differs for every id, part and version (as recorded content does). */
    private static String line(String id, String part, String version) {
        return String.join("\t", id, part, version, RuleLogic.digest(id + part + version));
    }
}
