package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;

/**
 * What a rule-set version stands for ({@link RuleSetVersion}), on small in-memory folders: which edits change it and
 * which do not, and how a changed set's problem names what changed since its version was recorded.
 */
class RuleSetVersionTest {

    private static final String CONFIG = """
            # the rule set
            version: 1.0.0
            config:
              nciHighRiskWbc: 50       # inclusive
              relapseSchemes: [COG_AALL1331, BFM_ALLREZ2002]
            """;
    private static final String SERVICES = "services:\n  - {id: ped-all-risk, rules: [org.allcds.rules.risk]}\n";
    private static final String FINDINGS = "findings:\n  adolescent:\n    values: [PRESENT]\n";

    @Test
    void comments_layout_keyOrder_andTheVersionItself_doNotChangeWhatTheVersionStandsFor() {
        String digest = digestOf(Map.of());

        assertThat(digestOf(Map.of(RuleSetSource.CONFIG_FILE, """
                version: 9.9.9
                config:
                  relapseSchemes:   [COG_AALL1331,  BFM_ALLREZ2002]   # side by side
                  nciHighRiskWbc: 50
                """))).isEqualTo(digest);
        assertThat(digestOf(Map.of("risk/a.drl", rules(1, "1.0.0").replace("when", "// reviewed\nwhen"))))
                .isEqualTo(digest);
    }

    @Test
    void aSetting_aService_aFindingType_aDeclaredType_aRuleVersion_orARulesLogic_does() {
        String digest = digestOf(Map.of());

        List<Map<String, String>> edits = List.of(
                Map.of(RuleSetSource.CONFIG_FILE, CONFIG.replace("50", "60")),
                Map.of(RuleSetSource.CONFIG_FILE, CONFIG.replace(", BFM_ALLREZ2002", "")),
                Map.of(RuleSetSource.SERVICES_FILE, SERVICES.replace("risk]", "risk, org.allcds.rules.common]")),
                Map.of(RuleSetSource.FINDINGS_FILE, FINDINGS.replace("PRESENT", "PRESENT, ABSENT")),
                Map.of("risk/a.drl", "declare Reviewed\n    by : String\nend\n\n" + rules(1, "1.0.0")),
                Map.of("risk/a.drl", rules(1, "1.1.0")),
                Map.of("risk/a.drl", rules(1, "1.0.0").replace("years >= 13", "years >= 14")),
                Map.of("risk/a.drl", rules(1, "1.0.0").replace("org.allcds.rules.risk", "org.allcds.rules.common")),
                Map.of("risk/a.drl", rules(1, "1.0.0").replace(";\n\n", ";\n\nimport function org.allcds.facts"
                        + ".RuleFunctions.unionOf;\n\n")));
        for (Map<String, String> edit : edits) {
            assertThat(digestOf(edit)).as(edit.toString()).isNotEqualTo(digest);
        }
    }

    @Test
    void aVersionThatIsNotAMajorMinorPatchString_isNoVersion_andRefusedWhereConfigYamlIsRead() {
        String bundled = RuleFolders.read(Path.of("rules", RuleSetSource.CONFIG_FILE));
        String declared = bundled.lines().filter(l -> l.startsWith("version: ")).findFirst().orElseThrow();
        int line = bundled.lines().toList().indexOf(declared) + 1;
        for (String version : List.of("2.10", "2", "\"2.2\\t0\"", "2.2.0-rc1")) {
            Map<String, String> files = folder(Map.of(RuleSetSource.CONFIG_FILE,
                    bundled.replace(declared, "version: " + version)));
            RuleSetSource source = source(files, null);
            List<RuleProblem> problems = new ArrayList<>();

            RuleSetFiles.readManifest(source, problems);

            assertThat(RuleSetVersion.current(source, RuleLogic.rules(source.drlFiles()))).as(version).isEmpty();
            assertThat(problems).extracting(RuleProblem::toString).as(version).singleElement().asString()
                    .startsWith("config.yaml:" + line + ":10: error: 'version' is ").contains("write MAJOR.MINOR.PATCH");
        }
    }

    @Test
    void aRuleVersionThatIsNotMajorMinorPatch_isAnErrorAtIt_andNotRecorded() {
        Map<String, String> files = folder(Map.of("risk/a.drl", rules(1, "1.0")));

        RuleVersionCheck.Recording recording = RuleVersionCheck.record(source(files, null));

        assertThat(recording.ok()).isFalse();
        assertThat(recording.refused()).extracting(RuleProblem::toString)
                .containsExactly("risk/a.drl:4:20: error: R-DX-91 @version \"1.0\" is not MAJOR.MINOR.PATCH (e.g. 1.2.0)");
    }

