package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The scenario format is strict (no typo passes silently) and scenarios may build on a named base patient. */
class ScenarioReaderTest {

    private final ScenarioReader reader = new ScenarioReader();

    private static final String BASE = """
            # a small base patient
            resourceType: Bundle
            type: collection
            entry:
              - resource: {resourceType: Patient, id: p1, gender: female, birthDate: '2020-02-10'}
              - resource:
                  resourceType: Observation
                  id: wbc
                  status: final
                  subject: {reference: Patient/p1}
                  code: {coding: [{system: http://loinc.org, code: 6690-2}]}
                  effectiveDateTime: '2024-05-06'
                  valueQuantity: {value: 8.0, system: http://unitsofmeasure.org, code: 10*9/L}
              - resource: {resourceType: Observation, id: cns, status: final}
            """;

    private static final String HEAD = """
            name: a scenario
            service: ped-all-risk
            evaluationTime: '2024-07-18'
            """;

    private static Path write(Path rules, String name, String text) throws IOException {
        Path file = rules.resolve("tests").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private ScenarioReader.Parsed read(Path rules, String text) throws IOException {
        write(rules, "bases/small.yaml", BASE);
        return reader.read(rules, write(rules, "risk/s.yaml", text));
    }

    @Test
    void unknownKey_isAnErrorNamingFileKeyAndPosition(@TempDir Path rules) throws IOException {
        ScenarioReader.Parsed parsed = read(rules, HEAD + """
                input: {base: small}
                expect:
                  findngs:
                  - {type: nci-risk, scheme: NCI, value: STANDARD}
                """);
        assertThat(parsed.scenario()).isNull();
        assertThat(parsed.problem()).startsWith("tests/risk/s.yaml:6:3: error: unknown key 'findngs' in expect")
                .contains("findings, includes, excludes, rulesFired");
    }

    @Test
    void unknownKeys_atEveryLevel_areErrors(@TempDir Path rules) throws IOException {
        assertThat(read(rules, "nmae: x\n" + HEAD + "input: {base: small}\nexpect: {rulesFired: [R-DX-02]}\n").problem())
                .startsWith("tests/risk/s.yaml:1:1: error: unknown key 'nmae' in the scenario");
        assertThat(read(rules, HEAD + "input: {base: small, chnage: {}}\nexpect: {rulesFired: [R-DX-02]}\n").problem())
                .contains(":4:22: error: unknown key 'chnage' in input");
        assertThat(read(rules, HEAD + "input: {base: small}\nexpect:\n  includes:\n  - {type: a, value: B, shceme: C}\n")
                .problem()).contains(":7:25: error: unknown key 'shceme' in a finding of expect.includes");
    }

    /** The card's words may be asserted of an expected finding; of an excluded one they would pass on any rewording. */
    @Test
    void aSummary_isReadForExpectedFindings_andIsAnUnknownKeyForExcludedOnes(@TempDir Path rules) throws IOException {
        ScenarioReader.Parsed parsed = read(rules, HEAD + "input: {base: small}\nexpect:\n  includes:\n"
                + "  - {type: nci-risk, scheme: NCI, value: STANDARD, summary: 'NCI standard risk: WBC 8.0'}\n");
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.scenario().includes()).extracting(ExpectedFinding::summary)
                .containsExactly("NCI standard risk: WBC 8.0");
        assertThat(read(rules, HEAD + "input: {base: small}\nexpect:\n  excludes:\n"
                + "  - {type: nci-risk, scheme: NCI, value: HIGH, summary: x}\n").problem())
                .contains(":7:48: error: unknown key 'summary' in a finding of expect.excludes");
    }

    @Test
    void scenarioWithoutExpectation_isAnError(@TempDir Path rules) throws IOException {
        assertThat(read(rules, HEAD + "input: {base: small}\nexpect: {includes: [], rulesFired: []}\n").problem())
                .isEqualTo("tests/risk/s.yaml: error: the scenario expects nothing: give expect.findings (the exact set;"
                        + " [] for none), includes, excludes or rulesFired");
        assertThat(read(rules, HEAD + "input: {base: small}\nexpect: {findings: []}\n").scenario())
                .as("findings: [] says that nothing is reported").isNotNull();
    }

    @Test
    void inputNeedsExactlyOneSource(@TempDir Path rules) throws IOException {
        assertThat(read(rules, HEAD + "input: {base: small, bundleFile: x.json}\nexpect: {findings: []}\n").problem())
                .contains("input needs exactly one of bundle, bundleFile, requestFile, prefetch, base (found bundleFile, base)");
        assertThat(read(rules, HEAD + "input: {bundleFile: x.json, remove: [wbc]}\nexpect: {findings: []}\n").problem())
                .contains("need input.base");
    }

