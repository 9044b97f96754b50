package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.allcds.engine.RuleSet;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios kept parsed between gate runs: reused only while the file and the base patients are unchanged, and a
 * run from the kept parses reports exactly what a fresh runner reports.
 */
class ParsedScenariosTest {

    private static final String SCENARIO = """
            name: %s
            service: ped-all-risk
            evaluationTime: "2024-07-18"
            input:
              base: girl
            expect:
              includes:
                - {type: nci-risk, scheme: NCI, value: STANDARD}
            """;
    private static final String BASE = """
            resourceType: Bundle
            type: collection
            entry:
              - resource: {resourceType: Patient, id: p, birthDate: "%s", gender: female}
            """;

    private final ParsedScenarios parsed = new ParsedScenarios(new ScenarioReader());

    private static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve("tests").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void unchangedFile_isTheSameParse(@TempDir Path dir) throws IOException {
        write(dir, "bases/girl.yaml", BASE.formatted("2020-02-10"));
        Path file = write(dir, "a.yaml", SCENARIO.formatted("a"));

        ScenarioReader.Parsed first = parsed.get(dir, file, ParsedScenarios.bases(dir));

        assertThat(first.scenario()).isNotNull();
        assertThat(parsed.get(dir, file, ParsedScenarios.bases(dir))).isSameAs(first);
    }

    @Test
    void editedFile_isParsedAgain(@TempDir Path dir) throws IOException {
        write(dir, "bases/girl.yaml", BASE.formatted("2020-02-10"));
        Path file = write(dir, "a.yaml", SCENARIO.formatted("before"));
        parsed.get(dir, file, ParsedScenarios.bases(dir));

        Files.writeString(file, SCENARIO.formatted("after"));

        assertThat(parsed.get(dir, file, ParsedScenarios.bases(dir)).scenario().name()).isEqualTo("after");
    }

    @Test
    void editedBasePatient_parsesEveryScenarioAgain(@TempDir Path dir) throws IOException {
        write(dir, "bases/girl.yaml", BASE.formatted("2020-02-10"));
        Path file = write(dir, "a.yaml", SCENARIO.formatted("a"));
        ScenarioReader.Parsed before = parsed.get(dir, file, ParsedScenarios.bases(dir));

        write(dir, "bases/girl.yaml", BASE.formatted("2021-03-11"));
        ScenarioReader.Parsed after = parsed.get(dir, file, ParsedScenarios.bases(dir));

        assertThat(after).isNotSameAs(before);
        assertThat(after.scenario().input().toString()).contains("2021-03-11").doesNotContain("2020-02-10");
    }

    @Test
    void keepOnly_forgetsDeletedFiles(@TempDir Path dir) throws IOException {
        Path a = write(dir, "a.yaml", SCENARIO.formatted("a"));
        Path b = write(dir, "b.yaml", SCENARIO.formatted("b"));
        parsed.get(dir, a, "");
        parsed.get(dir, b, "");

        parsed.keepOnly(List.of(b));

        assertThat(parsed.size()).isEqualTo(1);
    }

    /**
     * The gate as it runs on every reload: the first run of a new runner reads every file, as a fresh runner does; the
     * second, after the read-ahead of a reload, uses kept parses and reports the same.
     */
    @Test
    void runsFromKeptParses_reportWhatAFreshRunnerReports_onTheAuthorScenarios() {
        RuleSet ruleSet = BundledRuleSet.get();
        Path rules = Path.of("rules");
        ScenarioRunner kept = new ScenarioRunner(EvaluationAssembly.standalone());

        Report fresh = kept.runAll(ruleSet, rules);
        kept.prepare(rules);
        Report again = kept.runAll(ruleSet, rules);

        assertThat(fresh.results()).hasSizeGreaterThan(100);
        assertThat(again.summaryLine()).isEqualTo(fresh.summaryLine());
        assertThat(again.results()).usingRecursiveFieldByFieldElementComparator().isEqualTo(fresh.results());
        assertThat(fresh.results()).allMatch(ScenarioResult::passed);
    }
}