    @Test
    void aNewRuleSetVersionBelowTheLastRecorded_isRefused() {
        Map<String, String> files = folder(Map.of(RuleSetSource.CONFIG_FILE, CONFIG.replace("1.0.0", "1.1.0")));
        String ledger = recorded(files);
        files.put(RuleSetSource.CONFIG_FILE, CONFIG.replace("50", "60"));

        RuleVersionCheck.Recording recording = RuleVersionCheck.record(source(files, ledger));

        assertThat(recording.refused()).extracting(RuleProblem::toString).containsExactly("config.yaml:2:10: error: rule"
                + " set version 1.0.0 does not come after 1.1.0, the last recorded: raise 'version' past it");
    }

    @Test
    void aChangedSet_namesTheRulesRecordedSince_threeAndACount() {
        Map<String, String> files = folder(Map.of("risk/a.drl", rules(5, "1.0.0")));
        String ledger = recorded(files);
        files.put("risk/a.drl", rules(5, "1.1.0"));

        List<RuleProblem> problems = new RuleVersionCheck().problems(source(files, ledger));

        assertThat(problems).extracting(RuleProblem::toString).contains("config.yaml:2:10: error: the rule set changed"
                + " since version 1.0.0 was recorded (R-DX-91, R-DX-92, R-DX-93 and 2 more rules): raise 'version' so"
                + " that cards name the rule set they came from, then record it with " + RuleVersionCheck.COMMAND);
    }

    @Test
    void aRaisedAndRecordedSet_isClean_andEachVersionKeepsItsOwnLine() {
        Map<String, String> files = folder(Map.of("risk/a.drl", rules(2, "1.0.0")));
        String first = recorded(files);
        files.put("risk/a.drl", rules(2, "1.1.0"));
        files.put(RuleSetSource.CONFIG_FILE, CONFIG.replace("version: 1.0.0", "version: 1.1.0"));

        RuleVersionCheck.Recording second = RuleVersionCheck.record(source(files, first));

        assertThat(second.ok()).as(second.refused().toString()).isTrue();
        assertThat(second.added()).containsExactly("R-DX-91 1.1.0", "R-DX-92 1.1.0", "rule set 1.1.0");
        assertThat(second.ledger()).startsWith(first).contains("@rule-set\t-\t1.0.0\t", "@rule-set\t-\t1.1.0\t");
        assertThat(new RuleVersionCheck().problems(source(files, second.ledger()))).isEmpty();
    }

    /** {@code count} rules R-DX-91… at {@code version}, each comparing an age with 13. */
    private static String rules(int count, String version) {
        StringBuilder drl = new StringBuilder("package org.allcds.rules.risk;\n\n");
        for (int i = 1; i <= count; i++) {
            drl.append("rule \"R-DX-9").append(i).append(" adolescent\"\n    @id(\"R-DX-9").append(i)
                    .append("\") @version(\"").append(version).append("\") @source(\"test\")\nwhen\n")
                    .append("    AgeAtDiagnosis( years >= 13 )\nthen\n")
                    .append("    insert(Finding.of(\"adolescent\", \"PRESENT\"));\nend\n\n");
        }
        return drl.toString();
    }

    private static Map<String, String> folder(Map<String, String> edits) {
        Map<String, String> files = new HashMap<>(Map.of(RuleSetSource.CONFIG_FILE, CONFIG, RuleSetSource.SERVICES_FILE,
                SERVICES, RuleSetSource.FINDINGS_FILE, FINDINGS, "risk/a.drl", rules(1, "1.0.0")));
        files.putAll(edits);
        return files;
    }

    private static String digestOf(Map<String, String> edits) {
        Map<String, String> files = folder(edits);
        RuleSetSource source = source(files, null);
        return RuleSetVersion.current(source, RuleLogic.rules(source.drlFiles())).orElseThrow().digest();
    }

    /** The ledger {@code versions} writes for the folder as it is. */
    private static String recorded(Map<String, String> files) {
        RuleVersionCheck.Recording recording = RuleVersionCheck.record(source(files, null));
        assertThat(recording.ok()).as(recording.refused().toString()).isTrue();
        return recording.ledger();
    }

    private static RuleSetSource source(Map<String, String> files, String ledger) {
        Map<String, String> all = new HashMap<>(files);
        if (ledger != null) {
            all.put(RuleSetSource.VERSIONS_FILE, ledger);
        }
        return new RuleSetSource(Path.of("rules"), Map.copyOf(all), "0");
    }
}