    @Test
    void basePatient_changeRemoveAndAdd_giveTheBundle(@TempDir Path rules) throws IOException {
        ScenarioReader.Parsed parsed = read(rules, HEAD + """
                input:
                  base: small
                  change:
                    wbc: {valueQuantity: {value: 50.0}, effectiveDateTime: null}
                  remove: [cns]
                  add:
                    - {resourceType: Condition, id: ds, subject: {reference: Patient/p1}}
                expect: {findings: []}
                """);
        assertThat(parsed.problem()).isNull();
        JsonNode bundle = parsed.scenario().input().get("bundle");
        List<String> ids = new ArrayList<>();
        bundle.get("entry").forEach(e -> ids.add(e.get("resource").get("id").asString()));
        assertThat(ids).containsExactly("p1", "wbc", "ds");
        JsonNode wbc = bundle.get("entry").get(1).get("resource");
        assertThat(wbc.get("valueQuantity").get("value").asDouble()).isEqualTo(50.0);
        assertThat(wbc.get("valueQuantity").get("code").asString()).as("merge keeps the fields not named").isEqualTo("10*9/L");
        assertThat(wbc.has("effectiveDateTime")).as("null deletes").isFalse();
        assertThat(wbc.get("subject").get("reference").asString()).isEqualTo("Patient/p1");
    }

    @Test
    void basePatient_isNotChangedByAScenario(@TempDir Path rules) throws IOException {
        read(rules, HEAD + "input: {base: small, remove: [cns]}\nexpect: {findings: []}\n");
        ScenarioReader.Parsed second = reader.read(rules, write(rules, "risk/t.yaml",
                HEAD + "input: {base: small}\nexpect: {findings: []}\n"));
        assertThat(second.scenario().input().get("bundle").get("entry").size()).isEqualTo(3);
    }

    @Test
    void changeOrRemoveOfAnIdTheBaseLacks_isAnError(@TempDir Path rules) throws IOException {
        assertThat(read(rules, HEAD + "input: {base: small, change: {wcb: {status: final}}}\nexpect: {findings: []}\n")
                .problem()).isEqualTo("tests/risk/s.yaml: error: input.change names 'wcb', which base patient 'small'"
                        + " does not have (its resources: p1, wbc, cns)");
        assertThat(read(rules, HEAD + "input: {base: small, remove: [day8]}\nexpect: {findings: []}\n").problem())
                .contains("input.remove names 'day8'");
        assertThat(read(rules, HEAD + "input: {base: tiny}\nexpect: {findings: []}\n").problem())
                .contains("unknown base patient 'tiny' (expected tests/bases/tiny.yaml)");
    }

    /** YAML keeps the last of two equal keys without a word: the first block of expectations would vanish. */
    @Test
    void aKeyGivenTwice_isAnErrorNamingTheKeyAndItsLine(@TempDir Path rules) throws IOException {
        assertThat(read(rules, HEAD + "input: {base: small}\nexpect:\n  includes: [{type: a, value: B}]\n"
                + "  includes: [{type: c, value: D}]\n").problem())
                .isEqualTo("tests/risk/s.yaml:7:11: error: Duplicate Object property \"includes\"");
        assertThat(read(rules, HEAD + "input:\n  base: small\n  change: {wbc: {status: final}}\n"
                + "  change: {cns: {status: final}}\nexpect: {findings: []}\n").problem())
                .startsWith("tests/risk/s.yaml:7:").contains("Duplicate Object property \"change\"");
    }

    /** HAPI drops a field it does not know; the change would silently test the unchanged base. */
    @Test
    void aMisspeltFhirFieldInAChange_isAnErrorNamingIt(@TempDir Path rules) throws IOException {
        assertThat(read(rules, HEAD + "input: {base: small, change: {p1: {birthdate: '2010-01-01'}}}\nexpect: {findings: []}\n")
                .problem()).startsWith("tests/risk/s.yaml: error: input.change.p1 is not a valid FHIR R4 resource:")
                .contains("birthdate");
        assertThat(read(rules, HEAD + "input: {base: small, add: [{resourceType: Condition, id: ds, subjcet: {}}]}\n"
                + "expect: {findings: []}\n").problem()).contains("input.add[0] is not a valid FHIR R4 resource:").contains("subjcet");
    }

    @Test
    void anInvalidEvaluationTime_isAnErrorAtItsLine(@TempDir Path rules) throws IOException {
        assertThat(read(rules, HEAD.replace("'2024-07-18'", "'2024-07'") + "input: {base: small}\nexpect: {findings: []}\n")
                .problem()).isEqualTo("tests/risk/s.yaml:3:1: error: evaluationTime '2024-07' is a partial date (a year or a"
                        + " month) but the evaluation needs a day; it must be a full date YYYY-MM-DD or a dateTime with"
                        + " seconds and a time zone (e.g. 2022-06-01 or 2022-06-01T10:00:00+02:00).");
    }

    @Test
    void aScenarioNamedInCapitals_isRead(@TempDir Path rules) throws IOException {
        read(rules, HEAD + "input: {base: small}\nexpect: {findings: []}\n");
        write(rules, "risk/LOUD.YAML", HEAD + "input: {base: small}\nexpect: {findings: []}\n");
        assertThat(reader.readAll(rules)).extracting(ScenarioReader.Parsed::file)
                .containsExactly("tests/risk/LOUD.YAML", "tests/risk/s.yaml");
    }

    @Test
    void baseFiles_areNotScenarios(@TempDir Path rules) throws IOException {
        read(rules, HEAD + "input: {base: small}\nexpect: {findings: []}\n");
        assertThat(reader.readAll(rules)).extracting(ScenarioReader.Parsed::file).containsExactly("tests/risk/s.yaml");
    }
}
