package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * services.yaml and findings.yaml as lint, reload and start-up read them: a mistake is reported at the key or value
 * it is about, in the author's words. Jackson put an unknown key at the end of the enclosing mapping (the next
 * service), as "Unrecognized property "titel" (class …$ServiceEntry), not marked as ignorable".
 */
class RuleSetFilesTest {

    /** The bundled file with the first {@code from} replaced by {@code to}. */
    private static String bundled(String file, String from, String to) {
        try {
            String text = Files.readString(Path.of("rules").resolve(file));
            assertThat(text).contains(from);
            return text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> servicesProblems(String from, String to) {
        List<RuleProblem> problems = new ArrayList<>();
        RuleSetFiles.readServices(new RuleSetSource(Path.of("."),
                Map.of(RuleSetSource.SERVICES_FILE, bundled(RuleSetSource.SERVICES_FILE, from, to)), "0"), problems);
        return problems.stream().map(RuleProblem::toString).toList();
    }

    private static List<String> findingsProblems(String from, String to) {
        List<RuleProblem> problems = new ArrayList<>();
        FindingVocabulary.read(new RuleSetSource(Path.of("."),
                Map.of(RuleSetSource.FINDINGS_FILE, bundled(RuleSetSource.FINDINGS_FILE, from, to)), "0"), problems);
        return problems.stream().map(RuleProblem::toString).toList();
    }

    private static final String SERVICE_KEYS = "; the keys here are id, hook, title, description, usageRequirements,"
            + " prefetch, rules, overrideReasons";
    private static final String FINDING_KEYS = "; the keys here are schemes, values, candidates, oneValuePer";

    @Test
    void bundledFiles_haveNoProblem() {
        assertThat(servicesProblems("services:", "services:")).isEmpty();
        assertThat(findingsProblems("findings:", "findings:")).isEmpty();
    }

    /** An alias would be read as its own name ("d" published as a title): refused at the alias. */
    @Test
    void aYamlAlias_isAnErrorAtTheAlias_notReadAsItsName() {
        List<String> problems = servicesProblems("    hook: patient-view\n    title: Paediatric ALL risk group at diagnosis",
                "    hook: &h patient-view\n    title: *h");
        assertThat(problems).contains("services.yaml:20:12: error: the YAML alias *h is not supported here: write the"
                + " value out (it would be read as its name)");
    }

    /** Merge keys and aliases used as keys are not read as YAML means them either: each refused where it stands. */
    @Test
    void aMergeKeyOrAnAliasAsKey_isAnErrorAtIt_inTheAuthorsWords() {
        assertThat(servicesProblems("    hook: patient-view\n    title: Paediatric ALL risk group at diagnosis",
                "    hook: patient-view\n    <<: {title: Paediatric ALL risk group at diagnosis}"))
                .contains("services.yaml:20:5: error: a YAML merge key (<<) is not supported here: write the keys out");
        assertThat(servicesProblems("      patient: ", "      &pk patient: ")
                .stream().filter(p -> p.contains("alias")).toList()).isEmpty();
    }

    /** config.yaml too: an alias would be read as its name, and could switch a scheme without a word. */
    @Test
    void aYamlAliasInConfigYaml_isAnErrorAtTheAlias() {
        List<RuleProblem> problems = new ArrayList<>();
        String config = bundled(RuleSetSource.CONFIG_FILE, "relapsePrimary: ", "relapsePrimary: *primary #");
        RuleSetFiles.readManifest(new RuleSetSource(Path.of("."), Map.of(RuleSetSource.CONFIG_FILE,
                config.replaceFirst("version: ", "version: &primary ")), "0"), problems);
        assertThat(problems.stream().map(RuleProblem::toString).toList())
                .anyMatch(p -> p.matches("config\\.yaml:\\d+:\\d+: error: the YAML alias \\*primary is not supported here:.*"));

        List<RuleProblem> keyProblems = new ArrayList<>();
        RuleSetFiles.readManifest(new RuleSetSource(Path.of("."), Map.of(RuleSetSource.CONFIG_FILE,
                bundled(RuleSetSource.CONFIG_FILE, "\nversion: ", "\nversion: &k ")
                        .replace("\nconfig:", "\n*k : 2\nconfig:")), "0"), keyProblems);
        assertThat(keyProblems.stream().map(RuleProblem::toString).toList())
                .anyMatch(p -> p.endsWith("error: a YAML alias is not supported as a key: write the key out"))
                .noneMatch(p -> p.contains("=ALI"));
    }

    /** YAML keeps the last of two values of one key without a word; config.yaml refuses it, and so do these files. */
    @Test
    void aKeyGivenTwice_isAnErrorAtTheSecond() {
        assertThat(servicesProblems("    title: Paediatric ALL risk group at diagnosis",
                "    title: Paediatric ALL risk group at diagnosis\n    title: Another title"))
                .contains("services.yaml:21:5: error: duplicate key 'title': only one value may be given");
        assertThat(findingsProblems("  order-check:\n", "  order-check:\n    oneValuePer: card\n"))
                .anyMatch(p -> p.endsWith("error: duplicate key 'oneValuePer': only one value may be given"));
    }

    @Test
    void anUnknownServiceKey_isAnErrorAtTheKey_withTheKeyItProbablyMeans() {
        assertThat(servicesProblems("    title: Paediatric ALL risk group", "    titel: Paediatric ALL risk group"))
                .containsExactly("services.yaml:20:5: error: unknown key 'titel' (did you mean 'title'?)" + SERVICE_KEYS);
        assertThat(servicesProblems("    overrideReasons:\n      - {system", "    overrideReason:\n      - {system"))
                .singleElement().asString().startsWith("services.yaml:116:5: error: unknown key 'overrideReason'"
                        + " (did you mean 'overrideReasons'?)");
        assertThat(servicesProblems("services:", "service:")).containsExactly("services.yaml:17:1: error: unknown key"
                + " 'service' (did you mean 'services'?); the keys here are overrideReasons, services");
    }

    @Test
    void aMisspeltHook_isAnErrorAtTheHook_notAtTheLineBefore() {
        assertThat(servicesProblems("hook: patient-view", "hook: patient-veiw")).containsExactly("services.yaml:19:11:"
                + " error: service 'ped-all-risk': unknown hook 'patient-veiw' (did you mean 'patient-view'?); the hooks"
                + " are encounter-start, order-select, order-sign, patient-view");
    }

    /** YAML reads an item indented under the one above as the rest of its text; lint said "package 'a - b'" at 1:1. */
    @Test
    void aRulesItemIndentedTooFar_isAnErrorAtItsDash_sayingWhatYamlMadeOfIt() {
        assertThat(servicesProblems("      - org.allcds.rules.risk\n", "       - org.allcds.rules.risk\n"))
                .containsExactly("services.yaml:64:8: error: service 'ped-all-risk': rule package 'org.allcds.rules.common"
                        + " - org.allcds.rules.risk' is not a package name: this '-' is indented more than the item above"
                        + " it, so YAML reads it as the rest of that item; put it under the '-' above");
    }

    @Test
    void anUnknownFindingsKey_isAnErrorAtTheKey_withTheKeyItProbablyMeans() {
        assertThat(findingsProblems("    oneValuePer: card", "    oneValuPer: card"))
                .containsExactly("findings.yaml:10:5: error: unknown key 'oneValuPer' (did you mean 'oneValuePer'?)"
                        + FINDING_KEYS);
        assertThat(findingsProblems("    schemes:", "    schemas:"))
                .containsExactly("findings.yaml:12:5: error: unknown key 'schemas' (did you mean 'schemes'?)" + FINDING_KEYS);
        assertThat(findingsProblems("inputs: [relapse, cd19]", "input: [relapse, cd19]")).containsExactly(
                "findings.yaml:6:1: error: unknown key 'input' (did you mean 'inputs'?); the keys here are findings, inputs");
    }
}
